//! The three kinds of failure: the caller's misuse ([`UsageError`], nothing
//! was sent), the server's misbehaviour ([`ProtocolError`], fatal), and a
//! command that did not succeed ([`CommandError`], imaplib's `error`,
//! `abort` and `readonly`).
//!
//! None of them ever holds a password or token: they are built from command
//! names, states and the server's bytes only.

use crate::command::{EncodeError, SessionState};
use crate::response::{FramingError, ParseError, Snippet, Status};

/// The caller asked for something the client will not do. Nothing was sent
/// and the connection is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UsageError {
    /// The command is not valid in the session's state (RFC 3501 section 3).
    #[error("{command} is not valid in the {state:?} state")]
    WrongState {
        /// The command's name.
        command: &'static str,
        /// The state the command would be sent in (after the commands still in flight).
        state: SessionState,
    },
    /// The server advertised `LOGINDISABLED`: LOGIN and mechanisms that send
    /// the password in the clear are refused.
    #[error("the server advertised LOGINDISABLED: {command} is refused")]
    LoginDisabled {
        /// The command or mechanism refused.
        command: &'static str,
    },
    /// The password or token would cross an unencrypted transport (see
    /// [`ClientOptions::allow_plaintext_auth`](super::ClientOptions::allow_plaintext_auth)).
    #[error("{command} would send credentials over an unencrypted transport")]
    PlaintextAuth {
        /// The command or mechanism refused.
        command: &'static str,
    },
    /// An argument cannot be encoded safely.
    #[error("cannot encode {command}: {source}")]
    Encode {
        /// The command's name.
        command: &'static str,
        /// Why.
        #[source]
        source: EncodeError,
    },
    /// A command that must run alone (STARTTLS, AUTHENTICATE, LOGIN, IDLE,
    /// COMPRESS) is in flight; wait for its completion (or call
    /// [`Client::idle_done`](super::Client::idle_done)).
    #[error("{running} is in progress; {command} must wait for its completion")]
    Busy {
        /// The command refused.
        command: &'static str,
        /// The command in the way.
        running: &'static str,
    },
    /// The connection is closed (or closing after LOGOUT or a fatal error).
    #[error("the connection is closed")]
    Closed,
    /// No IDLE is running.
    #[error("no IDLE is running")]
    NotIdling,
    /// The handle does not name a command waiting for an authentication response.
    #[error("no authentication exchange is waiting for a response")]
    NotAuthenticating,
    /// A SASL mechanism name that is not an atom.
    #[error("invalid SASL mechanism name")]
    InvalidMechanism,
    /// The server does not advertise the capability the command needs
    /// (e.g. STARTTLS): nothing was sent.
    #[error("the server does not advertise {capability}; {command} is refused")]
    NotAdvertised {
        /// The command refused.
        command: &'static str,
        /// The capability missing from the server's list.
        capability: &'static str,
    },
}

/// The server broke the protocol, or the connection ended. Fatal: the
/// connection cannot be used any more.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProtocolError {
    /// The server said BYE (other than in answer to LOGOUT).
    #[error("server closed the connection: BYE {}", Snippet::new(&.0.text))]
    Bye(Status),
    /// The connection ended before LOGOUT completed.
    #[error("connection closed by the server")]
    UnexpectedEof,
    /// The first response was not a greeting (`* OK`, `* PREAUTH`, `* BYE`).
    #[error("expected a greeting, got {0}")]
    BadGreeting(Snippet),
    /// A tagged response whose tag belongs to no command in flight.
    #[error("tagged response with an unknown tag: {0}")]
    UnknownTag(Snippet),
    /// A tagged OK for a command that was not completely sent.
    #[error("tagged response before its command was sent: {0}")]
    PrematureTagged(Snippet),
    /// A `+` continuation while no command waits for one.
    #[error("unexpected continuation request: {0}")]
    UnexpectedContinuation(Snippet),
    /// A tagged response that cannot be parsed (the command's outcome is unknown).
    #[error("malformed tagged response: {0}")]
    MalformedTagged(ParseError),
    /// The framing of the byte stream is lost.
    #[error("framing lost: {0}")]
    Framing(FramingError),
    /// Bytes arrived in plaintext after the tagged OK of STARTTLS (or
    /// uncompressed after COMPRESS): they were not parsed.
    #[error("{0} bytes arrived after the server agreed to switch the transport")]
    DataAfterSwitch(usize),
    /// The server's SASL messages are wrong (bad base64, SCRAM nonce or
    /// signature mismatch, iteration count over the limit, ...).
    #[error("authentication exchange failed: {0}")]
    Sasl(&'static str),
    /// More responses than [`Limits::max_queued_events`](crate::Limits::max_queued_events)
    /// are waiting to be taken.
    #[error("more than {0} responses queued")]
    TooManyResponses(usize),
}

/// Why a command did not succeed: imaplib's three exception kinds.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandError {
    /// imaplib `error`: the server answered NO, with its text and code.
    #[error("NO {}", Snippet::new(&.0.text))]
    No(Status),
    /// imaplib `error`: the server answered BAD, with its text and code.
    #[error("BAD {}", Snippet::new(&.0.text))]
    Bad(Status),
    /// imaplib `abort`: the connection is unusable (BYE, protocol violation, EOF).
    #[error("connection aborted: {0}")]
    Abort(ProtocolError),
    /// imaplib `readonly`: the selected writable mailbox became read-only;
    /// select it again to regain write access.
    #[error("mailbox status changed to READ-ONLY")]
    ReadOnly,
    /// imaplib `error`: the client did not send the command after all,
    /// for a reason learnt after it was enqueued (e.g. `LOGINDISABLED` in
    /// the capabilities that arrived meanwhile). Nothing of it was sent.
    #[error("not sent: {0}")]
    Refused(UsageError),
}

impl CommandError {
    /// imaplib's name for the kind: `"error"`, `"abort"` or `"readonly"`.
    pub fn kind(&self) -> &'static str {
        match self {
            CommandError::No(_) | CommandError::Bad(_) | CommandError::Refused(_) => "error",
            CommandError::Abort(_) => "abort",
            CommandError::ReadOnly => "readonly",
        }
    }

    /// The server's status (NO or BAD), when there is one.
    pub fn status(&self) -> Option<&Status> {
        match self {
            CommandError::No(s) | CommandError::Bad(s) => Some(s),
            _ => None,
        }
    }
}
