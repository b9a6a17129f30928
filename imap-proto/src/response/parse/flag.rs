//! `flag`, `flag-list`, `flag-perm`, `flag-keyword` (RFC 3501 section 9),
//! leniently: servers (Gmail) send keywords containing `[`, `]` and even
//! spaces, iCloud sends spaces before `)`, and some send `\*` in FLAGS.

use nom::error::ErrorKind;

use super::core::{error, is_keyword_stop, quoted, Ctx, PResult};
use super::kw;
use crate::types::Flag;

/// `flag-list = "(" [flag *(SP flag)] ")"`, leniently (quirks: `]` and
/// spaces inside keywords, `\*`, quoted keywords, extra spaces).
pub(crate) fn flag_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Flag>> {
    let Some((b'(', mut i)) = i.split_first() else {
        return error(i, ErrorKind::Char);
    };
    // Allocated at the first flag: `()` is common and costs nothing.
    let mut flags = Vec::new();
    loop {
        let n = i.iter().take_while(|&&b| b == b' ').count();
        i = &i[n..];
        match i.first() {
            Some(b')') => return Ok((&i[1..], flags)),
            Some(b'\r' | b'\n' | b'(') | None => return error(i, ErrorKind::Char),
            Some(_) => {
                let (rest, f) = flag(ctx, i)?;
                if flags.capacity() == 0 {
                    flags = Vec::with_capacity(4);
                }
                flags.push(f);
                i = rest;
            }
        }
    }
}

/// `flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" /
/// flag-keyword / flag-extension`, plus `flag-perm`'s `"\*"` and
/// `flag-fetch`'s `"\Recent"`. System flags are matched ignoring case.
pub(crate) fn flag<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Flag> {
    match i {
        [b'\\', b'*', rest @ ..] => Ok((rest, Flag::MayCreate)),
        [b'\\', rest @ ..] => {
            let (rest, name) = flag_keyword(rest)?;
            // The spelling of RFC 3501 first, as it is; any case after.
            match name {
                b"Seen" => return Ok((rest, Flag::Seen)),
                b"Answered" => return Ok((rest, Flag::Answered)),
                b"Flagged" => return Ok((rest, Flag::Flagged)),
                _ => {}
            }
            let f = match kw::key(name) {
                kw::SEEN => Flag::Seen,
                kw::ANSWERED => Flag::Answered,
                kw::FLAGGED => Flag::Flagged,
                kw::DELETED => Flag::Deleted,
                kw::DRAFT => Flag::Draft,
                kw::RECENT => Flag::Recent,
                _ => Flag::Extension(ctx.bytes(name)),
            };
            Ok((rest, f))
        }
        [b'"', ..] => {
            let (rest, k) = quoted(ctx, i)?;
            Ok((rest, Flag::Keyword(k)))
        }
        _ => {
            let (rest, k) = flag_keyword(i)?;
            Ok((rest, Flag::Keyword(ctx.bytes(k))))
        }
    }
}

/// `flag-keyword = atom`, leniently: any bytes up to SP, `(`, `)` or CRLF,
/// so `[Gmail]Label` is one keyword; a `[...]` group may hold spaces
/// (`OIB-Seen-[Google Mail]/Spam`). A space outside brackets always ends a
/// keyword: Gmail's `OIB-Seen-[Gmail]/All Mail` cannot be told from two
/// keywords, and comes out as `OIB-Seen-[Gmail]/All` and `Mail`.
pub(crate) fn flag_keyword(i: &[u8]) -> PResult<'_, &[u8]> {
    let mut k = 0;
    loop {
        // One table lookup per byte until one that needs a look.
        k += i[k..].iter().take_while(|&&c| !is_keyword_stop(c)).count();
        match i.get(k) {
            Some(b'[') => k += bracket_len(&i[k..]).unwrap_or(1),
            _ => break,
        }
    }
    if k == 0 {
        return error(i, ErrorKind::TakeWhile1);
    }
    Ok((&i[k..], &i[..k]))
}

/// Length of a `[...]` group at the start of `i` that holds a space, when
/// it closes before any byte that would end the flag list.
fn bracket_len(i: &[u8]) -> Option<usize> {
    let end = i
        .iter()
        .skip(1)
        .position(|&c| matches!(c, b']' | b'(' | b')' | b'\r' | b'\n' | b'[' | b'\\'))?;
    (i.get(end + 1) == Some(&b']')).then_some(end + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn parse(s: &'static [u8]) -> (Vec<Flag>, &'static [u8]) {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, v) = flag_list(&ctx, s).unwrap();
        (v, rest)
    }

    fn kw(s: &'static str) -> Flag {
        Flag::Keyword(Bytes::from_static(s.as_bytes()))
    }

    #[test]
    fn rfc3501_flags() {
        // RFC 3501 7.2.6
        let (v, rest) = parse(b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n");
        assert_eq!(
            v,
            vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft
            ]
        );
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn permanentflags_with_star_and_keywords() {
        let (v, rest) = parse(b"(\\Deleted \\Seen $Forwarded \\*)] text");
        assert_eq!(
            v,
            vec![Flag::Deleted, Flag::Seen, kw("$Forwarded"), Flag::MayCreate]
        );
        assert_eq!(rest, b"] text");
    }

    #[test]
    fn empty_and_spaced_lists() {
        assert_eq!(parse(b"()").0, vec![]);
        assert_eq!(parse(b"( \\*)").0, vec![Flag::MayCreate]);
        assert_eq!(parse(b"(\\Seen  $A )").0, vec![Flag::Seen, kw("$A")]);
    }

    #[test]
    fn case_insensitive_system_flags_and_extensions() {
        let (v, _) = parse(b"(\\seen \\RECENT \\X-Custom)");
        assert_eq!(
            v,
            vec![
                Flag::Seen,
                Flag::Recent,
                Flag::Extension(Bytes::from_static(b"X-Custom"))
            ]
        );
    }

    #[test]
    fn gmail_bracket_keywords() {
        let (v, _) = parse(b"(\\Answered [Gmail]Label $Junk)");
        assert_eq!(v, vec![Flag::Answered, kw("[Gmail]Label"), kw("$Junk")]);
        let (v, rest) = parse(b"(OIB-Seen-[Gmail]/Trash \\*)] Flags permitted.");
        assert_eq!(v, vec![kw("OIB-Seen-[Gmail]/Trash"), Flag::MayCreate]);
        assert_eq!(rest, b"] Flags permitted.");
    }

    #[test]
    fn spaces_inside_keywords() {
        let (v, _) = parse(b"(OIB-Seen-[Google Mail]/Spam OIB-Seen-[Gmail]/All Mail \\Seen)");
        assert_eq!(
            v,
            vec![
                kw("OIB-Seen-[Google Mail]/Spam"),
                kw("OIB-Seen-[Gmail]/All"),
                kw("Mail"),
                Flag::Seen
            ]
        );
        let (v, _) = parse(b"(\"Label With Space\" x)");
        assert_eq!(v, vec![kw("Label With Space"), kw("x")]);
    }

    #[test]
    fn unterminated_list_is_an_error() {
        let b = Bytes::from_static(b"(\\Seen\r\n");
        let ctx = Ctx::new(&b, 10);
        assert!(flag_list(&ctx, &b).is_err());
    }
}
