//! Message operations: SEARCH, FETCH, PARTIAL, STORE, COPY, MOVE, SORT,
//! THREAD, each also in its UID form.

use super::{MissingResponse, Op};
use crate::client::Completion;
use crate::command::{
    ArgError, Command, FetchItems, IntoArg, SearchCriteria, SortCriterion, StoreAction,
    StoreCommand,
};
use crate::response::{Fetch, Thread};
use crate::types::{Flag, MailboxName, Section, SequenceSet};

/// The UIDPLUS `COPYUID` of a COPY or MOVE: the destination's
/// UIDVALIDITY, the source UIDs and the UIDs of the copies, in order.
pub type CopyUid = (u32, SequenceSet, SequenceSet);

/// The numbers of a SEARCH or SORT.
fn numbers(done: &Completion) -> Result<Vec<u32>, MissingResponse> {
    Ok(done.search())
}

/// The FETCH responses of a completion (slices of the receive buffer).
fn fetches(done: &Completion) -> Result<Vec<Fetch>, MissingResponse> {
    Ok(done.fetches().cloned().collect())
}

/// The COPYUID of a COPY or MOVE, when sent.
fn copy_uid(done: &Completion) -> Result<Option<CopyUid>, MissingResponse> {
    let copied = done.copy_uid();
    Ok(copied.map(|(validity, from, to)| (validity, from.clone(), to.clone())))
}

/// The THREAD responses of a completion.
fn threads(done: &Completion) -> Result<Vec<Thread>, MissingResponse> {
    Ok(done.threads().into_iter().cloned().collect())
}

/// `SEARCH [CHARSET c] criteria` (imaplib `search(charset, criterion)`).
pub fn search(
    charset: Option<&str>,
    criteria: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<u32>>, ArgError> {
    Ok(Op::new(
        Command::search(charset, criteria.into_arg()?),
        numbers,
    ))
}

/// `UID SEARCH`: the UIDs.
pub fn uid_search(
    charset: Option<&str>,
    criteria: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<u32>>, ArgError> {
    Ok(Op::new(
        Command::uid_search(charset, criteria.into_arg()?),
        numbers,
    ))
}

/// `FETCH set items` (imaplib `fetch(message_set, message_parts)`).
pub fn fetch(
    set: impl IntoArg<SequenceSet>,
    items: impl IntoArg<FetchItems>,
) -> Result<Op<Vec<Fetch>>, ArgError> {
    Ok(Op::new(
        Command::fetch(set.into_arg()?, items.into_arg()?),
        fetches,
    ))
}

/// `UID FETCH`.
pub fn uid_fetch(
    uids: impl IntoArg<SequenceSet>,
    items: impl IntoArg<FetchItems>,
) -> Result<Op<Vec<Fetch>>, ArgError> {
    Ok(Op::new(
        Command::uid_fetch(uids.into_arg()?, items.into_arg()?),
        fetches,
    ))
}

/// imaplib `partial(message_num, message_part, start, length)`: a FETCH of
/// `BODY[section]<start.length>`.
pub fn partial(message: u32, section: Section, start: u32, length: u32) -> Op<Vec<Fetch>> {
    Op::new(Command::partial(message, section, start, length), fetches)
}

/// `STORE set command flags` (imaplib `store`): the FETCH responses with
/// the new flags (none with `.SILENT`).
pub fn store(
    set: impl IntoArg<SequenceSet>,
    command: impl IntoArg<(StoreAction, bool)>,
    flags: impl IntoArg<Vec<Flag>>,
) -> Result<Op<Vec<Fetch>>, ArgError> {
    store_op(
        false,
        set.into_arg()?,
        command.into_arg()?,
        flags.into_arg()?,
    )
}

/// `UID STORE`.
pub fn uid_store(
    uids: impl IntoArg<SequenceSet>,
    command: impl IntoArg<(StoreAction, bool)>,
    flags: impl IntoArg<Vec<Flag>>,
) -> Result<Op<Vec<Fetch>>, ArgError> {
    store_op(
        true,
        uids.into_arg()?,
        command.into_arg()?,
        flags.into_arg()?,
    )
}

/// `[UID] STORE` with imaplib's `command` split into action and `.SILENT`.
fn store_op(
    uid: bool,
    set: SequenceSet,
    (action, silent): (StoreAction, bool),
    flags: Vec<Flag>,
) -> Result<Op<Vec<Fetch>>, ArgError> {
    let command = Command::Store(StoreCommand {
        uid,
        set,
        action,
        silent,
        flags,
        unchanged_since: None,
    });
    Ok(Op::new(command, fetches))
}

/// `COPY set mailbox` (imaplib `copy`): the COPYUID, when sent.
pub fn copy(
    set: impl IntoArg<SequenceSet>,
    mailbox: impl Into<MailboxName>,
) -> Result<Op<Option<CopyUid>>, ArgError> {
    Ok(Op::new(Command::copy(set.into_arg()?, mailbox), copy_uid))
}

/// `UID COPY`.
pub fn uid_copy(
    uids: impl IntoArg<SequenceSet>,
    mailbox: impl Into<MailboxName>,
) -> Result<Op<Option<CopyUid>>, ArgError> {
    Ok(Op::new(
        Command::uid_copy(uids.into_arg()?, mailbox),
        copy_uid,
    ))
}

/// `MOVE set mailbox` (RFC 6851): the COPYUID, when sent.
pub fn move_messages(
    set: impl IntoArg<SequenceSet>,
    mailbox: impl Into<MailboxName>,
) -> Result<Op<Option<CopyUid>>, ArgError> {
    Ok(Op::new(
        Command::move_messages(set.into_arg()?, mailbox),
        copy_uid,
    ))
}

/// `UID MOVE`.
pub fn uid_move(
    uids: impl IntoArg<SequenceSet>,
    mailbox: impl Into<MailboxName>,
) -> Result<Op<Option<CopyUid>>, ArgError> {
    Ok(Op::new(
        Command::uid_move(uids.into_arg()?, mailbox),
        copy_uid,
    ))
}

/// `SORT (criteria) charset search` (imaplib `sort`): message numbers in
/// order.
pub fn sort(
    criteria: impl IntoArg<Vec<SortCriterion>>,
    charset: &str,
    search: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<u32>>, ArgError> {
    let command = Command::sort(criteria.into_arg()?, charset, search.into_arg()?);
    Ok(Op::new(command, numbers))
}

/// `UID SORT`: UIDs in order.
pub fn uid_sort(
    criteria: impl IntoArg<Vec<SortCriterion>>,
    charset: &str,
    search: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<u32>>, ArgError> {
    let command = Command::uid_sort(criteria.into_arg()?, charset, search.into_arg()?);
    Ok(Op::new(command, numbers))
}

/// `THREAD algorithm charset search` (imaplib `thread`).
pub fn thread(
    algorithm: &str,
    charset: &str,
    search: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<Thread>>, ArgError> {
    let command = Command::thread(algorithm, charset, search.into_arg()?);
    Ok(Op::new(command, threads))
}

/// `UID THREAD`.
pub fn uid_thread(
    algorithm: &str,
    charset: &str,
    search: impl IntoArg<SearchCriteria>,
) -> Result<Op<Vec<Thread>>, ArgError> {
    let command = Command::uid_thread(algorithm, charset, search.into_arg()?);
    Ok(Op::new(command, threads))
}
