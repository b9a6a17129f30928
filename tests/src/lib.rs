//! Test support for the imap-rs workspace: a harness that runs a real
//! Dovecot on 127.0.0.1 from a config in a temporary directory
//! ([`Dovecot`]), a test certificate authority ([`TestPki`]), fast mailbox
//! filling ([`Dovecot::fill`]), a raw line client for checking servers
//! without the library ([`RawImap`]), and a scripted fake server for what real
//! servers never do ([`ScriptedServer`]).
//!
//! Every server listens on 127.0.0.1 only, on ports found free at run time,
//! and is stopped and its files removed when its handle is dropped.
#![forbid(unsafe_code)]

mod config;
mod dovecot;
mod maildir;
mod pki;
mod raw;
mod script;

pub use config::{User, ALICE, BOB, CAROL, QUOTA_MESSAGES, QUOTA_STORAGE_KIB, SPECIAL_USE, USERS};
pub use dovecot::{free_port, free_ports, Dovecot, DOVEADM_BIN, DOVECOT_BIN, IMAP_BIN};
pub use maildir::{sample_flags, sample_message, sample_time};
pub use pki::{client_config_trusting, TestPki, SERVER_NAMES};
pub use raw::RawImap;
pub use script::{ScriptedServer, Step};

/// Why the harness could not do what a test asked. Tests `unwrap`/`?` it,
/// so a missing Dovecot makes them fail, loudly.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum HarnessError {
    /// A Dovecot binary is not installed.
    #[error(
        "Dovecot is not installed ({path} missing): run `apt-get install dovecot-core dovecot-imapd` \
         (scripts/demo.sh and .ci/run do it)"
    )]
    DovecotMissing {
        /// The missing binary.
        path: String,
    },
    /// Dovecot did not start or did not become ready.
    #[error("Dovecot did not start:\n{log}")]
    StartFailed {
        /// Its log and output.
        log: String,
    },
    /// A file or process operation failed.
    #[error("{context}: {source}")]
    Io {
        /// What the harness was doing.
        context: String,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A helper command exited with an error.
    #[error("`{command}` failed: {stderr}")]
    Command {
        /// The command line.
        command: String,
        /// Its standard error.
        stderr: String,
    },
    /// Making the test certificates failed.
    #[error("certificate generation: {0}")]
    Cert(#[from] rcgen::Error),
    /// Building a rustls configuration failed.
    #[error("TLS configuration: {0}")]
    Tls(#[from] rustls::Error),
    /// The harness was asked for something it does not support.
    #[error("{0}")]
    Usage(String),
}
