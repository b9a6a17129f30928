//! Constructors named after imaplib's methods.

use bytes::Bytes;

use super::{
    AnnotationEntry, AppendCommand, Arg, Command, FetchCommand, FetchItem, FetchItems, ListCommand,
    MetadataOptions, SearchCommand, SearchCriteria, Secret, SelectParams, SortCommand,
    SortCriterion, StatusAttribute, StoreAction, StoreCommand, ThreadCommand,
};
use crate::types::{DateTime, Flag, MailboxName, Section, SequenceSet};

fn b(s: impl AsRef<[u8]>) -> Bytes {
    Bytes::copy_from_slice(s.as_ref())
}

impl Command {
    /// `CAPABILITY`
    pub fn capability() -> Self {
        Command::Capability
    }

    /// `NOOP`
    pub fn noop() -> Self {
        Command::Noop
    }

    /// imaplib's `recent()`: a `NOOP` whose RECENT responses are the answer.
    pub fn recent() -> Self {
        Command::Noop
    }

    /// `LOGOUT`
    pub fn logout() -> Self {
        Command::Logout
    }

    /// `STARTTLS`
    pub fn starttls() -> Self {
        Command::StartTls
    }

    /// `LOGIN user password` (both sent quoted or as literals when needed).
    ///
    /// ```
    /// use imap_proto::command::{Command, EncodeContext};
    /// let wire = Command::login("fred", "secret").encode(b"A1", &EncodeContext::default()).unwrap();
    /// assert_eq!(wire.to_bytes(), b"A1 LOGIN fred secret\r\n");
    /// ```
    pub fn login(user: impl AsRef<[u8]>, password: impl AsRef<[u8]>) -> Self {
        Command::Login {
            username: b(user),
            password: Secret::new(password),
        }
    }

    /// `AUTHENTICATE mechanism [initial-response]`.
    pub fn authenticate(mechanism: impl AsRef<[u8]>, initial_response: Option<Secret>) -> Self {
        Command::Authenticate {
            mechanism: b(mechanism),
            initial_response,
        }
    }

    /// `ENABLE cap...`
    pub fn enable<I: IntoIterator<Item = S>, S: AsRef<[u8]>>(capabilities: I) -> Self {
        Command::Enable(capabilities.into_iter().map(b).collect())
    }

    /// `ID (field value ...)` or `ID NIL`.
    pub fn id(params: Option<Vec<(Bytes, Option<Bytes>)>>) -> Self {
        Command::Id(params)
    }

    /// `SELECT mailbox` (imaplib `select(mailbox)`).
    pub fn select(mailbox: impl Into<MailboxName>) -> Self {
        Command::Select {
            mailbox: mailbox.into(),
            params: SelectParams::default(),
        }
    }

    /// `EXAMINE mailbox` (imaplib `select(mailbox, readonly=True)`).
    pub fn examine(mailbox: impl Into<MailboxName>) -> Self {
        Command::Examine {
            mailbox: mailbox.into(),
            params: SelectParams::default(),
        }
    }

    /// `CREATE mailbox`
    pub fn create(mailbox: impl Into<MailboxName>) -> Self {
        Command::Create(mailbox.into())
    }

    /// `DELETE mailbox`
    pub fn delete(mailbox: impl Into<MailboxName>) -> Self {
        Command::Delete(mailbox.into())
    }

    /// `RENAME old new`
    pub fn rename(old: impl Into<MailboxName>, new: impl Into<MailboxName>) -> Self {
        Command::Rename {
            from: old.into(),
            to: new.into(),
        }
    }

    /// `SUBSCRIBE mailbox`
    pub fn subscribe(mailbox: impl Into<MailboxName>) -> Self {
        Command::Subscribe(mailbox.into())
    }

    /// `UNSUBSCRIBE mailbox`
    pub fn unsubscribe(mailbox: impl Into<MailboxName>) -> Self {
        Command::Unsubscribe(mailbox.into())
    }

    /// `LIST reference pattern` (imaplib defaults: `""` and `*`).
    pub fn list(reference: impl Into<MailboxName>, pattern: impl Into<MailboxName>) -> Self {
        Command::List(ListCommand {
            reference: reference.into(),
            patterns: vec![pattern.into()],
            selection: Vec::new(),
            returns: Vec::new(),
        })
    }

    /// `LSUB reference pattern`
    pub fn lsub(reference: impl Into<MailboxName>, pattern: impl Into<MailboxName>) -> Self {
        Command::Lsub {
            reference: reference.into(),
            pattern: pattern.into(),
        }
    }

    /// `NAMESPACE`
    pub fn namespace() -> Self {
        Command::Namespace
    }

    /// `STATUS mailbox (items)`
    pub fn status(mailbox: impl Into<MailboxName>, items: Vec<StatusAttribute>) -> Self {
        Command::Status {
            mailbox: mailbox.into(),
            items,
        }
    }

    /// `APPEND mailbox [(flags)] [date-time] message`
    pub fn append(
        mailbox: impl Into<MailboxName>,
        flags: Vec<Flag>,
        date: Option<DateTime>,
        message: impl Into<Bytes>,
    ) -> Self {
        Command::Append(AppendCommand {
            mailbox: mailbox.into(),
            flags,
            date,
            message: message.into(),
        })
    }

    /// `IDLE`
    pub fn idle() -> Self {
        Command::Idle
    }

    /// `COMPRESS DEFLATE`
    pub fn compress_deflate() -> Self {
        Command::Compress(Bytes::from_static(b"DEFLATE"))
    }

    /// `GETQUOTA root`
    pub fn getquota(root: impl AsRef<[u8]>) -> Self {
        Command::GetQuota(b(root))
    }

    /// `GETQUOTAROOT mailbox`
    pub fn getquotaroot(mailbox: impl Into<MailboxName>) -> Self {
        Command::GetQuotaRoot(mailbox.into())
    }

    /// `SETQUOTA root (resource limit ...)`
    pub fn setquota(root: impl AsRef<[u8]>, limits: Vec<(Bytes, u64)>) -> Self {
        Command::SetQuota {
            root: b(root),
            limits,
        }
    }

    /// `GETACL mailbox`
    pub fn getacl(mailbox: impl Into<MailboxName>) -> Self {
        Command::GetAcl(mailbox.into())
    }

    /// `SETACL mailbox who what`
    pub fn setacl(
        mailbox: impl Into<MailboxName>,
        who: impl AsRef<[u8]>,
        what: impl AsRef<[u8]>,
    ) -> Self {
        Command::SetAcl {
            mailbox: mailbox.into(),
            identifier: b(who),
            rights: b(what),
        }
    }

    /// `DELETEACL mailbox who`
    pub fn deleteacl(mailbox: impl Into<MailboxName>, who: impl AsRef<[u8]>) -> Self {
        Command::DeleteAcl {
            mailbox: mailbox.into(),
            identifier: b(who),
        }
    }

    /// `LISTRIGHTS mailbox who`
    pub fn listrights(mailbox: impl Into<MailboxName>, who: impl AsRef<[u8]>) -> Self {
        Command::ListRights {
            mailbox: mailbox.into(),
            identifier: b(who),
        }
    }

    /// `MYRIGHTS mailbox`
    pub fn myrights(mailbox: impl Into<MailboxName>) -> Self {
        Command::MyRights(mailbox.into())
    }

    /// `GETMETADATA mailbox (entries)`
    pub fn getmetadata(mailbox: impl Into<MailboxName>, entries: Vec<Bytes>) -> Self {
        Command::GetMetadata {
            options: MetadataOptions::default(),
            mailbox: mailbox.into(),
            entries,
        }
    }

    /// `SETMETADATA mailbox (entry value ...)`
    pub fn setmetadata(
        mailbox: impl Into<MailboxName>,
        entries: Vec<(Bytes, Option<Bytes>)>,
    ) -> Self {
        Command::SetMetadata {
            mailbox: mailbox.into(),
            entries,
        }
    }

    /// `GETANNOTATION mailbox entry attribute`
    pub fn getannotation(
        mailbox: impl Into<MailboxName>,
        entry: impl AsRef<[u8]>,
        attribute: impl AsRef<[u8]>,
    ) -> Self {
        Command::GetAnnotation {
            mailbox: mailbox.into(),
            entries: vec![b(entry)],
            attributes: vec![b(attribute)],
        }
    }

    /// `SETANNOTATION mailbox entry (attribute value ...) ...`
    pub fn setannotation(mailbox: impl Into<MailboxName>, entries: Vec<AnnotationEntry>) -> Self {
        Command::SetAnnotation {
            mailbox: mailbox.into(),
            entries,
        }
    }

    /// `PROXYAUTH user`
    pub fn proxyauth(user: impl AsRef<[u8]>) -> Self {
        Command::ProxyAuth(b(user))
    }

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
