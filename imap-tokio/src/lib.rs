//! # imap-tokio: Python imaplib's API over Tokio
//!
//! A thin async driver for the sans-IO core [`imap_proto`]: it moves bytes
//! between a [`Transport`] (plain TCP, TLS with rustls, STARTTLS, a
//! subprocess, or any `AsyncRead + AsyncWrite`) and the core's client state
//! machine, and offers every imaplib method as a one-line `async` method
//! of [`Session`] with typed results. Every IMAP decision (which commands
//! are allowed, whether a password may be sent, what STARTTLS means) is
//! the core's.
//!
//! It is the async twin of [`imap_blocking`]: the same method names,
//! arguments and results, the same [`Error`], [`Options`], [`TlsOptions`]
//! and [`IntoArg`] (re-exported here), so switching drivers means adding
//! `.await`s.
//!
//! ```no_run
//! use imap_tokio::{Session, TlsOptions};
//!
//! # async fn example() -> Result<(), imap_tokio::Error> {
//! // imaplib.IMAP4_SSL("imap.example.org")
//! let mut m = Session::connect_tls("imap.example.org", 993, TlsOptions::new()).await?;
//! m.login("joe", "secret").await?;
//! let inbox = m.select("INBOX", false).await?;
//! println!("{} messages", inbox.exists.unwrap_or(0));
//! for num in m.search(None, "ALL").await? {
//!     for message in m.fetch(num, "(RFC822)").await? {
//!         println!("{num}: {:?}", message.attrs);
//!     }
//! }
//! // Wait up to a minute for new mail.
//! let mut idle = m.idle(Some(std::time::Duration::from_secs(60))).await?;
//! while let Some(event) = idle.next().await {
//!     println!("server says {:?}", event?);
//! }
//! idle.done().await?;
//! m.logout().await?;
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
//!
//! Timeouts: [`Options::connect_timeout`] bounds the connection, TLS
//! handshake and greeting; [`Options::timeout`] bounds each wait for the
//! server's bytes while a command runs. Any call may also be wrapped in
//! `tokio::time::timeout` or raced in `select!`: dropping its future keeps
//! the connection usable.
#![forbid(unsafe_code)]

mod admin;
mod commands;
mod connect;
mod driver;
mod idle;
mod io;
mod mailbox;
mod message;
mod process;
mod session;
mod transport;

#[cfg(test)]
mod testing;

pub use idle::Idle;
pub use session::Session;
pub use transport::{AsyncReadWrite, Transport};

pub use imap_blocking::{
    Annotation, CopyUid, Error, IdParams, IntoArg, Options, TlsOptions, IMAPS_PORT, IMAP_PORT,
};
/// The core this driver runs: commands, responses, types.
pub use imap_proto as proto;
pub use imap_proto::client::{ClientOptions, Completion, MailboxState, Sasl, SessionState};
pub use rustls;
