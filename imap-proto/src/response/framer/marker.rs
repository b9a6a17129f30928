//! Reading the literal marker (`{n}`, `{n+}`, `~{n}`) that may end a line.

use super::Snippet;

/// Most digits a literal length may have (`u64::MAX` has 20).
const MAX_LENGTH_DIGITS: usize = 20;

/// What a skipped line's dropped bytes say about a literal marker that may
/// end the line: how many digits they end with, and whether the byte
/// before those digits is `{`.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Carry {
    digits: usize,
    brace: bool,
}

impl Carry {
    /// Sums up `dropped`, the next bytes dropped from the skipped line.
    pub(super) fn absorb(&mut self, dropped: &[u8]) {
        let run = dropped
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run == dropped.len() {
            self.digits = self.digits.saturating_add(run);
        } else {
            *self = Carry {
                digits: run,
                brace: dropped[dropped.len() - run - 1] == b'{',
            };
        }
    }
}

/// What the end of a line says about a following literal.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Marker {
    /// No literal follows: the line ends the response.
    None,
    /// A literal of this many bytes follows.
    Literal(u64),
    /// A literal follows, but its length cannot be read.
    Unreadable(Snippet),
}

/// Reads the literal marker that may end `line` (LF excluded, CR optional):
/// `{` digits `+`? `}`. `carry` sums up bytes dropped before `line` starts.
/// `{}`, `{-1}` and `{ 5}` are no markers; more than 20 digits, or a value
/// over `u64::MAX`, is an unreadable one.
pub(super) fn literal_marker(line: &[u8], carry: Carry) -> Marker {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let Some(rest) = line.strip_suffix(b"}") else {
        return Marker::None;
    };
    let rest = rest.strip_suffix(b"+").unwrap_or(rest);
    let run = rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let start = rest.len() - run;
    let (digits, brace) = if start == 0 {
        (run.saturating_add(carry.digits), carry.brace)
    } else {
        (run, rest[start - 1] == b'{')
    };
    if !brace || digits == 0 {
        return Marker::None;
    }
    // Digits in `carry` were dropped and cannot be read; the framer keeps
    // enough of a skipped line that this only happens past 20 digits.
    let value = if digits <= MAX_LENGTH_DIGITS && digits == run {
        parse_digits(&rest[start..])
    } else {
        None
    };
    match value {
        Some(n) => Marker::Literal(n),
        None => Marker::Unreadable(Snippet::new(&line[line.len().saturating_sub(32)..])),
    }
}

/// Whether a short slice holds an LF: eight bytes at a time (SWAR), in
/// place, cheaper than a call to memchr for a few bytes.
#[inline]
pub(super) fn has_lf_short(window: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut words = window.chunks_exact(8);
    let mut zero = 0;
    for w in &mut words {
        let x = u64::from_le_bytes(w.try_into().unwrap_or([0; 8])) ^ (ONES * u64::from(b'\n'));
        // Non-zero exactly when some byte of `x` is zero, i.e. an LF.
        zero |= x.wrapping_sub(ONES) & !x;
    }
    zero & HIGH != 0 || words.remainder().contains(&b'\n')
}

/// Finds LF bytes: memchr's AVX2 searcher built once (when the CPU has
/// AVX2), which skips the per-call dispatch of `memchr::memchr`, a large
/// part of the cost for lines of a few dozen bytes; `memchr::memchr`
/// elsewhere.
#[derive(Clone, Copy, Debug)]
pub(super) struct LfFinder {
    #[cfg(target_arch = "x86_64")]
    avx2: Option<memchr::arch::x86_64::avx2::memchr::One>,
}

impl LfFinder {
    /// A finder for this CPU.
    pub(super) fn new() -> Self {
        LfFinder {
            #[cfg(target_arch = "x86_64")]
            avx2: memchr::arch::x86_64::avx2::memchr::One::new(b'\n'),
        }
    }

    /// The offset of the first LF in `haystack`.
    #[inline]
    pub(super) fn find(&self, haystack: &[u8]) -> Option<usize> {
        #[cfg(target_arch = "x86_64")]
        if let Some(one) = &self.avx2 {
            return one.find(haystack);
        }
        memchr::memchr(b'\n', haystack)
    }
}

/// ASCII digits to u64, `None` on overflow.
fn parse_digits(d: &[u8]) -> Option<u64> {
    d.iter().try_fold(0u64, |n, &b| {
        n.checked_mul(10)?.checked_add(u64::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(line: &[u8]) -> Marker {
        literal_marker(line, Carry::default())
    }

    #[test]
    fn lf_finder_agrees_with_memchr() {
        let f = LfFinder::new();
        for len in [0usize, 1, 15, 16, 31, 32, 33, 63, 64, 127, 128, 129, 300] {
            for at in [0, len / 3, len.saturating_sub(1), len] {
                let mut w = vec![b'x'; len];
                if at < len {
                    w[at] = b'\n';
                }
                assert_eq!(f.find(&w), memchr::memchr(b'\n', &w), "{len} {at}");
            }
        }
    }

    #[test]
    fn has_lf_short_finds_an_lf_anywhere() {
        for len in 0..70 {
            assert!(!has_lf_short(&vec![0x8a; len]));
            for at in 0..len {
                let mut w = vec![0x0b; len];
                w[at] = b'\n';
                assert!(has_lf_short(&w), "{len} {at}");
            }
        }
    }

    #[test]
    fn markers_are_read() {
        assert_eq!(marker(b"* 1 FETCH (BODY[] {12}\r"), Marker::Literal(12));
        assert_eq!(marker(b"* 1 FETCH (BODY[] {12+}\r"), Marker::Literal(12));
        assert_eq!(marker(b"* 1 FETCH (BINARY[] ~{0}"), Marker::Literal(0));
        assert_eq!(
            marker(b"{18446744073709551615}\r"),
            Marker::Literal(u64::MAX)
        );
        assert_eq!(marker(b"{00000000000000000007}"), Marker::Literal(7));
    }

    #[test]
    fn non_markers_are_not_literals() {
        for line in [
            &b"* OK {-1}\r"[..],
            b"{}\r",
            b"{ 5}",
            b"5}",
            b"{5}x",
            b"{5}\r\r",
            b"{+}",
            b"}",
            b"",
        ] {
            assert_eq!(
                marker(line),
                Marker::None,
                "{:?}",
                String::from_utf8_lossy(line)
            );
        }
    }

    #[test]
    fn unreadable_lengths() {
        assert!(matches!(
            marker(b"A {18446744073709551616}"),
            Marker::Unreadable(_)
        ));
        assert!(matches!(
            marker(b"A {000000000000000000007}"),
            Marker::Unreadable(_)
        ));
        match marker(b"* 1 FETCH (BODY[] {1234567890123456789012345}\r") {
            Marker::Unreadable(raw) => {
                assert_eq!(raw.0, b"BODY[] {1234567890123456789012345}"[2..].to_vec())
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn carry_stands_for_dropped_bytes() {
        let mut carry = Carry::default();
        carry.absorb(b"xx {12");
        carry.absorb(b"345");
        assert!(matches!(
            literal_marker(b"6}\r", carry),
            Marker::Unreadable(_)
        ));
        let mut carry = Carry::default();
        carry.absorb(b"xx {");
        assert_eq!(literal_marker(b"42}", carry), Marker::Literal(42));
        let mut carry = Carry::default();
        carry.absorb(b"x 12");
        assert_eq!(literal_marker(b"6}", carry), Marker::None);
        let mut carry = Carry::default();
        carry.absorb(b"{");
        carry.absorb(&[b'1'; 30]);
        assert!(matches!(
            literal_marker(b"1}", carry),
            Marker::Unreadable(_)
        ));
    }

    #[test]
    fn lf_detection_on_short_windows() {
        assert!(!has_lf_short(b""));
        assert!(!has_lf_short(b"* 1 FETCH (UID 1"));
        assert!(has_lf_short(b"abc\ndef"));
    }
}
