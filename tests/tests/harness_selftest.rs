//! The harness on its own: Dovecot started from a temporary config, checked
//! with the raw line client over every transport, without the library.

use imap_tests::{Dovecot, RawImap, TestPki, ALICE, BOB};

fn text(lines: &[Vec<u8>]) -> String {
    lines.iter().map(|l| String::from_utf8_lossy(l)).collect()
}

#[test]
fn plaintext_login_and_advertised_extensions() {
    let server = Dovecot::start().unwrap();
    let mut raw = RawImap::connect_plain(server.plain_addr()).unwrap();
    assert!(raw.greeting.contains("STARTTLS"), "{}", raw.greeting);
    let login = raw
        .command(&format!("LOGIN {} {}", ALICE.name, ALICE.password))
        .unwrap();
    assert!(raw.last_ok(&login), "{}", text(&login));
    let caps = text(&raw.command("CAPABILITY").unwrap());
    for ext in [
        "IDLE",
        "MOVE",
        "UIDPLUS",
        "CONDSTORE",
        "QRESYNC",
        "QUOTA",
        "ACL",
        "SORT",
        "THREAD=REFERENCES",
        "SPECIAL-USE",
        "ESEARCH",
        "LITERAL+",
        "METADATA",
        "COMPRESS=DEFLATE",
        "NAMESPACE",
        "ENABLE",
        "UNSELECT",
        "ID",
    ] {
        assert!(
            caps.contains(&format!(" {ext}")),
            "{ext} missing from {caps}"
        );
    }
    let list = text(&raw.command("LIST \"\" \"*\" RETURN (SPECIAL-USE)").unwrap());
    for (name, use_) in imap_tests::SPECIAL_USE {
        assert!(list.contains(&format!("({use_}) \".\" {name}")), "{list}");
    }
    let quota = text(&raw.command("GETQUOTAROOT INBOX").unwrap());
    assert!(
        quota.contains(&format!("STORAGE 0 {}", imap_tests::QUOTA_STORAGE_KIB)),
        "{quota}"
    );
    let bad = RawImap::connect_plain(server.plain_addr())
        .unwrap()
        .command(&format!("LOGIN {} wrong", BOB.name))
        .unwrap();
    assert!(text(&bad).contains(" NO "), "{}", text(&bad));
}

#[test]
fn implicit_tls_and_starttls_with_the_test_ca_only() {
    let server = Dovecot::start().unwrap();
    let config = server.pki().client_config().unwrap();
    let mut tls = RawImap::connect_tls(server.tls_addr(), config.clone(), "localhost").unwrap();
    let login = tls
        .command(&format!("LOGIN {} {}", BOB.name, BOB.password))
        .unwrap();
    assert!(tls.last_ok(&login), "{}", text(&login));
    let by_ip = RawImap::connect_tls(server.tls_addr(), config.clone(), "127.0.0.1");
    assert!(by_ip.is_ok(), "IP SAN: {by_ip:?}");

    let plain = RawImap::connect_plain(server.plain_addr()).unwrap();
    let mut upgraded = plain.starttls(config, "localhost").unwrap();
    let caps = text(&upgraded.command("CAPABILITY").unwrap());
    assert!(!caps.contains("STARTTLS"), "{caps}");

    let stranger = TestPki::new().unwrap().client_config().unwrap();
    let err = RawImap::connect_tls(server.tls_addr(), stranger, "localhost").unwrap_err();
    assert!(err.to_string().contains("certificate"), "{err}");
}

#[test]
fn preauth_subprocess_and_fill() {
    let server = Dovecot::start().unwrap();
    server.fill(ALICE, "INBOX", 1, 50).unwrap();
    server.fill(ALICE, "Archive", 100, 7).unwrap();
    let mut raw = RawImap::spawn(server.preauth_command(ALICE)).unwrap();
    assert!(raw.greeting.starts_with("* PREAUTH"), "{}", raw.greeting);
    let select = text(&raw.command("SELECT INBOX").unwrap());
    assert!(select.contains("* 50 EXISTS"), "{select}");
    let fetched = raw.command("FETCH 3 BODY.PEEK[]").unwrap();
    let expected = imap_tests::sample_message(3);
    assert!(
        fetched[0]
            .windows(expected.len())
            .any(|w| w == expected.as_slice()),
        "{}",
        text(&fetched)
    );
    let status = text(&raw.command("STATUS Archive (MESSAGES)").unwrap());
    assert!(status.contains("MESSAGES 7"), "{status}");
    let seen = text(&raw.command("SEARCH SEEN").unwrap());
    assert!(seen.starts_with("* SEARCH 3 6 9 "), "{seen}");
}

#[test]
fn instances_are_independent_and_cleaned_up() {
    let a = Dovecot::start().unwrap();
    let b = Dovecot::start().unwrap();
    assert_ne!(a.plain_port(), b.plain_port());
    assert_ne!(a.dir(), b.dir());
    a.fill(ALICE, "INBOX", 1, 2).unwrap();
    let mut raw = RawImap::spawn(b.preauth_command(ALICE)).unwrap();
    assert!(text(&raw.command("STATUS INBOX (MESSAGES)").unwrap()).contains("MESSAGES 0"));
    let (dir, addr) = (a.dir().to_path_buf(), a.plain_addr());
    drop(a);
    assert!(!dir.exists(), "temporary directory left behind");
    assert!(
        std::net::TcpStream::connect(addr).is_err(),
        "port still open"
    );
}
