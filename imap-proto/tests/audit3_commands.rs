//! Issue 3, item 1: every imaplib method (and the modern commands) has a
//! typed command, and each encodes to the exact wire form, which parses
//! back to the same command.

use bytes::Bytes;
use imap_proto::command::{
    parse_command, AnnotationEntry, Arg, Command, EncodeContext, FetchCommand, FetchItems,
    ListCommand, ListReturn, ListSelect, MetadataDepth, MetadataOptions, QResync, RawParenthesized,
    SearchCommand, SearchCriteria, SearchKey, SearchReturn, SelectParams, SortCriterion, SortKey,
    StatusAttribute, StoreAction, StoreCommand,
};
use imap_proto::types::{Flag, Section, SectionText, SequenceSet};

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

/// Encodes with tag `A1` and LITERAL+, and checks the bytes.
fn encoded(cmd: &Command, expected: &str) -> Vec<u8> {
    let ctx = EncodeContext {
        literal_plus: true,
        ..Default::default()
    };
    let bytes = cmd.encode(b"A1", &ctx).unwrap().to_bytes();
    assert_eq!(String::from_utf8_lossy(&bytes), expected, "{cmd:?}");
    bytes
}

fn set(s: &str) -> SequenceSet {
    s.parse().unwrap()
}

/// Encodes with tag `A1` (LITERAL+ so the wire is one piece), checks the
/// bytes, and that they parse back to the same command.
fn wire(cmd: Command, expected: &str) {
    let bytes = encoded(&cmd, expected);
    let parsed = parse_command(&Bytes::from(bytes.clone()), false).unwrap();
    assert_eq!(parsed.command, cmd, "{expected:?} parses back differently");
}

#[test]
fn imaplib_connection_and_auth_commands() {
    wire(Command::capability(), "A1 CAPABILITY\r\n");
    wire(Command::noop(), "A1 NOOP\r\n");
    // imaplib recent(): a NOOP whose RECENT responses are the answer.
    wire(Command::recent(), "A1 NOOP\r\n");
    wire(Command::logout(), "A1 LOGOUT\r\n");
    wire(Command::starttls(), "A1 STARTTLS\r\n");
    wire(
        Command::login("fred", "pa ss"),
        "A1 LOGIN fred \"pa ss\"\r\n",
    );
    wire(
        Command::authenticate("PLAIN", Some(Bytes::from_static(b"\0u\0p").into())),
        "A1 AUTHENTICATE PLAIN AHUAcA==\r\n",
    );
    wire(
        Command::authenticate("XYZ", None),
        "A1 AUTHENTICATE XYZ\r\n",
    );
    wire(Command::proxyauth("bob"), "A1 PROXYAUTH bob\r\n");
    wire(
        Command::enable(["UTF8=ACCEPT", "CONDSTORE"]),
        "A1 ENABLE UTF8=ACCEPT CONDSTORE\r\n",
    );
    wire(Command::id(None), "A1 ID NIL\r\n");
    wire(
        Command::id(Some(vec![(b("name"), Some(b("me"))), (b("x"), None)])),
        "A1 ID (\"name\" \"me\" \"x\" NIL)\r\n",
    );
    wire(Command::namespace(), "A1 NAMESPACE\r\n");
    wire(Command::idle(), "A1 IDLE\r\n");
    wire(Command::compress_deflate(), "A1 COMPRESS DEFLATE\r\n");
}

#[test]
fn imaplib_mailbox_commands() {
    wire(Command::select("INBOX"), "A1 SELECT INBOX\r\n");
    wire(Command::examine("INBOX"), "A1 EXAMINE INBOX\r\n");
    wire(Command::create("a b"), "A1 CREATE \"a b\"\r\n");
    wire(Command::delete("x"), "A1 DELETE x\r\n");
    wire(Command::rename("x", "y"), "A1 RENAME x y\r\n");
    wire(Command::subscribe("x"), "A1 SUBSCRIBE x\r\n");
    wire(Command::unsubscribe("x"), "A1 UNSUBSCRIBE x\r\n");
    wire(Command::list("", "*"), "A1 LIST \"\" *\r\n");
    wire(Command::lsub("", "%"), "A1 LSUB \"\" %\r\n");
    wire(
        Command::status(
            "INBOX",
            vec![StatusAttribute::Messages, StatusAttribute::HighestModSeq],
        ),
        "A1 STATUS INBOX (MESSAGES HIGHESTMODSEQ)\r\n",
    );
    wire(
        Command::append(
            "INBOX",
            vec![Flag::Seen],
            None,
            Bytes::from_static(b"Hi\r\n"),
        ),
        "A1 APPEND INBOX (\\Seen) {4+}\r\nHi\r\n\r\n",
    );
    wire(Command::getquota(""), "A1 GETQUOTA \"\"\r\n");
    wire(Command::getquotaroot("INBOX"), "A1 GETQUOTAROOT INBOX\r\n");
    wire(
        Command::setquota("", vec![(b("STORAGE"), 512)]),
        "A1 SETQUOTA \"\" (STORAGE 512)\r\n",
    );
    wire(Command::getacl("INBOX"), "A1 GETACL INBOX\r\n");
    wire(
        Command::setacl("INBOX", "bob", "+lr"),
        "A1 SETACL INBOX bob +lr\r\n",
    );
    wire(
        Command::deleteacl("INBOX", "bob"),
        "A1 DELETEACL INBOX bob\r\n",
    );
    wire(
        Command::listrights("INBOX", "bob"),
        "A1 LISTRIGHTS INBOX bob\r\n",
    );
    wire(Command::myrights("INBOX"), "A1 MYRIGHTS INBOX\r\n");
    wire(
        Command::getannotation("INBOX", "/comment", "value.priv"),
        "A1 GETANNOTATION INBOX /comment value.priv\r\n",
    );
    wire(
        Command::setannotation(
            "INBOX",
            vec![AnnotationEntry {
                entry: b("/comment"),
                values: vec![(b("value.priv"), Some(b("hi"))), (b("value.shared"), None)],
            }],
        ),
        "A1 SETANNOTATION INBOX /comment (value.priv \"hi\" value.shared NIL)\r\n",
    );
}

#[test]
fn imaplib_selected_commands_and_every_uid_variant() {
    wire(Command::check(), "A1 CHECK\r\n");
    wire(Command::close(), "A1 CLOSE\r\n");
    wire(Command::unselect(), "A1 UNSELECT\r\n");
    wire(Command::expunge(), "A1 EXPUNGE\r\n");
    wire(Command::uid_expunge(set("3:5")), "A1 UID EXPUNGE 3:5\r\n");
    let items: FetchItems = "(UID FLAGS)".parse().unwrap();
    wire(
        Command::fetch(set("1:3"), items.clone()),
        "A1 FETCH 1:3 (UID FLAGS)\r\n",
    );
    wire(
        Command::uid_fetch(set("7,9"), items),
        "A1 UID FETCH 7,9 (UID FLAGS)\r\n",
    );
    // imaplib partial(num, part, start, length).
    let section = Section {
        part: vec![1],
        text: Some(SectionText::Text),
    };
    wire(
        Command::partial(4, section, 10, 20),
        "A1 FETCH 4 (BODY[1.TEXT]<10.20>)\r\n",
    );
    wire(
        Command::store(set("1"), StoreAction::Add, vec![Flag::Deleted]),
        "A1 STORE 1 +FLAGS (\\Deleted)\r\n",
    );
    wire(
        Command::uid_store(set("2:*"), StoreAction::Remove, vec![Flag::Seen]),
        "A1 UID STORE 2:* -FLAGS (\\Seen)\r\n",
    );
    wire(Command::copy(set("1"), "Trash"), "A1 COPY 1 Trash\r\n");
    wire(
        Command::uid_copy(set("1"), "Trash"),
        "A1 UID COPY 1 Trash\r\n",
    );
    wire(Command::move_messages(set("1"), "T"), "A1 MOVE 1 T\r\n");
    wire(Command::uid_move(set("1"), "T"), "A1 UID MOVE 1 T\r\n");
    let seen = SearchCriteria::Keys(vec![SearchKey::Seen]);
    wire(Command::search(None, seen.clone()), "A1 SEARCH SEEN\r\n");
    wire(
        Command::uid_search(Some("UTF-8"), seen.clone()),
        "A1 UID SEARCH CHARSET UTF-8 SEEN\r\n",
    );
    let date = vec![SortCriterion {
        reverse: true,
        key: SortKey::Date,
    }];
    wire(
        Command::sort(date.clone(), "UTF-8", seen.clone()),
        "A1 SORT (REVERSE DATE) UTF-8 SEEN\r\n",
    );
    wire(
        Command::uid_sort(date, "UTF-8", seen.clone()),
        "A1 UID SORT (REVERSE DATE) UTF-8 SEEN\r\n",
    );
    wire(
        Command::thread("REFERENCES", "UTF-8", seen.clone()),
        "A1 THREAD REFERENCES UTF-8 SEEN\r\n",
    );
    wire(
        Command::uid_thread("REFERENCES", "UTF-8", seen),
        "A1 UID THREAD REFERENCES UTF-8 SEEN\r\n",
    );
}

#[test]
fn xatom_arguments_are_each_encoded_safely() {
    // Not parsed back: a server cannot tell a sequence set or a raw list
    // from other arguments of an unknown command.
    encoded(
        &Command::xatom(
            "XFOO",
            vec![
                Arg::Atom(b("BAR")),
                Arg::String(b("a \"q\"")),
                Arg::Number(7),
                Arg::Nil,
                Arg::SequenceSet(set("1:*")),
                Arg::Mailbox("Sent".into()),
                Arg::List(vec![Arg::Atom(b("X")), Arg::String(b("y z"))]),
                Arg::Raw(RawParenthesized::new("(\\Seen \\Deleted)").unwrap()),
            ],
        ),
        "A1 XFOO BAR \"a \\\"q\\\"\" 7 NIL 1:* Sent (X \"y z\") (\\Seen \\Deleted)\r\n",
    );
    // An atom argument that is not an atom is refused, not sent raw.
    let bad = Command::xatom("XFOO", vec![Arg::Atom(b("a b"))]);
    assert!(bad.encode(b"A1", &EncodeContext::default()).is_err());
    let bad = Command::xatom("X FOO", vec![]);
    assert!(bad.encode(b"A1", &EncodeContext::default()).is_err());
}

#[test]
fn modern_extensions() {
    // LIST-EXTENDED with SPECIAL-USE and LIST-STATUS.
    wire(
        Command::List(ListCommand {
            reference: "".into(),
            patterns: vec!["*".into(), "Archive/%".into()],
            selection: vec![ListSelect::SpecialUse, ListSelect::Subscribed],
            returns: vec![
                ListReturn::SpecialUse,
                ListReturn::Status(vec![StatusAttribute::Unseen]),
            ],
        }),
        "A1 LIST (SPECIAL-USE SUBSCRIBED) \"\" (* Archive/%) RETURN (SPECIAL-USE STATUS (UNSEEN))\r\n",
    );
    // ESEARCH returns.
    wire(
        Command::Search(SearchCommand {
            uid: true,
            charset: None,
            criteria: SearchCriteria::Keys(vec![SearchKey::Unseen, SearchKey::ModSeq(5)]),
            returns: Some(vec![
                SearchReturn::Min,
                SearchReturn::Count,
                SearchReturn::Save,
            ]),
        }),
        "A1 UID SEARCH RETURN (MIN COUNT SAVE) UNSEEN MODSEQ 5\r\n",
    );
    // CONDSTORE: CHANGEDSINCE, UNCHANGEDSINCE, SELECT (CONDSTORE).
    wire(
        Command::Fetch(FetchCommand {
            uid: true,
            set: set("1:*"),
            items: "(FLAGS)".parse().unwrap(),
            changed_since: Some(12345),
            vanished: true,
        }),
        "A1 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
    );
    wire(
        Command::Store(StoreCommand {
            uid: false,
            set: set("1"),
            action: StoreAction::Replace,
            silent: true,
            flags: vec![Flag::Seen],
            unchanged_since: Some(9),
        }),
        "A1 STORE 1 (UNCHANGEDSINCE 9) FLAGS.SILENT (\\Seen)\r\n",
    );
    wire(
        Command::Select {
            mailbox: "INBOX".into(),
            params: SelectParams {
                condstore: true,
                qresync: None,
            },
        },
        "A1 SELECT INBOX (CONDSTORE)\r\n",
    );
    // QRESYNC select with known UIDs and match data.
    wire(
        Command::Examine {
            mailbox: "INBOX".into(),
            params: SelectParams {
                condstore: false,
                qresync: Some(QResync {
                    uidvalidity: 67890007,
                    modseq: 20050715194045000,
                    known_uids: Some(set("41,43:211")),
                    seq_match: Some((set("1:3"), set("41,43,50"))),
                }),
            },
        },
        "A1 EXAMINE INBOX (QRESYNC (67890007 20050715194045000 41,43:211 (1:3 41,43,50)))\r\n",
    );
    // METADATA.
    wire(
        Command::GetMetadata {
            options: MetadataOptions {
                depth: Some(MetadataDepth::Infinity),
                max_size: Some(1024),
            },
            mailbox: "INBOX".into(),
            entries: vec![b("/private/comment"), b("/shared/comment")],
        },
        "A1 GETMETADATA (MAXSIZE 1024 DEPTH infinity) INBOX (/private/comment /shared/comment)\r\n",
    );
    wire(
        Command::setmetadata(
            "",
            vec![
                (b("/private/comment"), Some(b("my comment"))),
                (b("/shared/x"), None),
            ],
        ),
        "A1 SETMETADATA \"\" (/private/comment \"my comment\" /shared/x NIL)\r\n",
    );
}

#[test]
fn modseq_zero_and_oversized_are_refused() {
    // RFC 7162: mod-sequence-value is 1..2^63-1 (CHANGEDSINCE may not be 0
    // in a meaningful way; UNCHANGEDSINCE 0 is legal). Values beyond 2^63-1
    // must be refused.
    let fetch = |m| {
        Command::Fetch(FetchCommand {
            uid: false,
            set: set("1"),
            items: "FLAGS".parse().unwrap(),
            changed_since: Some(m),
            vanished: false,
        })
    };
    assert!(fetch(u64::MAX)
        .encode(b"A1", &EncodeContext::default())
        .is_err());
}
