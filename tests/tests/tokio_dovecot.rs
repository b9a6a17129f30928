//! imap-tokio against a real Dovecot over every transport (plaintext, TLS
//! with the test CA, STARTTLS, the pre-authenticated subprocess): login,
//! list, select, append + fetch, search, store, copy, move, expunge, sort,
//! thread, status, quota, IDLE seeing another session's append, logout;
//! and what must fail: an untrusted certificate, a plaintext LOGIN.

mod common;

use std::future::Future;
use std::time::Duration;

use common::{body, flags, messages, options, tls, uid, Kind};
use imap_tests::{sample_message, Dovecot, TestPki, User, ALICE, BOB};
use imap_tokio::proto::client::UsageError;
use imap_tokio::proto::response::Untagged;
use imap_tokio::proto::types::Flag;
use imap_tokio::{Error, Session, SessionState, TlsOptions, Transport};

/// Runs a scenario on a multi-threaded runtime, bounded in time.
fn block_on<F: Future<Output = ()>>(scenario: F) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        tokio::time::timeout(Duration::from_secs(240), scenario)
            .await
            .expect("the scenario took too long")
    });
}

/// A session over `kind`, greeted, not logged in (the subprocess is
/// pre-authenticated as `user`).
async fn connect(server: &Dovecot, kind: Kind, user: User) -> Session {
    let (host, options) = (server.host(), options(kind));
    let result = match kind {
        Kind::Plain => Session::connect_with(host, server.plain_port(), options).await,
        Kind::Tls => Session::connect_tls_with(host, server.tls_port(), tls(server), options).await,
        Kind::StartTls => {
            let port = server.plain_port();
            Session::connect_starttls_with(host, port, tls(server), options).await
        }
        Kind::Subprocess => {
            let args = server.preauth_args(user);
            match Transport::command(server.preauth_program(), args) {
                Ok(transport) => Session::open(transport, options).await,
                Err(e) => Err(e),
            }
        }
    };
    result.unwrap_or_else(|e| panic!("connect over {kind:?}: {e}\n{}", server.log()))
}

/// A logged-in session for `user` over `kind`.
async fn open(server: &Dovecot, kind: Kind, user: User) -> Session {
    let mut session = connect(server, kind, user).await;
    if kind != Kind::Subprocess {
        let login = session.login(user.name, user.password).await;
        login.unwrap_or_else(|e| panic!("login over {kind:?}: {e}"));
    }
    assert_eq!(session.state(), SessionState::Authenticated);
    session
}

fn mail(kind: Kind) {
    let server = Dovecot::start().unwrap();
    server.fill(ALICE, "INBOX", 1, 6).unwrap();
    block_on(mail_scenario(&server, kind));
}

async fn mail_scenario(server: &Dovecot, kind: Kind) {
    let mut s = open(server, kind, ALICE).await;
    assert_eq!(s.socket().is_secure(), kind != Kind::Plain);
    assert_eq!(
        s.socket().tls_connection().is_some(),
        matches!(kind, Kind::Tls | Kind::StartTls)
    );
    assert!(s.has_capability("IDLE") && s.has_capability("UIDPLUS"));

    // LIST / CREATE (a non-ASCII name, modified UTF-7 on the wire).
    let folder = "Tokio ✓";
    s.create(folder).await.unwrap();
    let names: Vec<String> = s
        .list("", "*")
        .await
        .unwrap()
        .iter()
        .map(|l| l.mailbox.name().expect("modified UTF-7 name"))
        .collect();
    assert!(names.iter().any(|n| n == "INBOX"), "{names:?}");
    assert!(names.iter().any(|n| n == folder), "{names:?}");

    // SELECT, APPEND with flags, FETCH with literals, byte for byte.
    let inbox = s.select("INBOX", false).await.unwrap();
    assert_eq!(inbox.exists, Some(6));
    let text = common::message("from tokio");
    let (validity, uids) = s
        .append("INBOX", r"(\Flagged)", None, text.clone())
        .await
        .unwrap()
        .expect("APPENDUID");
    assert_eq!(inbox.uid_validity, Some(validity));
    let new_uid: u32 = uids.to_string().parse().unwrap();
    let fetched = s.fetch("1:2", "(UID FLAGS BODY.PEEK[])").await.unwrap();
    assert_eq!(fetched.len(), 2);
    assert_eq!(body(&fetched[0]), Some(sample_message(1).as_slice()));
    assert_eq!(body(&fetched[1]), Some(sample_message(2).as_slice()));
    let mine = s
        .uid_fetch(new_uid, "(UID FLAGS BODY.PEEK[])")
        .await
        .unwrap();
    assert_eq!(
        (uid(&mine[0]), body(&mine[0])),
        (Some(new_uid), Some(&text[..]))
    );
    assert!(flags(&mine[0]).unwrap().contains(&Flag::Flagged));

    // SEARCH, SORT, THREAD.
    assert_eq!(s.search(None, "FLAGGED").await.unwrap(), vec![7]);
    let subject = s
        .uid_search(Some("UTF-8"), r#"SUBJECT "from tokio""#)
        .await
        .unwrap();
    assert_eq!(subject, vec![new_uid]);
    let mut sorted = s.sort("ARRIVAL", "UTF-8", "ALL").await.unwrap();
    assert_eq!(sorted.len(), 7);
    sorted.sort_unstable();
    assert_eq!(sorted, (1..=7).collect::<Vec<u32>>());
    assert!(!s
        .thread("REFERENCES", "UTF-8", "ALL")
        .await
        .unwrap()
        .is_empty());

    // STORE, COPY, MOVE, EXPUNGE.
    let stored = s.store("1", "+FLAGS", r"(\Answered)").await.unwrap();
    assert!(flags(&stored[0]).unwrap().contains(&Flag::Answered));
    let copied = s.copy("1:2", folder).await.unwrap().expect("COPYUID");
    assert_eq!(copied.1.to_string(), "1:2");
    s.uid_move(new_uid, folder).await.unwrap().expect("COPYUID");
    assert_eq!(s.selected().unwrap().exists, Some(6));
    s.store("1", "+FLAGS.SILENT", r"(\Deleted)").await.unwrap();
    assert_eq!(s.expunge().await.unwrap(), vec![1]);
    assert_eq!(s.selected().unwrap().exists, Some(5));

    // STATUS of the other mailbox, then tidy up.
    let status = s.status(folder, "(MESSAGES UIDNEXT)").await.unwrap();
    assert_eq!(messages(&status), Some(3));
    s.close().await.unwrap();
    s.delete(folder).await.unwrap();
    let (roots, _quotas) = s.getquotaroot("INBOX").await.unwrap();
    assert!(!roots.is_empty());

    // NO is an error; the session goes on.
    let err = s.select("no such mailbox", false).await.unwrap_err();
    assert!(matches!(err, Error::No(_)), "{err:?}");
    s.noop().await.unwrap();

    let bye = s.logout().await.unwrap();
    assert!(bye.is_some(), "Dovecot says BYE");
    assert!(s.is_closed());
}

fn idle(kind: Kind) {
    let server = Dovecot::start().unwrap();
    block_on(idle_scenario(&server, kind));
}

async fn idle_scenario(server: &Dovecot, kind: Kind) {
    let mut s = open(server, kind, BOB).await;
    s.select("INBOX", false).await.unwrap();
    let mut idle = s.idle(Some(Duration::from_secs(60))).await.unwrap();
    // Another session, in its own task, appends while this one idles.
    let other = {
        let mut other = open(server, Kind::Plain, BOB).await;
        tokio::spawn(async move {
            let text = common::message("while idling");
            other.append("INBOX", "", None, text).await.unwrap();
            other.logout().await.unwrap();
        })
    };
    let mut seen = None;
    while let Some(event) = idle.next().await {
        if let Untagged::Exists(n) = event.unwrap() {
            seen = Some(n);
            break;
        }
    }
    idle.done().await.unwrap();
    other.await.unwrap();
    assert_eq!(seen, Some(1), "IDLE saw the append");
    assert_eq!(s.search(None, "ALL").await.unwrap(), vec![1]);
    s.logout().await.unwrap();
}

fn large_message(kind: Kind) {
    let server = Dovecot::start().unwrap();
    block_on(async {
        let mut s = open(&server, kind, ALICE).await;
        let mut text = common::message("large");
        let line = b"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuv\r\n";
        while text.len() < 4 << 20 {
            text.extend_from_slice(line);
        }
        s.append("INBOX", "", None, text.clone()).await.unwrap();
        s.examine("INBOX").await.unwrap();
        let fetched = s.fetch(1, "(BODY.PEEK[])").await.unwrap();
        assert!(
            body(&fetched[0]) == Some(&text[..]),
            "4 MB back byte for byte"
        );
        s.logout().await.unwrap();
    });
}

per_transport!(mail);
per_transport!(idle);

#[test]
fn large_message_over_tls() {
    large_message(Kind::Tls);
}

#[test]
fn large_message_over_subprocess() {
    large_message(Kind::Subprocess);
}

#[test]
fn an_untrusted_certificate_fails_tls_and_starttls() {
    let server = Dovecot::start().unwrap();
    let stranger = TestPki::new().unwrap();
    let untrusted = || {
        TlsOptions::new()
            .without_platform_roots()
            .add_root_pem(stranger.ca_pem().as_bytes())
    };
    block_on(async {
        let host = server.host();
        let err = Session::connect_tls(host, server.tls_port(), untrusted())
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Tls(_)), "{err:?}");
        let mut s = connect(&server, Kind::Plain, ALICE).await;
        let err = s.starttls(untrusted()).await.unwrap_err();
        assert!(err.is_fatal(), "{err:?}");
        assert!(s.login(ALICE.name, ALICE.password).await.is_err());
    });
}

#[test]
fn plaintext_login_is_refused_until_starttls() {
    let server = Dovecot::start().unwrap();
    block_on(async {
        let mut s = Session::connect(server.host(), server.plain_port())
            .await
            .unwrap();
        let err = s.login(ALICE.name, ALICE.password).await.unwrap_err();
        assert!(
            matches!(err, Error::Usage(UsageError::PlaintextAuth { .. })),
            "{err:?}"
        );
        s.starttls(tls(&server)).await.unwrap();
        assert!(!s.has_capability("STARTTLS"), "capabilities asked again");
        s.login(ALICE.name, ALICE.password).await.unwrap();
        s.logout().await.unwrap();
    });
}

#[test]
fn from_command_reaps_the_child() {
    let server = Dovecot::start().unwrap();
    block_on(async {
        let args = server.preauth_args(ALICE);
        let mut s = Session::from_command(server.preauth_program(), args)
            .await
            .unwrap();
        assert_eq!(s.state(), SessionState::Authenticated);
        assert!(s.socket().child().and_then(|c| c.id()).is_some());
        s.select("INBOX", true).await.unwrap();
        s.logout().await.unwrap();
        assert!(s.socket().child().is_none(), "closed and reaped");
    });
}
