//! Helpers shared by the rule parsers of this module: keyword matching
//! without allocation, lenient spaces and strings, and a scanner that takes
//! an unparsed value (balanced parentheses, quoted strings, literals) in one
//! linear pass without recursion.

use nom::error::ErrorKind;

use super::core::{error, PResult};

/// Skips zero or more spaces; never fails.
pub(crate) fn skip_sp(i: &[u8]) -> &[u8] {
    let n = i.iter().take_while(|&&b| b == b' ').count();
    i.get(n..).unwrap_or_default()
}

/// One byte `c`, exactly.
pub(crate) fn chr(i: &[u8], c: u8) -> PResult<'_, ()> {
    match i.split_first() {
        Some((&b, rest)) if b == c => Ok((rest, ())),
        _ => error(i, ErrorKind::Char),
    }
}

/// Where a quoted string that opens at `i[start]` ends (the index after
/// its closing quote), `None` if it does not end on this line.
fn skip_quoted(i: &[u8], start: usize) -> Option<usize> {
    let mut k = start.checked_add(1)?;
    loop {
        match *i.get(k)? {
            b'"' => return Some(k + 1),
            b'\\' => k = k.checked_add(2)?,
            b'\r' | b'\n' => return None,
            _ => k += 1,
        }
    }
}

/// Where a literal `{n}CRLF...` (or `~{n}`, `{n+}`) that opens at
/// `i[start]` ends, `None` if malformed or cut short.
fn skip_literal(i: &[u8], start: usize) -> Option<usize> {
    let mut k = start;
    if i.get(k) == Some(&b'~') {
        k += 1;
    }
    if i.get(k) != Some(&b'{') {
        return None;
    }
    k += 1;
    let mut n: usize = 0;
    let digits_at = k;
    while let Some(d) = i.get(k).filter(|d| d.is_ascii_digit()) {
        n = n.checked_mul(10)?.checked_add(usize::from(d - b'0'))?;
        k += 1;
    }
    if k == digits_at {
        return None;
    }
    if i.get(k) == Some(&b'+') {
        k += 1;
    }
    if i.get(k) != Some(&b'}') {
        return None;
    }
    k += 1;
    if i.get(k) == Some(&b'\r') {
        k += 1;
    }
    if i.get(k) != Some(&b'\n') {
        return None;
    }
    let end = k.checked_add(1)?.checked_add(n)?;
    (end <= i.len()).then_some(end)
}

/// Scans raw data up to the first byte at parenthesis depth 0 for which
/// `stop` holds (or a `)` closing more than was opened, or CR/LF), skipping
/// quoted strings and literals. Linear and without recursion, so no input
/// can overflow the stack. Returns the length scanned.
fn scan(i: &[u8], stop: impl Fn(u8) -> bool) -> Option<usize> {
    let mut depth: usize = 0;
    let mut k = 0;
    while let Some(&c) = i.get(k) {
        if depth == 0 && stop(c) {
            break;
        }
        match c {
            b'(' => {
                depth += 1;
                k += 1;
            }
            b')' => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
                k += 1;
            }
            b'"' => k = skip_quoted(i, k)?,
            b'{' => k = skip_literal(i, k).unwrap_or(k + 1),
            b'\r' | b'\n' => break,
            _ => k += 1,
        }
    }
    (depth == 0).then_some(k)
}

/// An unparsed value (`tagged-ext-val`, `search-return-value`, a FETCH
/// attribute's value): an atom or number, a string, or a balanced
/// parenthesised list. Returned as the raw bytes, never empty.
pub(crate) fn raw_value(i: &[u8]) -> PResult<'_, &[u8]> {
    match scan(i, |c| c == b' ') {
        Some(n) if n > 0 => Ok((&i[n..], &i[..n])),
        _ => error(i, ErrorKind::TakeUntil),
    }
}

/// The raw data of a response code up to its closing `]`: a `]` inside
/// parentheses or quotes does not end it (Gmail's
/// `[PERMANENTFLAGS (OIB-Seen-[Gmail]/Trash \*)]`). The rest starts at `]`.
pub(crate) fn raw_code_data(i: &[u8]) -> PResult<'_, &[u8]> {
    match scan(i, |c| c == b']') {
        Some(n) if i.get(n) == Some(&b']') => Ok((&i[n..], &i[..n])),
        _ => error(i, ErrorKind::TakeUntil),
    }
}

/// The text up to (not including) the first CR or LF.
pub(crate) fn line_rest(i: &[u8]) -> (&[u8], &[u8]) {
    let n = memchr::memchr2(b'\r', b'\n', i).unwrap_or(i.len());
    (&i[n..], &i[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_value_forms() {
        assert_eq!(raw_value(b"123 x").unwrap(), (&b" x"[..], &b"123"[..]));
        assert_eq!(
            raw_value(b"(a (b) \"c)\") rest").unwrap().1,
            b"(a (b) \"c)\")"
        );
        assert_eq!(raw_value(b"\"a b\")").unwrap().1, b"\"a b\"");
        assert_eq!(raw_value(b"({3}\r\n)))) x").unwrap().1, b"({3}\r\n))))");
        assert!(raw_value(b"(unclosed\r\n").is_err());
        assert!(raw_value(b" x").is_err());
    }

    #[test]
    fn raw_code_data_skips_brackets_in_lists() {
        let (rest, d) = raw_code_data(b"(a [Gmail]/x \\*)] text").unwrap();
        assert_eq!(d, b"(a [Gmail]/x \\*)");
        assert_eq!(rest, b"] text");
        assert!(raw_code_data(b"no end\r\n").is_err());
    }
}
