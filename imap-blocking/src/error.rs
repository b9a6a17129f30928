//! [`Error`]: imaplib's kinds (error = [`Error::No`] / [`Error::Bad`],
//! abort, readonly) plus what only a driver sees (IO, TLS, timeouts).

use std::io;

use imap_proto::client::ops::MissingResponse;
use imap_proto::client::{ProtocolError, UsageError};
use imap_proto::command::ArgError;
use imap_proto::response::Status;

/// Everything a session call can fail with.
///
/// imaplib's three exceptions map to [`Error::No`] / [`Error::Bad`]
/// (`IMAP4.error`), [`Error::Abort`] (`IMAP4.abort`: the connection is
/// unusable, open a new one) and [`Error::ReadOnly`] (`IMAP4.readonly`).
/// [`Error::is_fatal`] tells whether the session can go on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server answered `NO`: the command failed, the session goes on.
    #[error("server said NO: {}", text(.0))]
    No(Status),
    /// The server answered `BAD`: the command was refused, the session
    /// goes on.
    #[error("server said BAD: {}", text(.0))]
    Bad(Status),
    /// The connection is unusable (BYE, protocol violation, EOF in the
    /// middle of a response). Open a new session.
    #[error("connection aborted: {0}")]
    Abort(#[source] ProtocolError),
    /// The session is closed: logged out, shut down, or after a fatal
    /// error. Open a new session.
    #[error("the session is closed")]
    Closed,
    /// The selected mailbox was writable and the server made it read-only;
    /// select it again to get write access back.
    #[error("the selected mailbox became read-only")]
    ReadOnly,
    /// The transport failed.
    #[error("I/O error: {0}")]
    Io(#[source] io::Error),
    /// TLS failed: handshake, certificate verification, or a TLS alert.
    #[error("TLS error: {0}")]
    Tls(#[source] rustls::Error),
    /// The TLS options could not be turned into a config (bad PEM, no
    /// trusted roots, bad server name).
    #[error("TLS configuration: {0}")]
    TlsConfig(String),
    /// A command (or the connection) took longer than its timeout. The
    /// session is closed: the answer may still be on its way.
    #[error("timed out")]
    Timeout,
    /// The caller asked for something the session refuses: a command in
    /// the wrong state, a plaintext password over an unencrypted
    /// connection, an argument that cannot be encoded. Nothing was sent.
    #[error("usage error: {0}")]
    Usage(#[source] UsageError),
    /// An imaplib-style string argument does not parse (a sequence set,
    /// fetch items, flags...): the core's [`ArgError`], worded
    /// `what: "value"`. Nothing was sent.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// The server said OK but left out the response the command asks for
    /// (STATUS without `* STATUS`, ...).
    #[error("the server's answer to {0} lacks its data")]
    MissingResponse(&'static str),
    /// Something this driver does not do (COMPRESS, TLS over a subprocess,
    /// STARTTLS over a caller's stream without a server name).
    #[error("not supported: {0}")]
    Unsupported(&'static str),
}

fn text(status: &Status) -> String {
    String::from_utf8_lossy(&status.text).into_owned()
}

impl Error {
    /// True when the session cannot be used any more: [`Error::Abort`],
    /// [`Error::Closed`], [`Error::Io`], [`Error::Tls`], [`Error::Timeout`].
    pub fn is_fatal(&self) -> bool {
        matches!(
            self,
            Error::Abort(_) | Error::Closed | Error::Io(_) | Error::Tls(_) | Error::Timeout
        )
    }

    /// The server's status (text and response code) of a NO or BAD.
    pub fn status(&self) -> Option<&Status> {
        match self {
            Error::No(s) | Error::Bad(s) => Some(s),
            _ => None,
        }
    }

    /// Maps an IO error; a timed-out read or write becomes [`Error::Timeout`].
    pub(crate) fn from_io(e: io::Error) -> Error {
        match e.kind() {
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Error::Timeout,
            _ => Error::Io(e),
        }
    }
}

/// An argument string that does not parse: [`Error::InvalidArgument`],
/// worded `what: "value"` (the value truncated).
impl From<ArgError> for Error {
    fn from(e: ArgError) -> Self {
        Error::InvalidArgument(format!("{}: {}", e.what, e.value))
    }
}

/// A typed result the server left out: [`Error::MissingResponse`].
impl From<MissingResponse> for Error {
    fn from(e: MissingResponse) -> Self {
        Error::MissingResponse(e.command)
    }
}

impl From<UsageError> for Error {
    fn from(e: UsageError) -> Self {
        match e {
            UsageError::Closed => Error::Closed,
            e => Error::Usage(e),
        }
    }
}
