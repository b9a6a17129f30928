//! Session methods on messages: SEARCH, FETCH, PARTIAL, STORE, COPY, MOVE,
//! SORT, THREAD, each also in its UID form (imaplib `uid(command, ...)`).
//! Each is one line: build a command, run it, pick the result.
//!
//! Sets, items, criteria and flags take imaplib's strings or typed values
//! (see [`IntoArg`]).

use imap_proto::client::Completion;
use imap_proto::command::{
    Command, FetchItems, SearchCriteria, SortCriterion, StoreAction, StoreCommand,
};
use imap_proto::response::{Fetch, Thread};
use imap_proto::types::{Flag, MailboxName, Section, SequenceSet};

use crate::{CopyUid, Error, IntoArg, Session};

/// The FETCH responses of a completion (slices of the receive buffer).
fn fetches(done: &Completion) -> Vec<Fetch> {
    done.fetches().cloned().collect()
}

/// The COPYUID of a COPY or MOVE.
fn copy_uid(done: &Completion) -> Option<CopyUid> {
    let (validity, from, to) = done.copy_uid()?;
    Some((validity, from.clone(), to.clone()))
}

/// The THREAD responses of a completion.
fn threads(done: &Completion) -> Vec<Thread> {
    done.threads().into_iter().cloned().collect()
}

/// `[UID] STORE` with imaplib's `command` split into action and `.SILENT`.
fn store(uid: bool, set: SequenceSet, command: (StoreAction, bool), flags: Vec<Flag>) -> Command {
    let (action, silent) = command;
    Command::Store(StoreCommand {
        uid,
        set,
        action,
        silent,
        flags,
        unchanged_since: None,
    })
}

impl Session {
    /// `SEARCH [CHARSET c] criteria` (imaplib `search(charset, criterion)`),
    /// e.g. `search(None, r#"(FROM "LDJ")"#)`: the message numbers.
    pub async fn search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        let command = Command::search(charset, criteria.into_arg()?);
        self.call(command, Completion::search).await
    }

    /// `UID SEARCH`: the UIDs.
    pub async fn uid_search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        let command = Command::uid_search(charset, criteria.into_arg()?);
        self.call(command, Completion::search).await
    }

    /// `FETCH set items` (imaplib `fetch(message_set, message_parts)`), e.g.
    /// `fetch("1:3", "(UID FLAGS BODY.PEEK[])")`. The message bodies are
    /// slices of the receive buffer, not copies.
    pub async fn fetch(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        let command = Command::fetch(set.into_arg()?, items.into_arg()?);
        self.call(command, fetches).await
    }

    /// `UID FETCH`.
    pub async fn uid_fetch(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        let command = Command::uid_fetch(uids.into_arg()?, items.into_arg()?);
        self.call(command, fetches).await
    }

    /// imaplib `partial(message_num, message_part, start, length)`: a FETCH
    /// of `BODY[section]<start.length>`.
    pub async fn partial(
        &mut self,
        message: u32,
        section: Section,
        start: u32,
        length: u32,
    ) -> Result<Vec<Fetch>, Error> {
        let command = Command::partial(message, section, start, length);
        self.call(command, fetches).await
    }

    /// `STORE set command flags` (imaplib `store`), e.g.
    /// `store("1:*", "+FLAGS", r"(\Deleted)")`: the FETCH responses with the
    /// new flags (none with `.SILENT`).
    pub async fn store(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        command: impl IntoArg<(StoreAction, bool)>,
        flags: impl IntoArg<Vec<Flag>>,
    ) -> Result<Vec<Fetch>, Error> {
        let (set, command, flags) = (set.into_arg()?, command.into_arg()?, flags.into_arg()?);
        self.call(store(false, set, command, flags), fetches).await
    }

    /// `UID STORE`.
    pub async fn uid_store(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        command: impl IntoArg<(StoreAction, bool)>,
        flags: impl IntoArg<Vec<Flag>>,
    ) -> Result<Vec<Fetch>, Error> {
        let (uids, command, flags) = (uids.into_arg()?, command.into_arg()?, flags.into_arg()?);
        self.call(store(true, uids, command, flags), fetches).await
    }

    /// `COPY set mailbox` (imaplib `copy`): the COPYUID, when sent.
    pub async fn copy(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        let command = Command::copy(set.into_arg()?, mailbox);
        self.call(command, copy_uid).await
    }

    /// `UID COPY`.
    pub async fn uid_copy(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        let command = Command::uid_copy(uids.into_arg()?, mailbox);
        self.call(command, copy_uid).await
    }

    /// `MOVE set mailbox` (RFC 6851; `move` is a Rust keyword): the
    /// COPYUID, when sent.
    pub async fn move_messages(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        let command = Command::move_messages(set.into_arg()?, mailbox);
        self.call(command, copy_uid).await
    }

    /// `UID MOVE`.
    pub async fn uid_move(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        let command = Command::uid_move(uids.into_arg()?, mailbox);
        self.call(command, copy_uid).await
    }

    /// `SORT (criteria) charset search` (imaplib `sort`), e.g.
    /// `sort("(REVERSE DATE)", "UTF-8", "ALL")`: message numbers in order.
    pub async fn sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        let command = Command::sort(criteria.into_arg()?, charset, search.into_arg()?);
        self.call(command, Completion::search).await
    }

    /// `UID SORT`: UIDs in order.
    pub async fn uid_sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        let command = Command::uid_sort(criteria.into_arg()?, charset, search.into_arg()?);
        self.call(command, Completion::search).await
    }

    /// `THREAD algorithm charset search` (imaplib `thread`), e.g.
    /// `thread("REFERENCES", "UTF-8", "ALL")`.
    pub async fn thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        let command = Command::thread(algorithm, charset, search.into_arg()?);
        self.call(command, threads).await
    }

    /// `UID THREAD`.
    pub async fn uid_thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        let command = Command::uid_thread(algorithm, charset, search.into_arg()?);
        self.call(command, threads).await
    }
}
