//! Issue 3, items 2 and 3: encoding rules as the state machine applies
//! them, checked bullet by bullet against scripted server bytes.

mod client_support;

use bytes::Bytes;
use client_support::{completion_in, Conn};
use imap_proto::client::Event;
use imap_proto::command::Command;
use imap_proto::response::Code;

fn append(size: usize) -> Command {
    Command::append("INBOX", vec![], None, Bytes::from(vec![b'x'; size]))
}

#[test]
fn utf8_accept_switches_on_only_with_the_enabled_answer_to_enable() {
    let mut c = Conn::authenticated("IMAP4rev1 ENABLE UTF8=ACCEPT");
    // An unsolicited ENABLED (no ENABLE in flight) switches nothing on.
    c.server("* ENABLED UTF8=ACCEPT\r\n");
    c.take_events();
    assert!(!c.client.utf8_enabled());
    c.client.enqueue(Command::create("Tést")).unwrap();
    assert!(c.take_sent().ends_with(" CREATE T&AOk-st\r\n"));

    // ENABLE in flight: a command pipelined behind it, before the ENABLED
    // response, is still encoded in modified UTF-7.
    let enable = c.client.enqueue(Command::enable(["UTF8=ACCEPT"])).unwrap();
    let tag = c.sent_tag(" ENABLE UTF8=ACCEPT");
    c.client.enqueue(Command::create("Tést")).unwrap();
    let sent = c.take_sent();
    assert!(sent.ends_with(" CREATE T&AOk-st\r\n"), "{sent:?}");
    assert!(!c.client.utf8_enabled());
    // A server that enables nothing: still off.
    c.server(&format!("* ENABLED\r\n{tag} OK\r\n"));
    assert!(completion_in(&c.take_events(), enable).is_ok());
    assert!(!c.client.utf8_enabled());

    let enable = c.client.enqueue(Command::enable(["UTF8=ACCEPT"])).unwrap();
    let tag = c.sent_tag(" ENABLE UTF8=ACCEPT");
    c.server(&format!("* ENABLED UTF8=ACCEPT\r\n{tag} OK\r\n"));
    assert!(completion_in(&c.take_events(), enable).is_ok());
    assert!(c.client.utf8_enabled());
    // Now names go as UTF-8, in a quoted string (no literal needed).
    c.client.enqueue(Command::create("Tést \"x\"")).unwrap();
    let sent = c.take_sent();
    assert!(sent.ends_with(" CREATE \"Tést \\\"x\\\"\"\r\n"), "{sent:?}");
    // Quoted UTF-8 for other strings too; CR/LF still force a literal.
    c.client.enqueue(Command::create("a\r\nb")).unwrap();
    assert!(c.take_sent().ends_with(" CREATE {4}\r\n"));
}

#[test]
fn literal_minus_allows_non_synchronizing_only_up_to_4096() {
    let mut c = Conn::authenticated("IMAP4rev1 LITERAL-");
    c.client.enqueue(append(4096)).unwrap();
    let sent = c.take_sent();
    assert!(sent.contains(" APPEND INBOX {4096+}\r\nxxx"), "{sent:.60}");
    assert!(sent.ends_with("x\r\n"));
    c.client.enqueue(append(4097)).unwrap();
    let sent = c.take_sent();
    assert!(sent.ends_with(" APPEND INBOX {4097}\r\n"), "{sent:.60}");
    c.server("+ go\r\n");
    assert_eq!(c.take_sent().len(), 4097 + 2);

    // LITERAL+ has no limit.
    let mut c = Conn::authenticated("IMAP4rev1 LITERAL+");
    c.client.enqueue(append(10_000)).unwrap();
    assert!(c.take_sent().contains(" {10000+}\r\n"));
    // Neither: synchronizing.
    let mut c = Conn::authenticated("IMAP4rev1");
    c.client.enqueue(append(1)).unwrap();
    assert!(c.take_sent().ends_with(" {1}\r\n"));
}

#[test]
fn literal_rejected_with_bad_is_never_sent() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let a = c.client.enqueue(append(20)).unwrap();
    let queued = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" APPEND INBOX {20}\r\n");
    c.server(&format!("{tag} BAD [LIMIT] too big\r\n"));
    let events = c.take_events();
    let err = completion_in(&events, a).unwrap_err();
    assert_eq!(err.kind(), "error");
    assert_eq!(err.status().unwrap().code, Some(Code::Limit));
    // The literal never goes out; the command queued behind it does.
    let sent = c.take_sent();
    assert!(!sent.contains("xxxx"), "{sent:?}");
    assert!(sent.ends_with(" NOOP\r\n"), "{sent:?}");
    let noop_tag = sent.split(' ').next().unwrap().to_string();
    c.server(&format!("{noop_tag} OK\r\n"));
    assert!(completion_in(&c.take_events(), queued).is_ok());
}

#[test]
fn nul_is_refused_unsent_except_in_a_binary_literal8() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let msg = Bytes::from_static(b"a\0b");
    assert!(c
        .client
        .enqueue(Command::append("INBOX", vec![], None, msg.clone()))
        .is_err());
    assert!(c.client.enqueue(Command::create("a\0b")).is_err());
    assert_eq!(c.take_sent(), "");
    let mut c = Conn::authenticated("IMAP4rev1 BINARY");
    c.client
        .enqueue(Command::append("INBOX", vec![], None, msg))
        .unwrap();
    assert!(c.take_sent().ends_with(" APPEND INBOX ~{3}\r\n"));
}

#[test]
fn vanished_earlier_does_not_change_exists() {
    let mut c = Conn::selected("IMAP4rev1 QRESYNC");
    c.server("* VANISHED (EARLIER) 1:2\r\n");
    assert_eq!(c.client.selected().unwrap().exists, Some(3));
    c.server("* VANISHED 1:2\r\n");
    assert_eq!(c.client.selected().unwrap().exists, Some(1));
    c.server("* 1 EXPUNGE\r\n");
    assert_eq!(c.client.selected().unwrap().exists, Some(0));
    c.server("* OK [UNSEEN 4] u\r\n* OK [HIGHESTMODSEQ 900] m\r\n");
    let m = c.client.selected().unwrap();
    assert_eq!((m.unseen, m.highest_modseq), (Some(4), Some(900)));
    assert!(c
        .take_events()
        .iter()
        .all(|e| matches!(e, Event::Unsolicited(_))));
}

#[test]
fn imaplib_form_carries_the_data_lines() {
    use imap_proto::command::{FetchItem, SearchKey};
    use imap_proto::types::SequenceSet;
    let mut c = Conn::selected("IMAP4rev1");
    let h = c
        .client
        .enqueue(Command::search(None, SearchKey::All))
        .unwrap();
    let tag = c.sent_tag(" SEARCH ALL");
    c.server(&format!("* SEARCH 2 3\r\n{tag} OK done\r\n"));
    let done = completion_in(&c.take_events(), h).unwrap();
    assert_eq!(done.imaplib(), ("OK", vec![Bytes::from_static(b"2 3")]));

    let h = c
        .client
        .enqueue(Command::fetch(SequenceSet::single(1), FetchItem::Uid))
        .unwrap();
    let tag = c.sent_tag(" FETCH 1 (UID)");
    c.server(&format!("* 1 FETCH (UID 7)\r\n{tag} OK done\r\n"));
    let done = completion_in(&c.take_events(), h).unwrap();
    assert_eq!(
        done.imaplib(),
        ("OK", vec![Bytes::from_static(b"1 (UID 7)")])
    );
    assert_eq!(done.raw, vec![Bytes::from_static(b"* 1 FETCH (UID 7)")]);
}
