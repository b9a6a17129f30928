//! # imap-blocking: Python imaplib's API over `std::io`
//!
//! A thin blocking driver for the sans-IO core [`imap_proto`]: it moves
//! bytes between a [`Transport`] (plain TCP, TLS with rustls, STARTTLS, a
//! subprocess, or any `Read + Write`) and the core's client state machine,
//! and offers every imaplib method as a one-line method of [`Session`]
//! with typed results. Every IMAP decision (which commands are allowed,
//! whether a password may be sent, what STARTTLS means) is the core's.
//!
//! ```no_run
//! use imap_blocking::{Session, TlsOptions};
//!
//! # fn main() -> Result<(), imap_blocking::Error> {
//! // imaplib.IMAP4_SSL("imap.example.org")
//! let mut m = Session::connect_tls("imap.example.org", 993, TlsOptions::new())?;
//! m.login("joe", "secret")?;
//! let inbox = m.select("INBOX", false)?;
//! println!("{} messages", inbox.exists.unwrap_or(0));
//! for num in m.search(None, "ALL")? {
//!     for message in m.fetch(num.to_string().as_str(), "(RFC822)")? {
//!         println!("{num}: {:?}", message.attrs);
//!     }
//! }
//! m.logout()?;
//! # Ok(()) }
//! ```
//!
//! Errors keep imaplib's kinds: [`Error::No`] / [`Error::Bad`] are
//! `IMAP4.error` (the session goes on), [`Error::Abort`] is `IMAP4.abort`
//! (open a new session), [`Error::ReadOnly`] is `IMAP4.readonly`.
//!
//! STARTTLS fails closed: [`Session::starttls`] returns an error unless the
//! server agreed and the TLS handshake succeeded, and until then the core
//! refuses to send a password over the plain connection.
#![forbid(unsafe_code)]

mod admin;
mod commands;
mod driver;
mod error;
mod idle;
mod mailbox;
mod message;
mod process;
mod session;
mod tls;
mod transport;

#[cfg(test)]
mod testing;

pub use admin::Annotation;
pub use commands::IdParams;
pub use error::Error;
pub use idle::Idle;
pub use message::CopyUid;
pub use session::{Options, Session, IMAPS_PORT, IMAP_PORT};
pub use tls::TlsOptions;
pub use transport::{ReadWrite, Transport};

/// The core this driver runs: commands, responses, types.
pub use imap_proto as proto;
pub use imap_proto::client::{ClientOptions, Completion, MailboxState, Sasl, SessionState};
/// Strings or typed values as command arguments (the core's conversions).
pub use imap_proto::command::{ArgError, IntoArg};
pub use rustls;
