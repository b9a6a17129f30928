//! [`Event`]: what the client tells its driver, taken with
//! [`Client::poll_event`](super::Client::poll_event).

use bytes::Bytes;

use super::{CommandError, CommandHandle, Completion, ProtocolError};
use crate::response::{FramingError, ParseError, Status, Untagged};
use crate::types::SmallBytes;

/// Something that happened on the connection. Drain them with
/// [`Client::poll_event`](super::Client::poll_event) after every call that
/// feeds the client.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// The server's greeting: `OK` or `PREAUTH` (then the session starts
    /// authenticated). A `BYE` greeting is [`Event::Closed`] instead.
    Greeting(Status),
    /// A command finished: its typed result, or why it failed.
    Completed {
        /// The handle [`Client::enqueue`](super::Client::enqueue) returned.
        handle: CommandHandle,
        /// The outcome.
        result: Result<Completion, CommandError>,
    },
    /// An untagged response no command in flight asked for: EXISTS,
    /// EXPUNGE, FETCH flag changes, everything that arrives during IDLE...
    /// It has already been applied to the mailbox state.
    Unsolicited(Untagged),
    /// The server sent a SASL challenge (base64-decoded) to a command
    /// started with [`Client::authenticate`](super::Client::authenticate)
    /// and [`Sasl::Custom`](super::Sasl::Custom), or with an
    /// `AUTHENTICATE` command given to `enqueue`. Answer it with
    /// [`Client::auth_respond`](super::Client::auth_respond).
    AuthChallenge {
        /// The authenticating command.
        handle: CommandHandle,
        /// The decoded challenge.
        data: Bytes,
    },
    /// The server accepted IDLE (sent `+`): events now arrive as they
    /// happen; end it with [`Client::idle_done`](super::Client::idle_done).
    IdleStarted {
        /// The IDLE command.
        handle: CommandHandle,
    },
    /// STARTTLS succeeded: the driver must do the TLS handshake now, before
    /// writing or reading anything more, then call
    /// [`Client::tls_established`](super::Client::tls_established). The
    /// STARTTLS command's [`Event::Completed`] follows once the capabilities
    /// have been asked again over TLS (likewise after LOGIN and
    /// AUTHENTICATE), so a caller never sees a session without them.
    StartTls,
    /// COMPRESS succeeded: from now on the driver compresses what it writes
    /// and decompresses what it reads (RFC 4978, raw DEFLATE).
    StartCompression,
    /// The text of an `[ALERT]`: it must be shown to the user.
    Alert(SmallBytes),
    /// A complete response that could not be parsed; it was skipped.
    Malformed {
        /// The response's bytes.
        raw: Bytes,
        /// Why it did not parse.
        error: ParseError,
    },
    /// A response over a limit was skipped without being buffered.
    Discarded(FramingError),
    /// The connection is over: `None` after LOGOUT, otherwise why. Every
    /// command still in flight has completed with
    /// [`CommandError::Abort`] before this event.
    Closed(Option<ProtocolError>),
}
