//! Mailbox operations: SELECT / EXAMINE, CREATE, DELETE, RENAME,
//! (UN)SUBSCRIBE, LIST, LSUB, STATUS, APPEND, CHECK, CLOSE, UNSELECT,
//! EXPUNGE.

use bytes::Bytes;

use super::{unit, MissingResponse, Op};
use crate::client::{Completion, MailboxState};
use crate::command::{ArgError, Command, IntoArg, ListCommand, ListReturn, StatusAttribute};
use crate::response::{ListItem, MailboxStatus};
use crate::types::{DateTime, Flag, MailboxName, SequenceSet};

/// A mailbox from LIST with its STATUS (RFC 5819), when the server sent one.
pub type ListStatus = (ListItem, Option<MailboxStatus>);

/// `SELECT` (imaplib `select(mailbox, readonly)`; `readonly` sends
/// EXAMINE): the mailbox's state.
pub fn select(mailbox: impl Into<MailboxName>, readonly: bool) -> Op<MailboxState> {
    let command = match readonly {
        true => Command::examine(mailbox),
        false => Command::select(mailbox),
    };
    Op::new(command, |done| {
        Ok(done.select().cloned().unwrap_or_default())
    })
}

/// `CREATE` (imaplib `create`).
pub fn create(mailbox: impl Into<MailboxName>) -> Op<()> {
    unit(Command::create(mailbox))
}

/// `DELETE` (imaplib `delete`).
pub fn delete(mailbox: impl Into<MailboxName>) -> Op<()> {
    unit(Command::delete(mailbox))
}

/// `RENAME` (imaplib `rename`).
pub fn rename(old: impl Into<MailboxName>, new: impl Into<MailboxName>) -> Op<()> {
    unit(Command::rename(old, new))
}

/// `SUBSCRIBE` (imaplib `subscribe`).
pub fn subscribe(mailbox: impl Into<MailboxName>) -> Op<()> {
    unit(Command::subscribe(mailbox))
}

/// `UNSUBSCRIBE` (imaplib `unsubscribe`).
pub fn unsubscribe(mailbox: impl Into<MailboxName>) -> Op<()> {
    unit(Command::unsubscribe(mailbox))
}

/// `LIST reference pattern` (imaplib `list(directory, pattern)`).
pub fn list(
    reference: impl Into<MailboxName>,
    pattern: impl Into<MailboxName>,
) -> Op<Vec<ListItem>> {
    Op::new(Command::list(reference, pattern), |done| {
        Ok(done.list().into_iter().cloned().collect())
    })
}

/// `LIST ... RETURN (STATUS (items))` (RFC 5819): each mailbox with its
/// status, in one round trip.
pub fn list_status(
    reference: impl Into<MailboxName>,
    pattern: impl Into<MailboxName>,
    items: impl IntoArg<Vec<StatusAttribute>>,
) -> Result<Op<Vec<ListStatus>>, ArgError> {
    let command = Command::List(ListCommand {
        reference: reference.into(),
        patterns: vec![pattern.into()],
        selection: Vec::new(),
        returns: vec![ListReturn::Status(items.into_arg()?)],
    });
    Ok(Op::new(command, |done| Ok(lists_with_status(done))))
}

/// Pairs each LIST response with the STATUS response of its mailbox.
fn lists_with_status(done: &Completion) -> Vec<ListStatus> {
    let statuses = done.status();
    let status_of = |item: &ListItem| statuses.iter().find(|s| s.mailbox == item.mailbox);
    done.list()
        .into_iter()
        .map(|item| (item.clone(), status_of(item).map(|s| (*s).clone())))
        .collect()
}

/// `LSUB reference pattern` (imaplib `lsub`).
pub fn lsub(
    reference: impl Into<MailboxName>,
    pattern: impl Into<MailboxName>,
) -> Op<Vec<ListItem>> {
    Op::new(Command::lsub(reference, pattern), |done| {
        Ok(done.lsub().into_iter().cloned().collect())
    })
}

/// `STATUS mailbox (items)` (imaplib `status(mailbox, names)`).
pub fn status(
    mailbox: impl Into<MailboxName>,
    items: impl IntoArg<Vec<StatusAttribute>>,
) -> Result<Op<MailboxStatus>, ArgError> {
    let command = Command::status(mailbox, items.into_arg()?);
    Ok(Op::new(command, |done| {
        let status = done.status().first().map(|s| (*s).clone());
        status.ok_or(MissingResponse { command: "STATUS" })
    }))
}

/// `APPEND mailbox (flags) date message` (imaplib `append`): the UIDPLUS
/// `APPENDUID` (UIDVALIDITY and the new UIDs), when sent.
pub fn append(
    mailbox: impl Into<MailboxName>,
    flags: impl IntoArg<Vec<Flag>>,
    date: Option<DateTime>,
    message: impl Into<Bytes>,
) -> Result<Op<Option<(u32, SequenceSet)>>, ArgError> {
    let command = Command::append(mailbox, flags.into_arg()?, date, message);
    Ok(Op::new(command, |done| {
        Ok(done
            .append_uid()
            .map(|(validity, uids)| (validity, uids.clone())))
    }))
}

/// `CHECK` (imaplib `check`).
pub fn check() -> Op<()> {
    unit(Command::check())
}

/// `CLOSE` (imaplib `close`).
pub fn close() -> Op<()> {
    unit(Command::close())
}

/// `UNSELECT` (imaplib `unselect`, RFC 3691).
pub fn unselect() -> Op<()> {
    unit(Command::unselect())
}

/// `EXPUNGE` (imaplib `expunge`): the message numbers expunged, in order.
pub fn expunge() -> Op<Vec<u32>> {
    Op::new(Command::expunge(), |done| Ok(done.expunged()))
}

/// `UID EXPUNGE set` (RFC 4315): the message numbers expunged.
pub fn uid_expunge(uids: impl IntoArg<SequenceSet>) -> Result<Op<Vec<u32>>, ArgError> {
    let command = Command::uid_expunge(uids.into_arg()?);
    Ok(Op::new(command, |done| Ok(done.expunged())))
}
