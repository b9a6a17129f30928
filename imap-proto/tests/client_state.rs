//! Issue 3 item 3, the state machine: one scripted conversation per bullet.

mod client_support;

use bytes::Bytes;
use client_support::{completion_in, is_closed_with_error, options, Conn};
use imap_proto::client::{Client, CommandError, Event, ProtocolError, SessionState, UsageError};
use imap_proto::command::{Command, FetchItem, SearchKey};
use imap_proto::response::{Code, Untagged};
use imap_proto::types::SequenceSet;

#[test]
fn pipelined_commands_complete_by_their_own_tags_in_any_order() {
    let mut c = Conn::selected("IMAP4rev1");
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let fetch = c
        .client
        .enqueue(Command::fetch(SequenceSet::single(1), FetchItem::Uid))
        .unwrap();
    let search = c
        .client
        .enqueue(Command::search(None, SearchKey::All))
        .unwrap();
    // All three go out at once, without waiting.
    let sent = c.take_sent();
    let tags: Vec<&str> = sent.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!(tags.len(), 3, "{sent:?}");
    assert!(
        sent.contains(" NOOP\r\n")
            && sent.contains(" FETCH 1 (UID)\r\n")
            && sent.contains(" SEARCH ALL\r\n")
    );
    c.server(&format!(
        "* SEARCH 1 2\r\n{} OK search done\r\n* 1 FETCH (UID 7)\r\n{} OK fetch done\r\n{} OK noop done\r\n",
        tags[2], tags[1], tags[0]
    ));
    let events = c.take_events();
    let order: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Completed { handle, .. } => Some(*handle),
            _ => None,
        })
        .collect();
    assert_eq!(order, vec![search, fetch, noop]);
    assert_eq!(completion_in(&events, search).unwrap().search(), vec![1, 2]);
    assert_eq!(completion_in(&events, fetch).unwrap().fetches().count(), 1);
    assert!(completion_in(&events, noop).unwrap().untagged.is_empty());
}

#[test]
fn tags_have_an_unpredictable_per_connection_prefix() {
    let first_tag = |seed: u8| {
        let mut o = options();
        o.random_seed = [seed; 32];
        let mut c = Conn::with(o);
        c.server("* OK [CAPABILITY IMAP4rev1] hi\r\n");
        c.client.enqueue(Command::noop()).unwrap();
        let t1 = c.sent_tag(" NOOP");
        c.client.enqueue(Command::noop()).unwrap();
        (t1, c.sent_tag(" NOOP"))
    };
    let (a1, a2) = first_tag(1);
    let (b1, _) = first_tag(2);
    assert_ne!(a1, b1, "different seeds give different prefixes");
    assert_eq!(&a1[..8], &a2[..8], "one prefix per connection");
    assert!(a1[..8].bytes().all(|b| (b'A'..=b'P').contains(&b)), "{a1}");
    assert!(a1.ends_with('1') && a2.ends_with('2'));
}

#[test]
fn greeting_ok_preauth_and_bye() {
    let mut c = Conn::new();
    c.server("* OK [CAPABILITY IMAP4rev1] hello\r\n");
    assert!(matches!(&c.take_events()[..], [Event::Greeting(s)] if &s.text[..] == b"hello"));
    assert_eq!(c.client.state(), SessionState::NotAuthenticated);

    let mut c = Conn::new();
    c.server("* PREAUTH [CAPABILITY IMAP4rev1] welcome back\r\n");
    assert_eq!(c.client.state(), SessionState::Authenticated);
    assert_eq!(
        c.client.enqueue(Command::login("a", "b")),
        Err(UsageError::WrongState {
            command: "LOGIN",
            state: SessionState::Authenticated
        })
    );

    let mut c = Conn::new();
    let noop = c.client.enqueue(Command::noop()).unwrap();
    c.server("* BYE too busy\r\n");
    let events = c.take_events();
    assert!(matches!(
        completion_in(&events, noop),
        Err(CommandError::Abort(ProtocolError::Bye(_)))
    ));
    assert!(matches!(
        events.last(),
        Some(Event::Closed(Some(ProtocolError::Bye(_))))
    ));
    assert_eq!(
        c.take_sent(),
        "",
        "nothing is sent to a server that said BYE"
    );

    let mut c = Conn::new();
    c.server("A1 OK not a greeting\r\n");
    assert!(matches!(
        c.take_events().last(),
        Some(Event::Closed(Some(ProtocolError::BadGreeting(_))))
    ));
}

#[test]
fn unknown_tag_is_fatal() {
    let mut c = Conn::greeted("IMAP4rev1");
    let noop = c.client.enqueue(Command::noop()).unwrap();
    c.take_sent();
    c.server("ZZZ1 OK who?\r\n");
    let events = c.take_events();
    assert!(matches!(
        completion_in(&events, noop),
        Err(CommandError::Abort(ProtocolError::UnknownTag(_)))
    ));
    assert!(c.client.is_closed());
    assert_eq!(c.client.enqueue(Command::noop()), Err(UsageError::Closed));
}

#[test]
fn tagged_response_before_the_command_was_sent_is_fatal() {
    // A twin with the same seed tells the tag the command will get.
    let mut twin = Conn::greeted("IMAP4rev1");
    twin.client.enqueue(Command::noop()).unwrap();
    let tag = twin.sent_tag(" NOOP");

    let mut c = Conn::greeted("IMAP4rev1");
    c.client.enqueue(Command::noop()).unwrap();
    // The bytes are still queued (not taken by the driver): a server that
    // answers them guessed the tag.
    c.client
        .handle_input(format!("{tag} OK guessed\r\n").as_bytes());
    c.drain();
    assert!(matches!(
        c.take_events().last(),
        Some(Event::Closed(Some(ProtocolError::PrematureTagged(_))))
    ));

    // A tagged OK while a synchronizing literal still waits for `+`.
    let mut c = Conn::authenticated("IMAP4rev1");
    c.client
        .enqueue(Command::append(
            "INBOX",
            vec![],
            None,
            Bytes::from_static(b"hello"),
        ))
        .unwrap();
    let tag = c.sent_tag(" APPEND INBOX {5}\r\n");
    c.server(&format!("{tag} OK appended without the message?\r\n"));
    assert!(matches!(
        c.take_events().last(),
        Some(Event::Closed(Some(ProtocolError::PrematureTagged(_))))
    ));
}

#[test]
fn synchronizing_literal_waits_for_continuation() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let append = c
        .client
        .enqueue(Command::append(
            "INBOX",
            vec![],
            None,
            Bytes::from_static(b"hello"),
        ))
        .unwrap();
    // A command queued behind the literal waits too.
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" APPEND INBOX {5}\r\n");
    assert_eq!(c.take_sent(), "");
    c.server("+ Ready for literal data\r\n");
    let sent = c.take_sent();
    assert!(sent.starts_with("hello\r\n"), "{sent:?}");
    assert!(sent.ends_with(" NOOP\r\n"), "{sent:?}");
    let noop_tag = sent
        .lines()
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    c.server(&format!(
        "{tag} OK [APPENDUID 9 12] done\r\n{noop_tag} OK\r\n"
    ));
    let events = c.take_events();
    let done = completion_in(&events, append).unwrap();
    assert_eq!(done.append_uid().map(|(v, _)| v), Some(9));
    assert!(completion_in(&events, noop).is_ok());
}

#[test]
fn literal_rejected_with_no_is_never_sent() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let append = c
        .client
        .enqueue(Command::append(
            "Nope",
            vec![],
            None,
            Bytes::from_static(b"secret body"),
        ))
        .unwrap();
    let tag = c.sent_tag(" APPEND Nope {11}\r\n");
    c.server(&format!("{tag} NO [TRYCREATE] no such mailbox\r\n"));
    let err = completion_in(&c.take_events(), append).unwrap_err();
    assert_eq!(err.kind(), "error");
    assert_eq!(err.status().unwrap().code, Some(Code::TryCreate));
    assert_eq!(c.take_sent(), "", "the literal is dropped");
    // The connection goes on.
    c.client.enqueue(Command::noop()).unwrap();
    assert!(c.take_sent().ends_with(" NOOP\r\n"));
}

#[test]
fn non_synchronizing_literal_only_when_advertised() {
    let mut c = Conn::authenticated("IMAP4rev1 LITERAL+");
    c.client
        .enqueue(Command::append(
            "INBOX",
            vec![],
            None,
            Bytes::from_static(b"hello"),
        ))
        .unwrap();
    let sent = c.take_sent();
    assert!(sent.contains(" APPEND INBOX {5+}\r\nhello\r\n"), "{sent:?}");
}

#[test]
fn command_invalid_in_state_is_a_usage_error_and_nothing_is_sent() {
    let mut c = Conn::greeted("IMAP4rev1");
    let err = c
        .client
        .enqueue(Command::fetch(SequenceSet::single(1), FetchItem::Flags))
        .unwrap_err();
    assert_eq!(
        err,
        UsageError::WrongState {
            command: "FETCH",
            state: SessionState::NotAuthenticated
        }
    );
    assert!(matches!(
        c.client.enqueue(Command::select("INBOX")),
        Err(UsageError::WrongState { .. })
    ));
    assert_eq!(c.take_sent(), "");

    // Checked against the state after the commands in flight: SELECT then
    // FETCH pipelines; FETCH after CLOSE does not.
    let mut c = Conn::authenticated("IMAP4rev1");
    c.client.enqueue(Command::select("INBOX")).unwrap();
    c.client
        .enqueue(Command::fetch(SequenceSet::single(1), FetchItem::Flags))
        .unwrap();
    c.client.enqueue(Command::close()).unwrap();
    assert!(matches!(
        c.client.enqueue(Command::expunge()),
        Err(UsageError::WrongState { .. })
    ));
    assert_eq!(c.take_sent().lines().count(), 3);
}

#[test]
fn login_is_refused_under_logindisabled_even_when_learnt_later() {
    let mut c = Conn::greeted("IMAP4rev1 LOGINDISABLED");
    assert_eq!(
        c.client.enqueue(Command::login("joe", "pw")),
        Err(UsageError::LoginDisabled { command: "LOGIN" })
    );

    // Greeting without capabilities: LOGIN waits for the CAPABILITY answer.
    let mut c = Conn::new();
    c.server("* OK hi\r\n");
    let login = c.client.enqueue(Command::login("joe", "pw")).unwrap();
    let tag = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!(
        "* CAPABILITY IMAP4rev1 LOGINDISABLED\r\n{tag} OK\r\n"
    ));
    let err = completion_in(&c.take_events(), login).unwrap_err();
    assert_eq!(
        err,
        CommandError::Refused(UsageError::LoginDisabled { command: "LOGIN" })
    );
    assert_eq!(c.take_sent(), "", "the password never went out");
}

#[test]
fn plaintext_login_is_refused_on_an_unencrypted_transport() {
    let mut o = options();
    o.transport_encrypted = false;
    let mut c = Conn::with(o);
    c.server("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    assert_eq!(
        c.client.enqueue(Command::login("joe", "pw")),
        Err(UsageError::PlaintextAuth { command: "LOGIN" })
    );
    let mut o = options();
    o.transport_encrypted = false;
    o.allow_plaintext_auth = true;
    let mut c = Conn::with(o);
    c.server("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    assert!(c.client.enqueue(Command::login("joe", "pw")).is_ok());
}

#[test]
fn untagged_responses_are_attached_by_kind_and_kept_by_name() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let list = c.client.enqueue(Command::list("", "*")).unwrap();
    let status = c
        .client
        .enqueue(Command::status(
            "INBOX",
            vec![imap_proto::command::StatusAttribute::Messages],
        ))
        .unwrap();
    let sent = c.take_sent();
    let tags: Vec<&str> = sent.lines().map(|l| l.split(' ').next().unwrap()).collect();
    c.server(&format!(
        "* LIST (\\HasNoChildren) \"/\" INBOX\r\n\
         * STATUS INBOX (MESSAGES 4)\r\n\
         * LIST (\\HasChildren) \"/\" Work\r\n\
         * 9 EXISTS\r\n\
         {} OK\r\n{} OK\r\n",
        tags[0], tags[1]
    ));
    let events = c.take_events();
    let list = completion_in(&events, list).unwrap();
    assert_eq!(list.list().len(), 2);
    let status = completion_in(&events, status).unwrap();
    assert_eq!(status.status().len(), 1);
    assert!(events.contains(&Event::Unsolicited(Untagged::Exists(9))));
    assert_eq!(c.client.response("LIST").len(), 2);
    assert_eq!(
        c.client.response("STATUS"),
        vec![Bytes::from_static(b"INBOX (MESSAGES 4)")]
    );
}

#[test]
fn bye_and_eof_abort_every_command_in_flight() {
    let mut c = Conn::selected("IMAP4rev1");
    let a = c.client.enqueue(Command::noop()).unwrap();
    let b = c.client.enqueue(Command::check()).unwrap();
    c.take_sent();
    c.server("* BYE Autologout; idle for too long\r\n");
    let events = c.take_events();
    assert_eq!(completion_in(&events, a).unwrap_err().kind(), "abort");
    assert_eq!(completion_in(&events, b).unwrap_err().kind(), "abort");
    assert!(is_closed_with_error(&events));

    let mut c = Conn::selected("IMAP4rev1");
    let a = c.client.enqueue(Command::noop()).unwrap();
    c.client.handle_eof();
    c.drain();
    let events = c.take_events();
    assert_eq!(
        completion_in(&events, a),
        Err(CommandError::Abort(ProtocolError::UnexpectedEof))
    );
    assert_eq!(
        events.last(),
        Some(&Event::Closed(Some(ProtocolError::UnexpectedEof)))
    );
}

#[test]
fn logout_ends_cleanly_even_when_the_server_closes_after_bye() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let logout = c.client.enqueue(Command::logout()).unwrap();
    c.sent_tag(" LOGOUT");
    c.server("* BYE see you\r\n");
    c.client.handle_eof();
    c.drain();
    let events = c.take_events();
    assert_eq!(
        completion_in(&events, logout).unwrap().status.text,
        Bytes::from_static(b"see you")
    );
    assert_eq!(events.last(), Some(&Event::Closed(None)));
}

#[test]
fn continuation_nobody_waits_for_is_fatal() {
    let mut c = Conn::greeted("IMAP4rev1");
    c.server("+ surprise\r\n");
    assert!(matches!(
        c.take_events().last(),
        Some(Event::Closed(Some(ProtocolError::UnexpectedContinuation(
            _
        ))))
    ));
}

#[test]
fn queued_events_are_bounded() {
    let mut o = options();
    o.limits.max_queued_events = 5;
    let mut c = Conn::with(o);
    let mut input = String::from("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    for n in 0..20 {
        input.push_str(&format!("* {n} EXISTS\r\n"));
    }
    c.client.handle_input(input.as_bytes());
    let mut events = Vec::new();
    while let Some(e) = c.client.poll_event() {
        events.push(e);
    }
    assert!(events.len() <= 7, "{}", events.len());
    assert!(matches!(
        events.last(),
        Some(Event::Closed(Some(ProtocolError::TooManyResponses(5))))
    ));
    let _ = Client::new(options());
}

#[test]
fn malformed_and_oversized_untagged_responses_are_skipped() {
    let mut o = options();
    o.limits.max_line_length = 64;
    let mut c = Conn::with(o);
    c.server("* OK [CAPABILITY IMAP4rev1] hi\r\n");
    c.take_events();
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" NOOP");
    let long = "x".repeat(100);
    c.server(&format!("* 12 FETCH (((((\r\n* {long}\r\n{tag} OK\r\n"));
    let events = c.take_events();
    assert!(matches!(&events[0], Event::Malformed { .. }), "{events:?}");
    assert!(matches!(&events[1], Event::Discarded(_)), "{events:?}");
    assert!(completion_in(&events, noop).is_ok());

    // A tagged response of ours that is too long: its outcome is unknown.
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" NOOP");
    c.server(&format!("{tag} OK {long}\r\n"));
    let events = c.take_events();
    assert!(matches!(
        completion_in(&events, noop),
        Err(CommandError::Abort(ProtocolError::Framing(_)))
    ));
}
