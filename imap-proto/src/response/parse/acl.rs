//! `acl-data`, `listrights-data` and `myrights-data` (RFC 4314).

use bytes::Bytes;

use super::core::{astring, sp, Ctx, PResult};
use super::mailbox::mailbox;
use super::raw::skip_sp;
use crate::response::Untagged;

/// `*(SP astring)`: the rest of a line of astrings (trailing spaces
/// tolerated).
fn astrings<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Bytes>> {
    let mut out = Vec::new();
    let mut i = i;
    loop {
        let j = skip_sp(i);
        if j.len() == i.len() {
            return Ok((i, out));
        }
        match astring(ctx, j) {
            Ok((rest, s)) => {
                out.push(s);
                i = rest;
            }
            Err(_) => return Ok((i, out)),
        }
    }
}

/// `acl-data = "ACL" SP mailbox *(SP identifier SP rights)`, from after the
/// keyword's space. An odd number of words after the mailbox is an error.
pub(crate) fn acl_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (rest, words) = astrings(ctx, i)?;
    if words.len() % 2 != 0 {
        return super::core::error(rest, nom::error::ErrorKind::Count);
    }
    let mut entries = Vec::with_capacity(words.len() / 2);
    let mut it = words.into_iter();
    while let (Some(id), Some(rights)) = (it.next(), it.next()) {
        entries.push((id, rights));
    }
    Ok((rest, Untagged::Acl { mailbox, entries }))
}

/// `listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights
/// *(SP rights)`, from after the keyword's space.
pub(crate) fn listrights_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, identifier) = astring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, required) = astring(ctx, i)?;
    let (i, optional) = astrings(ctx, i)?;
    Ok((
        i,
        Untagged::ListRights {
            mailbox,
            identifier,
            required,
            optional,
        },
    ))
}

/// `myrights-data = "MYRIGHTS" SP mailbox SP rights`, from after the
/// keyword's space.
pub(crate) fn myrights_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, rights) = astring(ctx, i)?;
    Ok((i, Untagged::MyRights { mailbox, rights }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Mailbox;

    fn b(s: &'static str) -> Bytes {
        Bytes::from_static(s.as_bytes())
    }

    fn run(
        s: &'static [u8],
        f: for<'a> fn(&Ctx<'_>, &'a [u8]) -> PResult<'a, Untagged>,
    ) -> Result<Untagged, ()> {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        match f(&ctx, s) {
            Ok((rest, v)) if skip_sp(rest) == b"\r\n" => Ok(v),
            _ => Err(()),
        }
    }

    #[test]
    fn rfc4314_acl() {
        // RFC 4314 section 3.6
        assert_eq!(
            run(b"INBOX Fred rwipsldexta\r\n", acl_data),
            Ok(Untagged::Acl {
                mailbox: Mailbox(b("INBOX")),
                entries: vec![(b("Fred"), b("rwipsldexta"))]
            })
        );
        assert_eq!(
            run(b"\"Shared\" anyone lr -Fred r \r\n", acl_data),
            Ok(Untagged::Acl {
                mailbox: Mailbox(b("Shared")),
                entries: vec![(b("anyone"), b("lr")), (b("-Fred"), b("r"))]
            })
        );
        assert_eq!(
            run(b"INBOX\r\n", acl_data),
            Ok(Untagged::Acl {
                mailbox: Mailbox(b("INBOX")),
                entries: vec![]
            })
        );
        assert!(run(b"INBOX Fred\r\n", acl_data).is_err());
    }

    #[test]
    fn rfc4314_listrights() {
        // RFC 4314 section 3.7
        assert_eq!(
            run(b"~/Mail/saved smith la r swicdkxte\r\n", listrights_data),
            Ok(Untagged::ListRights {
                mailbox: Mailbox(b("~/Mail/saved")),
                identifier: b("smith"),
                required: b("la"),
                optional: vec![b("r"), b("swicdkxte")]
            })
        );
        assert_eq!(
            run(
                b"archive.imap anyone \"\" l r w s i p c d a 0 1 2 3 4 5 6 7 8 9\r\n",
                listrights_data
            )
            .map(|u| match u {
                Untagged::ListRights {
                    required, optional, ..
                } => (required, optional.len()),
                _ => (Bytes::new(), 0),
            }),
            Ok((Bytes::new(), 19))
        );
    }

    #[test]
    fn rfc4314_myrights() {
        // RFC 4314 section 3.8
        assert_eq!(
            run(b"INBOX rwiptsldaex\r\n", myrights_data),
            Ok(Untagged::MyRights {
                mailbox: Mailbox(b("INBOX")),
                rights: b("rwiptsldaex")
            })
        );
    }
}
