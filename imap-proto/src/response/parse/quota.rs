//! `quota-response` and `quotaroot-response` (RFC 2087, RFC 9208).

use bytes::Bytes;

use super::core::{astring, atom, number64, sp, Ctx, PResult};
use super::mailbox::mailbox;
use super::raw::{chr, skip_sp};
use crate::response::{Quota, QuotaResource, Untagged};

/// `quota-response = "QUOTA" SP quota-root-name SP quota-list`, from after
/// the keyword's space, with `quota-list = "(" [quota-resource *(SP
/// quota-resource)] ")"` (the list may be empty; extra spaces are
/// tolerated).
pub(crate) fn quota_response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Quota> {
    let (i, root) = astring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (mut i, ()) = chr(i, b'(')?;
    let mut resources = Vec::with_capacity(2);
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, Quota { root, resources }));
        }
        let (rest, r) = quota_resource(ctx, i)?;
        resources.push(r);
        i = rest;
    }
}

/// `quota-resource = resource-name SP resource-usage SP resource-limit`
/// (numbers up to 2^63 - 1, RFC 9208).
fn quota_resource<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, QuotaResource> {
    let (i, name) = atom(i)?;
    let (i, ()) = sp(i)?;
    let (i, usage) = number64(i)?;
    let (i, ()) = sp(i)?;
    let (i, limit) = number64(i)?;
    Ok((
        i,
        QuotaResource {
            name: ctx.bytes(name),
            usage,
            limit,
        },
    ))
}

/// `quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)`,
/// from after the keyword's space.
pub(crate) fn quotaroot_response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Untagged> {
    let (mut i, mailbox) = mailbox(ctx, i)?;
    let mut roots: Vec<Bytes> = Vec::with_capacity(1);
    loop {
        let j = skip_sp(i);
        if j.len() == i.len() {
            return Ok((i, Untagged::QuotaRoot { mailbox, roots }));
        }
        match astring(ctx, j) {
            Ok((rest, r)) => {
                roots.push(r);
                i = rest;
            }
            Err(_) => return Ok((i, Untagged::QuotaRoot { mailbox, roots })),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Mailbox;

    fn b(s: &'static str) -> Bytes {
        Bytes::from_static(s.as_bytes())
    }

    #[test]
    fn rfc2087_quota() {
        let s = b"\"\" (STORAGE 10 512)\r\n";
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (rest, q) = quota_response(&ctx, s).unwrap();
        assert_eq!(rest, b"\r\n");
        assert_eq!(
            q,
            Quota {
                root: Bytes::new(),
                resources: vec![QuotaResource {
                    name: b("STORAGE"),
                    usage: 10,
                    limit: 512
                }]
            }
        );
    }

    #[test]
    fn rfc9208_quota_with_several_resources_and_spaces() {
        let s = b"\"!partition/sda4\" (STORAGE 104 10923847  MESSAGE 3 500 )\r\n";
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (_, q) = quota_response(&ctx, s).unwrap();
        assert_eq!(q.root, b("!partition/sda4"));
        assert_eq!(
            q.resources,
            vec![
                QuotaResource {
                    name: b("STORAGE"),
                    usage: 104,
                    limit: 10923847
                },
                QuotaResource {
                    name: b("MESSAGE"),
                    usage: 3,
                    limit: 500
                }
            ]
        );
        let s = b"\"\" ()\r\n";
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        assert!(quota_response(&ctx, s).unwrap().1.resources.is_empty());
    }

    #[test]
    fn rfc2087_quotaroot() {
        let s = b"INBOX \"\"\r\n";
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (rest, q) = quotaroot_response(&ctx, s).unwrap();
        assert_eq!(rest, b"\r\n");
        assert_eq!(
            q,
            Untagged::QuotaRoot {
                mailbox: Mailbox(b("INBOX")),
                roots: vec![Bytes::new()]
            }
        );
        let s = b"comp.mail.mime\r\n";
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (_, q) = quotaroot_response(&ctx, s).unwrap();
        assert_eq!(
            q,
            Untagged::QuotaRoot {
                mailbox: Mailbox(b("comp.mail.mime")),
                roots: vec![]
            }
        );
    }
}
