//! Constructors named after imaplib's methods: any, not-authenticated
//! and authenticated state commands (selected state in `ctor_select.rs`).

use bytes::Bytes;

use super::{
    AnnotationEntry, AppendCommand, Command, ListCommand, MetadataOptions, Secret, SelectParams,
    StatusAttribute,
};
use crate::types::{DateTime, Flag, MailboxName};

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
}
