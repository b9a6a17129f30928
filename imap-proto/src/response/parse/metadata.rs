//! `metadata-resp` (RFC 5464) and the `ANNOTATION` response of
//! draft-daboo-imap-annotatemore (what imaplib's getannotation reads).

use bytes::Bytes;

use super::core::{astring, nstring, sp, string, Ctx, PResult};
use super::mailbox::mailbox;
use super::raw::{chr, skip_sp};
use crate::response::{MetadataEntries, Untagged};

/// `metadata-resp = "METADATA" SP mailbox SP (entry-values / entry-list)`,
/// from after the keyword's space, with `entry-values = "(" entry-value
/// *(SP entry-value) ")"`, `entry-value = entry SP value`, `value =
/// nstring / literal8` and `entry-list = entry *(SP entry)`.
pub(crate) fn metadata_resp<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (i, ()) = sp(i)?;
    if i.first() == Some(&b'(') {
        let (i, values) = pairs(ctx, i, |ctx, i| nstring(ctx, i))?;
        return Ok((
            i,
            Untagged::Metadata {
                mailbox,
                entries: MetadataEntries::Values(values),
            },
        ));
    }
    let (mut i, first) = astring(ctx, i)?;
    let mut names = vec![first];
    loop {
        let j = skip_sp(i);
        if j.len() == i.len() {
            break;
        }
        match astring(ctx, j) {
            Ok((rest, e)) => {
                names.push(e);
                i = rest;
            }
            Err(_) => break,
        }
    }
    Ok((
        i,
        Untagged::Metadata {
            mailbox,
            entries: MetadataEntries::Names(names),
        },
    ))
}

/// `"(" [name SP value *(SP name SP value)] ")"` with astring names and
/// values read by `value`; extra spaces are tolerated.
fn pairs<'a, V>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    value: impl Fn(&Ctx<'_>, &'a [u8]) -> PResult<'a, V>,
) -> PResult<'a, Vec<(Bytes, V)>> {
    let (mut i, ()) = chr(i, b'(')?;
    let mut out = Vec::new();
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, out));
        }
        let (rest, name) = astring(ctx, i)?;
        let (rest, ()) = sp(rest)?;
        let (rest, v) = value(ctx, rest)?;
        out.push((name, v));
        i = rest;
    }
}

/// `annotate-data = "ANNOTATION" SP mailbox SP entry-att` with `entry-att =
/// entry SP "(" att-value *(SP att-value) ")"` and `att-value = attrib SP
/// value` (draft-daboo-imap-annotatemore), from after the keyword's space.
/// Forms the model cannot hold (several entries on one line, the
/// unsolicited entry list) fail here and are kept as [`Untagged::Other`]
/// by the caller.
pub(crate) fn annotate_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, entry) = string_or_atom(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, attributes) = pairs(ctx, i, |ctx, i| nstring(ctx, i))?;
    Ok((
        i,
        Untagged::Annotation {
            mailbox,
            entry,
            attributes,
        },
    ))
}

/// An entry name: a string, or leniently an atom.
fn string_or_atom<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Bytes> {
    match i.first() {
        Some(b'"' | b'{') => string(ctx, i),
        _ => astring(ctx, i),
    }
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
    ) -> Option<Untagged> {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        match f(&ctx, s) {
            Ok((rest, v)) if skip_sp(rest) == b"\r\n" => Some(v),
            _ => None,
        }
    }

    #[test]
    fn rfc5464_values() {
        // RFC 5464 section 4.4.1
        assert_eq!(
            run(
                b"\"\" (/shared/comment \"Shared comment\")\r\n",
                metadata_resp
            ),
            Some(Untagged::Metadata {
                mailbox: Mailbox(Bytes::new()),
                entries: MetadataEntries::Values(vec![(
                    b("/shared/comment"),
                    Some(b("Shared comment"))
                )])
            })
        );
        assert_eq!(
            run(
                b"INBOX (/private/comment \"My comment\" /shared/comment NIL)\r\n",
                metadata_resp
            ),
            Some(Untagged::Metadata {
                mailbox: Mailbox(b("INBOX")),
                entries: MetadataEntries::Values(vec![
                    (b("/private/comment"), Some(b("My comment"))),
                    (b("/shared/comment"), None)
                ])
            })
        );
        assert_eq!(
            run(b"INBOX (/shared/x {5}\r\na\r\nbc)\r\n", metadata_resp),
            Some(Untagged::Metadata {
                mailbox: Mailbox(b("INBOX")),
                entries: MetadataEntries::Values(vec![(b("/shared/x"), Some(b("a\r\nbc")))])
            })
        );
    }

    #[test]
    fn rfc5464_unsolicited_names() {
        // RFC 5464 section 4.4.2
        assert_eq!(
            run(b"INBOX /shared/comment /private/comment\r\n", metadata_resp),
            Some(Untagged::Metadata {
                mailbox: Mailbox(b("INBOX")),
                entries: MetadataEntries::Names(vec![b("/shared/comment"), b("/private/comment")])
            })
        );
    }

    #[test]
    fn annotatemore() {
        assert_eq!(
            run(
                b"mbox \"/comment\" (\"value.shared\" \"x\")\r\n",
                annotate_data
            ),
            Some(Untagged::Annotation {
                mailbox: Mailbox(b("mbox")),
                entry: b("/comment"),
                attributes: vec![(b("value.shared"), Some(b("x")))]
            })
        );
        assert_eq!(
            run(
                b"INBOX \"/comment\" (\"value.priv\" NIL \"size.shared\" \"1\")\r\n",
                annotate_data
            ),
            Some(Untagged::Annotation {
                mailbox: Mailbox(b("INBOX")),
                entry: b("/comment"),
                attributes: vec![(b("value.priv"), None), (b("size.shared"), Some(b("1")))]
            })
        );
        assert_eq!(
            run(b"INBOX (\"/comment\" \"/vendor/x\")\r\n", annotate_data),
            None
        );
    }
}
