//! Issue 3 item 3, the state machine over a session's life: capabilities
//! around STARTTLS and authentication, IDLE, the selected mailbox's state,
//! ALERT and COMPRESS.

mod client_support;

use std::time::Duration;

use client_support::{completion_in, options, Conn};
use imap_proto::client::{CommandError, Event, ProtocolError, SessionState, UsageError};
use imap_proto::command::Command;
use imap_proto::response::Untagged;
use imap_proto::types::SmallBytes;

#[test]
fn capabilities_are_forgotten_and_asked_again_after_starttls() {
    let mut o = options();
    o.transport_encrypted = false;
    let mut c = Conn::with(o);
    c.server("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] hi\r\n");
    assert!(c.client.has_capability("LOGINDISABLED"));
    let starttls = c.client.enqueue(Command::starttls()).unwrap();
    let tag = c.sent_tag(" STARTTLS\r\n");
    // Nothing may be pipelined behind STARTTLS.
    assert!(matches!(
        c.client.enqueue(Command::noop()),
        Err(UsageError::Busy {
            running: "STARTTLS",
            ..
        })
    ));
    c.server(&format!(
        "{tag} OK [CAPABILITY IMAP4rev1 INJECTED] begin TLS\r\n"
    ));
    let events = c.take_events();
    assert_eq!(
        events.last(),
        Some(&Event::StartTls),
        "the completion waits for the new capabilities"
    );
    assert!(!events.iter().any(|e| matches!(e, Event::Completed { .. })));
    assert!(
        c.client.capabilities().is_empty(),
        "pre-TLS capabilities are forgotten, the OK's too"
    );
    assert!(c.client.poll_transmit().is_none());

    c.client.tls_established();
    let tag = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!(
        "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{tag} OK\r\n"
    ));
    // STARTTLS completes once the capabilities are known again.
    assert!(completion_in(&c.take_events(), starttls).is_ok());
    assert!(c.client.has_capability("AUTH=PLAIN"));
    assert!(!c.client.has_capability("LOGINDISABLED"));
    // The transport is now encrypted: LOGIN is allowed.
    c.client.enqueue(Command::login("joe", "pw")).unwrap();
    assert!(c.take_sent().contains(" LOGIN joe pw\r\n"));
}

#[test]
fn bytes_after_the_starttls_ok_are_fatal_and_never_parsed() {
    let mut c = Conn::greeted("IMAP4rev1 STARTTLS");
    c.client.enqueue(Command::starttls()).unwrap();
    let tag = c.sent_tag(" STARTTLS");
    c.server(&format!("{tag} OK go\r\n* 1 EXISTS\r\n"));
    let events = c.take_events();
    assert!(events.contains(&Event::StartTls));
    assert!(
        !events.iter().any(|e| matches!(e, Event::Unsolicited(_))),
        "{events:?}"
    );
    assert!(
        matches!(
            events.last(),
            Some(Event::Closed(Some(ProtocolError::DataAfterSwitch(12))))
        ),
        "{events:?}"
    );

    // The same bytes in a later read, before the handshake.
    let mut c = Conn::greeted("IMAP4rev1 STARTTLS");
    c.client.enqueue(Command::starttls()).unwrap();
    let tag = c.sent_tag(" STARTTLS");
    c.server(&format!("{tag} OK go\r\n"));
    c.take_events();
    c.server("* 1 EXISTS\r\n");
    assert!(matches!(
        c.take_events().last(),
        Some(Event::Closed(Some(ProtocolError::DataAfterSwitch(_))))
    ));
}

#[test]
fn capabilities_are_forgotten_after_authentication() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=PLAIN X-PRE");
    c.client.enqueue(Command::login("joe", "pw")).unwrap();
    let tag = c.sent_tag(" LOGIN ");
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1 X-POST] in\r\n"));
    // The OK carried the new list: used, not asked again.
    assert!(c.client.has_capability("X-POST") && !c.client.has_capability("X-PRE"));
    assert_eq!(c.take_sent(), "");
}

#[test]
fn idle_start_events_and_done() {
    let mut c = Conn::selected("IMAP4rev1 IDLE");
    let idle = c.client.enqueue(Command::idle()).unwrap();
    let tag = c.sent_tag(" IDLE\r\n");
    assert!(matches!(
        c.client.enqueue(Command::noop()),
        Err(UsageError::Busy {
            running: "IDLE",
            ..
        })
    ));
    c.server("+ idling\r\n* 4 EXISTS\r\n* 1 FETCH (FLAGS (\\Seen))\r\n");
    let events = c.take_events();
    assert_eq!(events[0], Event::IdleStarted { handle: idle });
    assert_eq!(events[1], Event::Unsolicited(Untagged::Exists(4)));
    assert!(matches!(&events[2], Event::Unsolicited(Untagged::Fetch(_))));
    assert_eq!(c.client.selected().unwrap().exists, Some(4));
    c.client.idle_done().unwrap();
    assert_eq!(c.take_sent(), "DONE\r\n");
    // After DONE, the next command may go out at once.
    c.client.enqueue(Command::noop()).unwrap();
    assert!(c.take_sent().ends_with(" NOOP\r\n"));
    c.server(&format!("{tag} OK IDLE terminated\r\n"));
    assert!(completion_in(&c.take_events(), idle).is_ok());
    assert_eq!(c.client.idle_done(), Err(UsageError::NotIdling));
}

#[test]
fn idle_is_refreshed_before_29_minutes() {
    let mut c = Conn::selected("IMAP4rev1 IDLE");
    let idle = c.client.enqueue(Command::idle()).unwrap();
    let tag = c.sent_tag(" IDLE\r\n");
    assert_eq!(
        c.client.poll_timeout(),
        None,
        "no timer before the server accepts"
    );
    c.server("+ idling\r\n");
    assert_eq!(c.take_events(), vec![Event::IdleStarted { handle: idle }]);
    let start = c.now;
    assert_eq!(
        c.client.poll_timeout(),
        Some(start + Duration::from_secs(28 * 60))
    );
    c.advance(Duration::from_secs(27 * 60));
    assert_eq!(c.take_sent(), "");
    c.advance(Duration::from_secs(60));
    assert_eq!(c.take_sent(), "DONE\r\n");
    assert_eq!(c.client.poll_timeout(), None);
    c.server(&format!("{tag} OK IDLE terminated\r\n"));
    // Not completed: a new IDLE goes out under a new tag, same handle.
    let events = c.take_events();
    assert!(events.is_empty(), "{events:?}");
    let tag2 = c.sent_tag(" IDLE\r\n");
    assert_ne!(tag, tag2);
    c.server("+ idling again\r\n");
    assert!(
        c.take_events().is_empty(),
        "IdleStarted only once per handle"
    );
    assert_eq!(
        c.client.poll_timeout(),
        Some(c.now + Duration::from_secs(28 * 60))
    );
    c.client.idle_done().unwrap();
    assert_eq!(c.take_sent(), "DONE\r\n");
    c.server(&format!("{tag2} OK IDLE terminated\r\n"));
    assert!(completion_in(&c.take_events(), idle).is_ok());
}

#[test]
fn writable_mailbox_turning_read_only_raises_readonly() {
    let mut c = Conn::selected("IMAP4rev1");
    assert!(!c.client.selected().unwrap().read_only);
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" NOOP");
    c.server(&format!(
        "* OK [READ-ONLY] another client took write access\r\n{tag} OK\r\n"
    ));
    let err = completion_in(&c.take_events(), noop).unwrap_err();
    assert_eq!(err, CommandError::ReadOnly);
    assert_eq!(err.kind(), "readonly");
    assert!(c.client.selected().unwrap().read_only);

    // EXAMINE is read-only from the start: no readonly error.
    let mut c = Conn::authenticated("IMAP4rev1");
    let examine = c.client.enqueue(Command::examine("INBOX")).unwrap();
    let tag = c.sent_tag(" EXAMINE");
    c.server(&format!(
        "* OK [READ-ONLY] fine\r\n{tag} OK [READ-ONLY] done\r\n"
    ));
    let done = completion_in(&c.take_events(), examine).unwrap();
    assert!(done.select().unwrap().read_only);
}

#[test]
fn mailbox_state_is_kept_current() {
    let mut c = Conn::selected("IMAP4rev1");
    c.server(
        "* 10 EXISTS\r\n* 2 EXPUNGE\r\n* FLAGS (\\Seen $Junk)\r\n\
         * OK [PERMANENTFLAGS (\\Seen \\*)] p\r\n* OK [UIDNEXT 50] n\r\n\
         * OK [HIGHESTMODSEQ 77] m\r\n* VANISHED 3:5\r\n* 4 RECENT\r\n",
    );
    let m = c.client.selected().unwrap();
    assert_eq!(m.exists, Some(6));
    assert_eq!(m.flags.len(), 2);
    assert_eq!(m.permanent_flags.len(), 2);
    assert_eq!(m.uid_next, Some(50));
    assert_eq!(m.highest_modseq, Some(77));
    assert_eq!(m.recent, Some(4));
    assert_eq!(m.uid_validity, Some(9));

    // A failed SELECT leaves no mailbox selected.
    let select = c.client.enqueue(Command::select("Gone")).unwrap();
    let tag = c.sent_tag(" SELECT Gone");
    c.server(&format!("{tag} NO [NONEXISTENT] no such mailbox\r\n"));
    assert!(completion_in(&c.take_events(), select).is_err());
    assert_eq!(c.client.state(), SessionState::Authenticated);
    assert!(c.client.selected().is_none());
}

#[test]
fn alert_is_surfaced() {
    let mut c = Conn::greeted("IMAP4rev1");
    c.server("* OK [ALERT] System shutdown in 10 minutes\r\n");
    assert!(c.take_events().contains(&Event::Alert(SmallBytes::from(
        b"System shutdown in 10 minutes"
    ))));
    let mut c = Conn::new();
    c.server("* OK [ALERT] read this\r\n");
    assert!(c
        .take_events()
        .contains(&Event::Alert(SmallBytes::from(b"read this"))));
}

#[test]
fn compress_tells_the_driver_before_completing() {
    let mut c = Conn::authenticated("IMAP4rev1 COMPRESS=DEFLATE");
    let h = c.client.enqueue(Command::compress_deflate()).unwrap();
    let tag = c.sent_tag(" COMPRESS DEFLATE");
    c.server(&format!("{tag} OK DEFLATE active\r\n"));
    let events = c.take_events();
    assert_eq!(events[0], Event::StartCompression);
    assert!(matches!(&events[1], Event::Completed { handle, result: Ok(_) } if *handle == h));
}

#[test]
fn compress_is_refused_unsent_when_not_advertised() {
    let mut c = Conn::authenticated("IMAP4rev1 COMPRESS=X-OTHER");
    let h = c.client.enqueue(Command::compress_deflate()).unwrap();
    assert_eq!(c.take_sent(), "");
    let err = completion_in(&c.take_events(), h).unwrap_err();
    assert!(
        matches!(
            err,
            CommandError::Refused(UsageError::NotAdvertised {
                command: "COMPRESS",
                capability: "COMPRESS=DEFLATE",
            })
        ),
        "{err:?}"
    );
    // The session goes on.
    c.client.enqueue(Command::noop()).unwrap();
    assert!(c.take_sent().ends_with(" NOOP\r\n"));
}

#[test]
fn compress_waits_for_the_capabilities_after_login() {
    // LOGIN's OK carries no capabilities: COMPRESS waits for the automatic
    // CAPABILITY and is sent only when the server lists COMPRESS=DEFLATE.
    let mut c = Conn::greeted("IMAP4rev1");
    c.client.enqueue(Command::login("joe", "pw")).unwrap();
    let tag = c.sent_tag(" LOGIN ");
    c.server(&format!("{tag} OK in\r\n"));
    let h = c.client.enqueue(Command::compress_deflate()).unwrap();
    let tag = c.sent_tag(" CAPABILITY\r\n");
    assert_eq!(c.take_sent(), "");
    c.server(&format!(
        "* CAPABILITY IMAP4rev1 COMPRESS=DEFLATE\r\n{tag} OK\r\n"
    ));
    let tag = c.sent_tag(" COMPRESS DEFLATE\r\n");
    c.server(&format!("{tag} OK go\r\n"));
    let events = c.take_events();
    assert!(events.contains(&Event::StartCompression));
    assert!(completion_in(&events, h).is_ok());
}

#[test]
fn idle_done_before_the_continuation_goes_out_with_it() {
    let mut c = Conn::selected("IMAP4rev1 IDLE");
    let idle = c.client.enqueue(Command::idle()).unwrap();
    let tag = c.sent_tag(" IDLE\r\n");
    c.client.idle_done().unwrap();
    assert_eq!(c.take_sent(), "", "DONE must wait for the server's +");
    c.server("+ idling\r\n");
    assert_eq!(c.take_sent(), "DONE\r\n");
    c.server(&format!("{tag} OK done\r\n"));
    let events = c.take_events();
    assert_eq!(events[0], Event::IdleStarted { handle: idle });
    assert!(completion_in(&events, idle).is_ok());
}

#[test]
fn preauth_without_capabilities_asks_for_them() {
    let mut c = Conn::new();
    c.server("* PREAUTH ready\r\n");
    let tag = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!("* CAPABILITY IMAP4rev2 IDLE\r\n{tag} OK\r\n"));
    assert_eq!(c.client.protocol_version(), Some("IMAP4rev2"));
    // The automatic CAPABILITY has no completion event.
    assert!(matches!(&c.take_events()[..], [Event::Greeting(_)]));
}

#[test]
fn shrink_buffer_keeps_a_response_half_received() {
    let mut c = Conn::greeted("IMAP4rev1");
    c.server(&format!("* OK {}\r\n* 3 EXI", "x".repeat(200_000)));
    c.take_events();
    c.client.shrink_buffer();
    c.server("STS\r\n");
    assert!(c
        .take_events()
        .iter()
        .any(|e| matches!(e, Event::Unsolicited(Untagged::Exists(3)))));
}
