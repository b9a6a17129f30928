//! Unit tests of `session`.

use std::sync::Arc;

use imap_proto::client::UsageError;
use rustls::{ClientConfig, RootCertStore};

use crate::testing::{session, Reply, Script};
use crate::{Error, TlsOptions};

/// TLS options that would never be reached in these tests.
fn tls() -> TlsOptions {
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_root_certificates(RootCertStore::empty())
            .with_no_client_auth();
    TlsOptions::new()
        .config(Arc::new(config))
        .server_name("localhost")
}

fn assert_refused_in_plaintext(s: &mut crate::Session, script: &Script) {
    let err = s.login("joe", "hunter2").unwrap_err();
    assert!(
        matches!(err, Error::Usage(UsageError::PlaintextAuth { .. })),
        "{err:?}"
    );
    let written = script.written();
    assert!(!written.contains("LOGIN"), "{written}");
    assert!(!written.contains("hunter2"), "{written}");
}

#[test]
fn starttls_refused_by_the_server_fails_closed() {
    let script = Script::new(
        "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n",
        vec![Reply::Send("$TAG NO not today\r\n")],
    );
    let mut s = session(&script, false).unwrap();
    let err = s.starttls(tls()).unwrap_err();
    assert!(matches!(err, Error::No(_)), "{err:?}");
    assert!(!s.socket().is_secure());
    assert_refused_in_plaintext(&mut s, &script);
}

#[test]
fn starttls_not_offered_fails_closed() {
    let script = Script::new(
        "* OK [CAPABILITY IMAP4rev1] hi\r\n",
        vec![Reply::Send("$TAG BAD unknown command\r\n")],
    );
    let mut s = session(&script, false).unwrap();
    assert!(s.starttls(tls()).is_err());
    assert_refused_in_plaintext(&mut s, &script);
}

#[test]
fn starttls_ok_then_a_failed_handshake_closes_the_session() {
    // The server agrees, then speaks plaintext instead of TLS: the
    // handshake fails, and the session is over rather than plaintext.
    let script = Script::new(
        "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n",
        vec![Reply::Send("$TAG OK begin TLS\r\n* OK this is not TLS\r\n")],
    );
    let mut s = session(&script, false).unwrap();
    let err = s.starttls(tls()).unwrap_err();
    assert!(err.is_fatal(), "{err:?}");
    assert!(s.is_closed());
    assert!(s.login("joe", "hunter2").is_err());
    assert!(!script.written().contains("LOGIN"));
}

#[test]
fn plaintext_login_can_be_allowed_explicitly() {
    let script = Script::new(
        "* OK [CAPABILITY IMAP4rev1] hi\r\n",
        vec![
            Reply::Send("$TAG OK [CAPABILITY IMAP4rev1] in\r\n"),
            Reply::Send("* BYE\r\n$TAG OK out\r\n"),
        ],
    );
    let mut options = crate::Options::default();
    options.client.allow_plaintext_auth = true;
    let transport = crate::Transport::stream(script.clone());
    let mut s = crate::Session::open(transport, options).unwrap();
    s.login("joe", "hunter2").unwrap();
    assert!(script.written().contains(" LOGIN joe hunter2\r\n"));
}

#[test]
fn compress_not_advertised_sends_nothing() {
    let script = Script::new("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n", vec![]);
    let mut s = session(&script, true).unwrap();
    let err = s.compress().unwrap_err();
    assert!(
        matches!(
            err,
            Error::Usage(UsageError::NotAdvertised {
                capability: "COMPRESS=DEFLATE",
                ..
            })
        ),
        "{err:?}"
    );
    assert_eq!(script.written(), "");
    assert!(!s.socket().is_compressed());
}

/// The server's side of a compressed conversation: reads one command
/// line through `d` and answers it, compressed.
fn serve_compressed(
    d: &mut crate::Deflate,
    sock: &mut std::os::unix::net::UnixStream,
    reply: &str,
) -> String {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    while !line.ends_with(b"\r\n") {
        assert_eq!(d.read_from(sock, &mut byte).unwrap(), 1);
        line.push(byte[0]);
    }
    let line = String::from_utf8(line).unwrap();
    let tag = line.split(' ').next().unwrap();
    d.write_to(sock, reply.replace("$TAG", tag).as_bytes())
        .unwrap();
    d.flush_to(sock).unwrap();
    line
}

#[test]
fn compress_deflates_both_ways_after_the_ok() {
    use std::io::{BufRead, BufReader, Write as _};
    let (client, mut server) = std::os::unix::net::UnixStream::pair().unwrap();
    let peer = std::thread::spawn(move || {
        server
            .write_all(b"* PREAUTH [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] hi\r\n")
            .unwrap();
        let mut line = String::new();
        BufReader::new(&mut server).read_line(&mut line).unwrap();
        assert!(line.ends_with(" COMPRESS DEFLATE\r\n"), "{line}");
        let tag = line.split(' ').next().unwrap();
        server
            .write_all(format!("{tag} OK DEFLATE active\r\n").as_bytes())
            .unwrap();
        let mut d = crate::Deflate::new();
        let reply = "* 1 EXISTS\r\n$TAG OK [READ-WRITE] done\r\n";
        let select = serve_compressed(&mut d, &mut server, reply);
        let noop = serve_compressed(&mut d, &mut server, "* 2 EXISTS\r\n$TAG OK\r\n");
        let logout = serve_compressed(&mut d, &mut server, "* BYE\r\n$TAG OK\r\n");
        [select, noop, logout]
    });
    let mut s = crate::Session::from_stream(client).unwrap();
    s.compress().unwrap();
    assert!(s.socket().is_compressed());
    s.select("INBOX", false).unwrap();
    s.noop().unwrap();
    assert_eq!(s.selected().unwrap().exists, Some(2));
    s.logout().unwrap();
    let [select, noop, logout] = peer.join().unwrap();
    assert!(select.ends_with(" SELECT INBOX\r\n"), "{select}");
    assert!(noop.ends_with(" NOOP\r\n"), "{noop}");
    assert!(logout.ends_with(" LOGOUT\r\n"), "{logout}");
}

#[test]
fn state_is_readable() {
    let script = Script::new(
        "* PREAUTH [CAPABILITY IMAP4rev2 ENABLE UTF8=ACCEPT] hi\r\n",
        vec![Reply::Send("* ENABLED UTF8=ACCEPT\r\n$TAG OK enabled\r\n")],
    );
    let mut s = session(&script, true).unwrap();
    assert_eq!(s.protocol_version(), Some("IMAP4rev2"));
    assert_eq!(s.state(), crate::SessionState::Authenticated);
    assert!(!s.utf8_enabled());
    let enabled = s.enable("UTF8=ACCEPT").unwrap();
    assert!(enabled.iter().any(|c| c.is("UTF8=ACCEPT")));
    assert!(s.utf8_enabled());
    assert_eq!(s.greeting().unwrap().text, "hi");
}
