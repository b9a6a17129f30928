//! Session methods on mailboxes: SELECT / EXAMINE, CREATE, DELETE, RENAME,
//! (UN)SUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE, UNSELECT,
//! EXPUNGE. Each is one line: build a command, run it, pick the result.

use bytes::Bytes;
use imap_proto::client::{Completion, MailboxState};
use imap_proto::command::{Command, ListCommand, ListReturn, StatusAttribute};
use imap_proto::response::{ListItem, MailboxStatus};
use imap_proto::types::{DateTime, Flag, MailboxName, SequenceSet};

use crate::session::nothing;
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
        let command = if readonly {
            Command::examine(mailbox)
        } else {
            Command::select(mailbox)
        };
        self.call(command, |d| d.select().cloned().unwrap_or_default())
            .await
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
        self.call(Command::create(mailbox), nothing).await
    }

    /// `DELETE` (imaplib `delete`).
    pub async fn delete(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(Command::delete(mailbox), nothing).await
    }

    /// `RENAME` (imaplib `rename`).
    pub async fn rename(
        &mut self,
        old: impl Into<MailboxName>,
        new: impl Into<MailboxName>,
    ) -> Result<(), Error> {
        self.call(Command::rename(old, new), nothing).await
    }

    /// `SUBSCRIBE` (imaplib `subscribe`).
    pub async fn subscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(Command::subscribe(mailbox), nothing).await
    }

    /// `UNSUBSCRIBE` (imaplib `unsubscribe`).
    pub async fn unsubscribe(&mut self, mailbox: impl Into<MailboxName>) -> Result<(), Error> {
        self.call(Command::unsubscribe(mailbox), nothing).await
    }

    /// `LIST reference pattern` (imaplib `list(directory, pattern)`; use
    /// `""` and `"*"` for everything).
    pub async fn list(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        let command = Command::list(reference, pattern);
        self.call(command, |d| d.list().into_iter().cloned().collect())
            .await
    }

    /// `LIST ... RETURN (STATUS (items))` (RFC 5819): each mailbox with its
    /// status, in one round trip.
    pub async fn list_status(
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
        self.call(command, lists_with_status).await
    }

    /// `LSUB reference pattern` (imaplib `lsub`).
    pub async fn lsub(
        &mut self,
        reference: impl Into<MailboxName>,
        pattern: impl Into<MailboxName>,
    ) -> Result<Vec<ListItem>, Error> {
        let command = Command::lsub(reference, pattern);
        self.call(command, |d| d.lsub().into_iter().cloned().collect())
            .await
    }

    /// `STATUS mailbox (items)` (imaplib `status(mailbox, names)`), e.g.
    /// `status("INBOX", "(MESSAGES UNSEEN)")`.
    pub async fn status(
        &mut self,
        mailbox: impl Into<MailboxName>,
        items: impl IntoArg<Vec<StatusAttribute>>,
    ) -> Result<MailboxStatus, Error> {
        let command = Command::status(mailbox, items.into_arg()?);
        self.call(command, |d| d.status().first().map(|s| (*s).clone()))
            .await?
            .ok_or(Error::MissingResponse("STATUS"))
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
        let command = Command::append(mailbox, flags.into_arg()?, date, message);
        self.call(command, |d| d.append_uid().map(|(v, u)| (v, u.clone())))
            .await
    }

    /// `CHECK` (imaplib `check`).
    pub async fn check(&mut self) -> Result<(), Error> {
        self.call(Command::check(), nothing).await
    }

    /// `CLOSE` (imaplib `close`): expunges silently and deselects.
    pub async fn close(&mut self) -> Result<(), Error> {
        self.call(Command::close(), nothing).await
    }

    /// `UNSELECT` (imaplib `unselect`, RFC 3691): deselects without expunging.
    pub async fn unselect(&mut self) -> Result<(), Error> {
        self.call(Command::unselect(), nothing).await
    }

    /// `EXPUNGE` (imaplib `expunge`): the message numbers expunged, in the
    /// order the server sent them.
    pub async fn expunge(&mut self) -> Result<Vec<u32>, Error> {
        self.call(Command::expunge(), Completion::expunged).await
    }

    /// `UID EXPUNGE set` (RFC 4315): expunges only these UIDs (of those
    /// marked `\Deleted`); returns the message numbers expunged.
    pub async fn uid_expunge(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
    ) -> Result<Vec<u32>, Error> {
        let command = Command::uid_expunge(uids.into_arg()?);
        self.call(command, Completion::expunged).await
    }
}

/// Pairs each LIST response with the STATUS response of its mailbox.
fn lists_with_status(done: &Completion) -> Vec<(ListItem, Option<MailboxStatus>)> {
    let statuses = done.status();
    let status_of = |item: &ListItem| statuses.iter().find(|s| s.mailbox == item.mailbox);
    done.list()
        .into_iter()
        .map(|item| (item.clone(), status_of(item).map(|s| (*s).clone())))
        .collect()
}
