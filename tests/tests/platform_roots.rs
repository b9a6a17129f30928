//! `TlsOptions::new()` verifies against the platform's trust store (issue 4
//! item 1). On Linux that store honours `SSL_CERT_FILE`; pointing it at the
//! harness CA before the store is first loaded (once per process: this
//! binary holds this one test only) makes Dovecot trusted with no option
//! at all.

use imap_blocking::{Session, TlsOptions};
use imap_tests::{Dovecot, ALICE};

#[test]
fn the_default_options_trust_the_platform_store() {
    let server = Dovecot::start().unwrap();
    std::env::set_var("SSL_CERT_FILE", server.ca_path());
    std::env::remove_var("SSL_CERT_DIR");
    let mut s = Session::connect_tls("localhost", server.tls_port(), TlsOptions::new())
        .unwrap_or_else(|e| panic!("the platform store did not hold the CA: {e}"));
    s.login(ALICE.name, ALICE.password).unwrap();
    s.logout().unwrap();
    // The same store with a server name the certificate lacks: refused.
    let wrong = TlsOptions::new().server_name("imap.example.org");
    assert!(Session::connect_tls("127.0.0.1", server.tls_port(), wrong).is_err());
}
