//! COMPRESS=DEFLATE (RFC 4978) against a real Dovecot (its `imap_zlib`
//! plugin), with both drivers, over plaintext and TLS: compress, select,
//! append a 1 MB message and fetch it back byte for byte, IDLE while
//! another session appends, a second COMPRESS refused by the server with
//! the session still usable, and logout.

mod common;

use std::future::Future;
use std::time::Duration;

use common::{body, options, tls, uid, Kind};
use imap_tests::{Dovecot, User, ALICE};
use imap_tokio::proto::response::Untagged;
use imap_tokio::Error;

/// A 1 MB message: headers, then lines alternating between repetitive
/// text and pseudo-random printable bytes, so the DEFLATE stream holds
/// both well and badly compressible blocks.
fn big_message() -> Vec<u8> {
    let mut text = common::message("compressed megabyte");
    let mut x = 0x9e37_79b9_u32;
    let mut n = 0u32;
    while text.len() < 1 << 20 {
        n += 1;
        if n % 2 == 0 {
            text.extend_from_slice(format!("line {n}: the quick brown fox\r\n").as_bytes());
            continue;
        }
        for _ in 0..76 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            text.push(b'!' + (x % 94) as u8);
        }
        text.extend_from_slice(b"\r\n");
    }
    text
}

/// One `#[test]` per transport of this file: plaintext and TLS.
macro_rules! plain_and_tls {
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
        }
    };
}

fn sync_blocking(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = common::open(&server, kind, ALICE);
    assert!(s.has_capability("COMPRESS=DEFLATE"));
    s.compress()
        .unwrap_or_else(|e| panic!("COMPRESS over {kind:?}: {e}\n{}", server.log()));
    assert!(s.socket().is_compressed());
    assert_eq!(s.socket().tls_connection().is_some(), kind == Kind::Tls);

    // Once on, a second COMPRESS is the server's NO; the session goes on.
    let again = s.compress().unwrap_err();
    assert!(matches!(again, imap_blocking::Error::No(_)), "{again:?}");

    let inbox = s.select("INBOX", false).unwrap();
    assert_eq!(inbox.exists, Some(0));
    let text = big_message();
    let (_, uids) = s
        .append("INBOX", "", None, text.clone())
        .unwrap()
        .expect("APPENDUID");
    let new_uid: u32 = uids.to_string().parse().unwrap();
    let fetched = s.uid_fetch(new_uid, "(UID BODY.PEEK[])").unwrap();
    assert_eq!(uid(&fetched[0]), Some(new_uid));
    assert!(
        body(&fetched[0]) == Some(&text[..]),
        "1 MB back byte for byte"
    );
    // The APPEND's `* 1 EXISTS` came through the inflater too.
    assert_eq!(s.selected().and_then(|m| m.exists), Some(1));
    s.unsolicited();

    std::thread::scope(|scope| {
        let other = scope.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            let mut writer = common::open(&server, Kind::Tls, ALICE);
            writer
                .append("INBOX", "", None, common::message("while idling"))
                .unwrap();
            writer.logout().unwrap();
        });
        let mut idle = s.idle(Some(Duration::from_secs(30))).unwrap();
        let mut seen = None;
        for event in &mut idle {
            if let Untagged::Exists(n) = event.unwrap() {
                seen = Some(n);
                break;
            }
        }
        idle.done().unwrap();
        other.join().unwrap();
        assert_eq!(seen, Some(2), "IDLE saw the append");
    });
    assert_eq!(s.search(None, "ALL").unwrap(), vec![1, 2]);
    let bye = s.logout().unwrap();
    assert!(bye.is_some(), "the BYE came through the inflater");
}
plain_and_tls!(sync_blocking);

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

/// A logged-in imap-tokio session for `user` over plaintext or TLS.
async fn open(server: &Dovecot, kind: Kind, user: User) -> imap_tokio::Session {
    use imap_tokio::Session;
    let (host, options) = (server.host(), options(kind));
    let result = match kind {
        Kind::Plain => Session::connect_with(host, server.plain_port(), options).await,
        Kind::Tls => Session::connect_tls_with(host, server.tls_port(), tls(server), options).await,
        _ => unreachable!("only plaintext and TLS here"),
    };
    let mut s = result.unwrap_or_else(|e| panic!("connect over {kind:?}: {e}"));
    s.login(user.name, user.password).await.unwrap();
    s
}

fn async_tokio(kind: Kind) {
    let server = Dovecot::start().unwrap();
    block_on(async {
        let mut s = open(&server, kind, ALICE).await;
        s.compress()
            .await
            .unwrap_or_else(|e| panic!("COMPRESS over {kind:?}: {e}\n{}", server.log()));
        assert!(s.socket().is_compressed());
        assert_eq!(s.socket().tls_connection().is_some(), kind == Kind::Tls);
        let again = s.compress().await.unwrap_err();
        assert!(matches!(again, Error::No(_)), "{again:?}");

        let inbox = s.select("INBOX", false).await.unwrap();
        assert_eq!(inbox.exists, Some(0));
        let text = big_message();
        let (_, uids) = s
            .append("INBOX", "", None, text.clone())
            .await
            .unwrap()
            .expect("APPENDUID");
        let new_uid: u32 = uids.to_string().parse().unwrap();
        let fetched = s.uid_fetch(new_uid, "(UID BODY.PEEK[])").await.unwrap();
        assert_eq!(uid(&fetched[0]), Some(new_uid));
        assert!(
            body(&fetched[0]) == Some(&text[..]),
            "1 MB back byte for byte"
        );
        // The APPEND's `* 1 EXISTS` came through the inflater too.
        assert_eq!(s.selected().and_then(|m| m.exists), Some(1));
        s.unsolicited();

        let mut idle = s.idle(Some(Duration::from_secs(30))).await.unwrap();
        let other = {
            let mut other = open(&server, Kind::Tls, ALICE).await;
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(300)).await;
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
        assert_eq!(seen, Some(2), "IDLE saw the append");
        assert_eq!(s.search(None, "ALL").await.unwrap(), vec![1, 2]);
        let bye = s.logout().await.unwrap();
        assert!(bye.is_some(), "the BYE came through the inflater");
    });
}
plain_and_tls!(async_tokio);
