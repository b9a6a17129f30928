//! RFC 3501 section 8, the sample IMAP4rev1 connection, played against the
//! client state machine, plus the basic drive loop.

mod client_support;

use client_support::{completion_in, Conn};
use imap_proto::client::{Event, SessionState};
use imap_proto::command::{Command, FetchItem, FetchItems, StoreAction};
use imap_proto::response::{FetchAttr, Untagged};
use imap_proto::types::{Flag, Section, SequenceSet};

#[test]
fn rfc3501_section8_sample_session() {
    let mut c = Conn::new();
    // The commands may be enqueued before the greeting: they wait for it.
    let login = c.client.enqueue(Command::login("mrc", "secret")).unwrap();
    assert_eq!(c.take_sent(), "");

    c.server("* OK IMAP4rev1 Service Ready\r\n");
    assert!(matches!(&c.take_events()[..], [Event::Greeting(_)]));
    // No CAPABILITY code in the greeting: asked first, as imaplib does;
    // LOGIN waits for the answer (LOGINDISABLED decides).
    let cap = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!(
        "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n{cap} OK done\r\n"
    ));
    assert_eq!(c.client.protocol_version(), Some("IMAP4rev1"));

    let a001 = c.sent_tag(" LOGIN mrc secret\r\n");
    c.server(&format!("{a001} OK LOGIN completed\r\n"));
    assert_eq!(c.client.state(), SessionState::Authenticated);
    // Capabilities forgotten after login and asked again; LOGIN completes
    // once they are known.
    assert!(c.take_events().is_empty());
    let cap = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!("* CAPABILITY IMAP4rev1 IDLE\r\n{cap} OK done\r\n"));
    assert!(completion_in(&c.take_events(), login).is_ok());
    assert!(c.client.has_capability("IDLE") && !c.client.has_capability("AUTH=PLAIN"));

    let select = c.client.enqueue(Command::select("inbox")).unwrap();
    let a002 = c.sent_tag(" SELECT inbox\r\n");
    c.server(&format!(
        "* 18 EXISTS\r\n\
         * FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n\
         * 2 RECENT\r\n\
         * OK [UNSEEN 17] Message 17 is the first unseen message\r\n\
         * OK [UIDVALIDITY 3857529045] UIDs valid\r\n\
         {a002} OK [READ-WRITE] SELECT completed\r\n"
    ));
    let done = completion_in(&c.take_events(), select).unwrap();
    let mailbox = done.select().unwrap();
    assert_eq!(mailbox.exists, Some(18));
    assert_eq!(mailbox.recent, Some(2));
    assert_eq!(mailbox.unseen, Some(17));
    assert_eq!(mailbox.uid_validity, Some(3857529045));
    assert_eq!(mailbox.flags.len(), 5);
    assert!(!mailbox.read_only);
    assert_eq!(c.client.state(), SessionState::Selected);
    assert_eq!(c.client.selected(), Some(mailbox));

    let fetch = c
        .client
        .enqueue(Command::fetch(SequenceSet::single(12), FetchItems::Full))
        .unwrap();
    let a003 = c.sent_tag(" FETCH 12 FULL\r\n");
    c.server(&format!(
        "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" \
         RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
         \"IMAP4rev1 WG mtg summary and minutes\" \
         ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
         ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
         ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
         ((NIL NIL \"imap\" \"cac.washington.edu\")) \
         ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")\
         (\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \
         \"<B27397-0100000@cac.washington.edu>\") \
         BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n\
         {a003} OK FETCH completed\r\n"
    ));
    let done = completion_in(&c.take_events(), fetch).unwrap();
    let fetches: Vec<_> = done.fetches().collect();
    assert_eq!(fetches.len(), 1);
    assert_eq!(fetches[0].seq, 12);
    assert!(fetches[0]
        .attrs
        .iter()
        .any(|a| matches!(a, FetchAttr::Rfc822Size(4286))));
    assert!(fetches[0]
        .attrs
        .iter()
        .any(|a| matches!(a, FetchAttr::Envelope(_))));

    let header = FetchItem::BodySection {
        peek: false,
        section: Section {
            part: vec![],
            text: Some(imap_proto::types::SectionText::Header),
        },
        partial: None,
    };
    let fetch = c
        .client
        .enqueue(Command::fetch(SequenceSet::single(12), header))
        .unwrap();
    let a004 = c.sent_tag(" FETCH 12 ");
    let header_text = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n\
                       From: Terry Gray <gray@cac.washington.edu>\r\n\
                       Subject: IMAP4rev1 WG mtg summary and minutes\r\n\
                       To: imap@cac.washington.edu\r\n\
                       cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n\
                       Message-Id: <B27397-0100000@cac.washington.edu>\r\n\
                       MIME-Version: 1.0\r\n\
                       Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n";
    c.server(&format!(
        "* 12 FETCH (BODY[HEADER] {{{}}}\r\n{header_text})\r\n{a004} OK FETCH completed\r\n",
        header_text.len()
    ));
    let done = completion_in(&c.take_events(), fetch).unwrap();
    let body = done
        .fetches()
        .next()
        .unwrap()
        .attrs
        .iter()
        .find_map(|a| match a {
            FetchAttr::BodySection { data, .. } => data.clone(),
            _ => None,
        });
    assert_eq!(body.as_deref(), Some(header_text.as_bytes()));

    let store = c
        .client
        .enqueue(Command::store(
            SequenceSet::single(12),
            StoreAction::Add,
            vec![Flag::Deleted],
        ))
        .unwrap();
    let a005 = c.sent_tag(" STORE 12 +FLAGS (\\Deleted)\r\n");
    c.server(&format!(
        "* 12 FETCH (FLAGS (\\Seen \\Deleted))\r\n{a005} OK +FLAGS completed\r\n"
    ));
    let done = completion_in(&c.take_events(), store).unwrap();
    assert_eq!(done.fetches().count(), 1);

    let logout = c.client.enqueue(Command::logout()).unwrap();
    let a006 = c.sent_tag(" LOGOUT\r\n");
    c.server(&format!(
        "* BYE IMAP4rev1 server terminating connection\r\n{a006} OK LOGOUT completed\r\n"
    ));
    let events = c.take_events();
    assert!(completion_in(&events, logout).is_ok());
    assert!(
        matches!(events.last(), Some(Event::Closed(None))),
        "{events:?}"
    );
    assert_eq!(c.client.state(), SessionState::Logout);
    assert!(c.client.is_closed());
    c.client.handle_eof();
    assert!(c.take_events().is_empty());
}

#[test]
fn unsolicited_responses_become_events_and_update_the_mailbox() {
    let mut c = Conn::selected("IMAP4rev1");
    // The SELECT's EXISTS is kept too, as imaplib does.
    assert_eq!(
        c.client.response("exists"),
        vec![bytes::Bytes::from_static(b"3")]
    );
    let noop = c.client.enqueue(Command::noop()).unwrap();
    let tag = c.sent_tag(" NOOP\r\n");
    c.server(&format!(
        "* 5 EXISTS\r\n* 1 RECENT\r\n* 2 EXPUNGE\r\n{tag} OK NOOP done\r\n"
    ));
    let events = c.take_events();
    let unsolicited: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::Unsolicited(u) => Some(u.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(
        unsolicited,
        vec![
            Untagged::Exists(5),
            Untagged::Recent(1),
            Untagged::Expunge(2)
        ]
    );
    assert!(completion_in(&events, noop).unwrap().untagged.is_empty());
    assert_eq!(c.client.selected().unwrap().exists, Some(4));
    // imaplib's response(code): kept by name, taken.
    assert_eq!(
        c.client.response("EXISTS"),
        vec![bytes::Bytes::from_static(b"5")]
    );
    assert!(c.client.response("EXISTS").is_empty());
}

#[test]
fn drive_loop_in_one_byte_chunks_gives_the_same_events() {
    let script = "* OK [CAPABILITY IMAP4rev1] hi\r\n";
    let mut whole = Conn::new();
    let mut split = Conn::new();
    whole.server(script);
    for b in script.as_bytes() {
        split.server_bytes(&[*b]);
    }
    assert_eq!(whole.take_events(), split.take_events());
}

/// The server's part of a small session, for a client whose commands are
/// already sent: `{f}` is the FETCH tag, `{n}` the NOOP tag.
const BURST: &str = "* 12 FETCH (UID 7 BODY[] {11}\r\nhello\r\nworld)\r\n\
                     * 13 EXISTS\r\n* OK [ALERT] note\r\n{f} OK fetched\r\n\
                     * 1 EXPUNGE\r\n{n} OK noop\r\n";

/// Runs the burst fed in chunks of the given sizes; returns the events.
fn burst_events(chunks: &[usize]) -> Vec<Event> {
    let mut c = Conn::selected("IMAP4rev1");
    c.client
        .enqueue(Command::uid_fetch(SequenceSet::single(7), FetchItem::Uid))
        .unwrap();
    c.client.enqueue(Command::noop()).unwrap();
    let sent = c.take_sent();
    let tags: Vec<&str> = sent.lines().map(|l| l.split(' ').next().unwrap()).collect();
    let script = BURST.replace("{f}", tags[0]).replace("{n}", tags[1]);
    let mut rest = script.as_bytes();
    let mut sizes = chunks.iter().cycle();
    while !rest.is_empty() {
        let n = (*sizes.next().unwrap()).clamp(1, rest.len());
        c.server_bytes(&rest[..n]);
        rest = &rest[n..];
    }
    c.take_events()
}

proptest::proptest! {
    #[test]
    fn events_do_not_depend_on_how_the_input_is_split(chunks in proptest::collection::vec(1usize..40, 1..8)) {
        let whole = burst_events(&[usize::MAX]);
        proptest::prop_assert_eq!(whole.len(), 6);
        proptest::prop_assert_eq!(burst_events(&chunks), whole);
    }
}
