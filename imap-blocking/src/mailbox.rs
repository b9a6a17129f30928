//! Session methods on mailboxes: SELECT / EXAMINE, CREATE, DELETE, RENAME,
//! (UN)SUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE, UNSELECT,
//! EXPUNGE. Each is one line: build a command, run it, return the typed
//! result.

use bytes::Bytes;
use imap_proto::client::MailboxState;
use imap_proto::command::{Command, ListCommand, ListReturn, StatusAttribute};
use imap_proto::response::{ListItem, MailboxStatus};
use imap_proto::types::{DateTime, Flag, MailboxName, SequenceSet};

use crate::args::IntoArg;
use crate::{Error, Session};

impl Session {
    /// `SELECT` (imaplib `select(mailbox, readonly)`; `readonly` sends
    /// EXAMINE): returns the mailbox's state (EXISTS, flags, UIDVALIDITY,
    /// ...). Mailbox names are Unicode, encoded for the wire by the core.
    pub fn select(
        &mut self,
        mailbox: impl Into<MailboxName>,
        readonly: bool,
    ) -> Result<MailboxState, Error> {
        let command = match readonly {
            true => Command::examine(mailbox),
            false => Command::select(mailbox),
        };
        let done = self.exec(command)?;
        Ok(done.select().cloned().unwrap_or_default())
    }

    /// `EXAMINE`: [`Session::select`] read-only.
    pub fn examine(&mut self, mailbox: impl Into<MailboxName>) -> Result<MailboxState, Error> {
        self.select(mailbox, true)
    }

    /// `CREATE` (imaplib `create`).
    pub fn create(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.exec(Command::create(mailbox)).map(drop)
    }

    /// `DELETE` (imaplib `delete`).
    pub fn delete(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.exec(Command::delete(mailbox)).map(drop)
    }

    /// `RENAME` (imaplib `rename`).
    pub fn rename(
        &mut self,
        old: impl Into<MailboxName>,
        new: impl Into<MailboxName>,
    ) -> Result<(), Error> {
        self.exec(Command::rename(old, new)).map(drop)
    }

    /// `SUBSCRIBE` (imaplib `subscribe`).
    pub fn subscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.exec(Command::subscribe(mailbox)).map(drop)
    }

    /// `UNSUBSCRIBE` (imaplib `unsubscribe`).
    pub fn unsubscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.exec(Command::unsubscribe(mailbox)).map(drop)
    }

    /// `LIST reference pattern` (imaplib `list(directory, pattern)`; use
    /// `""` and `"*"` for everything).
    pub fn list(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        let done = self.exec(Command::list(reference, pattern))?;
        Ok(done.list().into_iter().cloned().collect())
    }

    /// `LIST ... RETURN (STATUS (items))` (RFC 5819): each mailbox with its
    /// status, in one round trip.
    pub fn list_status(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<Vec<(ListItem, Option<MailboxStatus>)>, Error> {
        let command = Command::List(ListCommand {
            reference: reference.into(),
            patterns: vec![pattern.into()],
            selection: Vec::new(),
            returns: vec![ListReturn::Status(items.into_arg()?)],
        });
        let done = self.exec(command)?;
        let statuses = done.status();
        Ok(done
            .list()
            .into_iter()
            .map(|item| {
                let status = statuses
                    .iter()
                    .find(|s| s.mailbox == item.mailbox)
                    .map(|s| (*s).clone());
                (item.clone(), status)
            })
            .collect())
    }

    /// `LSUB reference pattern` (imaplib `lsub`).
    pub fn lsub(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        let done = self.exec(Command::lsub(reference, pattern))?;
        Ok(done.lsub().into_iter().cloned().collect())
    }

    /// `STATUS mailbox (items)` (imaplib `status(mailbox, names)`), e.g.
    /// `status("INBOX", "(MESSAGES UNSEEN)")`.
    pub fn status(
        &mut self,
        mailbox: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<MailboxStatus, Error> {
        let done = self.exec(Command::status(mailbox, items.into_arg()?))?;
        let status = done.status().first().map(|s| (*s).clone());
        status.ok_or_else(|| Error::MissingResponse("STATUS"))
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
        let done = self.exec(Command::append(mailbox, flags.into_arg()?, date, message))?;
        Ok(done.append_uid().map(|(v, uids)| (v, uids.clone())))
    }

    /// `CHECK` (imaplib `check`).
    pub fn check(&mut self) -> Result<(), Error> {
        self.exec(Command::check()).map(drop)
    }

    /// `CLOSE` (imaplib `close`): expunges silently and deselects.
    pub fn close(&mut self) -> Result<(), Error> {
        self.exec(Command::close()).map(drop)
    }

    /// `UNSELECT` (imaplib `unselect`, RFC 3691): deselects without expunging.
    pub fn unselect(&mut self) -> Result<(), Error> {
        self.exec(Command::unselect()).map(drop)
    }

    /// `EXPUNGE` (imaplib `expunge`): the message numbers expunged, in the
    /// order the server sent them.
    pub fn expunge(&mut self) -> Result<Vec<u32>, Error> {
        Ok(self.exec(Command::expunge())?.expunged())
    }

    /// `UID EXPUNGE set` (RFC 4315): expunges only these UIDs (of those
    /// marked `\Deleted`); returns the message numbers expunged.
    pub fn uid_expunge(&mut self, uids: impl IntoArg<SequenceSet>) -> Result<Vec<u32>, Error> {
        Ok(self
            .exec(Command::uid_expunge(uids.into_arg()?))?
            .expunged())
    }
}
