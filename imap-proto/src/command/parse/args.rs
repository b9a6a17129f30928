//! Argument rules shared by the command parsers (server side): mailbox,
//! flags, date-time, sequence-set, parenthesised lists.

use bytes::Bytes;
use nom::error::ErrorKind;

use crate::response::parse::core::{self, error, is_astring_char, is_atom_char, Ctx, PResult};
use crate::types::{DateTime, Flag, MailboxName, SeqNumber, SeqRange, SequenceSet};

use crate::command::encode::MONTHS;

/// Result of a command rule.
pub(crate) type R<'a, T> = PResult<'a, T>;

/// The context of one command parse: zero-copy bytes, nesting budget, and
/// whether UTF8=ACCEPT is on (mailbox names are then UTF-8).
pub(crate) struct P<'b> {
    pub(crate) ctx: Ctx<'b>,
    pub(crate) utf8: bool,
}

/// One byte `b`.
pub(crate) fn byte(i: &[u8], b: u8) -> R<'_, ()> {
    match i.first() {
        Some(&c) if c == b => Ok((&i[1..], ())),
        _ => error(i, ErrorKind::Char),
    }
}

/// `")"`
pub(crate) fn close(i: &[u8]) -> R<'_, ()> {
    byte(i, b')')
}

/// `SP "("`
pub(crate) fn sp_paren(i: &[u8]) -> R<'_, ()> {
    let (i, _) = byte(i, b' ')?;
    byte(i, b'(')
}

/// A keyword that must be a whole atom (not the start of a longer one).
pub(crate) fn whole_kw<'a>(i: &'a [u8], w: &'static str) -> R<'a, ()> {
    let (j, _) = core::keyword(w)(i)?;
    if j.first().is_some_and(|&b| is_atom_char(b)) {
        return error(i, ErrorKind::Tag);
    }
    Ok((j, ()))
}

/// `SP keyword`
pub(crate) fn sp_kw<'a>(i: &'a [u8], w: &'static str) -> R<'a, ()> {
    let (j, _) = byte(i, b' ')?;
    whole_kw(j, w)
}

/// `atom`, as zero-copy bytes.
pub(crate) fn atom_bytes<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Bytes> {
    let (j, a) = core::atom(i)?;
    Ok((j, p.ctx.bytes(a)))
}

/// True when `i` starts a `string` (quoted, literal or literal8), not an atom.
fn starts_string(i: &[u8]) -> bool {
    matches!(i.first(), Some(b'"') | Some(b'{')) || i.starts_with(b"~{")
}

/// `astring = 1*ASTRING-CHAR / string` (`~` alone is an ASTRING-CHAR;
/// only `~{` starts a literal8).
pub(crate) fn astring<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Bytes> {
    if starts_string(i) {
        return string(p, i);
    }
    let n = i.iter().take_while(|&&c| is_astring_char(c)).count();
    if n == 0 {
        return error(i, ErrorKind::TakeWhile1);
    }
    Ok((&i[n..], p.ctx.bytes(&i[..n])))
}

/// `string`
pub(crate) fn string<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Bytes> {
    core::string(&p.ctx, i)
}

/// `nstring`
pub(crate) fn nstring<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Option<Bytes>> {
    core::nstring(&p.ctx, i)
}

/// `mailbox` (an astring), decoded from modified UTF-7 (or UTF-8).
pub(crate) fn mailbox<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, MailboxName> {
    let (j, b) = astring(p, i)?;
    Ok((j, MailboxName::from_wire(b, p.utf8)))
}

/// `list-mailbox = 1*list-char / string`
pub(crate) fn list_mailbox<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, MailboxName> {
    let (j, b) = match starts_string(i) {
        true => string(p, i)?,
        false => {
            let n = i
                .iter()
                .take_while(|&&c| is_astring_char(c) || c == b'%' || c == b'*')
                .count();
            if n == 0 {
                return error(i, ErrorKind::TakeWhile1);
            }
            (&i[n..], p.ctx.bytes(&i[..n]))
        }
    };
    Ok((j, MailboxName::from_wire(b, p.utf8)))
}

/// `seq-number = nz-number / "*"`
fn seq_number(i: &[u8]) -> R<'_, SeqNumber> {
    if let Some(j) = i.strip_prefix(b"*") {
        return Ok((j, SeqNumber::Largest));
    }
    let (j, n) = core::nz_number(i)?;
    Ok((j, SeqNumber::Value(n)))
}

/// `sequence-set = (seq-number / seq-range) ["," sequence-set]`
pub(crate) fn sequence_set(i: &[u8]) -> R<'_, SequenceSet> {
    let mut v = Vec::new();
    let mut i = i;
    loop {
        let (j, start) = seq_number(i)?;
        let (j, end) = match j.strip_prefix(b":") {
            Some(k) => seq_number(k)?,
            None => (j, start),
        };
        v.push(SeqRange { start, end });
        match j.strip_prefix(b",") {
            Some(k) => i = k,
            None => return Ok((j, SequenceSet(v))),
        }
    }
}

/// `flag` (as sent by a client: no `\Recent` check, `]` tolerated in keywords).
pub(crate) fn flag<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Flag> {
    if let Some(j) = i.strip_prefix(b"\\") {
        let (k, a) = core::atom(j)?;
        let f = match a.to_ascii_lowercase().as_slice() {
            b"seen" => Flag::Seen,
            b"answered" => Flag::Answered,
            b"flagged" => Flag::Flagged,
            b"deleted" => Flag::Deleted,
            b"draft" => Flag::Draft,
            b"recent" => Flag::Recent,
            _ => Flag::Extension(p.ctx.bytes(a)),
        };
        return Ok((k, f));
    }
    let n = i.iter().take_while(|&&c| is_astring_char(c)).count();
    if n == 0 {
        return error(i, ErrorKind::TakeWhile1);
    }
    Ok((&i[n..], Flag::Keyword(p.ctx.bytes(&i[..n]))))
}

/// `flag-list = "(" [flag *(SP flag)] ")"`
pub(crate) fn flag_list<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<Flag>> {
    paren_list(p, i, flag)
}

/// `"(" [item *(SP item)] ")"`, through the nesting budget.
pub(crate) fn paren_list<'a, T>(
    p: &P<'_>,
    i: &'a [u8],
    item: impl Fn(&P<'_>, &'a [u8]) -> R<'a, T>,
) -> R<'a, Vec<T>> {
    let (i, _) = byte(i, b'(')?;
    p.ctx.nested(i, |mut i| {
        let mut v = Vec::new();
        if let Ok((j, _)) = close(i) {
            return Ok((j, v));
        }
        loop {
            let (j, x) = item(p, i)?;
            v.push(x);
            if let Ok((k, _)) = close(j) {
                return Ok((k, v));
            }
            let (k, _) = byte(j, b' ')?;
            i = k;
        }
    })
}

fn digits(i: &[u8], min: usize, max: usize) -> R<'_, u32> {
    let n = i
        .iter()
        .take(max)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n < min {
        return error(i, ErrorKind::Digit);
    }
    let v = i[..n]
        .iter()
        .fold(0u32, |a, &b| a * 10 + u32::from(b - b'0'));
    Ok((&i[n..], v))
}

fn month(i: &[u8]) -> R<'_, u8> {
    for (k, m) in MONTHS.iter().enumerate() {
        if let Ok((j, _)) = core::keyword(m)(i) {
            return Ok((j, k as u8 + 1));
        }
    }
    error(i, ErrorKind::Tag)
}

/// `date-text = date-day "-" date-month "-" date-year`: (year, month, day).
pub(crate) fn date_text(i: &[u8]) -> R<'_, (u16, u8, u8)> {
    let (i, d) = digits(i, 1, 2)?;
    let (i, _) = byte(i, b'-')?;
    let (i, m) = month(i)?;
    let (i, _) = byte(i, b'-')?;
    let (i, y) = digits(i, 4, 4)?;
    if !(1..=31).contains(&d) {
        return error(i, ErrorKind::Verify);
    }
    Ok((i, (y as u16, m, d as u8)))
}

/// `date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE`
pub(crate) fn date_time(i: &[u8]) -> R<'_, DateTime> {
    let (i, _) = byte(i, b'"')?;
    let i = i.strip_prefix(b" ").unwrap_or(i);
    let (i, (year, month, day)) = date_text(i)?;
    let (i, _) = byte(i, b' ')?;
    let (i, hour) = digits(i, 2, 2)?;
    let (i, _) = byte(i, b':')?;
    let (i, minute) = digits(i, 2, 2)?;
    let (i, _) = byte(i, b':')?;
    let (i, second) = digits(i, 2, 2)?;
    let (i, _) = byte(i, b' ')?;
    let (i, sign) = match i.first() {
        Some(b'+') => (&i[1..], 1i16),
        Some(b'-') => (&i[1..], -1i16),
        _ => return error(i, ErrorKind::Char),
    };
    let (i, zh) = digits(i, 2, 2)?;
    let (i, zm) = digits(i, 2, 2)?;
    let (i, _) = byte(i, b'"')?;
    if hour > 23 || minute > 59 || second > 60 || zm > 59 {
        return error(i, ErrorKind::Verify);
    }
    let offset_minutes = sign * (zh as i16 * 60 + zm as i16);
    let d = DateTime {
        year,
        month,
        day,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        offset_minutes,
    };
    Ok((i, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<T>(input: &'static [u8], f: impl FnOnce(&P<'_>, &[u8]) -> T) -> T {
        let b = Bytes::from_static(input);
        let p = P {
            ctx: Ctx::new(&b, 10),
            utf8: false,
        };
        f(&p, &b)
    }

    #[test]
    fn sequence_sets() {
        let (rest, s) = sequence_set(b"1:3,5,7:* x").unwrap();
        assert_eq!(s.to_string(), "1:3,5,7:*");
        assert_eq!(rest, b" x");
        assert!(sequence_set(b"0").is_err());
    }

    #[test]
    fn dates() {
        let (_, d) = date_time(b"\" 5-Jul-2024 09:03:01 -0700\"").unwrap();
        assert_eq!(
            (d.day, d.month, d.year, d.offset_minutes),
            (5, 7, 2024, -420)
        );
        assert!(date_time(b"\"05-Foo-2024 09:03:01 -0700\"").is_err());
        assert_eq!(date_text(b"1-Feb-1994").unwrap().1, (1994, 2, 1));
    }

    #[test]
    fn flags_and_mailboxes() {
        let v = with(b"(\\Seen \\X-Y $Junk [a])", |p, i| {
            flag_list(p, i).unwrap().1
        });
        assert_eq!(v[0], Flag::Seen);
        assert_eq!(v[1], Flag::Extension("X-Y".into()));
        assert_eq!(v[3], Flag::Keyword("[a]".into()));
        let m = with(b"\"R&-D\"", |p, i| mailbox(p, i).unwrap().1);
        assert_eq!(m, MailboxName::from("R&D"));
        let m = with(b"foo/%", |p, i| list_mailbox(p, i).unwrap().1);
        assert_eq!(m, MailboxName::from("foo/%"));
    }
}
