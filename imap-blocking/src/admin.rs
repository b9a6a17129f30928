//! Session methods for ACL (RFC 4314), QUOTA (RFC 2087 / 9208), METADATA
//! (RFC 5464) and Cyrus's ANNOTATEMORE. Each is one line running the core's
//! [`ops`](imap_proto::client::ops): the command and its typed result.

use bytes::Bytes;
use imap_proto::client::ops;
use imap_proto::command::AnnotationEntry;
use imap_proto::response::Quota;
use imap_proto::types::MailboxName;

use crate::{Error, Session};

pub use imap_proto::client::ops::Annotation;

impl Session {
    /// `GETACL mailbox` (imaplib `getacl`): `(identifier, rights)` pairs.
    pub fn getacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Vec<(Bytes, Bytes)>, Error> {
        self.call(ops::getacl(mailbox))
    }

    /// `SETACL mailbox who what` (imaplib `setacl`).
    pub fn setacl(
        &mut self,
        mailbox: impl Into<MailboxName>,
        who: &str,
        what: &str,
    ) -> Result<(), Error> {
        self.call(ops::setacl(mailbox, who, what))
    }

    /// `DELETEACL mailbox who` (imaplib `deleteacl`).
    pub fn deleteacl(&mut self, mailbox: impl Into<MailboxName>, who: &str) -> Result<(), Error> {
        self.call(ops::deleteacl(mailbox, who))
    }

    /// `MYRIGHTS mailbox` (imaplib `myrights`): the rights string.
    pub fn myrights(&mut self, mailbox: impl Into<MailboxName>) -> Result<Bytes, Error> {
        self.call(ops::myrights(mailbox))
    }

    /// `GETQUOTA root` (imaplib `getquota`).
    pub fn getquota(&mut self, root: &str) -> Result<Vec<Quota>, Error> {
        self.call(ops::getquota(root))
    }

    /// `GETQUOTAROOT mailbox` (imaplib `getquotaroot`): the mailbox's quota
    /// roots and their quotas.
    pub fn getquotaroot(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<(Vec<Bytes>, Vec<Quota>), Error> {
        self.call(ops::getquotaroot(mailbox))
    }

    /// `SETQUOTA root (resource limit ...)` (imaplib `setquota`), e.g.
    /// `setquota("", &[("STORAGE", 512)])`: the new quota when sent.
    pub fn setquota(&mut self, root: &str, limits: &[(&str, u64)]) -> Result<Vec<Quota>, Error> {
        self.call(ops::setquota(root, limits))
    }

    /// `GETMETADATA mailbox (entries)` (RFC 5464; `""` is the server):
    /// entries and values, `None` for NIL.
    pub fn getmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[&str],
    ) -> Result<Vec<(Bytes, Option<Bytes>)>, Error> {
        self.call(ops::getmetadata(mailbox, entries))
    }

    /// `SETMETADATA mailbox (entry value ...)`; a `None` value removes the
    /// entry.
    pub fn setmetadata(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: &[(&str, Option<&[u8]>)],
    ) -> Result<(), Error> {
        self.call(ops::setmetadata(mailbox, entries))
    }

    /// `GETANNOTATION mailbox entry attribute` (imaplib `getannotation`,
    /// Cyrus).
    pub fn getannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entry: &str,
        attribute: &str,
    ) -> Result<Vec<Annotation>, Error> {
        self.call(ops::getannotation(mailbox, entry, attribute))
    }

    /// `SETANNOTATION mailbox entry (attribute value ...) ...` (imaplib
    /// `setannotation`, Cyrus).
    pub fn setannotation(
        &mut self,
        mailbox: impl Into<MailboxName>,
        entries: Vec<AnnotationEntry>,
    ) -> Result<(), Error> {
        self.call(ops::setannotation(mailbox, entries))
    }
}
