//! Session methods for ACL (RFC 4314), QUOTA (RFC 2087 / 9208), METADATA
//! (RFC 5464) and Cyrus's ANNOTATEMORE. Each is one line: build a
//! command, run it, return the typed result.

use bytes::Bytes;
use imap_proto::command::{AnnotationEntry, Command};
use imap_proto::response::{MetadataEntries, Quota, Untagged};
use imap_proto::types::MailboxName;

use crate::{Error, Session};

/// An annotation entry and its `(attribute, value)` pairs.
pub type Annotation = (Bytes, Vec<(Bytes, Option<Bytes>)>);

impl Session {
    /// `GETACL mailbox` (imaplib `getacl`): `(identifier, rights)` pairs.
    pub fn getacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Vec<(Bytes, Bytes)>, Error> {
        let done = self.exec(Command::getacl(mailbox))?;
        Ok(done
            .acl()
            .into_iter()
            .map(|(who, rights)| (who.clone(), rights.clone()))
            .collect())
    }

    /// `SETACL mailbox who what` (imaplib `setacl`).
    pub fn setacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
        who: &str,
        what: &str,
    ) -> Result<(), Error> {
        self.exec(Command::setacl(mailbox, who, what)).map(drop)
    }

    /// `DELETEACL mailbox who` (imaplib `deleteacl`).
    pub fn deleteacl(&mut self, mailbox: impl Into<MailboxName>, who: &str) -> Result<(), Error> {
        self.exec(Command::deleteacl(mailbox, who)).map(drop)
    }

    /// `MYRIGHTS mailbox` (imaplib `myrights`): the rights string.
    pub fn myrights(&mut self, mailbox: impl Into<MailboxName>) -> Result<Bytes, Error> {
        let done = self.exec(Command::myrights(mailbox))?;
        done.myrights()
            .cloned()
            .ok_or(Error::MissingResponse("MYRIGHTS"))
    }

    /// `GETQUOTA root` (imaplib `getquota`).
    pub fn getquota(&mut self, root: &str) -> Result<Vec<Quota>, Error> {
        Ok(self
            .exec(Command::getquota(root))?
            .quotas()
            .into_iter()
            .cloned()
            .collect())
    }

    /// `GETQUOTAROOT mailbox` (imaplib `getquotaroot`): the mailbox's quota
    /// roots and their quotas.
    pub fn getquotaroot(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<(Vec<Bytes>, Vec<Quota>), Error> {
        let done = self.exec(Command::getquotaroot(mailbox))?;
        let roots = done
            .quota_roots()
            .map(|(_, roots)| roots.to_vec())
            .unwrap_or_default();
        Ok((roots, done.quotas().into_iter().cloned().collect()))
    }

    /// `SETQUOTA root (resource limit ...)` (imaplib `setquota`), e.g.
    /// `setquota("", &[("STORAGE", 512)])`: the new quota when sent.
    pub fn setquota(&mut self, root: &str, limits: &[(&str, u64)]) -> Result<Vec<Quota>, Error> {
        let limits = limits
            .iter()
            .map(|(r, n)| (Bytes::copy_from_slice(r.as_bytes()), *n))
            .collect();
        Ok(self
            .exec(Command::setquota(root, limits))?
            .quotas()
            .into_iter()
            .cloned()
            .collect())
    }

    /// `GETMETADATA mailbox (entries)` (RFC 5464; `""` is the server):
    /// entries and values, `None` for NIL.
    pub fn getmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[&str],
    ) -> Result<Vec<(Bytes, Option<Bytes>)>, Error> {
        let entries = entries
            .iter()
            .map(|e| Bytes::copy_from_slice(e.as_bytes()))
            .collect();
        let done = self.exec(Command::getmetadata(mailbox, entries))?;
        let mut values = Vec::new();
        for (_, entries) in done.metadata() {
            if let MetadataEntries::Values(v) = entries {
                values.extend(v.iter().cloned());
            }
        }
        Ok(values)
    }

    /// `SETMETADATA mailbox (entry value ...)`; a `None` value removes the
    /// entry.
    pub fn setmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[(&str, Option<&[u8]>)],
    ) -> Result<(), Error> {
        let entries = entries
            .iter()
            .map(|(e, v)| {
                (
                    Bytes::copy_from_slice(e.as_bytes()),
                    v.map(Bytes::copy_from_slice),
                )
            })
            .collect();
        self.exec(Command::setmetadata(mailbox, entries)).map(drop)
    }

    /// `GETANNOTATION mailbox entry attribute` (imaplib `getannotation`,
    /// Cyrus).
    pub fn getannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entry: &str,
        attribute: &str,
    ) -> Result<Vec<Annotation>, Error> {
        let done = self.exec(Command::getannotation(mailbox, entry, attribute))?;
        Ok(done
            .untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Annotation {
                    entry, attributes, ..
                } => Some((entry.clone(), attributes.clone())),
                _ => None,
            })
            .collect())
    }

    /// `SETANNOTATION mailbox entry (attribute value ...) ...` (imaplib
    /// `setannotation`, Cyrus).
    pub fn setannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: Vec<AnnotationEntry>,
    ) -> Result<(), Error> {
        self.exec(Command::setannotation(mailbox, entries))
            .map(drop)
    }
}
