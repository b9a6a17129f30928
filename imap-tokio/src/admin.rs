//! Session methods for ACL (RFC 4314), QUOTA (RFC 2087 / 9208), METADATA
//! (RFC 5464) and Cyrus's ANNOTATEMORE. Each is one line: build a
//! command, run it, pick the result.

use bytes::Bytes;
use imap_proto::client::Completion;
use imap_proto::command::{AnnotationEntry, Command};
use imap_proto::response::{MetadataEntries, Quota, Untagged};
use imap_proto::types::MailboxName;

use crate::commands::bytes;
use crate::session::nothing;
use crate::{Annotation, Error, Session};

/// The QUOTA responses of a completion.
fn quotas(done: &Completion) -> Vec<Quota> {
    done.quotas().into_iter().cloned().collect()
}

/// The METADATA values of a completion, across its responses.
fn metadata_values(done: &Completion) -> Vec<(Bytes, Option<Bytes>)> {
    let values = done.metadata().into_iter().map(|(_, entries)| entries);
    values
        .filter_map(|entries| match entries {
            MetadataEntries::Values(v) => Some(v.iter().cloned()),
            _ => None,
        })
        .flatten()
        .collect()
}

/// The ANNOTATION responses of a completion.
fn annotations(done: &Completion) -> Vec<Annotation> {
    let annotation = |u: &Untagged| match u {
        Untagged::Annotation {
            entry, attributes, ..
        } => Some((entry.clone(), attributes.clone())),
        _ => None,
    };
    done.untagged.iter().filter_map(annotation).collect()
}

impl Session {
    /// `GETACL mailbox` (imaplib `getacl`): `(identifier, rights)` pairs.
    pub async fn getacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Vec<(Bytes, Bytes)>, Error> {
        self.call(Command::getacl(mailbox), |d| {
            let acl = d.acl().into_iter();
            acl.map(|(who, rights)| (who.clone(), rights.clone()))
                .collect()
        })
        .await
    }

    /// `SETACL mailbox who what` (imaplib `setacl`).
    pub async fn setacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
        who: &str,
        what: &str,
    ) -> Result<(), Error> {
        self.call(Command::setacl(mailbox, who, what), nothing)
            .await
    }

    /// `DELETEACL mailbox who` (imaplib `deleteacl`).
    pub async fn deleteacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
        who: &str,
    ) -> Result<(), Error> {
        self.call(Command::deleteacl(mailbox, who), nothing).await
    }

    /// `MYRIGHTS mailbox` (imaplib `myrights`): the rights string.
    pub async fn myrights(&mut self, mailbox: impl Into<MailboxName>) -> Result<Bytes, Error> {
        self.call(Command::myrights(mailbox), |d| d.myrights().cloned())
            .await?
            .ok_or(Error::MissingResponse("MYRIGHTS"))
    }

    /// `GETQUOTA root` (imaplib `getquota`).
    pub async fn getquota(&mut self, root: &str) -> Result<Vec<Quota>, Error> {
        self.call(Command::getquota(root), quotas).await
    }

    /// `GETQUOTAROOT mailbox` (imaplib `getquotaroot`): the mailbox's quota
    /// roots and their quotas.
    pub async fn getquotaroot(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<(Vec<Bytes>, Vec<Quota>), Error> {
        self.call(Command::getquotaroot(mailbox), |d| {
            let roots = d.quota_roots().map(|(_, roots)| roots.to_vec());
            (roots.unwrap_or_default(), quotas(d))
        })
        .await
    }

    /// `SETQUOTA root (resource limit ...)` (imaplib `setquota`), e.g.
    /// `setquota("", &[("STORAGE", 512)])`: the new quota when sent.
    pub async fn setquota(
        &mut self,
        root: &str,
        limits: &[(&str, u64)],
    ) -> Result<Vec<Quota>, Error> {
        let limits = limits.iter().map(|&(r, n)| (bytes(r), n)).collect();
        self.call(Command::setquota(root, limits), quotas).await
    }

    /// `GETMETADATA mailbox (entries)` (RFC 5464; `""` is the server):
    /// entries and values, `None` for NIL.
    pub async fn getmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[&str],
    ) -> Result<Vec<(Bytes, Option<Bytes>)>, Error> {
        let entries = entries.iter().map(|e| bytes(e)).collect();
        let command = Command::getmetadata(mailbox, entries);
        self.call(command, metadata_values).await
    }

    /// `SETMETADATA mailbox (entry value ...)`; a `None` value removes the
    /// entry.
    pub async fn setmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[(&str, Option<&[u8]>)],
    ) -> Result<(), Error> {
        let entries = entries
            .iter()
            .map(|&(e, v)| (bytes(e), v.map(Bytes::copy_from_slice)))
            .collect();
        self.call(Command::setmetadata(mailbox, entries), nothing)
            .await
    }

    /// `GETANNOTATION mailbox entry attribute` (imaplib `getannotation`,
    /// Cyrus).
    pub async fn getannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entry: &str,
        attribute: &str,
    ) -> Result<Vec<Annotation>, Error> {
        let command = Command::getannotation(mailbox, entry, attribute);
        self.call(command, annotations).await
    }

    /// `SETANNOTATION mailbox entry (attribute value ...) ...` (imaplib
    /// `setannotation`, Cyrus).
    pub async fn setannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: Vec<AnnotationEntry>,
    ) -> Result<(), Error> {
        self.call(Command::setannotation(mailbox, entries), nothing)
            .await
    }
}
