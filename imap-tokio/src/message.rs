//! Session methods on messages: SEARCH, FETCH, PARTIAL, STORE, COPY, MOVE,
//! SORT, THREAD, each also in its UID form (imaplib `uid(command, ...)`).
//! Each is one line running the core's
//! [`ops`](imap_proto::client::ops): the command and its typed result.
//!
//! Sets, items, criteria and flags take imaplib's strings or typed values
//! (see [`IntoArg`]).

use imap_proto::client::ops;
use imap_proto::command::{FetchItems, SearchCriteria, SortCriterion, StoreAction};
use imap_proto::response::{Fetch, Thread};
use imap_proto::types::{Flag, MailboxName, Section, SequenceSet};

use crate::{CopyUid, Error, IntoArg, Session};

impl Session {
    /// `SEARCH [CHARSET c] criteria` (imaplib `search(charset, criterion)`),
    /// e.g. `search(None, r#"(FROM "LDJ")"#)`: the message numbers.
    pub async fn search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        self.call(ops::search(charset, criteria)?).await
    }

    /// `UID SEARCH`: the UIDs.
    pub async fn uid_search(
        &mut self,
        charset: Option<&str>,
        criteria: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        self.call(ops::uid_search(charset, criteria)?).await
    }

    /// `FETCH set items` (imaplib `fetch(message_set, message_parts)`), e.g.
    /// `fetch("1:3", "(UID FLAGS BODY.PEEK[])")`. The message bodies are
    /// slices of the receive buffer, not copies.
    pub async fn fetch(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        self.call(ops::fetch(set, items)?).await
    }

    /// `UID FETCH`.
    pub async fn uid_fetch(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        items: impl IntoArg<FetchItems>,
    ) -> Result<Vec<Fetch>, Error> {
        self.call(ops::uid_fetch(uids, items)?).await
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
        self.call(ops::partial(message, section, start, length))
            .await
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
        self.call(ops::store(set, command, flags)?).await
    }

    /// `UID STORE`.
    pub async fn uid_store(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        command: impl IntoArg<(StoreAction, bool)>,
        flags: impl IntoArg<Vec<Flag>>,
    ) -> Result<Vec<Fetch>, Error> {
        self.call(ops::uid_store(uids, command, flags)?).await
    }

    /// `COPY set mailbox` (imaplib `copy`): the COPYUID, when sent.
    pub async fn copy(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        self.call(ops::copy(set, mailbox)?).await
    }

    /// `UID COPY`.
    pub async fn uid_copy(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        self.call(ops::uid_copy(uids, mailbox)?).await
    }

    /// `MOVE set mailbox` (RFC 6851; `move` is a Rust keyword): the
    /// COPYUID, when sent.
    pub async fn move_messages(
        &mut self,
        set: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        self.call(ops::move_messages(set, mailbox)?).await
    }

    /// `UID MOVE`.
    pub async fn uid_move(
        &mut self,
        uids: impl IntoArg<SequenceSet>,
        mailbox: impl Into<MailboxName>,
    ) -> Result<Option<CopyUid>, Error> {
        self.call(ops::uid_move(uids, mailbox)?).await
    }

    /// `SORT (criteria) charset search` (imaplib `sort`), e.g.
    /// `sort("(REVERSE DATE)", "UTF-8", "ALL")`: message numbers in order.
    pub async fn sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        self.call(ops::sort(criteria, charset, search)?).await
    }

    /// `UID SORT`: UIDs in order.
    pub async fn uid_sort(
        &mut self,
        criteria: impl IntoArg<Vec<SortCriterion>>,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<u32>, Error> {
        self.call(ops::uid_sort(criteria, charset, search)?).await
    }

    /// `THREAD algorithm charset search` (imaplib `thread`), e.g.
    /// `thread("REFERENCES", "UTF-8", "ALL")`.
    pub async fn thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        self.call(ops::thread(algorithm, charset, search)?).await
    }

    /// `UID THREAD`.
    pub async fn uid_thread(
        &mut self,
        algorithm: &str,
        charset: &str,
        search: impl IntoArg<SearchCriteria>,
    ) -> Result<Vec<Thread>, Error> {
        self.call(ops::uid_thread(algorithm, charset, search)?)
            .await
    }
}
