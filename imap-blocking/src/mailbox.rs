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

use crate::{Error, Session};
use imap_proto::command::IntoArg;

impl Session {
    /// `SELECT` (imaplib `select(mailbox, readonly)`; `readonly` sends
    /// EXAMINE): returns the mailbox's state (EXISTS, flags, UIDVALIDITY,
    /// ...). Mailbox names are Unicode, encoded for the wire by the core.
    pub fn select(
        &mut self,
        mailbox: impl Into<MailboxName>,
        readonly: bool,
    ) -> Result<MailboxState, Error> {
        self.call(ops::select(mailbox, readonly))
    }

    /// `EXAMINE`: [`Session::select`] read-only.
    pub fn examine(&mut self, mailbox: impl Into<MailboxName>) -> Result<MailboxState, Error> {
        self.select(mailbox, true)
    }

    /// `CREATE` (imaplib `create`).
    pub fn create(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::create(mailbox))
    }

    /// `DELETE` (imaplib `delete`).
    pub fn delete(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::delete(mailbox))
    }

    /// `RENAME` (imaplib `rename`).
    pub fn rename(
        &mut self,
        old: impl Into<MailboxName>,
        new: impl Into<MailboxName>,
    ) -> Result<(), Error> {
        self.call(ops::rename(old, new))
    }

    /// `SUBSCRIBE` (imaplib `subscribe`).
    pub fn subscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::subscribe(mailbox))
    }

    /// `UNSUBSCRIBE` (imaplib `unsubscribe`).
    pub fn unsubscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(ops::unsubscribe(mailbox))
    }

    /// `LIST reference pattern` (imaplib `list(directory, pattern)`; use
    /// `""` and `"*"` for everything).
    pub fn list(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        self.call(ops::list(reference, pattern))
    }

    /// `LIST ... RETURN (STATUS (items))` (RFC 5819): each mailbox with its
    /// status, in one round trip.
    pub fn list_status(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<Vec<(ListItem, Option<MailboxStatus>)>, Error> {
        self.call(ops::list_status(reference, pattern, items)?)
    }

    /// `LSUB reference pattern` (imaplib `lsub`).
    pub fn lsub(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        self.call(ops::lsub(reference, pattern))
    }

    /// `STATUS mailbox (items)` (imaplib `status(mailbox, names)`), e.g.
    /// `status("INBOX", "(MESSAGES UNSEEN)")`.
    pub fn status(
        &mut self,
        mailbox: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<MailboxStatus, Error> {
        self.call(ops::status(mailbox, items)?)
    }

    /// `APPEND mailbox (flags) date message` (imaplib `append`). Returns
    /// the UIDPLUS `APPENDUID` (UIDVALIDITY and the new UID) when the
    /// server sent one.
    pub fn append(
        &mut self,
        mailbox: impl Into<MailboxName>,
        flags: impl IntoArg<Vec<Flag>>,
        date: Option<DateTime>,
        message: impl Into<Bytes>,
    ) -> Result<Option<(u32, SequenceSet)>, Error> {
        self.call(ops::append(mailbox, flags, date, message)?)
    }

    /// `CHECK` (imaplib `check`).
    pub fn check(&mut self) -> Result<(), Error> {
        self.call(ops::check())
    }

    /// `CLOSE` (imaplib `close`): expunges silently and deselects.
    pub fn close(&mut self) -> Result<(), Error> {
        self.call(ops::close())
    }

    /// `UNSELECT` (imaplib `unselect`, RFC 3691): deselects without expunging.
    pub fn unselect(&mut self) -> Result<(), Error> {
        self.call(ops::unselect())
    }

    /// `EXPUNGE` (imaplib `expunge`): the message numbers expunged, in the
    /// order the server sent them.
    pub fn expunge(&mut self) -> Result<Vec<u32>, Error> {
        self.call(ops::expunge())
    }

    /// `UID EXPUNGE set` (RFC 4315): expunges only these UIDs (of those
    /// marked `\Deleted`); returns the message numbers expunged.
    pub fn uid_expunge(&mut self, uids: impl IntoArg<SequenceSet>) -> Result<Vec<u32>, Error> {
        self.call(ops::uid_expunge(uids)?)
    }

    /// imaplib `uid(command, args...)`: a UID command chosen by its name
    /// (`COPY`, `FETCH`, `SEARCH`, `SORT`, `STORE`, `THREAD`, `MOVE`,
    /// `EXPUNGE`) with imaplib's string arguments; the whole completion
    /// (`imaplib()` gives imaplib's `(typ, data)`). The typed `uid_*`
    /// methods give typed results.
    pub fn uid(&mut self, command: &str, args: &[&str]) -> Result<Completion, Error> {
        self.call(ops::uid(command, args)?)
    }
}
