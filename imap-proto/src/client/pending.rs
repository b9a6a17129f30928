//! Commands in flight: what kind each one is (which untagged responses it
//! collects), the fragments still to send, and how far sending has got.
//!
//! Several commands may be in flight at once (pipelining). They go on the
//! wire strictly in order; a synchronizing literal stops everything behind
//! it until the server's `+`. STARTTLS, AUTHENTICATE, LOGIN, COMPRESS and
//! IDLE run alone: nothing is sent behind them until they complete.

use std::collections::VecDeque;

use bytes::Bytes;

use super::auth::Exchange;
use super::idle::IdleState;
use super::MailboxState;
use crate::command::{Command, Fragment};
use crate::response::{Code, Untagged};

/// Identifies one command given to [`Client::enqueue`](super::Client::enqueue);
/// its [`Event::Completed`](super::Event::Completed) carries the same handle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CommandHandle(pub(crate) u64);

impl CommandHandle {
    /// A number unique among the handles of one client, increasing.
    pub fn id(self) -> u64 {
        self.0
    }
}

/// What a command is, as far as the state machine cares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Capability,
    Logout,
    Id,
    StartTls,
    Authenticate,
    Login,
    Enable,
    Select,
    Examine,
    List,
    Lsub,
    Namespace,
    Status,
    Idle,
    Compress,
    GetQuota,
    GetQuotaRoot,
    SetQuota,
    GetAcl,
    ListRights,
    MyRights,
    GetMetadata,
    GetAnnotation,
    Close,
    Expunge,
    Search,
    Fetch,
    Store,
    Move,
    Sort,
    Thread,
    XAtom(Bytes),
    Other,
}

impl Kind {
    pub(crate) fn of(command: &Command) -> Kind {
        match command {
            Command::Capability => Kind::Capability,
            Command::Logout => Kind::Logout,
            Command::Id(_) => Kind::Id,
            Command::StartTls => Kind::StartTls,
            Command::Authenticate { .. } => Kind::Authenticate,
            Command::Login { .. } => Kind::Login,
            Command::Enable(_) => Kind::Enable,
            Command::Select { .. } => Kind::Select,
            Command::Examine { .. } => Kind::Examine,
            Command::List(_) => Kind::List,
            Command::Lsub { .. } => Kind::Lsub,
            Command::Namespace => Kind::Namespace,
            Command::Status { .. } => Kind::Status,
            Command::Idle => Kind::Idle,
            Command::Compress(_) => Kind::Compress,
            Command::GetQuota(_) => Kind::GetQuota,
            Command::GetQuotaRoot(_) => Kind::GetQuotaRoot,
            Command::SetQuota { .. } => Kind::SetQuota,
            Command::GetAcl(_) => Kind::GetAcl,
            Command::ListRights { .. } => Kind::ListRights,
            Command::MyRights(_) => Kind::MyRights,
            Command::GetMetadata { .. } => Kind::GetMetadata,
            Command::GetAnnotation { .. } => Kind::GetAnnotation,
            Command::Close | Command::Unselect => Kind::Close,
            Command::Expunge | Command::UidExpunge(_) => Kind::Expunge,
            Command::Search(_) => Kind::Search,
            Command::Fetch(_) => Kind::Fetch,
            Command::Store(_) => Kind::Store,
            Command::Move { .. } => Kind::Move,
            Command::Sort(_) => Kind::Sort,
            Command::Thread(_) => Kind::Thread,
            Command::XAtom { name, .. } => Kind::XAtom(name.clone()),
            _ => Kind::Other,
        }
    }

    /// Commands that run alone: nothing is sent behind them, and nothing
    /// may be enqueued while they run.
    pub(crate) fn runs_alone(&self) -> bool {
        matches!(
            self,
            Kind::StartTls | Kind::Authenticate | Kind::Login | Kind::Compress | Kind::Idle
        )
    }

    /// How strongly this kind of command claims `response`: 0 not at
    /// all, 1 when it may come with it (a FETCH during SELECT with
    /// QRESYNC, a STATUS during LIST-STATUS), 2 when it is the answer.
    pub(crate) fn affinity(&self, response: &Untagged) -> u8 {
        use Untagged as U;
        let (primary, secondary) = match response {
            U::Capability(_) => (*self == Kind::Capability, false),
            U::Enabled(_) => (*self == Kind::Enable, false),
            U::Exists(_) | U::Recent(_) | U::Flags(_) => (self.selects(), false),
            U::Status(status) => match &status.code {
                Some(
                    Code::PermanentFlags(_)
                    | Code::UidValidity(_)
                    | Code::UidNext(_)
                    | Code::Unseen(_)
                    | Code::HighestModSeq(_)
                    | Code::NoModSeq
                    | Code::ReadOnly
                    | Code::ReadWrite
                    | Code::Closed,
                ) => (self.selects(), false),
                Some(Code::CopyUid { .. }) => (*self == Kind::Move, false),
                _ => (
                    *self == Kind::Logout && status.kind == crate::response::StatusKind::Bye,
                    false,
                ),
            },
            U::Expunge(_) | U::Vanished { earlier: false, .. } => {
                (matches!(self, Kind::Expunge | Kind::Move), false)
            }
            U::Vanished { earlier: true, .. } => (*self == Kind::Fetch, self.selects()),
            U::Fetch(_) => (matches!(self, Kind::Fetch | Kind::Store), self.selects()),
            U::Search(_) => (*self == Kind::Search, false),
            U::Sort(_) => (*self == Kind::Sort, false),
            U::ESearch(_) => (matches!(self, Kind::Search | Kind::Sort), false),
            U::Thread(_) => (*self == Kind::Thread, false),
            U::List(_) => (*self == Kind::List, false),
            U::Lsub(_) => (*self == Kind::Lsub, false),
            U::Status_(_) => (*self == Kind::Status, *self == Kind::List),
            U::Namespace(_) => (*self == Kind::Namespace, false),
            U::Quota(_) => (
                matches!(self, Kind::GetQuota | Kind::GetQuotaRoot),
                *self == Kind::SetQuota,
            ),
            U::QuotaRoot { .. } => (*self == Kind::GetQuotaRoot, false),
            U::Acl { .. } => (*self == Kind::GetAcl, false),
            U::ListRights { .. } => (*self == Kind::ListRights, false),
            U::MyRights { .. } => (*self == Kind::MyRights, false),
            U::Metadata {
                entries: crate::response::MetadataEntries::Values(_),
                ..
            } => (*self == Kind::GetMetadata, false),
            U::Annotation { .. } => (*self == Kind::GetAnnotation, false),
            U::Id(_) => (*self == Kind::Id, false),
            U::Other { name, .. } => match self {
                Kind::XAtom(x) => (x.eq_ignore_ascii_case(name), false),
                _ => (false, false),
            },
            _ => (false, false),
        };
        if primary {
            2
        } else {
            u8::from(secondary)
        }
    }

    /// True when this kind of command collects `response` at all.
    #[cfg(test)]
    pub(crate) fn collects(&self, response: &Untagged) -> bool {
        self.affinity(response) > 0
    }

    /// SELECT or EXAMINE.
    pub(crate) fn selects(&self) -> bool {
        matches!(self, Kind::Select | Kind::Examine)
    }
}

/// How far a command has got onto the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// Nothing handed to the transmit queue yet.
    Queued,
    /// Everything up to a synchronizing literal is queued; waiting for `+`.
    WaitingLiteral,
    /// Every fragment is queued.
    Sent,
}

/// One command in flight. `Debug` leaves out the fragments: they may hold
/// a password.
pub(crate) struct InFlight {
    pub(crate) handle: CommandHandle,
    pub(crate) tag: Bytes,
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    /// Fragments not yet queued for transmission.
    pub(crate) fragments: VecDeque<Fragment>,
    /// The command, kept until sent when it must be encoded late
    /// (AUTHENTICATE: SASL-IR depends on the capabilities then).
    pub(crate) late: Option<Command>,
    pub(crate) phase: Phase,
    /// Chunks of this command still in the transmit queue.
    pub(crate) unflushed: usize,
    /// Internal (automatic CAPABILITY): no event on completion.
    pub(crate) internal: bool,
    /// For an internal CAPABILITY: the completion of the STARTTLS, LOGIN
    /// or AUTHENTICATE it follows, delivered once the capabilities are known.
    pub(crate) release: Option<Box<super::Event>>,
    /// Must not be sent while the capabilities are being asked for
    /// (LOGIN, AUTHENTICATE: LOGINDISABLED and SASL-IR decide).
    pub(crate) needs_capabilities: bool,
    /// Untagged responses collected, with their raw bytes.
    pub(crate) untagged: Vec<Untagged>,
    pub(crate) raw: Vec<Bytes>,
    /// The mailbox being opened, for SELECT / EXAMINE.
    pub(crate) mailbox: Option<MailboxState>,
    /// The SASL exchange of AUTHENTICATE.
    pub(crate) auth: Option<Exchange>,
    /// A challenge was handed to the caller; waiting for `auth_respond`.
    pub(crate) awaiting_caller: bool,
    /// `[READ-ONLY]` arrived while this command was in flight.
    pub(crate) readonly_hit: bool,
    /// The `+` for the pending synchronizing literal arrived.
    pub(crate) literal_granted: bool,
    /// LOGIN or a mechanism that sends credentials in the clear: checked
    /// again against LOGINDISABLED when it is about to be sent.
    pub(crate) plaintext: bool,
    /// IDLE only.
    pub(crate) idle: Option<IdleState>,
}

impl std::fmt::Debug for InFlight {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InFlight")
            .field("handle", &self.handle)
            .field("tag", &self.tag)
            .field("name", &self.name)
            .field("phase", &self.phase)
            .field("untagged", &self.untagged.len())
            .finish_non_exhaustive()
    }
}

impl InFlight {
    pub(crate) fn new(handle: CommandHandle, tag: Bytes, name: &'static str, kind: Kind) -> Self {
        InFlight {
            handle,
            tag,
            name,
            kind,
            fragments: VecDeque::new(),
            late: None,
            phase: Phase::Queued,
            unflushed: 0,
            internal: false,
            release: None,
            needs_capabilities: false,
            untagged: Vec::new(),
            raw: Vec::new(),
            mailbox: None,
            auth: None,
            awaiting_caller: false,
            readonly_hit: false,
            literal_granted: false,
            plaintext: false,
            idle: None,
        }
    }

    /// Every byte is queued and handed out by `poll_transmit`.
    pub(crate) fn fully_transmitted(&self) -> bool {
        self.phase == Phase::Sent && self.unflushed == 0
    }

    /// Some byte of the command has been handed to the transmit queue.
    pub(crate) fn started(&self) -> bool {
        self.phase != Phase::Queued
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{Status, StatusKind};

    #[test]
    fn kinds_collect_their_responses() {
        assert!(
            Kind::Fetch.collects(&Untagged::Fetch(crate::response::Fetch {
                seq: 1,
                attrs: vec![]
            }))
        );
        assert!(!Kind::Search.collects(&Untagged::Exists(1)));
        assert!(Kind::Select.collects(&Untagged::Exists(1)));
        let uidvalidity = Untagged::Status(Status {
            kind: StatusKind::Ok,
            code: Some(Code::UidValidity(3)),
            text: crate::types::SmallBytes::new(),
        });
        assert!(Kind::Examine.collects(&uidvalidity));
        assert!(!Kind::Fetch.collects(&uidvalidity));
        let other = Untagged::Other {
            name: Bytes::from_static(b"XLIST"),
            raw: Bytes::new(),
        };
        assert!(Kind::XAtom(Bytes::from_static(b"xlist")).collects(&other));
        assert!(!Kind::List.collects(&other));
    }

    #[test]
    fn alone() {
        assert!(Kind::StartTls.runs_alone() && Kind::Idle.runs_alone());
        assert!(!Kind::Fetch.runs_alone());
    }
}
