//! imap-blocking against scripted servers doing what real servers do not:
//! hostile bytes (nothing may panic, hang, overflow the stack or allocate
//! what the peer announces), STARTTLS that must fail closed, and the quirks
//! of Gmail, Cyrus and Courier.

use std::time::Duration;

use imap_blocking::proto::command::Command;
use imap_blocking::proto::response::MailboxAttribute;
use imap_blocking::proto::types::Flag;
use imap_blocking::{Error, Options, Session, TlsOptions};
use imap_tests::{ScriptedServer, Step};

const GREETING: &str = "* OK [CAPABILITY IMAP4rev1 LITERAL+ AUTH=PLAIN] scripted ready\r\n";
const PREAUTH: &str = "* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] scripted, logged in\r\n";
const STARTTLS_GREETING: &str = "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n";

/// Options for scripted servers: plaintext passwords allowed (these are
/// not real credentials) and a short command timeout so a client that
/// waits forever fails the test instead of hanging it.
fn options(allow_plaintext: bool) -> Options {
    let mut options = Options::default();
    options.timeout = Some(Duration::from_secs(5));
    options.connect_timeout = Some(Duration::from_secs(5));
    options.client.allow_plaintext_auth = allow_plaintext;
    options
}

fn connect(server: &ScriptedServer) -> Session {
    Session::connect_with("127.0.0.1", server.port(), options(true)).unwrap()
}

/// Greeting, one NOOP answered by `reply`, then whatever the client does.
fn noop_answered_with(reply: &[u8]) -> (Result<(), Error>, Vec<u8>) {
    let server = ScriptedServer::start(vec![
        Step::send(GREETING),
        Step::expect("NOOP"),
        Step::send(reply),
        Step::Close,
    ])
    .unwrap();
    let mut session = connect(&server);
    let result = session.run(Command::noop()).map(|_| ());
    drop(session);
    (result, server.finish().unwrap())
}

fn assert_fatal(result: Result<(), Error>) {
    match result {
        Err(e) => assert!(e.is_fatal(), "expected a fatal error, got {e:?}"),
        Ok(()) => panic!("hostile input was accepted"),
    }
}

#[test]
fn literal_size_beyond_u64_is_an_error() {
    let (result, _) = noop_answered_with(b"* 1 FETCH (BODY[] {99999999999999999999999}\r\n");
    assert_fatal(result);
}

#[test]
fn literal_size_of_four_gigabytes_is_refused_not_allocated() {
    let (result, _) = noop_answered_with(b"* 1 FETCH (BODY[] {4294967296}\r\nabc");
    assert_fatal(result);
}

#[test]
fn ten_thousand_open_parentheses_do_not_overflow_the_stack() {
    let mut reply = b"* 1 FETCH (BODYSTRUCTURE ".to_vec();
    reply.extend(std::iter::repeat_n(b'(', 10_000));
    reply.extend_from_slice(b"\r\n$TAG OK done\r\n");
    let (result, _) = noop_answered_with(&reply);
    // Skipping the bad response and finishing the NOOP is fine too; what
    // matters is that the process is still here.
    if let Err(e) = result {
        assert!(!matches!(e, Error::No(_) | Error::Bad(_)), "{e:?}");
    }
}

#[test]
fn bye_in_the_middle_of_a_command_aborts() {
    let (result, _) = noop_answered_with(b"* BYE server shutting down\r\n");
    assert_fatal(result);
}

#[test]
fn eof_in_the_middle_of_a_literal_aborts() {
    let (result, _) = noop_answered_with(b"* 1 FETCH (BODY[] {100}\r\nonly a few bytes");
    assert_fatal(result);
}

#[test]
fn a_tagged_response_with_an_unknown_tag_is_an_error() {
    let (result, _) = noop_answered_with(b"zz999 OK not yours\r\n");
    assert!(result.is_err(), "unknown tag accepted");
}

#[test]
fn a_bye_greeting_or_garbage_greeting_fails_the_connect() {
    for greeting in [
        "* BYE too busy\r\n",
        "HTTP/1.1 400 Bad Request\r\n",
        "\0\0\0\0\r\n",
    ] {
        let server = ScriptedServer::hostile(greeting).unwrap();
        let result = Session::connect_with("127.0.0.1", server.port(), options(true));
        assert!(result.is_err(), "greeting {greeting:?} accepted");
        server.finish().unwrap();
    }
}

/// A STARTTLS exchange that must not end in a TLS session: the caller gets
/// an error and no LOGIN ever crosses the plaintext connection.
fn starttls_must_fail(steps: Vec<Step>) {
    let server = ScriptedServer::start(steps).unwrap();
    let pki = imap_tests::TestPki::new().unwrap();
    let tls = TlsOptions::new()
        .without_platform_roots()
        .add_root_der(pki.ca_der().to_vec());
    let result = Session::connect_starttls_with("127.0.0.1", server.port(), tls, options(false));
    match result {
        Ok(mut session) => {
            let login = session.run(Command::login("alice", "secret-password"));
            panic!("STARTTLS did not fail closed; login gave {login:?}");
        }
        Err(e) => assert!(!matches!(e, Error::No(_)) || e.status().is_some(), "{e:?}"),
    }
    let received = server.finish().unwrap();
    let text = String::from_utf8_lossy(&received).to_ascii_uppercase();
    assert!(!text.contains("LOGIN "), "credentials sent: {text}");
    assert!(!text.contains("SECRET-PASSWORD"), "password sent: {text}");
}

#[test]
fn starttls_fails_closed_when_not_offered() {
    starttls_must_fail(vec![Step::send(GREETING)]);
}

#[test]
fn starttls_fails_closed_on_no() {
    starttls_must_fail(vec![
        Step::send(STARTTLS_GREETING),
        Step::expect("STARTTLS"),
        Step::send("$TAG NO TLS is broken today\r\n"),
    ]);
}

#[test]
fn starttls_fails_closed_on_bad() {
    starttls_must_fail(vec![
        Step::send(STARTTLS_GREETING),
        Step::expect("STARTTLS"),
        Step::send("$TAG BAD what is that\r\n"),
    ]);
}

#[test]
fn starttls_fails_closed_on_garbage_after_ok() {
    // A man in the middle appends a response to the OK in the same packet,
    // hoping the client reads it as if it came over TLS (CVE-2011-0411).
    starttls_must_fail(vec![
        Step::send(STARTTLS_GREETING),
        Step::expect("STARTTLS"),
        Step::send("$TAG OK Begin TLS now\r\n* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n"),
        Step::Close,
    ]);
}

#[test]
fn starttls_fails_closed_when_the_handshake_gets_plaintext() {
    starttls_must_fail(vec![
        Step::send(STARTTLS_GREETING),
        Step::expect("STARTTLS"),
        Step::send("$TAG OK Begin TLS now\r\n"),
        Step::Sleep(Duration::from_millis(100)),
        Step::send("* this is not a TLS ServerHello at all\r\n"),
        Step::Close,
    ]);
}

#[test]
fn login_is_refused_over_plaintext_by_default_and_nothing_is_sent() {
    let server = ScriptedServer::start(vec![Step::send(GREETING)]).unwrap();
    let mut session = Session::connect("127.0.0.1", server.port()).unwrap();
    let result = session.run(Command::login("alice", "secret-password"));
    assert!(matches!(result, Err(Error::Usage(_))), "{result:?}");
    drop(session);
    let received = String::from_utf8_lossy(&server.finish().unwrap()).to_ascii_uppercase();
    assert!(!received.contains("LOGIN "), "{received}");
    assert!(!received.contains("SECRET-PASSWORD"), "{received}");
}

#[test]
fn logindisabled_is_honoured_even_when_plaintext_is_allowed() {
    let server = ScriptedServer::start(vec![Step::send(
        "* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] Cyrus-like\r\n",
    )])
    .unwrap();
    let mut session = connect(&server);
    let result = session.run(Command::login("alice", "secret-password"));
    assert!(matches!(result, Err(Error::Usage(_))), "{result:?}");
    drop(session);
    let received = String::from_utf8_lossy(&server.finish().unwrap()).to_ascii_uppercase();
    assert!(!received.contains("LOGIN "), "{received}");
}

#[test]
fn gmail_flags_with_brackets_are_read() {
    let server = ScriptedServer::start(vec![
        Step::send(PREAUTH),
        Step::expect("SELECT"),
        Step::send(
            "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing $Phishing \
             OIB-Seen-INBOX OIB-Seen-[Gmail]/Trash OIB-Seen-[Gmail]/Spam)\r\n\
             * OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen $NotPhishing \
             $Phishing OIB-Seen-INBOX OIB-Seen-[Gmail]/Trash OIB-Seen-[Gmail]/Spam \\*)] Flags permitted.\r\n\
             * OK [UIDVALIDITY 673888767] UIDs valid.\r\n\
             * 27 EXISTS\r\n\
             * 0 RECENT\r\n\
             * OK [UIDNEXT 2924] Predicted next UID.\r\n\
             $TAG OK [READ-WRITE] INBOX selected. (Success)\r\n",
        ),
    ])
    .unwrap();
    let mut session = connect(&server);
    let done = session.run(Command::select("INBOX")).unwrap();
    let state = done.select().expect("SELECT result");
    assert_eq!(state.exists, Some(27));
    assert_eq!(state.uid_validity, Some(673888767));
    let trash = Flag::Keyword("OIB-Seen-[Gmail]/Trash".into());
    assert!(state.flags.contains(&trash), "{:?}", state.flags);
    assert!(
        state.permanent_flags.contains(&trash),
        "{:?}",
        state.permanent_flags
    );
    assert!(state.permanent_flags.contains(&Flag::MayCreate));
}

#[test]
fn cyrus_lowercase_special_use_is_recognised() {
    let server = ScriptedServer::start(vec![
        Step::send(PREAUTH),
        Step::expect("LIST"),
        Step::send(
            "* LIST (\\HasNoChildren \\archive) \"/\" Archive\r\n\
             * LIST (\\hasnochildren \\sent) \"/\" \"Sent Items\"\r\n\
             * LIST (\\HasNoChildren \\Trash) \"/\" Trash\r\n\
             $TAG OK Completed\r\n",
        ),
    ])
    .unwrap();
    let mut session = connect(&server);
    let done = session.run(Command::list("", "*")).unwrap();
    let list = done.list();
    assert_eq!(list.len(), 3);
    assert!(
        list[0].attributes.contains(&MailboxAttribute::Archive),
        "{list:?}"
    );
    assert!(
        list[1].attributes.contains(&MailboxAttribute::Sent),
        "{list:?}"
    );
    assert!(
        list[1]
            .attributes
            .contains(&MailboxAttribute::HasNoChildren),
        "{list:?}"
    );
    assert_eq!(list[1].delimiter, Some(b'/'));
}

#[test]
fn without_literal_plus_the_client_waits_for_the_continuation() {
    // Courier has no LITERAL+: a non-synchronizing literal would be taken
    // as a command line of its own.
    let server = ScriptedServer::start(vec![
        Step::send("* PREAUTH [CAPABILITY IMAP4rev1] Courier-like, no LITERAL+\r\n"),
        Step::expect("APPEND"),
        Step::send("$TAG OK [APPENDUID 7 1] APPEND Ok.\r\n"),
    ])
    .unwrap();
    let mut session = connect(&server);
    let message = b"Subject: hi\r\n\r\nhello\r\n".to_vec();
    let done = session
        .run(Command::append("INBOX", Vec::new(), None, message.clone()))
        .unwrap();
    assert_eq!(done.append_uid().map(|(v, _)| v), Some(7));
    drop(session);
    let received = server.finish().unwrap();
    let text = String::from_utf8_lossy(&received);
    assert!(
        text.contains(&format!("{{{}}}\r\n", message.len())),
        "{text}"
    );
    assert!(
        !text.contains("+}"),
        "non-synchronizing literal sent: {text}"
    );
}
