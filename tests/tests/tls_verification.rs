//! Certificate verification and plaintext safety against a real Dovecot:
//! the test CA is trusted, anything else is not; STARTTLS upgrades and asks
//! the capabilities again; LOGIN is refused over plaintext by default.

mod common;

use common::tls;
use imap_blocking::{Error, Session, SessionState, TlsOptions};
use imap_tests::{Dovecot, TestPki, ALICE};

fn no_login_in_log(server: &Dovecot) {
    let log = server.log();
    assert!(
        !log.contains("Login: user=<alice>"),
        "a login happened:\n{log}"
    );
}

#[test]
fn implicit_tls_trusts_the_test_ca_by_name_and_by_ip() {
    let server = Dovecot::start().unwrap();
    for host in ["localhost", "127.0.0.1"] {
        let mut s = Session::connect_tls(host, server.tls_port(), tls(&server)).unwrap();
        s.login(ALICE.name, ALICE.password).unwrap();
        assert!(s.socket().is_secure());
        s.logout().unwrap();
    }
}

#[test]
fn implicit_tls_rejects_a_certificate_from_another_ca() {
    let server = Dovecot::start().unwrap();
    let stranger = TestPki::new().unwrap();
    let options = TlsOptions::new()
        .without_platform_roots()
        .add_root_pem(stranger.ca_pem().as_bytes());
    match Session::connect_tls("127.0.0.1", server.tls_port(), options) {
        Err(Error::Tls(e)) => assert!(e.to_string().contains("certificate"), "{e}"),
        other => panic!("untrusted certificate accepted or wrong error: {other:?}"),
    }
    no_login_in_log(&server);
}

#[test]
fn implicit_tls_rejects_the_test_certificate_with_only_platform_roots() {
    let server = Dovecot::start().unwrap();
    let result = Session::connect_tls("localhost", server.tls_port(), TlsOptions::new());
    assert!(
        matches!(result, Err(Error::Tls(_) | Error::TlsConfig(_))),
        "{result:?}"
    );
}

#[test]
fn implicit_tls_rejects_a_name_the_certificate_does_not_carry() {
    let server = Dovecot::start().unwrap();
    let options = tls(&server).server_name("imap.example.org");
    match Session::connect_tls("127.0.0.1", server.tls_port(), options) {
        Err(Error::Tls(e)) => assert!(e.to_string().contains("certificate"), "{e}"),
        other => panic!("wrong name accepted or wrong error: {other:?}"),
    }
}

#[test]
fn starttls_with_an_untrusted_certificate_fails_before_any_login() {
    let server = Dovecot::start().unwrap();
    let stranger = TestPki::new().unwrap();
    let options = TlsOptions::new()
        .without_platform_roots()
        .add_root_pem(stranger.ca_pem().as_bytes());
    let result = Session::connect_starttls("127.0.0.1", server.plain_port(), options);
    assert!(matches!(result, Err(Error::Tls(_))), "{result:?}");
    no_login_in_log(&server);
}

#[test]
fn starttls_asks_the_capabilities_again() {
    let server = Dovecot::start().unwrap();
    let mut s = Session::connect_starttls("localhost", server.plain_port(), tls(&server)).unwrap();
    assert!(s.socket().is_secure());
    assert!(!s.has_capability("STARTTLS"), "{:?}", s.capabilities());
    assert!(
        s.has_capability("AUTH=PLAIN"),
        "the capabilities must be asked again after STARTTLS (issue 4, item 1); have {:?}",
        s.capabilities()
    );
    // Over TLS the default options allow LOGIN.
    s.login(ALICE.name, ALICE.password).unwrap();
    assert_eq!(s.state(), SessionState::Authenticated);
}

#[test]
fn login_is_refused_over_plaintext_by_default() {
    let server = Dovecot::start().unwrap();
    let mut s = Session::connect("127.0.0.1", server.plain_port()).unwrap();
    assert!(!s.socket().is_secure());
    match s.login(ALICE.name, ALICE.password) {
        Err(Error::Usage(_)) => {}
        other => panic!("LOGIN over plaintext: {other:?}"),
    }
    match s.authenticate_sasl(imap_blocking::Sasl::plain(ALICE.name, ALICE.password)) {
        Err(Error::Usage(_)) => {}
        other => panic!("AUTHENTICATE PLAIN over plaintext: {other:?}"),
    }
    // Nothing was sent: the session is usable and still not logged in.
    s.noop().unwrap();
    assert_eq!(s.state(), SessionState::NotAuthenticated);
    // Upgrading makes it possible.
    s.starttls(tls(&server)).unwrap();
    s.login(ALICE.name, ALICE.password).unwrap();
    let log = server.log();
    assert_eq!(log.matches("Login: user=<alice>").count(), 1, "{log}");
    assert!(
        log.contains("TLS"),
        "the one login must be over TLS:\n{log}"
    );
}
