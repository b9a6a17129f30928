//! One function per imaplib method: the [`Command`] built from the
//! caller's arguments (imaplib strings or typed values, see [`IntoArg`])
//! and the typed result taken from its [`Completion`], as an [`Op`]. A
//! driver runs the command and applies the extractor, so each of its
//! methods is one line:
//!
//! ```
//! use imap_proto::client::ops;
//! use imap_proto::command::Command;
//!
//! # fn main() -> Result<(), imap_proto::command::ArgError> {
//! let op = ops::fetch("1:3", "(UID FLAGS)")?;
//! assert!(matches!(op.command, Command::Fetch(_)));
//! let op = ops::select("INBOX", true);
//! assert!(matches!(op.command, Command::Select { .. } | Command::Examine { .. }));
//! # Ok(()) }
//! ```
//!
//! [`IntoArg`]: crate::command::IntoArg

mod admin;
mod connection;
mod mailbox;
mod message;
mod uid;

pub use admin::*;
pub use connection::*;
pub use mailbox::*;
pub use message::*;
pub use uid::uid;

use super::Completion;
use crate::command::Command;

/// A command and how to read its typed result from its completion.
#[derive(Debug)]
pub struct Op<T> {
    /// The command to send.
    pub command: Command,
    /// Takes the typed result from the command's successful completion.
    pub extract: fn(&Completion) -> Result<T, MissingResponse>,
}

impl<T> Op<T> {
    /// `command`, with `extract` reading its result.
    pub fn new(command: Command, extract: fn(&Completion) -> Result<T, MissingResponse>) -> Self {
        Op { command, extract }
    }

    /// The typed result of `done`, the command's completion.
    pub fn extract(&self, done: &Completion) -> Result<T, MissingResponse> {
        (self.extract)(done)
    }
}

/// The server said OK but left out the response the command asks for
/// (STATUS without `* STATUS`, MYRIGHTS without `* MYRIGHTS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("the server's answer to {command} lacks its data")]
pub struct MissingResponse {
    /// The command's name.
    pub command: &'static str,
}

/// The result of a command that returns nothing but its success.
fn nothing(_: &Completion) -> Result<(), MissingResponse> {
    Ok(())
}

/// A command that returns nothing but its success.
fn unit(command: Command) -> Op<()> {
    Op::new(command, nothing)
}

#[cfg(test)]
mod tests;
