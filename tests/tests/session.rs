//! Session-level methods against a real Dovecot over every transport:
//! capability, noop, enable, id, namespace, quota, ACL, metadata,
//! annotations, xatom, proxyauth, the readable state (capabilities, protocol
//! version, utf8_enabled, socket), logout, shutdown and drop; IDLE seeing a
//! message another session appends.

mod common;

use std::time::Duration;

use common::{connect, open, Kind};
use imap_blocking::proto::command::{Arg, Command};
use imap_blocking::proto::response::Untagged;
use imap_blocking::{Error, SessionState};
use imap_tests::{Dovecot, ALICE, BOB, QUOTA_STORAGE_KIB};

fn session_state(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);
    assert_eq!(s.state(), SessionState::Authenticated);
    assert_eq!(s.protocol_version(), Some("IMAP4rev1"));
    assert!(!s.utf8_enabled(), "Dovecot 2.3 has no UTF8=ACCEPT");
    let secure = s.socket().is_secure();
    assert_eq!(secure, kind != Kind::Plain, "{kind:?}");
    assert_eq!(s.socket().child().is_some(), kind == Kind::Subprocess);
    assert_eq!(
        s.socket().tls_connection().is_some(),
        matches!(kind, Kind::Tls | Kind::StartTls)
    );

    let caps = s.capability().unwrap();
    for ext in [
        "IDLE",
        "MOVE",
        "UIDPLUS",
        "CONDSTORE",
        "QRESYNC",
        "QUOTA",
        "ACL",
        "METADATA",
    ] {
        assert!(s.has_capability(ext), "{ext} missing: {caps:?}");
    }
    assert!(!s.has_capability("STARTTLS") || kind == Kind::Plain);
    s.noop().unwrap();

    let enabled = s.enable("CONDSTORE").unwrap();
    assert_eq!(enabled.len(), 1, "{enabled:?}");
    let state = s.select("INBOX", false).unwrap();
    assert!(
        state.highest_modseq.is_some(),
        "CONDSTORE gives HIGHESTMODSEQ"
    );
    s.unselect().unwrap();

    let id = s
        .id(Some(&[("name", "imap-rs tests")]))
        .unwrap()
        .expect("ID reply");
    assert!(
        id.iter()
            .any(|(k, v)| &k[..] == b"name" && v.as_deref() == Some(&b"Dovecot"[..])),
        "{id:?}"
    );

    // xatom: any command, here ID NIL, with the raw completion.
    let done = s.xatom("ID", vec![Arg::Nil]).unwrap();
    assert_eq!(done.imaplib().0, "OK");

    // Dovecot has neither PROXYAUTH nor ANNOTATEMORE: a BAD/NO, session goes on.
    assert!(matches!(
        s.proxyauth("bob"),
        Err(Error::Bad(_) | Error::No(_))
    ));
    assert!(matches!(
        s.getannotation("INBOX", "/comment", "value.priv"),
        Err(Error::Bad(_) | Error::No(_))
    ));
    let entry = imap_blocking::proto::command::AnnotationEntry {
        entry: "/comment".into(),
        values: vec![("value.priv".into(), Some("hello".into()))],
    };
    assert!(matches!(
        s.setannotation("INBOX", vec![entry]),
        Err(Error::Bad(_) | Error::No(_))
    ));
    s.noop().unwrap();

    let status = s.logout().unwrap();
    assert!(status.is_some(), "BYE expected");
    assert!(s.is_closed());
    assert!(matches!(s.noop(), Err(Error::Closed)));
}
per_transport!(session_state);

fn quota_acl_metadata(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);
    let (roots, quotas) = s.getquotaroot("INBOX").unwrap();
    assert_eq!(roots, vec![bytes::Bytes::from_static(b"User quota")]);
    let storage = quotas[0]
        .resources
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(b"STORAGE"))
        .expect("STORAGE resource");
    assert_eq!(storage.limit, QUOTA_STORAGE_KIB);
    let quota = s.getquota("User quota").unwrap();
    assert_eq!(quota.len(), 1);
    // Only a Dovecot admin may change quota: a NO, typed, and the session goes on.
    match s.setquota("User quota", &[("STORAGE", 1000)]) {
        Err(Error::No(_) | Error::Bad(_)) => {}
        other => panic!("SETQUOTA: {other:?}"),
    }

    s.create("Shared").unwrap();
    let rights = s.myrights("Shared").unwrap();
    assert!(rights.contains(&b'a'), "owner has admin right: {rights:?}");
    s.setacl("Shared", "bob", "lr").unwrap();
    let acl = s.getacl("Shared").unwrap();
    assert!(
        acl.iter()
            .any(|(who, what)| &who[..] == b"bob" && &what[..] == b"lr"),
        "{acl:?}"
    );
    s.deleteacl("Shared", "bob").unwrap();
    let acl = s.getacl("Shared").unwrap();
    assert!(!acl.iter().any(|(who, _)| &who[..] == b"bob"), "{acl:?}");

    s.setmetadata("INBOX", &[("/private/comment", Some(&b"my inbox"[..]))])
        .unwrap();
    let values = s.getmetadata("INBOX", &["/private/comment"]).unwrap();
    assert_eq!(values.len(), 1, "{values:?}");
    assert_eq!(values[0].1.as_deref(), Some(&b"my inbox"[..]));
    s.setmetadata("INBOX", &[("/private/comment", None)])
        .unwrap();
    let values = s.getmetadata("INBOX", &["/private/comment"]).unwrap();
    assert!(values.iter().all(|(_, v)| v.is_none()), "{values:?}");
}
per_transport!(quota_acl_metadata);

fn idle_sees_another_sessions_append(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);
    s.select("INBOX", false).unwrap();
    std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            let mut writer = open(&server, Kind::Tls, ALICE);
            writer
                .append("INBOX", "", None, common::message("while idling"))
                .unwrap();
            writer.logout().unwrap();
        });
        let mut idle = s.idle(Some(Duration::from_secs(20))).unwrap();
        let mut seen = false;
        for event in &mut idle {
            if let Untagged::Exists(1) = event.unwrap() {
                seen = true;
                break;
            }
        }
        idle.done().unwrap();
        other.join().unwrap();
        assert!(seen, "IDLE did not report the appended message");
    });
    assert_eq!(s.selected().and_then(|m| m.exists), Some(1));
    // What the first IDLE left unread (its `* 1 RECENT`) is kept; take it.
    let leftover = s.unsolicited();
    assert!(
        leftover.iter().all(|e| !matches!(e, Untagged::Exists(_))),
        "{leftover:?}"
    );
    // burst(): collect what comes within an interval after the first event.
    std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            let mut writer = open(&server, Kind::Tls, ALICE);
            writer
                .append("INBOX", "", None, common::message("burst one"))
                .unwrap();
            writer
                .append("INBOX", "", None, common::message("burst two"))
                .unwrap();
        });
        let mut idle = s.idle(Some(Duration::from_secs(20))).unwrap();
        let events = idle.burst(Duration::from_millis(800)).unwrap();
        idle.done().unwrap();
        assert!(
            events.iter().any(|e| matches!(e, Untagged::Exists(2 | 3))),
            "{events:?}"
        );
    });
    s.noop().unwrap();
    assert_eq!(s.selected().and_then(|m| m.exists), Some(3));
}
per_transport!(idle_sees_another_sessions_append);

fn authentication(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = connect(&server, kind, BOB);
    s.login(BOB.name, BOB.password).unwrap();
    assert_eq!(s.state(), SessionState::Authenticated);
    drop(s);

    let mut s = connect(&server, kind, BOB);
    s.login_cram_md5(BOB.name, BOB.password).unwrap();
    assert_eq!(s.state(), SessionState::Authenticated);
    drop(s);

    let mut s = connect(&server, kind, BOB);
    let response = format!("\0{}\0{}", BOB.name, BOB.password).into_bytes();
    s.authenticate("PLAIN", move |_challenge| Some(response.clone()))
        .unwrap();
    assert_eq!(s.state(), SessionState::Authenticated);
    drop(s);

    let mut s = connect(&server, kind, BOB);
    s.authenticate_sasl(imap_blocking::Sasl::scram_sha256(BOB.name, BOB.password))
        .unwrap();
    assert_eq!(s.state(), SessionState::Authenticated);
    // Dropping a logged-in session logs out.
    drop(s);

    // A wrong password last: Dovecot delays later logins from the same IP.
    let mut s = connect(&server, kind, BOB);
    match s.login(BOB.name, "wrong password") {
        Err(Error::No(_)) => {}
        other => panic!("wrong password: {other:?}"),
    }
    assert_eq!(s.state(), SessionState::NotAuthenticated);
    assert!(!s.is_closed());
}

// The subprocess is pre-authenticated: no login there.
#[test]
fn authentication_plain() {
    authentication(Kind::Plain)
}
#[test]
fn authentication_tls() {
    authentication(Kind::Tls)
}
#[test]
fn authentication_starttls() {
    authentication(Kind::StartTls)
}

#[test]
fn shutdown_closes_a_subprocess_without_logout() {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, Kind::Subprocess, ALICE);
    s.shutdown();
    assert!(s.is_closed());
    assert!(matches!(s.noop(), Err(Error::Closed)));
}

/// The raw forms and the lifecycle on every transport: the greeting,
/// `run` with imaplib's `(typ, data)`, `last_completion`, `response`,
/// `alerts`, `capabilities`, `set_timeout`; `shutdown` closes without
/// LOGOUT, a dropped session logs out.
fn raw_forms_and_lifecycle(kind: Kind) {
    let server = Dovecot::start().unwrap();
    server.fill(ALICE, "INBOX", 1, 2).unwrap();
    let mut s = open(&server, kind, ALICE);
    let greeting = s.greeting().expect("greeting kept");
    assert!(!greeting.text.is_empty(), "{greeting:?}");
    assert!(!s.capabilities().is_empty());
    assert!(s.has_capability("imap4rev1"), "{:?}", s.capabilities());
    s.set_timeout(Some(Duration::from_secs(60)));

    // run(): any command, imaplib's raw form of its answer.
    let done = s.run(Command::select("INBOX")).unwrap();
    let (typ, data) = done.imaplib();
    assert_eq!(typ, "OK");
    assert!(
        data.iter().any(|d| &d[..] == b"2"),
        "EXISTS count in {data:?}"
    );
    assert_eq!(done.select().and_then(|m| m.exists), Some(2));
    let done = s
        .run(Command::search(
            None,
            "ALL"
                .parse::<imap_blocking::proto::command::SearchCriteria>()
                .unwrap(),
        ))
        .unwrap();
    assert_eq!(done.search(), vec![1, 2]);
    assert_eq!(done.imaplib().1, vec![bytes::Bytes::from_static(b"1 2")]);

    // A typed call keeps its completion; response() hands out the data
    // kept under a name.
    assert_eq!(s.search(None, "UNSEEN").unwrap(), vec![1, 2]);
    let last = s.last_completion().expect("kept");
    assert_eq!(last.command, "SEARCH");
    assert_eq!(last.imaplib().1, vec![bytes::Bytes::from_static(b"1 2")]);
    s.select("INBOX", false).unwrap();
    let uidvalidity = s.response("UIDVALIDITY");
    // Two SELECTs so far: imaplib keeps each one's value until taken.
    assert_eq!(uidvalidity.len(), 2, "{uidvalidity:?}");
    let expected = s.selected().and_then(|m| m.uid_validity).unwrap();
    for value in &uidvalidity {
        assert_eq!(&value[..], expected.to_string().as_bytes());
    }
    assert!(s.response("UIDVALIDITY").is_empty(), "response() takes");
    assert!(s.alerts().is_empty(), "Dovecot sent no ALERT");

    // shutdown: no LOGOUT, the session is over.
    s.shutdown();
    assert!(s.is_closed());
    assert!(matches!(s.noop(), Err(Error::Closed)));
    drop(s);

    // drop: LOGOUT is sent (Dovecot logs "Logged out" only for LOGOUT; a
    // closed connection is "Disconnected").
    let mut s = open(&server, kind, BOB);
    s.noop().unwrap();
    let pid = s.socket().child().map(|c| c.id());
    drop(s);
    if kind == Kind::Subprocess {
        // The pre-authenticated imap logs to its stderr, which went with
        // it; the child is gone or reaped.
        let pid = pid.unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        assert!(!status.contains("State:\tZ"), "child {pid} not reaped");
    } else {
        // Dovecot logs "Disconnected: Logged out" after LOGOUT and
        // "Disconnected: Connection closed" when the client just left.
        let ended = |user: &str| -> Option<String> {
            let needle = format!("imap({user})");
            server
                .log()
                .lines()
                .find(|l| l.contains(&needle) && l.contains("Disconnected"))
                .map(str::to_owned)
        };
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while ended("alice").is_none() || ended("bob").is_none() {
            assert!(
                std::time::Instant::now() < deadline,
                "sessions did not end:\n{}",
                server.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let bob = ended("bob").unwrap();
        assert!(bob.contains("Logged out"), "drop did not log out: {bob}");
        let alice = ended("alice").unwrap();
        assert!(
            !alice.contains("Logged out"),
            "shutdown sent LOGOUT: {alice}"
        );
    }
}
per_transport!(raw_forms_and_lifecycle);
