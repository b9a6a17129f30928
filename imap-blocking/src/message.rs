//! Session methods on messages: SEARCH, FETCH, PARTIAL, STORE, COPY, MOVE,
//! SORT, THREAD, each also in its UID form (imaplib `uid(command, ...)`).
//! Each is one line: build a command, run it, return the typed result.
//!
//! Sets, items, criteria and flags take imaplib's strings or typed values
//! (see [`IntoArg`]).

use imap_proto::command::{
    Command, FetchItems, SearchCriteria, SortCriterion, StoreAction, StoreCommand,
};
use imap_proto::response::{Fetch, Thread};
use imap_proto::types::{Flag, MailboxName, Section, SequenceSet};

use crate::args::IntoArg;
use crate::{Error, Session};

/// The UIDPLUS `COPYUID` of a COPY or MOVE: the destination's
/// UIDVALIDITY, the source UIDs and the UIDs of the copies, in order.
pub type CopyUid = (u32, SequenceSet, SequenceSet);

impl Session {
    /// `SEARCH [CHARSET c] criteria` (imaplib `search(charset, criterion)`),
    /// e.g. `search(None, r#"(FROM "LDJ")"#)`: the message numbers.
    pub fn search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        Ok(self
            .exec(Command::search(charset, criteria.into_arg()?))?
            .search())
    }

    /// `UID SEARCH`: the UIDs.
    pub fn uid_search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        Ok(self
            .exec(Command::uid_search(charset, criteria.into_arg()?))?
            .search())
    }

    /// `FETCH set items` (imaplib `fetch(message_set, message_parts)`), e.g.
    /// `fetch("1:3", "(UID FLAGS BODY.PEEK[])")`. The message bodies are
    /// slices of the receive buffer, not copies.
    pub fn fetch(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        let done = self.exec(Command::fetch(set.into_arg()?, items.into_arg()?))?;
        Ok(done.fetches().cloned().collect())
    }

    /// `UID FETCH`.
    pub fn uid_fetch(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        let done = self.exec(Command::uid_fetch(uids.into_arg()?, items.into_arg()?))?;
        Ok(done.fetches().cloned().collect())
    }

    /// imaplib `partial(message_num, message_part, start, length)`: a FETCH
    /// of `BODY[section]<start.length>`.
    pub fn partial(
        &mut self,
        message: u32,
        section: Section,
        start: u32,
        length: u32,
    ) -> Result<Vec<Fetch>, Error> {
        let done = self.exec(Command::partial(message, section, start, length))?;
        Ok(done.fetches().cloned().collect())
    }

    /// `STORE set command flags` (imaplib `store`), e.g.
    /// `store("1:*", "+FLAGS", r"(\Deleted)")`: the FETCH responses with the
    /// new flags (none with `.SILENT`).
    pub fn store(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        command: impl IntoArg<(StoreAction, bool)>,
        flags: impl IntoArg<Vec<Flag>>,
    ) -> Result<Vec<Fetch>, Error> {
        let done = self.exec(store(
            false,
            set.into_arg()?,
            command.into_arg()?,
            flags.into_arg()?,
        ))?;
        Ok(done.fetches().cloned().collect())
    }

    /// `UID STORE`.
    pub fn uid_store(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        command: impl IntoArg<(StoreAction, bool)>,
        flags: impl IntoArg<Vec<Flag>>,
    ) -> Result<Vec<Fetch>, Error> {
        let done = self.exec(store(
            true,
            uids.into_arg()?,
            command.into_arg()?,
            flags.into_arg()?,
        ))?;
        Ok(done.fetches().cloned().collect())
    }

    /// `COPY set mailbox` (imaplib `copy`): the COPYUID, when sent.
    pub fn copy(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        Ok(copy_uid(
            self.exec(Command::copy(set.into_arg()?, mailbox))?,
        ))
    }

    /// `UID COPY`.
    pub fn uid_copy(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        Ok(copy_uid(
            self.exec(Command::uid_copy(uids.into_arg()?, mailbox))?,
        ))
    }

    /// `MOVE set mailbox` (RFC 6851; `move` is a Rust keyword): the
    /// COPYUID, when sent.
    pub fn move_messages(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        Ok(copy_uid(
            self.exec(Command::move_messages(set.into_arg()?, mailbox))?,
        ))
    }

    /// `UID MOVE`.
    pub fn uid_move(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        Ok(copy_uid(
            self.exec(Command::uid_move(uids.into_arg()?, mailbox))?,
        ))
    }

    /// `SORT (criteria) charset search` (imaplib `sort`), e.g.
    /// `sort("(REVERSE DATE)", "UTF-8", "ALL")`: message numbers in order.
    pub fn sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        Ok(self
            .exec(Command::sort(
                criteria.into_arg()?,
                charset,
                search.into_arg()?,
            ))?
            .search())
    }

    /// `UID SORT`: UIDs in order.
    pub fn uid_sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        Ok(self
            .exec(Command::uid_sort(
                criteria.into_arg()?,
                charset,
                search.into_arg()?,
            ))?
            .search())
    }

    /// `THREAD algorithm charset search` (imaplib `thread`), e.g.
    /// `thread("REFERENCES", "UTF-8", "ALL")`.
    pub fn thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        let done = self.exec(Command::thread(algorithm, charset, search.into_arg()?))?;
        Ok(done.threads().into_iter().cloned().collect())
    }

    /// `UID THREAD`.
    pub fn uid_thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        let done = self.exec(Command::uid_thread(algorithm, charset, search.into_arg()?))?;
        Ok(done.threads().into_iter().cloned().collect())
    }
}

/// `[UID] STORE` with imaplib's `command` split into action and `.SILENT`.
fn store(
    uid: bool,
    set: SequenceSet,
    (action, silent): (StoreAction, bool),
    flags: Vec<Flag>,
) -> Command {
    Command::Store(StoreCommand {
        uid,
        set,
        action,
        silent,
        flags,
        unchanged_since: None,
    })
}

fn copy_uid(done: &imap_proto::client::Completion) -> Option<CopyUid> {
    done.copy_uid()
        .map(|(v, from, to)| (v, from.clone(), to.clone()))
}
