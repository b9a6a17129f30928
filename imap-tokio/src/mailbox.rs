//! Session methods on mailboxes: SELECT / EXAMINE, CREATE, DELETE, RENAME,
//! (UN)SUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE, UNSELECT,
//! EXPUNGE. Each is one line running the core's
//! [`ops`](imap_proto::client::ops): the command and its typed result.

use bytes::Bytes;
use imap_proto::client::ops;
use imap_proto::client::{Completion, MailboxState};
use imap_proto::command::StatusAttribute;
use imap_proto::response::{ListItem, MailboxStatus};
use imap_proto::types::{DateTime, Flag, MailboxName, SequenceSet};

use crate::{Error, IntoArg, Session};

impl Session {
    /// `SELECT` (imaplib `select(mailbox, readonly)`; `readonly` sends
    /// EXAMINE): returns the mailbox's state (EXISTS, flags, UIDVALIDITY,
    /// ...). Mailbox names are Unicode, encoded for the wire by the core.
    pub async fn select(
        &mut self,
        mailbox: impl Into<MailboxName>,
        readonly: bool,
    ) -> Result<MailboxState, Error> {
        self.call(ops::select(mailbox, readonly)).await
    }

    /// `EXAMINE`: [`Session::select`] read-only.
    pub async fn examine(
        &mut self,
        mailbox: impl Into<MailboxName>,
    ) -> Result<MailboxState, Error> {
        self.select(mailbox, true).await
    }

    /// `CREATE` (imaplib `create`).
    pub async fn create(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::create(mailbox)).await
    }

    /// `DELETE` (imaplib `delete`).
    pub async fn delete(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::delete(mailbox)).await
    }

    /// `RENAME` (imaplib `rename`).
    pub async fn rename(
        &mut self,
        old: impl Into<MailboxName>,
        new: impl Into<MailboxName>,
    ) -> Result<(), Error> {
        self.call(ops::rename(old, new)).await
    }

    /// `SUBSCRIBE` (imaplib `subscribe`).
    pub async fn subscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::subscribe(mailbox)).await
    }

    /// `UNSUBSCRIBE` (imaplib `unsubscribe`).
    pub async fn unsubscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::unsubscribe(mailbox)).await
    }

    /// `LIST reference pattern` (imaplib `list(directory, pattern)`; use
    /// `""` and `"*"` for everything).
    pub async fn list(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        self.call(ops::list(reference, pattern)).await
    }

    /// `LIST ... RETURN (STATUS (items))` (RFC 5819): each mailbox with its
    /// status, in one round trip.
    pub async fn list_status(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<Vec<(ListItem, Option<MailboxStatus>)>, Error> {
        self.call(ops::list_status(reference, pattern, items)?)
            .await
    }

    /// `LSUB reference pattern` (imaplib `lsub`).
    pub async fn lsub(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        self.call(ops::lsub(reference, pattern)).await
    }

    /// `STATUS mailbox (items)` (imaplib `status(mailbox, names)`), e.g.
    /// `status("INBOX", "(MESSAGES UNSEEN)")`.
    pub async fn status(
        &mut self,
        mailbox: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<MailboxStatus, Error> {
        self.call(ops::status(mailbox, items)?).await
    }

    /// `APPEND mailbox (flags) date message` (imaplib `append`). Returns
    /// the UIDPLUS `APPENDUID` (UIDVALIDITY and the new UID) when the
    /// server sent one.
    pub async fn append(
        &mut self,
        mailbox: impl Into<MailboxName>,
        flags: impl IntoArg<Vec<Flag>>,
        date: Option<DateTime>,
        message: impl Into<Bytes>,
    ) -> Result<Option<(u32, SequenceSet)>, Error> {
        self.call(ops::append(mailbox, flags, date, message)?).await
    }

    /// `CHECK` (imaplib `check`).
    pub async fn check(&mut self) -> Result<(), Error> {
        self.call(ops::check()).await
    }

    /// `CLOSE` (imaplib `close`): expunges silently and deselects.
    pub async fn close(&mut self) -> Result<(), Error> {
        self.call(ops::close()).await
    }

    /// `UNSELECT` (imaplib `unselect`, RFC 3691): deselects without expunging.
    pub async fn unselect(&mut self) -> Result<(), Error> {
        self.call(ops::unselect()).await
    }

    /// `EXPUNGE` (imaplib `expunge`): the message numbers expunged, in the
    /// order the server sent them.
    pub async fn expunge(&mut self) -> Result<Vec<u32>, Error> {
        self.call(ops::expunge()).await
    }

    /// `UID EXPUNGE set` (RFC 4315): expunges only these UIDs (of those
    /// marked `\Deleted`); returns the message numbers expunged.
    pub async fn uid_expunge(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
    ) -> Result<Vec<u32>, Error> {
        self.call(ops::uid_expunge(uids)?).await
    }

    /// imaplib `uid(command, args...)`: a UID command chosen by its name
    /// (`COPY`, `FETCH`, `SEARCH`, `SORT`, `STORE`, `THREAD`, `MOVE`,
    /// `EXPUNGE`) with imaplib's string arguments; the whole completion
    /// (`imaplib()` gives imaplib's `(typ, data)`). The typed `uid_*`
    /// methods give typed results.
    pub async fn uid(&mut self, command: &str, args: &[&str]) -> Result<Completion, Error> {
        self.call(ops::uid(command, args)?).await
    }
}
