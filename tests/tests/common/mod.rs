//! Shared by the real-server tests: open an imap-blocking session on a
//! harness Dovecot over each transport, and read typed results.
#![allow(dead_code)] // each test binary uses a different part

use std::time::Duration;

use imap_blocking::proto::response::{Fetch, FetchAttr, MailboxStatus, StatusItem};
use imap_blocking::{Options, Session, TlsOptions, Transport};
use imap_tests::{Dovecot, User};

/// The four ways the tests reach Dovecot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Plain TCP (LOGIN allowed explicitly: a test server).
    Plain,
    /// Implicit TLS, trusting only the test CA.
    Tls,
    /// Plain TCP upgraded with STARTTLS, trusting only the test CA.
    StartTls,
    /// Dovecot's `imap` binary, pre-authenticated, on stdin/stdout.
    Subprocess,
}

/// Options for test sessions: generous timeouts so a hang fails the test.
pub(crate) fn options(kind: Kind) -> Options {
    let mut options = Options::default();
    options.timeout = Some(Duration::from_secs(120));
    options.connect_timeout = Some(Duration::from_secs(20));
    options.client.allow_plaintext_auth = kind == Kind::Plain;
    options
}

/// TLS options that trust the test CA and nothing else.
pub(crate) fn tls(server: &Dovecot) -> TlsOptions {
    TlsOptions::new()
        .without_platform_roots()
        .add_root_pem(server.pki().ca_pem().as_bytes())
}

/// A session over `kind`, greeted, not logged in (the subprocess is
/// pre-authenticated as `user`).
pub(crate) fn connect(server: &Dovecot, kind: Kind, user: User) -> Session {
    let host = server.host();
    let result = match kind {
        Kind::Plain => Session::connect_with(host, server.plain_port(), options(kind)),
        Kind::Tls => Session::connect_tls_with(host, server.tls_port(), tls(server), options(kind)),
        Kind::StartTls => {
            Session::connect_starttls_with(host, server.plain_port(), tls(server), options(kind))
        }
        Kind::Subprocess => Transport::command(server.preauth_program(), server.preauth_args(user))
            .and_then(|t| Session::open(t, options(kind))),
    };
    result.unwrap_or_else(|e| panic!("connect over {kind:?}: {e}\n{}", server.log()))
}

/// A logged-in session for `user` over `kind`.
pub(crate) fn open(server: &Dovecot, kind: Kind, user: User) -> Session {
    let mut session = connect(server, kind, user);
    if kind != Kind::Subprocess {
        session
            .login(user.name, user.password)
            .unwrap_or_else(|e| panic!("login over {kind:?}: {e}"));
    }
    session
}

/// The bytes of the first `BODY[...]` / `RFC822` item of a FETCH.
pub(crate) fn body(fetch: &Fetch) -> Option<&[u8]> {
    fetch.attrs.iter().find_map(|a| match a {
        FetchAttr::BodySection { data, .. } => data.as_deref(),
        FetchAttr::Rfc822(data) => data.as_deref(),
        _ => None,
    })
}

/// The UID of a FETCH.
pub(crate) fn uid(fetch: &Fetch) -> Option<u32> {
    fetch.attrs.iter().find_map(|a| match a {
        FetchAttr::Uid(uid) => Some(*uid),
        _ => None,
    })
}

/// The flags of a FETCH.
pub(crate) fn flags(fetch: &Fetch) -> Option<&[imap_blocking::proto::types::Flag]> {
    fetch.attrs.iter().find_map(|a| match a {
        FetchAttr::Flags(flags) => Some(flags.as_slice()),
        _ => None,
    })
}

/// `MESSAGES n` of a STATUS result.
pub(crate) fn messages(status: &MailboxStatus) -> Option<u32> {
    status.items.iter().find_map(|i| match i {
        StatusItem::Messages(n) => Some(*n),
        _ => None,
    })
}

/// A small message with a distinct subject.
pub(crate) fn message(subject: &str) -> Vec<u8> {
    format!(
        "From: Tester <tester@example.org>\r\nTo: alice@example.org\r\nSubject: {subject}\r\n\
         Message-ID: <{}@imap-rs.test>\r\n\r\nBody of {subject}.\r\n",
        subject.replace(' ', "-")
    )
    .into_bytes()
}

/// Defines one `#[test]` per transport that calls `$scenario(Kind::X)`.
#[macro_export]
macro_rules! per_transport {
    ($scenario:ident) => {
        mod $scenario {
            use super::common::Kind;
            #[test]
            fn plain() {
                super::$scenario(Kind::Plain)
            }
            #[test]
            fn tls() {
                super::$scenario(Kind::Tls)
            }
            #[test]
            fn starttls() {
                super::$scenario(Kind::StartTls)
            }
            #[test]
            fn subprocess() {
                super::$scenario(Kind::Subprocess)
            }
        }
    };
}
