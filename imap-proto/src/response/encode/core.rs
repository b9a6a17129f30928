//! Primitive rules of RFC 3501 section 9 on the writing side: numbers,
//! atoms, `astring`, `string`, `nstring`, literals (and BINARY's
//! `literal8`), sequence sets, flags and the INTERNALDATE `date-time`.
//!
//! Each writer picks the one canonical form for its value: an atom only
//! where the grammar takes an `astring` and every byte is an
//! `ASTRING-CHAR`, a quoted string for other 7-bit text without CR, LF or
//! NUL, and a literal for everything else.

use crate::types::{DateTime, Flag, SeqNumber, SeqRange, SequenceSet};

/// `ATOM-CHAR`: any CHAR except `atom-specials`.
pub(super) fn is_atom_char(b: u8) -> bool {
    b > 0x20 && b < 0x7f && !matches!(b, b'(' | b')' | b'{' | b'%' | b'*' | b'"' | b'\\' | b']')
}

/// `ASTRING-CHAR`: `ATOM-CHAR` or `]`.
fn is_astring_char(b: u8) -> bool {
    is_atom_char(b) || b == b']'
}

/// True when `s` can be written between double quotes: 7-bit `TEXT-CHAR`s
/// only (no NUL, CR, LF or 8-bit bytes).
fn is_quotable(s: &[u8]) -> bool {
    s.iter()
        .all(|&b| b != 0 && b < 0x80 && b != b'\r' && b != b'\n')
}

/// Writes `n` in decimal (`number`, `number64`, `nz-number`, ...).
///
/// ```
/// let mut out = Vec::new();
/// imap_proto::response::encode::number(&mut out, 4294967295);
/// assert_eq!(out, b"4294967295");
/// ```
pub fn number(out: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    let mut n = n;
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

/// Writes `s` as a `quoted` string, escaping `"` and `\`. The caller makes
/// sure `s` is quotable (see [`string`], which chooses for you).
fn quoted(out: &mut Vec<u8>, s: &[u8]) {
    out.reserve(s.len() + 2);
    out.push(b'"');
    for &b in s {
        if b == b'"' || b == b'\\' {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// Writes `s` as a synchronizing `literal`: `{n}` CRLF and the bytes.
pub fn literal(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'{');
    number(out, s.len() as u64);
    out.extend_from_slice(b"}\r\n");
    out.extend_from_slice(s);
}

/// Writes `s` as a `literal8` (RFC 3516): `~{n}` CRLF and the bytes. Only
/// BINARY data (and METADATA values) may be written this way.
pub fn literal8(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'~');
    literal(out, s);
}

/// `string`: a quoted string when `s` is 7-bit text without CR, LF or NUL,
/// a literal otherwise.
///
/// ```
/// use imap_proto::response::encode::string;
/// let mut out = Vec::new();
/// string(&mut out, b"say \"hi\"");
/// string(&mut out, b" caf\xc3\xa9");
/// assert_eq!(out, b"\"say \\\"hi\\\"\"{6}\r\n caf\xc3\xa9");
/// ```
pub fn string(out: &mut Vec<u8>, s: &[u8]) {
    if is_quotable(s) {
        quoted(out, s);
    } else {
        literal(out, s);
    }
}

/// `astring`: an atom when every byte is an `ASTRING-CHAR`, else a
/// [`string`]. `NIL` (any case) and atoms starting with `~` (which a reader
/// would take for a `literal8`) are quoted, so that no reader can mistake
/// them.
///
/// ```
/// use imap_proto::response::encode::astring;
/// let mut out = Vec::new();
/// astring(&mut out, b"INBOX");
/// out.push(b' ');
/// astring(&mut out, b"My Folder");
/// out.push(b' ');
/// astring(&mut out, b"");
/// assert_eq!(out, b"INBOX \"My Folder\" \"\"");
/// ```
pub fn astring(out: &mut Vec<u8>, s: &[u8]) {
    if !s.is_empty()
        && s.iter().all(|&b| is_astring_char(b))
        && s[0] != b'~'
        && !s.eq_ignore_ascii_case(b"NIL")
    {
        out.extend_from_slice(s);
    } else {
        string(out, s);
    }
}

/// `nstring`: `NIL` for `None`, else a [`string`].
pub fn nstring(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        None => out.extend_from_slice(b"NIL"),
        Some(s) => string(out, s),
    }
}

/// `nstring / literal8` (RFC 3516 BINARY data): like [`nstring`], except
/// that data containing NUL is written as a `literal8`.
pub fn nstring8(out: &mut Vec<u8>, s: Option<&[u8]>) {
    match s {
        Some(s) if s.contains(&0) => literal8(out, s),
        other => nstring(out, other),
    }
}

/// A `quoted` single character or `NIL`, as the hierarchy delimiter of LIST
/// and NAMESPACE is written.
pub(super) fn delimiter(out: &mut Vec<u8>, d: Option<u8>) {
    match d {
        None => out.extend_from_slice(b"NIL"),
        Some(d) => quoted(out, &[d]),
    }
}

/// Writes `items` separated by single spaces.
pub(super) fn spaced<T>(out: &mut Vec<u8>, items: &[T], mut f: impl FnMut(&mut Vec<u8>, &T)) {
    for (k, item) in items.iter().enumerate() {
        if k > 0 {
            out.push(b' ');
        }
        f(out, item);
    }
}

/// Writes `"(" items ")"` with items separated by single spaces.
pub(super) fn paren_list<T>(out: &mut Vec<u8>, items: &[T], f: impl FnMut(&mut Vec<u8>, &T)) {
    out.push(b'(');
    spaced(out, items, f);
    out.push(b')');
}

fn seq_number(out: &mut Vec<u8>, n: SeqNumber) {
    match n {
        SeqNumber::Value(v) => number(out, v.into()),
        SeqNumber::Largest => out.push(b'*'),
    }
}

fn seq_range(out: &mut Vec<u8>, r: &SeqRange) {
    seq_number(out, r.start);
    if r.end != r.start {
        out.push(b':');
        seq_number(out, r.end);
    }
}

/// `sequence-set`: ranges kept as they are (`1:4294967295`, `3:*`),
/// comma-separated.
///
/// ```
/// use imap_proto::types::{SeqNumber, SeqRange, SequenceSet};
/// let set = SequenceSet(vec![
///     SeqRange { start: SeqNumber::Value(1), end: SeqNumber::Value(4294967295) },
///     SeqRange { start: SeqNumber::Value(3), end: SeqNumber::Largest },
///     SeqRange { start: SeqNumber::Value(7), end: SeqNumber::Value(7) },
/// ]);
/// let mut out = Vec::new();
/// imap_proto::response::encode::sequence_set(&mut out, &set);
/// assert_eq!(out, b"1:4294967295,3:*,7");
/// ```
pub fn sequence_set(out: &mut Vec<u8>, set: &SequenceSet) {
    for (k, r) in set.0.iter().enumerate() {
        if k > 0 {
            out.push(b',');
        }
        seq_range(out, r);
    }
}

/// `flag` / `flag-perm` / `flag-fetch`, system flags spelled as in RFC 3501.
pub fn flag(out: &mut Vec<u8>, f: &Flag) {
    let name: &[u8] = match f {
        Flag::Seen => b"\\Seen",
        Flag::Answered => b"\\Answered",
        Flag::Flagged => b"\\Flagged",
        Flag::Deleted => b"\\Deleted",
        Flag::Draft => b"\\Draft",
        Flag::Recent => b"\\Recent",
        Flag::MayCreate => b"\\*",
        Flag::Extension(e) => {
            out.push(b'\\');
            e
        }
        // 8-bit bytes too: the grammar has no literal for a flag, and the
        // reader takes 8-bit bytes in a quoted string (a real-server quirk).
        Flag::Keyword(k)
            if keyword_needs_quotes(k) && !k.contains(&b'\r') && !k.contains(&b'\n') =>
        {
            quoted(out, k);
            return;
        }
        Flag::Keyword(k) => k,
    };
    out.extend_from_slice(name);
}

/// True when a keyword written bare would not read back as itself: empty,
/// starting like a system flag or a quoted string, holding a byte that ends
/// a flag, or with a `[` that its own bytes do not close (the reader would
/// look for the `]` in the next flags). The reader takes a quoted flag as a
/// keyword.
fn keyword_needs_quotes(k: &[u8]) -> bool {
    let unclosed = match (
        k.iter().rposition(|&b| b == b'['),
        k.iter().rposition(|&b| b == b']'),
    ) {
        (Some(open), Some(close)) => open > close,
        (open, _) => open.is_some(),
    };
    matches!(k.first(), None | Some(b'\\' | b'"'))
        || k.iter()
            .any(|&b| matches!(b, b' ' | b'(' | b')' | b'\r' | b'\n'))
        || unclosed
}

/// `flag-list`: `"(" [flag *(SP flag)] ")"`.
pub fn flag_list(out: &mut Vec<u8>, flags: &[Flag]) {
    paren_list(out, flags, flag);
}

const MONTHS: [&[u8; 3]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// Two decimal digits of `n` (which is below 100 for every valid field).
fn two_digits(out: &mut Vec<u8>, n: u32) {
    out.push(b'0' + (n / 10 % 10) as u8);
    out.push(b'0' + (n % 10) as u8);
}

/// `date-time`: `"DD-Mon-YYYY HH:MM:SS +HHMM"`, quotes included, with the
/// day as two digits (the `2DIGIT` form of `date-day-fixed`, as imaplib's
/// Time2Internaldate and [`DateTime`]'s `Display` write it).
///
/// ```
/// use imap_proto::types::DateTime;
/// let d = DateTime { year: 1996, month: 7, day: 7, hour: 2, minute: 44, second: 25, offset_minutes: -420 };
/// let mut out = Vec::new();
/// imap_proto::response::encode::date_time(&mut out, &d);
/// assert_eq!(out, b"\"07-Jul-1996 02:44:25 -0700\"");
/// ```
pub fn date_time(out: &mut Vec<u8>, d: &DateTime) {
    out.push(b'"');
    two_digits(out, d.day.into());
    out.push(b'-');
    let month = usize::from(d.month.clamp(1, 12)) - 1;
    out.extend_from_slice(MONTHS.get(month).copied().unwrap_or(b"Jan"));
    out.push(b'-');
    let year = u32::from(d.year);
    two_digits(out, year / 100);
    two_digits(out, year);
    out.push(b' ');
    two_digits(out, d.hour.into());
    out.push(b':');
    two_digits(out, d.minute.into());
    out.push(b':');
    two_digits(out, d.second.into());
    out.push(b' ');
    out.push(if d.offset_minutes < 0 { b'-' } else { b'+' });
    let off = u32::from(d.offset_minutes.unsigned_abs());
    two_digits(out, off / 60);
    two_digits(out, off % 60);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(f: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut out = Vec::new();
        f(&mut out);
        out
    }

    #[test]
    fn numbers() {
        assert_eq!(with(|o| number(o, 0)), b"0");
        assert_eq!(with(|o| number(o, u64::MAX)), b"18446744073709551615");
    }

    #[test]
    fn astring_forms() {
        assert_eq!(with(|o| astring(o, b"foo]bar")), b"foo]bar");
        assert_eq!(with(|o| astring(o, b"nil")), b"\"nil\"");
        assert_eq!(with(|o| astring(o, b"~x")), b"\"~x\"");
        assert_eq!(with(|o| astring(o, b"a*b")), b"\"a*b\"");
        assert_eq!(with(|o| astring(o, b"a\\b")), b"\"a\\\\b\"");
        assert_eq!(with(|o| astring(o, b"a\r\nb")), b"{4}\r\na\r\nb");
        assert_eq!(with(|o| astring(o, b"\x00")), b"{1}\r\n\x00");
    }

    #[test]
    fn nstring_forms() {
        assert_eq!(with(|o| nstring(o, None)), b"NIL");
        assert_eq!(with(|o| nstring(o, Some(b"NIL"))), b"\"NIL\"");
        assert_eq!(with(|o| nstring(o, Some(b"atom"))), b"\"atom\"");
        assert_eq!(with(|o| nstring8(o, Some(b"a\x00b"))), b"~{3}\r\na\x00b");
        assert_eq!(with(|o| nstring8(o, Some(b"\xff"))), b"{1}\r\n\xff");
    }

    #[test]
    fn flags_and_dates() {
        let flags = [
            Flag::Seen,
            Flag::MayCreate,
            Flag::Extension("X".into()),
            Flag::Keyword("$Junk".into()),
        ];
        assert_eq!(with(|o| flag_list(o, &flags)), b"(\\Seen \\* \\X $Junk)");
        // Keywords that would not read back bare are quoted.
        let odd = ["a b", "\\Seen", "\"x", "", "[a", "x[y]z[", "(", "a)"];
        let flags: Vec<Flag> = odd.iter().map(|k| Flag::Keyword((*k).into())).collect();
        assert_eq!(
            with(|o| flag_list(o, &flags)),
            b"(\"a b\" \"\\\\Seen\" \"\\\"x\" \"\" \"[a\" \"x[y]z[\" \"(\" \"a)\")"
        );
        let gmail = [
            Flag::Keyword("OIB-Seen-[Gmail]/Trash".into()),
            Flag::Keyword("[x]".into()),
        ];
        assert_eq!(
            with(|o| flag_list(o, &gmail)),
            b"(OIB-Seen-[Gmail]/Trash [x])"
        );
        let d = DateTime {
            year: 2024,
            month: 12,
            day: 31,
            hour: 23,
            minute: 5,
            second: 60,
            offset_minutes: 345,
        };
        assert_eq!(
            with(|o| date_time(o, &d)),
            b"\"31-Dec-2024 23:05:60 +0545\""
        );
        let d = DateTime {
            offset_minutes: 0,
            ..d
        };
        assert_eq!(
            with(|o| date_time(o, &d)),
            b"\"31-Dec-2024 23:05:60 +0000\""
        );
    }
}
