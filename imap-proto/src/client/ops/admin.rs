//! ACL (RFC 4314), QUOTA (RFC 2087 / 9208), METADATA (RFC 5464) and
//! Cyrus's ANNOTATEMORE operations.

use bytes::Bytes;

use super::{unit, MissingResponse, Op};
use crate::client::Completion;
use crate::command::{AnnotationEntry, Command};
use crate::response::{MetadataEntries, Quota, Untagged};
use crate::types::MailboxName;

/// An annotation entry and its `(attribute, value)` pairs.
pub type Annotation = (Bytes, Vec<(Bytes, Option<Bytes>)>);

/// A `&str` argument as the core's bytes.
pub(super) fn bytes(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

/// The QUOTA responses of a completion.
fn quotas(done: &Completion) -> Vec<Quota> {
    done.quotas().into_iter().cloned().collect()
}

/// `GETACL mailbox` (imaplib `getacl`): `(identifier, rights)` pairs.
pub fn getacl(mailbox: impl Into<MailboxName>) -> Op<Vec<(Bytes, Bytes)>> {
    Op::new(Command::getacl(mailbox), |done| {
        let acl = done.acl().into_iter();
        Ok(acl
            .map(|(who, rights)| (who.clone(), rights.clone()))
            .collect())
    })
}

/// `SETACL mailbox who what` (imaplib `setacl`).
pub fn setacl(mailbox: impl Into<MailboxName>, who: &str, what: &str) -> Op<()> {
    unit(Command::setacl(mailbox, who, what))
}

/// `DELETEACL mailbox who` (imaplib `deleteacl`).
pub fn deleteacl(mailbox: impl Into<MailboxName>, who: &str) -> Op<()> {
    unit(Command::deleteacl(mailbox, who))
}

/// `MYRIGHTS mailbox` (imaplib `myrights`): the rights string.
pub fn myrights(mailbox: impl Into<MailboxName>) -> Op<Bytes> {
    Op::new(Command::myrights(mailbox), |done| {
        let rights = done.myrights().cloned();
        rights.ok_or(MissingResponse {
            command: "MYRIGHTS",
        })
    })
}

/// `GETQUOTA root` (imaplib `getquota`).
pub fn getquota(root: &str) -> Op<Vec<Quota>> {
    Op::new(Command::getquota(root), |done| Ok(quotas(done)))
}

/// `GETQUOTAROOT mailbox` (imaplib `getquotaroot`): the mailbox's quota
/// roots and their quotas.
pub fn getquotaroot(mailbox: impl Into<MailboxName>) -> Op<(Vec<Bytes>, Vec<Quota>)> {
    Op::new(Command::getquotaroot(mailbox), |done| {
        let roots = done.quota_roots().map(|(_, roots)| roots.to_vec());
        Ok((roots.unwrap_or_default(), quotas(done)))
    })
}

/// `SETQUOTA root (resource limit ...)` (imaplib `setquota`): the new
/// quota, when sent.
pub fn setquota(root: &str, limits: &[(&str, u64)]) -> Op<Vec<Quota>> {
    let limits = limits.iter().map(|&(r, n)| (bytes(r), n)).collect();
    Op::new(Command::setquota(root, limits), |done| Ok(quotas(done)))
}

/// `GETMETADATA mailbox (entries)` (RFC 5464; `""` is the server): entries
/// and values, `None` for NIL.
pub fn getmetadata(
    mailbox: impl Into<MailboxName>,
    entries: &[&str],
) -> Op<Vec<(Bytes, Option<Bytes>)>> {
    let entries = entries.iter().map(|e| bytes(e)).collect();
    Op::new(Command::getmetadata(mailbox, entries), |done| {
        let values = done.metadata().into_iter().map(|(_, entries)| entries);
        let values = values.filter_map(|entries| match entries {
            MetadataEntries::Values(v) => Some(v.iter().cloned()),
            _ => None,
        });
        Ok(values.flatten().collect())
    })
}

/// `SETMETADATA mailbox (entry value ...)`; a `None` value removes the
/// entry.
pub fn setmetadata(mailbox: impl Into<MailboxName>, entries: &[(&str, Option<&[u8]>)]) -> Op<()> {
    let entries = entries
        .iter()
        .map(|&(e, v)| (bytes(e), v.map(Bytes::copy_from_slice)))
        .collect();
    unit(Command::setmetadata(mailbox, entries))
}

/// `GETANNOTATION mailbox entry attribute` (imaplib `getannotation`,
/// Cyrus).
pub fn getannotation(
    mailbox: impl Into<MailboxName>,
    entry: &str,
    attribute: &str,
) -> Op<Vec<Annotation>> {
    Op::new(Command::getannotation(mailbox, entry, attribute), |done| {
        let annotation = |u: &Untagged| match u {
            Untagged::Annotation {
                entry, attributes, ..
            } => Some((entry.clone(), attributes.clone())),
            _ => None,
        };
        Ok(done.untagged.iter().filter_map(annotation).collect())
    })
}

/// `SETANNOTATION mailbox entry (attribute value ...) ...` (imaplib
/// `setannotation`, Cyrus).
pub fn setannotation(mailbox: impl Into<MailboxName>, entries: Vec<AnnotationEntry>) -> Op<()> {
    unit(Command::setannotation(mailbox, entries))
}
