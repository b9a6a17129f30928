//! Commands and their encoding: every argument becomes an atom, a quoted
//! string or a literal, chosen by its content, so no argument can inject
//! protocol syntax.
//!
//! A [`Command`] is plain data, built with the imaplib-named constructors
//! ([`Command::select`], [`Command::uid_fetch`], [`Command::login`], ...)
//! or field by field. [`Command::encode`] checks every argument and turns
//! the command into [`Fragment`]s: lines, and literals that may have to
//! wait for the server's `+` continuation.
//!
//! ```
//! use imap_proto::command::{Command, EncodeContext, Fragment};
//!
//! let cmd = Command::login("joe", "p\"ss\r\nA1 DELETE INBOX");
//! let enc = cmd.encode(b"A1", &EncodeContext::default()).unwrap();
//! // The password cannot end the line: it goes as a synchronizing literal.
//! assert_eq!(enc.fragments[0], Fragment::Line("A1 LOGIN joe {21}\r\n".into()));
//! assert!(matches!(enc.fragments[1], Fragment::Literal { sync: true, .. }));
//! ```
//!
//! [`parse_command`] is the server side: it parses the bytes of one command
//! (literals inline) back into a [`Command`]. Test servers use it, and the
//! round-trip property of the test-suite rests on it.

use bytes::Bytes;

use crate::types::{DateTime, Flag, MailboxName, SequenceSet};

mod args;
mod ctor;
mod ctor_select;
mod encode;
mod ext;
mod fetch;
mod list;
mod parse;
mod raw;
mod search;
mod secret;
mod select;
mod sort;
mod store;
mod write;
mod writer;

pub use args::{ArgError, IntoArg};
pub use encode::{EncodeContext, EncodeError, Encoded, Fragment, LITERAL_MINUS_MAX};
pub use ext::{AnnotationEntry, Arg, MetadataDepth, MetadataOptions};
pub use fetch::{FetchCommand, FetchItem, FetchItems};
pub use list::{ListCommand, ListReturn, ListSelect, StatusAttribute};
pub use parse::{parse_command, ParsedCommand};
pub use raw::{RawCriteria, RawParenthesized};
pub use search::{SearchCommand, SearchCriteria, SearchDate, SearchKey, SearchReturn};
pub use secret::Secret;
pub use select::{QResync, SelectParams};
pub use sort::{SortCommand, SortCriterion, SortKey, ThreadCommand};
pub use store::{StoreAction, StoreCommand};

/// `DONE` and its CRLF: what ends an IDLE (RFC 2177). It is not a command
/// (no tag); the client sends it after IDLE's continuation.
pub const IDLE_DONE: &[u8] = b"DONE\r\n";

/// The connection states of RFC 3501 section 3, for
/// [`Command::valid_in`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SessionState {
    /// Before LOGIN / AUTHENTICATE (or PREAUTH).
    NotAuthenticated,
    /// Logged in, no mailbox selected.
    Authenticated,
    /// A mailbox is selected.
    Selected,
    /// LOGOUT sent or BYE received: nothing more may be sent.
    Logout,
}

/// An APPEND command (RFC 3501 6.3.11; literal8 from RFC 3516).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppendCommand {
    /// Target mailbox.
    pub mailbox: MailboxName,
    /// Flags to set on the new message (may be empty).
    pub flags: Vec<Flag>,
    /// INTERNALDATE of the new message, if not "now".
    pub date: Option<DateTime>,
    /// The message itself (RFC 5322 bytes). A NUL byte is only allowed
    /// when the server has BINARY (it is then sent as `~{n}`).
    pub message: Bytes,
}

/// One IMAP command: a variant for every command imaplib offers, plus the
/// extensions a modern client needs. Fields are public; every value is
/// checked by [`Command::encode`], never trusted.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Command {
    /// `CAPABILITY`
    Capability,
    /// `NOOP` (also what imaplib's `recent()` sends).
    Noop,
    /// `LOGOUT`
    Logout,
    /// `ID` (RFC 2971): `None` sends `ID NIL`, otherwise field/value pairs.
    Id(Option<Vec<(Bytes, Option<Bytes>)>>),
    /// `STARTTLS`
    StartTls,
    /// `AUTHENTICATE mechanism [initial-response]`. The initial response
    /// (SASL-IR, RFC 4959) is raw bytes; the encoder base64-encodes it
    /// (`=` when empty). The rest of the exchange is the client's.
    Authenticate {
        /// Mechanism name, an atom such as `PLAIN`.
        mechanism: Bytes,
        /// The SASL initial response, if sent with the command.
        initial_response: Option<Secret>,
    },
    /// `LOGIN user password`
    Login {
        /// User name.
        username: Bytes,
        /// Password, never shown by Debug or in errors.
        password: Secret,
    },
    /// `ENABLE cap...` (RFC 5161), e.g. `UTF8=ACCEPT`, `CONDSTORE`, `QRESYNC`.
    Enable(Vec<Bytes>),
    /// `SELECT mailbox [(params)]`
    Select {
        /// The mailbox.
        mailbox: MailboxName,
        /// CONDSTORE / QRESYNC parameters.
        params: SelectParams,
    },
    /// `EXAMINE mailbox [(params)]`: SELECT read-only.
    Examine {
        /// The mailbox.
        mailbox: MailboxName,
        /// CONDSTORE / QRESYNC parameters.
        params: SelectParams,
    },
    /// `CREATE mailbox`
    Create(MailboxName),
    /// `DELETE mailbox`
    Delete(MailboxName),
    /// `RENAME from to`
    Rename {
        /// Existing name.
        from: MailboxName,
        /// New name.
        to: MailboxName,
    },
    /// `SUBSCRIBE mailbox`
    Subscribe(MailboxName),
    /// `UNSUBSCRIBE mailbox`
    Unsubscribe(MailboxName),
    /// `LIST`, with the LIST-EXTENDED options (RFC 5258, 6154, 5819).
    List(ListCommand),
    /// `LSUB reference pattern`
    Lsub {
        /// Reference name (often empty).
        reference: MailboxName,
        /// Pattern with `*` / `%` wildcards.
        pattern: MailboxName,
    },
    /// `NAMESPACE` (RFC 2342)
    Namespace,
    /// `STATUS mailbox (items)`
    Status {
        /// The mailbox.
        mailbox: MailboxName,
        /// The items asked for (at least one).
        items: Vec<StatusAttribute>,
    },
    /// `APPEND mailbox [(flags)] [date-time] literal`
    Append(AppendCommand),
    /// `IDLE` (RFC 2177); ended by [`IDLE_DONE`].
    Idle,
    /// `COMPRESS mechanism` (RFC 4978), e.g. `DEFLATE`.
    Compress(Bytes),
    /// `GETQUOTA root` (RFC 2087 / 9208)
    GetQuota(Bytes),
    /// `GETQUOTAROOT mailbox`
    GetQuotaRoot(MailboxName),
    /// `SETQUOTA root (resource limit ...)`
    SetQuota {
        /// Quota root.
        root: Bytes,
        /// Resource names (atoms such as `STORAGE`) and limits.
        limits: Vec<(Bytes, u64)>,
    },
    /// `GETACL mailbox` (RFC 4314)
    GetAcl(MailboxName),
    /// `SETACL mailbox identifier rights`
    SetAcl {
        /// The mailbox.
        mailbox: MailboxName,
        /// Who.
        identifier: Bytes,
        /// Rights, optionally prefixed by `+` or `-`.
        rights: Bytes,
    },
    /// `DELETEACL mailbox identifier`
    DeleteAcl {
        /// The mailbox.
        mailbox: MailboxName,
        /// Who.
        identifier: Bytes,
    },
    /// `LISTRIGHTS mailbox identifier`
    ListRights {
        /// The mailbox.
        mailbox: MailboxName,
        /// Who.
        identifier: Bytes,
    },
    /// `MYRIGHTS mailbox`
    MyRights(MailboxName),
    /// `GETMETADATA [(options)] mailbox (entries)` (RFC 5464); the empty
    /// mailbox name means server annotations.
    GetMetadata {
        /// DEPTH / MAXSIZE.
        options: MetadataOptions,
        /// The mailbox, or empty for the server.
        mailbox: MailboxName,
        /// Entry names such as `/private/comment` (at least one).
        entries: Vec<Bytes>,
    },
    /// `SETMETADATA mailbox (entry value ...)`; a `None` value removes the entry.
    SetMetadata {
        /// The mailbox, or empty for the server.
        mailbox: MailboxName,
        /// Entries and values (at least one).
        entries: Vec<(Bytes, Option<Bytes>)>,
    },
    /// `GETANNOTATION mailbox entries attributes` (draft ANNOTATEMORE, Cyrus).
    GetAnnotation {
        /// The mailbox.
        mailbox: MailboxName,
        /// Entry patterns (at least one).
        entries: Vec<Bytes>,
        /// Attribute patterns (at least one).
        attributes: Vec<Bytes>,
    },
    /// `SETANNOTATION mailbox entry (attribute value ...) ...`
    SetAnnotation {
        /// The mailbox.
        mailbox: MailboxName,
        /// The entries to set (at least one).
        entries: Vec<AnnotationEntry>,
    },
    /// `PROXYAUTH user` (Cyrus)
    ProxyAuth(Bytes),
    /// `CHECK`
    Check,
    /// `CLOSE`
    Close,
    /// `UNSELECT` (RFC 3691)
    Unselect,
    /// `EXPUNGE`
    Expunge,
    /// `UID EXPUNGE set` (RFC 4315)
    UidExpunge(SequenceSet),
    /// `[UID] SEARCH`
    Search(SearchCommand),
    /// `[UID] FETCH`
    Fetch(FetchCommand),
    /// `[UID] STORE`
    Store(StoreCommand),
    /// `[UID] COPY set mailbox`
    Copy {
        /// UID COPY when true.
        uid: bool,
        /// The messages.
        set: SequenceSet,
        /// Destination.
        mailbox: MailboxName,
    },
    /// `[UID] MOVE set mailbox` (RFC 6851)
    Move {
        /// UID MOVE when true.
        uid: bool,
        /// The messages.
        set: SequenceSet,
        /// Destination.
        mailbox: MailboxName,
    },
    /// `[UID] SORT` (RFC 5256)
    Sort(SortCommand),
    /// `[UID] THREAD` (RFC 5256)
    Thread(ThreadCommand),
    /// imaplib's `xatom(name, args...)`: an extension command with typed
    /// arguments, each encoded safely.
    XAtom {
        /// Command name (an atom).
        name: Bytes,
        /// Arguments.
        args: Vec<Arg>,
    },
}

impl Command {
    /// The command's name as sent (`UID FETCH`, `EXAMINE`, ...), for logs
    /// and errors.
    pub fn name(&self) -> &'static str {
        write::command_name(self)
    }

    /// True when this command may be sent in `state` (RFC 3501 section 6
    /// and the extensions' RFCs). A client refuses the others with a usage
    /// error before anything is sent.
    pub fn valid_in(&self, state: SessionState) -> bool {
        use SessionState::*;
        match state {
            Logout => false,
            NotAuthenticated => matches!(
                self,
                Command::Capability
                    | Command::Noop
                    | Command::Logout
                    | Command::Id(_)
                    | Command::StartTls
                    | Command::Authenticate { .. }
                    | Command::Login { .. }
                    | Command::XAtom { .. }
            ),
            Authenticated | Selected => {
                let any = matches!(
                    self,
                    Command::Capability
                        | Command::Noop
                        | Command::Logout
                        | Command::Id(_)
                        | Command::XAtom { .. }
                );
                let not_auth_only = matches!(
                    self,
                    Command::StartTls | Command::Authenticate { .. } | Command::Login { .. }
                );
                let selected_only = matches!(
                    self,
                    Command::Check
                        | Command::Close
                        | Command::Unselect
                        | Command::Expunge
                        | Command::UidExpunge(_)
                        | Command::Search(_)
                        | Command::Fetch(_)
                        | Command::Store(_)
                        | Command::Copy { .. }
                        | Command::Move { .. }
                        | Command::Sort(_)
                        | Command::Thread(_)
                );
                // RFC 5161: ENABLE only in the authenticated state.
                let authenticated_only = matches!(self, Command::Enable(_));
                any || (!not_auth_only
                    && match state {
                        Selected => !authenticated_only,
                        _ => !selected_only,
                    })
            }
        }
    }

    /// The states [`Command::valid_in`] accepts, in RFC order.
    pub fn valid_states(&self) -> Vec<SessionState> {
        [
            SessionState::NotAuthenticated,
            SessionState::Authenticated,
            SessionState::Selected,
        ]
        .into_iter()
        .filter(|s| self.valid_in(*s))
        .collect()
    }

    /// Encodes the command with `tag` for a server with the abilities in
    /// `ctx`. Every argument is checked: a value that cannot be sent safely
    /// is an [`EncodeError`] naming the argument (never a secret's value).
    pub fn encode(&self, tag: &[u8], ctx: &EncodeContext) -> Result<Encoded, EncodeError> {
        write::encode_command(self, tag, ctx)
    }
}

/// The wire bytes of `c` encoded with tag `a` and the default context
/// (shared by the unit tests of this module's files).
#[cfg(test)]
pub(crate) fn test_wire(c: &Command) -> Vec<u8> {
    c.encode(b"a", &EncodeContext::default())
        .unwrap()
        .to_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states() {
        use SessionState::*;
        assert!(Command::login("a", "b").valid_in(NotAuthenticated));
        assert!(!Command::login("a", "b").valid_in(Authenticated));
        assert!(Command::select("INBOX").valid_in(Authenticated));
        assert!(Command::select("INBOX").valid_in(Selected));
        assert!(!Command::select("INBOX").valid_in(NotAuthenticated));
        assert!(!Command::Expunge.valid_in(Authenticated));
        assert!(Command::Expunge.valid_in(Selected));
        assert!(Command::Noop.valid_in(NotAuthenticated));
        assert!(!Command::Noop.valid_in(Logout));
        assert!(!Command::Enable(vec![]).valid_in(Selected));
        assert_eq!(Command::Check.valid_states(), vec![Selected]);
        assert_eq!(Command::Capability.valid_states().len(), 3);
    }
}
