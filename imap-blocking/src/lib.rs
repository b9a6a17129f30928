//! A blocking driver for `imap-proto`: moves bytes between a transport and
//! the sans-IO client. (Being implemented.)
#![forbid(unsafe_code)]

mod error;
mod process;
mod tls;
mod transport;

pub use error::Error;
pub use tls::TlsOptions;
pub use transport::{ReadWrite, Transport};

/// Placeholder until the session lands.
pub struct Session;
