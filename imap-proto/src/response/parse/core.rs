//! Primitive rules of RFC 3501 section 9 shared by every parser: numbers,
//! atoms, strings (quoted and literal), `astring`, `nstring`, spaces, and
//! the parse context that turns sub-slices into zero-copy [`Bytes`] and
//! bounds nesting.

use std::cell::Cell;

use bytes::Bytes;
use nom::{
    bytes::complete::{tag, take, take_while1},
    character::complete::digit1,
    error::{Error, ErrorKind},
    Err, IResult,
};

use crate::types::SmallBytes;

/// Result of a rule: the rest of the input and the value.
pub(crate) type PResult<'a, T> = IResult<&'a [u8], T, Error<&'a [u8]>>;

/// Builds a nom failure (not a recoverable error) of `kind` at `i`.
pub(crate) fn fail<T>(i: &[u8], kind: ErrorKind) -> PResult<'_, T> {
    Err(Err::Failure(Error::new(i, kind)))
}

/// Builds a recoverable nom error of `kind` at `i` (lets `alt` try the next branch).
pub(crate) fn error<T>(i: &[u8], kind: ErrorKind) -> PResult<'_, T> {
    Err(Err::Error(Error::new(i, kind)))
}

/// The context of one parse: the buffer the response lives in (so that
/// sub-slices become [`Bytes`] without copying) and the nesting budget.
pub(crate) struct Ctx<'b> {
    base: &'b Bytes,
    depth_left: Cell<usize>,
    /// Set when a nesting limit stopped the parse, so the error can say so.
    pub(crate) too_deep: Cell<bool>,
}

impl<'b> Ctx<'b> {
    /// A context over `base`, allowing `max_depth` levels of nesting.
    pub(crate) fn new(base: &'b Bytes, max_depth: usize) -> Self {
        Ctx {
            base,
            depth_left: Cell::new(max_depth),
            too_deep: Cell::new(false),
        }
    }

    /// The [`Bytes`] for `sub`, a sub-slice of the response being parsed
    /// (zero-copy). A slice from elsewhere is copied, never a panic.
    /// Inlined: returned through memory, the 32-byte `Bytes` is read back
    /// with wide loads that stall on the narrower stores just made.
    #[inline]
    pub(crate) fn bytes(&self, sub: &[u8]) -> Bytes {
        let base = self.base.as_ptr() as usize;
        let p = sub.as_ptr() as usize;
        if sub.is_empty() {
            Bytes::new()
        } else if p >= base && p + sub.len() <= base + self.base.len() {
            self.base.slice(p - base..p - base + sub.len())
        } else {
            copy(sub)
        }
    }

    /// The [`SmallBytes`] for `sub`, a sub-slice of the response: an inline
    /// copy when short (no reference count to update), else as
    /// [`Ctx::bytes`].
    #[inline]
    pub(crate) fn small_bytes(&self, sub: &[u8]) -> SmallBytes {
        SmallBytes::from_slice_or(sub, || self.bytes(sub))
    }

    /// Runs `f` one nesting level deeper; fails with `ErrorKind::TooLarge`
    /// (and sets `too_deep`) past the limit. Every recursive rule goes
    /// through here, so the stack is bounded by `max_depth`.
    pub(crate) fn nested<'a, T>(
        &self,
        i: &'a [u8],
        f: impl FnOnce(&'a [u8]) -> PResult<'a, T>,
    ) -> PResult<'a, T> {
        let left = self.depth_left.get();
        if left == 0 {
            self.too_deep.set(true);
            return fail(i, ErrorKind::TooLarge);
        }
        self.depth_left.set(left - 1);
        let r = f(i);
        self.depth_left.set(left);
        r
    }
}

/// `SP`, leniently: one or more spaces (servers send `*  522 EXISTS`).
#[inline]
pub(crate) fn sp(i: &[u8]) -> PResult<'_, ()> {
    match i {
        [b' ', rest @ ..] => opt_sp(rest),
        _ => error(i, ErrorKind::TakeWhile1),
    }
}

/// Zero or more spaces (for trailing spaces before `)` or CRLF).
#[inline]
pub(crate) fn opt_sp(i: &[u8]) -> PResult<'_, ()> {
    match i {
        [b' ', b' ', ..] => Ok((skip_spaces(i), ())),
        [b' ', rest @ ..] => Ok((rest, ())),
        _ => Ok((i, ())),
    }
}

/// `i` after its leading spaces (the rare case of several).
fn skip_spaces(i: &[u8]) -> &[u8] {
    let n = i.iter().take_while(|&&b| b == b' ').count();
    &i[n..]
}

/// `CRLF`; a bare LF is tolerated.
pub(crate) fn crlf(i: &[u8]) -> PResult<'_, ()> {
    if let Some(rest) = i.strip_prefix(b"\r\n") {
        Ok((rest, ()))
    } else if let Some(rest) = i.strip_prefix(b"\n") {
        Ok((rest, ()))
    } else {
        error(i, ErrorKind::CrLf)
    }
}

/// `number`: 32-bit unsigned (RFC 3501 `number` is < 2^32).
#[inline]
pub(crate) fn number(i: &[u8]) -> PResult<'_, u32> {
    match digits(i) {
        Some((n, k)) if n <= u64::from(u32::MAX) => Ok((&i[k..], n as u32)),
        Some(_) => fail(i, ErrorKind::TooLarge),
        None => error(i, ErrorKind::Digit),
    }
}

/// `number64` (RFC 9051): up to 2^63 - 1.
#[inline]
pub(crate) fn number64(i: &[u8]) -> PResult<'_, u64> {
    match digits(i) {
        Some((n, k)) if n <= i64::MAX as u64 => Ok((&i[k..], n)),
        Some(_) => fail(i, ErrorKind::TooLarge),
        None => error(i, ErrorKind::Digit),
    }
}

/// The leading decimal digits of `i`: their value (`u64::MAX` when it does
/// not fit) and count; `None` when `i` does not start with a digit. Up to
/// seven digits followed by more bytes are read as one word (SWAR).
#[inline]
fn digits(i: &[u8]) -> Option<(u64, usize)> {
    if let Some((n, k)) = i.get(..8).and_then(short_number) {
        return Some((u64::from(n), k));
    }
    let mut n: u64 = 0;
    let mut k = 0;
    while let Some(&b) = i.get(k) {
        let d = b.wrapping_sub(b'0');
        if d > 9 {
            break;
        }
        n = n
            .checked_mul(10)
            .and_then(|n| n.checked_add(u64::from(d)))
            .unwrap_or(u64::MAX);
        k += 1;
    }
    (k > 0).then_some((n, k))
}

/// A number of one to seven digits at the start of `w` (eight bytes, read
/// as one word: SWAR), and its length, when the byte after it is in `w`
/// and not a digit; `None` otherwise (the byte-wise loop takes over).
#[inline]
pub(crate) fn short_number(w: &[u8]) -> Option<(u32, usize)> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let w = u64::from_le_bytes(w.try_into().ok()?);
    let x = w.wrapping_sub(0x3030_3030_3030_3030);
    // The lowest flagged byte is the first non-digit (borrows and carries
    // only spread upwards): below '0' sets the high bit of `x`, above '9'
    // that of `w + 0x46`, 8-bit bytes that of one or the other.
    let non_digit = (x | w.wrapping_add(0x4646_4646_4646_4646)) & HIGH;
    let len = (non_digit.trailing_zeros() / 8) as usize;
    if len == 0 || len == 8 {
        return None;
    }
    // The digit values, most significant first, moved to the top bytes
    // (zeros below them are leading zeros), then combined pairwise.
    let v = x << (64 - 8 * len);
    let v = (v.wrapping_mul(10).wrapping_add(v >> 8)) & 0x00FF_00FF_00FF_00FF;
    let v = (v.wrapping_mul(100).wrapping_add(v >> 16)) & 0x0000_FFFF_0000_FFFF;
    let v = (v.wrapping_mul(10_000).wrapping_add(v >> 32)) & 0x0000_0000_FFFF_FFFF;
    Some((v as u32, len))
}

/// `nz-number`: a number that is not 0.
pub(crate) fn nz_number(i: &[u8]) -> PResult<'_, u32> {
    let (rest, n) = number(i)?;
    if n == 0 {
        return error(i, ErrorKind::Verify);
    }
    Ok((rest, n))
}

/// Decimal digits to u64, `None` on overflow.
pub(crate) fn parse_u64(d: &[u8]) -> Option<u64> {
    let mut n: u64 = 0;
    for &b in d {
        n = n
            .checked_mul(10)?
            .checked_add(u64::from(b.wrapping_sub(b'0')))?;
    }
    Some(n)
}

/// Byte classes, one lookup per byte: bit [`ATOM`] for `ATOM-CHAR`, bit
/// [`ASTRING`] for `ASTRING-CHAR`, bit [`KEYWORD_STOP`] for the bytes a
/// lenient flag keyword stops at (or looks at twice).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0x21;
    while b < 0x7f {
        let c = b as u8;
        if !matches!(c, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']') {
            t[b] = ATOM | ASTRING;
        }
        b += 1;
    }
    t[b']' as usize] = ASTRING;
    t[b' ' as usize] |= KEYWORD_STOP;
    t[b'(' as usize] |= KEYWORD_STOP;
    t[b')' as usize] |= KEYWORD_STOP;
    t[b'\r' as usize] |= KEYWORD_STOP;
    t[b'\n' as usize] |= KEYWORD_STOP;
    t[b'[' as usize] |= KEYWORD_STOP;
    t
};
/// [`CLASS`] bit of `ATOM-CHAR`.
const ATOM: u8 = 1;
/// [`CLASS`] bit of `ASTRING-CHAR`.
const ASTRING: u8 = 2;
/// [`CLASS`] bit of SP, `(`, `)`, CR, LF and `[`: see
/// [`super::flag::flag_keyword`].
const KEYWORD_STOP: u8 = 4;

/// True for the bytes [`super::flag::flag_keyword`] must look at: the
/// ones that end a keyword, and `[`.
#[inline]
pub(crate) fn is_keyword_stop(b: u8) -> bool {
    CLASS[usize::from(b)] & KEYWORD_STOP != 0
}

/// `ATOM-CHAR`: any CHAR except `atom-specials`.
#[inline]
pub(crate) fn is_atom_char(b: u8) -> bool {
    CLASS[usize::from(b)] & ATOM != 0
}

/// `ASTRING-CHAR`: `ATOM-CHAR` or `]`.
#[inline]
pub(crate) fn is_astring_char(b: u8) -> bool {
    CLASS[usize::from(b)] & ASTRING != 0
}

/// `atom`.
pub(crate) fn atom(i: &[u8]) -> PResult<'_, &[u8]> {
    take_while1(is_atom_char)(i)
}

/// `quoted`: `"..."` with `\"` and `\\` escapes. 8-bit bytes are accepted
/// (servers send them). Without escapes the result is a zero-copy slice.
pub(crate) fn quoted<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    let (rest, (raw, escaped)) = quoted_raw(i)?;
    let value = if escaped {
        Bytes::from(unescape(raw))
    } else {
        ctx.bytes(raw)
    };
    Ok((rest, value))
}

/// `quoted`, as an interned static [`Bytes`] when it is a common token
/// (see [`super::intern`]), else as [`quoted`] does.
#[inline]
pub(crate) fn quoted_token<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    if let Some((token, rest)) = i
        .strip_prefix(b"\"")
        .and_then(super::intern::quoted_token_prefix)
    {
        return Ok((rest, token));
    }
    quoted(ctx, i)
}

/// `quoted`, as the bytes between the quotes (escapes not undone) and
/// whether there are escapes in them.
#[inline(always)]
pub(crate) fn quoted_raw(i: &[u8]) -> PResult<'_, (&[u8], bool)> {
    let Some(body) = i.strip_prefix(b"\"") else {
        return error(i, ErrorKind::Tag);
    };
    let mut escaped = false;
    let mut k = 0;
    loop {
        k += quoted_special(body.get(k..).unwrap_or_default());
        match body.get(k) {
            Some(b'"') => return Ok((&body[k + 1..], (&body[..k], escaped))),
            // Only `"` and `\` may be escaped; a backslash never hides a
            // CR or LF (the value could not be written back).
            Some(b'\\') if matches!(body.get(k + 1), Some(b'\r' | b'\n')) => {
                return error(&body[k..], ErrorKind::Char)
            }
            Some(b'\\') => {
                escaped = true;
                k += 2;
            }
            Some(b'\r' | b'\n') => return error(&body[k..], ErrorKind::Char),
            Some(_) => k += 1,
            None => return error(i, ErrorKind::Eof),
        }
    }
}

/// Index of the first byte of `s` that ends, escapes or may break a quoted
/// string (`"`, `\`, or a control character), `s.len()` if none: eight
/// bytes at a time (SWAR), since quoted strings make up most of a FETCH of
/// envelopes and body structures.
#[inline]
fn quoted_special(s: &[u8]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut k = 0;
    while let Some(chunk) = s.get(k..k + 8) {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let q = w ^ (ONES * u64::from(b'"'));
        let b = w ^ (ONES * u64::from(b'\\'));
        // The lowest flagged byte of each term is exact (borrows only
        // spread upwards from a true hit).
        let m = (q.wrapping_sub(ONES) & !q)
            | (b.wrapping_sub(ONES) & !b)
            | (w.wrapping_sub(ONES * 0x20) & !w);
        let m = m & HIGH;
        if m != 0 {
            return k + (m.trailing_zeros() / 8) as usize;
        }
        k += 8;
    }
    let tail = s.get(k..).unwrap_or_default();
    k + tail
        .iter()
        .position(|&c| c == b'"' || c == b'\\' || c < 0x20)
        .unwrap_or(tail.len())
}

/// A quoted string's bytes with its backslash escapes undone.
pub(crate) fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut it = raw.iter();
    while let Some(&b) = it.next() {
        if b == b'\\' {
            if let Some(&n) = it.next() {
                out.push(n);
            }
        } else {
            out.push(b);
        }
    }
    out
}

/// `literal` (`{n}CRLF` + n bytes; `{n+}` tolerated) and, with `~`,
/// `literal8` (RFC 3516). The data is a zero-copy slice.
pub(crate) fn literal<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    let (j, data) = literal_raw(i)?;
    Ok((j, ctx.bytes(data)))
}

/// [`literal`], as the slice of the input that holds the data.
pub(crate) fn literal_raw(i: &[u8]) -> PResult<'_, &[u8]> {
    let j = i.strip_prefix(b"~").unwrap_or(i);
    let (j, _) = tag(b"{")(j)?;
    let (j, d) = digit1(j)?;
    let n = match parse_u64(d) {
        Some(n) if n <= usize::MAX as u64 => n as usize,
        _ => return fail(i, ErrorKind::TooLarge),
    };
    let j = j.strip_prefix(b"+").unwrap_or(j);
    let (j, _) = tag(b"}")(j)?;
    let (j, _) = crlf(j)?;
    if j.len() < n {
        return fail(i, ErrorKind::Eof);
    }
    take(n)(j)
}

/// `string`: quoted or literal.
pub(crate) fn string<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    match i.first() {
        Some(b'"') => quoted(ctx, i),
        Some(b'{') | Some(b'~') => literal(ctx, i),
        _ => error(i, ErrorKind::Alt),
    }
}

/// `astring`: 1*ASTRING-CHAR or string.
pub(crate) fn astring<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    match i {
        // `~` starts a literal8 only before `{`: `~/Mail/saved` is an atom.
        [b'"', ..] | [b'{', ..] | [b'~', b'{', ..] => string(ctx, i),
        _ => {
            let (rest, a) = take_while1(is_astring_char)(i)?;
            Ok((rest, ctx.bytes(a)))
        }
    }
}

/// `nil`, case-insensitive.
#[inline]
pub(crate) fn nil(i: &[u8]) -> PResult<'_, ()> {
    if let [b'N', b'I', b'L', rest @ ..] = i {
        if !rest.first().copied().is_some_and(is_atom_char) {
            return Ok((rest, ()));
        }
    }
    nil_slow(i)
}

/// [`nil`] in any case.
fn nil_slow(i: &[u8]) -> PResult<'_, ()> {
    if i.len() >= 3
        && i[..3].eq_ignore_ascii_case(b"NIL")
        && !i.get(3).copied().is_some_and(is_atom_char)
    {
        Ok((&i[3..], ()))
    } else {
        error(i, ErrorKind::Tag)
    }
}

/// `nstring`: string or NIL.
#[inline]
pub(crate) fn nstring<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Option<Bytes>> {
    if i.first() == Some(&b'"') {
        let (rest, s) = quoted(ctx, i)?;
        return Ok((rest, Some(s)));
    }
    if let Ok((rest, ())) = nil(i) {
        return Ok((rest, None));
    }
    let (rest, s) = string(ctx, i)?;
    Ok((rest, Some(s)))
}

/// `nstring` for a value that is often a common token (media types,
/// parameters, encodings): as [`nstring`], interning quoted tokens.
#[inline]
pub(crate) fn nstring_token<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Option<Bytes>> {
    if i.first() == Some(&b'"') {
        let (rest, s) = quoted_token(ctx, i)?;
        return Ok((rest, Some(s)));
    }
    nstring(ctx, i)
}

/// `string` for a value that is often a common token: as [`string`],
/// interning quoted tokens.
pub(crate) fn string_token<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    if i.first() == Some(&b'"') {
        return quoted_token(ctx, i);
    }
    string(ctx, i)
}

/// A case-insensitive keyword followed by a non-atom byte.
pub(crate) fn keyword<'a>(word: &'static str) -> impl Fn(&'a [u8]) -> PResult<'a, ()> {
    move |i: &'a [u8]| {
        let w = word.as_bytes();
        if i.len() >= w.len() && i[..w.len()].eq_ignore_ascii_case(w) {
            Ok((&i[w.len()..], ()))
        } else {
            error(i, ErrorKind::Tag)
        }
    }
}

/// A slice from outside the response, copied (never on the usual path).
#[cold]
fn copy(sub: &[u8]) -> Bytes {
    Bytes::copy_from_slice(sub)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_numbers_agree_with_the_byte_wise_reading() {
        for n in [
            0u32, 1, 9, 10, 42, 99, 100, 12345, 999_999, 1_000_000, 9_999_999,
        ] {
            for end in [
                b' ', b'\r', b')', b'/', b':', 0xff, 0xb9, 0xba, 0x2f, 0x3a, 0,
            ] {
                let mut w = n.to_string().into_bytes();
                let len = w.len();
                w.push(end);
                w.resize(8, b'7');
                assert_eq!(short_number(&w), Some((n, len)), "{n} {end:#x}");
            }
        }
        assert_eq!(short_number(b"12345678"), None);
        assert_eq!(short_number(b" 1234567"), None);
        assert_eq!(short_number(b"x1234567"), None);
    }

    fn ctx_for(b: &Bytes) -> Ctx<'_> {
        Ctx::new(b, 10)
    }

    #[test]
    fn quoted_is_zero_copy_without_escapes() {
        let b = Bytes::from_static(b"\"hello\" rest");
        let ctx = ctx_for(&b);
        let (rest, v) = quoted(&ctx, &b).unwrap();
        assert_eq!(&v[..], b"hello");
        assert_eq!(rest, b" rest");
        assert_eq!(v.as_ptr(), b[1..].as_ptr());
    }

    #[test]
    fn escaped_cr_or_lf_is_an_error() {
        for bad in [&b"\"a\\\rb\""[..], b"\"a\\\nb\""] {
            let b = Bytes::copy_from_slice(bad);
            let ctx = ctx_for(&b);
            assert!(quoted(&ctx, &b).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn quoted_unescapes() {
        let b = Bytes::from_static(b"\"a\\\"b\\\\c\"");
        let ctx = ctx_for(&b);
        assert_eq!(&quoted(&ctx, &b).unwrap().1[..], b"a\"b\\c");
    }

    #[test]
    fn quoted_scan_finds_every_special_byte_at_every_offset() {
        for len in 0..40 {
            let text: Vec<u8> = (0..len).map(|k| b'a' + (k % 26) as u8).collect();
            let mut s = b"\"".to_vec();
            s.extend_from_slice(&text);
            s.extend_from_slice(b"\" tail");
            let b = Bytes::from(s);
            let (rest, v) = quoted(&ctx_for(&b), &b).unwrap();
            assert_eq!((&v[..], rest), (&text[..], &b" tail"[..]));
            for bad in [b'\r', b'\n'] {
                let mut s = b"\"".to_vec();
                s.extend_from_slice(&text);
                s.push(bad);
                s.extend_from_slice(b"x\" tail");
                let b = Bytes::from(s);
                assert!(quoted(&ctx_for(&b), &b).is_err(), "{len}");
            }
            let mut s = b"\"".to_vec();
            s.extend_from_slice(&text);
            s.extend_from_slice(b"\\\"\t\xe9\x01\\\\z\"");
            let b = Bytes::from(s);
            let (rest, v) = quoted(&ctx_for(&b), &b).unwrap();
            let mut want = text.clone();
            want.extend_from_slice(b"\"\t\xe9\x01\\z");
            assert_eq!((&v[..], rest), (&want[..], &b""[..]));
            let mut s = b"\"".to_vec();
            s.extend_from_slice(&text);
            let b = Bytes::from(s);
            assert!(quoted(&ctx_for(&b), &b).is_err());
        }
    }

    #[test]
    fn literal_takes_n_bytes() {
        let b = Bytes::from_static(b"{5}\r\nab\r\ncX");
        let ctx = ctx_for(&b);
        let (rest, v) = literal(&ctx, &b).unwrap();
        assert_eq!(&v[..], b"ab\r\nc");
        assert_eq!(rest, b"X");
    }

    #[test]
    fn huge_literal_length_is_an_error() {
        let b = Bytes::from_static(b"{18446744073709551615}\r\nab");
        let ctx = ctx_for(&b);
        assert!(literal(&ctx, &b).is_err());
        let b = Bytes::from_static(b"{1234567890123456789012345}\r\nab");
        let ctx = ctx_for(&b);
        assert!(literal(&ctx, &b).is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(number(b"4294967295 ").unwrap().1, u32::MAX);
        assert!(number(b"4294967296").is_err());
        assert!(nz_number(b"0").is_err());
        assert_eq!(number64(b"9223372036854775807").unwrap().1, i64::MAX as u64);
    }

    #[test]
    fn depth_is_bounded() {
        let b = Bytes::from_static(b"((((((((((((x");
        let ctx = Ctx::new(&b, 3);
        fn list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, usize> {
            if let Some(rest) = i.strip_prefix(b"(") {
                ctx.nested(rest, |r| list(ctx, r)).map(|(r, n)| (r, n + 1))
            } else {
                Ok((i, 0))
            }
        }
        assert!(list(&ctx, &b).is_err());
        assert!(ctx.too_deep.get());
    }
}
