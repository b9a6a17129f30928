//! Constructors named after imaplib's methods: selected-state commands.

use bytes::Bytes;

use super::{
    Arg, Command, FetchCommand, FetchItem, FetchItems, SearchCommand, SearchCriteria, SortCommand,
    SortCriterion, StoreAction, StoreCommand, ThreadCommand,
};
use crate::types::{Flag, MailboxName, Section, SequenceSet};

fn b(s: impl AsRef<[u8]>) -> Bytes {
    Bytes::copy_from_slice(s.as_ref())
}

impl Command {
    /// `CHECK`
    pub fn check() -> Self {
        Command::Check
    }

    /// `CLOSE`
    pub fn close() -> Self {
        Command::Close
    }

    /// `UNSELECT`
    pub fn unselect() -> Self {
        Command::Unselect
    }

    /// `EXPUNGE`
    pub fn expunge() -> Self {
        Command::Expunge
    }

    /// `UID EXPUNGE set`
    pub fn uid_expunge(set: SequenceSet) -> Self {
        Command::UidExpunge(set)
    }

    /// `SEARCH [CHARSET c] criteria`
    pub fn search(charset: Option<&str>, criteria: impl Into<SearchCriteria>) -> Self {
        Command::Search(SearchCommand {
            uid: false,
            charset: charset.map(b),
            criteria: criteria.into(),
            returns: None,
        })
    }

    /// `UID SEARCH [CHARSET c] criteria`
    pub fn uid_search(charset: Option<&str>, criteria: impl Into<SearchCriteria>) -> Self {
        Command::Search(SearchCommand {
            uid: true,
            charset: charset.map(b),
            criteria: criteria.into(),
            returns: None,
        })
    }

    /// `FETCH set items`
    ///
    /// ```
    /// use imap_proto::command::{Command, EncodeContext, FetchItems};
    /// let items: FetchItems = "(UID RFC822.SIZE)".parse().unwrap();
    /// let c = Command::fetch("1:3".parse().unwrap(), items);
    /// assert_eq!(c.encode(b"a", &EncodeContext::default()).unwrap().to_bytes(), b"a FETCH 1:3 (UID RFC822.SIZE)\r\n");
    /// ```
    pub fn fetch(set: SequenceSet, items: impl Into<FetchItems>) -> Self {
        Command::Fetch(FetchCommand {
            uid: false,
            set,
            items: items.into(),
            changed_since: None,
            vanished: false,
        })
    }

    /// `UID FETCH set items`
    pub fn uid_fetch(set: SequenceSet, items: impl Into<FetchItems>) -> Self {
        Command::Fetch(FetchCommand {
            uid: true,
            set,
            items: items.into(),
            changed_since: None,
            vanished: false,
        })
    }

    /// imaplib's `partial(num, part, start, length)`: `FETCH num (BODY[part]<start.length>)`.
    pub fn partial(message: u32, section: Section, start: u32, length: u32) -> Self {
        let item = FetchItem::BodySection {
            section,
            partial: Some((start, length)),
            peek: false,
        };
        Self::fetch(SequenceSet::single(message), item)
    }

    /// `STORE set [+|-]FLAGS (flags)`
    pub fn store(set: SequenceSet, action: StoreAction, flags: Vec<Flag>) -> Self {
        Command::Store(StoreCommand {
            uid: false,
            set,
            action,
            silent: false,
            flags,
            unchanged_since: None,
        })
    }

    /// `UID STORE set [+|-]FLAGS (flags)`
    pub fn uid_store(set: SequenceSet, action: StoreAction, flags: Vec<Flag>) -> Self {
        Command::Store(StoreCommand {
            uid: true,
            set,
            action,
            silent: false,
            flags,
            unchanged_since: None,
        })
    }

    /// `COPY set mailbox`
    pub fn copy(set: SequenceSet, mailbox: impl Into<MailboxName>) -> Self {
        Command::Copy {
            uid: false,
            set,
            mailbox: mailbox.into(),
        }
    }

    /// `UID COPY set mailbox`
    pub fn uid_copy(set: SequenceSet, mailbox: impl Into<MailboxName>) -> Self {
        Command::Copy {
            uid: true,
            set,
            mailbox: mailbox.into(),
        }
    }

    /// `MOVE set mailbox` (`move` is a Rust keyword).
    pub fn move_messages(set: SequenceSet, mailbox: impl Into<MailboxName>) -> Self {
        Command::Move {
            uid: false,
            set,
            mailbox: mailbox.into(),
        }
    }

    /// `UID MOVE set mailbox`
    pub fn uid_move(set: SequenceSet, mailbox: impl Into<MailboxName>) -> Self {
        Command::Move {
            uid: true,
            set,
            mailbox: mailbox.into(),
        }
    }

    /// `SORT (criteria) charset search`
    pub fn sort(
        criteria: Vec<SortCriterion>,
        charset: &str,
        search: impl Into<SearchCriteria>,
    ) -> Self {
        Command::Sort(SortCommand {
            uid: false,
            criteria,
            charset: b(charset),
            search: search.into(),
        })
    }

    /// `UID SORT (criteria) charset search`
    pub fn uid_sort(
        criteria: Vec<SortCriterion>,
        charset: &str,
        search: impl Into<SearchCriteria>,
    ) -> Self {
        Command::Sort(SortCommand {
            uid: true,
            criteria,
            charset: b(charset),
            search: search.into(),
        })
    }

    /// `THREAD algorithm charset search`
    pub fn thread(algorithm: &str, charset: &str, search: impl Into<SearchCriteria>) -> Self {
        Command::Thread(ThreadCommand {
            uid: false,
            algorithm: b(algorithm),
            charset: b(charset),
            search: search.into(),
        })
    }

    /// `UID THREAD algorithm charset search`
    pub fn uid_thread(algorithm: &str, charset: &str, search: impl Into<SearchCriteria>) -> Self {
        Command::Thread(ThreadCommand {
            uid: true,
            algorithm: b(algorithm),
            charset: b(charset),
            search: search.into(),
        })
    }

    /// imaplib's `xatom(name, args...)`.
    pub fn xatom(name: impl AsRef<[u8]>, args: Vec<Arg>) -> Self {
        Command::XAtom {
            name: b(name),
            args,
        }
    }
}
