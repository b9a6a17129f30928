//! The server lines of RFC 3501 (section 8's sample session, the examples
//! of sections 6 and 7) and of RFC 9051 and its extension RFCs, parsed
//! through `parse_response` and checked against exact typed values. Each
//! value is then encoded and must parse back equal; where the RFC line is
//! already in the encoder's canonical form, the encoding must be exactly
//! the RFC's bytes.

use bytes::Bytes;

use imap_proto::response::parse::parse_response;
use imap_proto::response::*;
use imap_proto::types::*;
use imap_proto::Limits;

fn parse(wire: &[u8]) -> Response {
    let input = Bytes::copy_from_slice(wire);
    match parse_response(&input, &Limits::default()) {
        Ok(r) => r,
        Err(e) => panic!("{e}: {:?}", String::from_utf8_lossy(wire)),
    }
}

/// `wire` parses to `want`, and `want` encodes to bytes that parse back
/// to `want`.
fn check(wire: &str, want: Response) {
    let wire = format!("{wire}\r\n");
    assert_eq!(parse(wire.as_bytes()), want, "parsing {wire:?}");
    let again = want.to_bytes();
    assert_eq!(
        parse(&again),
        want,
        "re-parsing {:?}",
        String::from_utf8_lossy(&again)
    );
}

/// As [`check`], and the encoder writes exactly the RFC's bytes.
fn canonical(wire: &str, want: Response) {
    assert_eq!(
        String::from_utf8_lossy(&want.to_bytes()),
        format!("{wire}\r\n"),
        "encoding {want:?}"
    );
    check(wire, want);
}

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn nb(s: &str) -> Option<Bytes> {
    Some(b(s))
}

fn status(kind: StatusKind, code: Option<Code>, text: &str) -> Status {
    Status {
        kind,
        code,
        text: b(text).into(),
    }
}

fn untagged_status(kind: StatusKind, code: Option<Code>, text: &str) -> Response {
    Response::Untagged(Untagged::Status(status(kind, code, text)))
}

fn tagged(tag: &str, kind: StatusKind, code: Option<Code>, text: &str) -> Response {
    Response::Tagged(Tagged {
        tag: b(tag).into(),
        status: status(kind, code, text),
    })
}

fn u(x: Untagged) -> Response {
    Response::Untagged(x)
}

fn caps(names: &[&str]) -> Vec<Capability> {
    names.iter().map(|n| Capability(b(n))).collect()
}

fn fetch(seq: u32, attrs: Vec<FetchAttr>) -> Response {
    u(Untagged::Fetch(Fetch { seq, attrs }))
}

fn list(attributes: Vec<MailboxAttribute>, delimiter: Option<u8>, mailbox: &str) -> ListItem {
    ListItem {
        attributes,
        delimiter,
        mailbox: Mailbox(b(mailbox)),
        extended: vec![],
    }
}

fn range(start: u32, end: u32) -> SeqRange {
    SeqRange {
        start: SeqNumber::Value(start),
        end: SeqNumber::Value(end),
    }
}

fn addr(name: Option<&str>, mailbox: &str, host: &str) -> Address {
    Address {
        name: name.map(b),
        adl: None,
        mailbox: nb(mailbox),
        host: nb(host),
    }
}

const SYSTEM_FLAGS: [Flag; 5] = [
    Flag::Answered,
    Flag::Flagged,
    Flag::Deleted,
    Flag::Seen,
    Flag::Draft,
];

use StatusKind::{Bad, Bye, No, Ok as OK, PreAuth};

mod rfc3501 {
    use super::*;

    /// Section 8, "Sample IMAP4rev1 connection": every server line.
    #[test]
    fn section_8_sample_session() {
        canonical(
            "* OK IMAP4rev1 Service Ready",
            untagged_status(OK, None, "IMAP4rev1 Service Ready"),
        );
        canonical(
            "a001 OK LOGIN completed",
            tagged("a001", OK, None, "LOGIN completed"),
        );
        canonical("* 18 EXISTS", u(Untagged::Exists(18)));
        canonical(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
            u(Untagged::Flags(SYSTEM_FLAGS.to_vec())),
        );
        canonical("* 2 RECENT", u(Untagged::Recent(2)));
        canonical(
            "* OK [UNSEEN 17] Message 17 is the first unseen message",
            untagged_status(
                OK,
                Some(Code::Unseen(17)),
                "Message 17 is the first unseen message",
            ),
        );
        canonical(
            "* OK [UIDVALIDITY 3857529045] UIDs valid",
            untagged_status(OK, Some(Code::UidValidity(3857529045)), "UIDs valid"),
        );
        canonical(
            "a002 OK [READ-WRITE] SELECT completed",
            tagged("a002", OK, Some(Code::ReadWrite), "SELECT completed"),
        );
        let envelope: Envelope = EnvelopeFields {
            date: nb("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"),
            subject: nb("IMAP4rev1 WG mtg summary and minutes"),
            from: vec![addr(Some("Terry Gray"), "gray", "cac.washington.edu")],
            sender: vec![addr(Some("Terry Gray"), "gray", "cac.washington.edu")],
            reply_to: vec![addr(Some("Terry Gray"), "gray", "cac.washington.edu")],
            to: vec![addr(None, "imap", "cac.washington.edu")],
            cc: vec![
                addr(None, "minutes", "CNRI.Reston.VA.US"),
                addr(Some("John Klensin"), "KLENSIN", "MIT.EDU"),
            ],
            bcc: vec![],
            in_reply_to: None,
            message_id: nb("<B27397-0100000@cac.washington.edu>"),
        }
        .into();
        let body = BodyStructure::Text {
            subtype: b("PLAIN"),
            fields: BodyFields {
                params: vec![(b("CHARSET"), b("US-ASCII"))],
                id: None,
                description: None,
                encoding: b("7BIT"),
                octets: 3028,
            },
            lines: 92,
            ext: None,
        };
        canonical(
            concat!(
                "* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" ",
                "RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" ",
                "\"IMAP4rev1 WG mtg summary and minutes\" ",
                "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ",
                "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ",
                "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ",
                "((NIL NIL \"imap\" \"cac.washington.edu\")) ",
                "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")",
                "(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL ",
                "\"<B27397-0100000@cac.washington.edu>\") ",
                "BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))"
            ),
            fetch(
                12,
                vec![
                    FetchAttr::Flags(vec![Flag::Seen]),
                    FetchAttr::InternalDate(DateTime {
                        year: 1996,
                        month: 7,
                        day: 17,
                        hour: 2,
                        minute: 44,
                        second: 25,
                        offset_minutes: -420,
                    }),
                    FetchAttr::Rfc822Size(4286),
                    FetchAttr::Envelope(Box::new(envelope)),
                    FetchAttr::Body(Box::new(body)),
                ],
            ),
        );
        canonical(
            "a003 OK FETCH completed",
            tagged("a003", OK, None, "FETCH completed"),
        );
        let header = concat!(
            "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n",
            "From: Terry Gray <gray@cac.washington.edu>\r\n",
            "Subject: IMAP4rev1 WG mtg summary and minutes\r\n",
            "To: imap@cac.washington.edu\r\n",
            "cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n",
            "Message-Id: <B27397-0100000@cac.washington.edu>\r\n",
            "MIME-Version: 1.0\r\n",
            "Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n",
            "\r\n",
        );
        assert_eq!(header.len(), 342);
        canonical(
            &format!("* 12 FETCH (BODY[HEADER] {{342}}\r\n{header})"),
            fetch(
                12,
                vec![FetchAttr::BodySection {
                    section: Section {
                        part: vec![],
                        text: Some(SectionText::Header),
                    },
                    origin: None,
                    data: nb(header),
                }],
            ),
        );
        canonical(
            "a004 OK FETCH completed",
            tagged("a004", OK, None, "FETCH completed"),
        );
        canonical(
            "* 12 FETCH (FLAGS (\\Seen \\Deleted))",
            fetch(12, vec![FetchAttr::Flags(vec![Flag::Seen, Flag::Deleted])]),
        );
        canonical(
            "a005 OK +FLAGS completed",
            tagged("a005", OK, None, "+FLAGS completed"),
        );
        canonical(
            "* BYE IMAP4rev1 server terminating connection",
            untagged_status(Bye, None, "IMAP4rev1 server terminating connection"),
        );
        canonical(
            "a006 OK LOGOUT completed",
            tagged("a006", OK, None, "LOGOUT completed"),
        );
    }

    /// Section 7.1: status responses.
    #[test]
    fn section_7_1_status_responses() {
        canonical(
            "* OK IMAP4rev1 server ready",
            untagged_status(OK, None, "IMAP4rev1 server ready"),
        );
        canonical(
            "* OK [ALERT] System shutdown in 10 minutes",
            untagged_status(OK, Some(Code::Alert), "System shutdown in 10 minutes"),
        );
        canonical(
            "A001 OK LOGIN Completed",
            tagged("A001", OK, None, "LOGIN Completed"),
        );
        canonical(
            "* NO Disk is 98% full, please delete unnecessary data",
            untagged_status(No, None, "Disk is 98% full, please delete unnecessary data"),
        );
        canonical(
            "A223 NO COPY failed: disk is full",
            tagged("A223", No, None, "COPY failed: disk is full"),
        );
        canonical(
            "* BAD Command line too long",
            untagged_status(Bad, None, "Command line too long"),
        );
        canonical(
            "* BAD Disk crash, attempting salvage to a new disk!",
            untagged_status(Bad, None, "Disk crash, attempting salvage to a new disk!"),
        );
        canonical(
            "* PREAUTH IMAP4rev1 server logged in as Smith",
            untagged_status(PreAuth, None, "IMAP4rev1 server logged in as Smith"),
        );
        canonical(
            "* BYE Autologout; idle for too long",
            untagged_status(Bye, None, "Autologout; idle for too long"),
        );
        canonical(
            "A044 BAD No such command as \"BLURDYBLOOP\"",
            tagged("A044", Bad, None, "No such command as \"BLURDYBLOOP\""),
        );
    }

    /// Sections 7.2 to 7.4: server and mailbox status, sizes, message status.
    #[test]
    fn section_7_2_to_7_4_data() {
        canonical(
            "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI XPIG-LATIN",
            u(Untagged::Capability(caps(&[
                "IMAP4rev1",
                "STARTTLS",
                "AUTH=GSSAPI",
                "XPIG-LATIN",
            ]))),
        );
        // `~` starts an atom here, not a literal8: the encoder quotes it.
        check(
            "* LIST (\\Noselect) \"/\" ~/Mail/foo",
            u(Untagged::List(list(
                vec![MailboxAttribute::NoSelect],
                Some(b'/'),
                "~/Mail/foo",
            ))),
        );
        canonical(
            "* LSUB () \".\" #news.comp.mail.misc",
            u(Untagged::Lsub(list(
                vec![],
                Some(b'.'),
                "#news.comp.mail.misc",
            ))),
        );
        canonical(
            "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)",
            u(Untagged::Status_(MailboxStatus {
                mailbox: Mailbox(b("blurdybloop")),
                items: vec![StatusItem::Messages(231), StatusItem::UidNext(44292)],
            })),
        );
        canonical(
            "* SEARCH 2 3 6",
            u(Untagged::Search(SearchResult {
                numbers: vec![2, 3, 6],
                modseq: None,
            })),
        );
        canonical("* 23 EXISTS", u(Untagged::Exists(23)));
        canonical("* 5 RECENT", u(Untagged::Recent(5)));
        canonical("* 44 EXPUNGE", u(Untagged::Expunge(44)));
        canonical(
            "* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)",
            fetch(
                23,
                vec![
                    FetchAttr::Flags(vec![Flag::Seen]),
                    FetchAttr::Rfc822Size(44827),
                ],
            ),
        );
    }

    /// Section 7.5: continuation requests.
    #[test]
    fn section_7_5_continuation() {
        canonical(
            "+ Ready for additional command text",
            Response::Continue(Continue {
                code: None,
                text: b("Ready for additional command text").into(),
            }),
        );
        // The bare `+` of section 6.2.2 is written back as `+ `.
        check(
            "+",
            Response::Continue(Continue {
                code: None,
                text: SmallBytes::new(),
            }),
        );
        canonical(
            "+ YDMGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHe",
            Response::Continue(Continue {
                code: None,
                text: b("YDMGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHe").into(),
            }),
        );
    }

    /// Section 6: the server lines of the command examples.
    #[test]
    fn section_6_command_examples() {
        canonical(
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
            untagged_status(
                OK,
                Some(Code::PermanentFlags(vec![
                    Flag::Deleted,
                    Flag::Seen,
                    Flag::MayCreate,
                ])),
                "Limited",
            ),
        );
        canonical(
            "* OK [PERMANENTFLAGS ()] No permanent flags permitted",
            untagged_status(
                OK,
                Some(Code::PermanentFlags(vec![])),
                "No permanent flags permitted",
            ),
        );
        canonical(
            "* OK [UIDNEXT 4392] Predicted next UID",
            untagged_status(OK, Some(Code::UidNext(4392)), "Predicted next UID"),
        );
        canonical(
            "A142 OK [READ-WRITE] SELECT completed",
            tagged("A142", OK, Some(Code::ReadWrite), "SELECT completed"),
        );
        canonical(
            "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED",
            u(Untagged::Capability(caps(&[
                "IMAP4rev1",
                "STARTTLS",
                "LOGINDISABLED",
            ]))),
        );
        canonical(
            "* LIST (\\Noselect) \"/\" \"\"",
            u(Untagged::List(list(
                vec![MailboxAttribute::NoSelect],
                Some(b'/'),
                "",
            ))),
        );
        canonical(
            "* LIST () \".\" foo.bar",
            u(Untagged::List(list(vec![], Some(b'.'), "foo.bar"))),
        );
        canonical(
            "* LIST (\\Noselect) \"/\" /",
            u(Untagged::List(list(
                vec![MailboxAttribute::NoSelect],
                Some(b'/'),
                "/",
            ))),
        );
        canonical(
            "* LSUB (\\Noselect) \".\" #news.comp.mail",
            u(Untagged::Lsub(list(
                vec![MailboxAttribute::NoSelect],
                Some(b'.'),
                "#news.comp.mail",
            ))),
        );
        canonical("* SEARCH", u(Untagged::Search(SearchResult::default())));
        canonical(
            "* 23 FETCH (FLAGS (\\Seen) UID 4827313)",
            fetch(
                23,
                vec![FetchAttr::Flags(vec![Flag::Seen]), FetchAttr::Uid(4827313)],
            ),
        );
        canonical(
            "* 4 FETCH (FLAGS (\\Deleted \\Flagged \\Seen))",
            fetch(
                4,
                vec![FetchAttr::Flags(vec![
                    Flag::Deleted,
                    Flag::Flagged,
                    Flag::Seen,
                ])],
            ),
        );
        canonical(
            "* XPIG-LATIN ow-nay eaking-spay ig-pay atin-lay",
            u(Untagged::Other {
                name: b("XPIG-LATIN"),
                raw: b("XPIG-LATIN ow-nay eaking-spay ig-pay atin-lay"),
            }),
        );
        canonical(
            "+ Ready for literal data",
            Response::Continue(Continue {
                code: None,
                text: b("Ready for literal data").into(),
            }),
        );
    }
}

mod rfc9051 {
    use super::*;

    /// Greeting, SELECT and status examples of RFC 9051 (sections 6.2.2,
    /// 6.3.2, 7.1).
    #[test]
    fn status_and_select() {
        canonical(
            "* OK [CAPABILITY IMAP4rev2 STARTTLS AUTH=GSSAPI] Capabilities",
            untagged_status(
                OK,
                Some(Code::Capability(caps(&[
                    "IMAP4rev2",
                    "STARTTLS",
                    "AUTH=GSSAPI",
                ]))),
                "Capabilities",
            ),
        );
        canonical(
            "* PREAUTH IMAP4rev2 server logged in as Smith",
            untagged_status(PreAuth, None, "IMAP4rev2 server logged in as Smith"),
        );
        canonical("* 172 EXISTS", u(Untagged::Exists(172)));
        canonical(
            "* LIST () \"/\" INBOX",
            u(Untagged::List(list(vec![], Some(b'/'), "INBOX"))),
        );
        canonical(
            "* ENABLED IMAP4rev2",
            u(Untagged::Enabled(caps(&["IMAP4rev2"]))),
        );
        canonical(
            "* NO [NONEXISTENT] No such mailbox",
            untagged_status(No, Some(Code::NonExistent), "No such mailbox"),
        );
        canonical(
            "A003 NO [ALREADYEXISTS] Mailbox already exists",
            tagged(
                "A003",
                No,
                Some(Code::AlreadyExists),
                "Mailbox already exists",
            ),
        );
        canonical(
            "a1 NO [HASCHILDREN] Has children",
            tagged("a1", No, Some(Code::HasChildren), "Has children"),
        );
    }

    /// UIDPLUS codes (RFC 4315, part of RFC 9051 section 7.1).
    #[test]
    fn uidplus_codes() {
        canonical(
            "A003 OK [APPENDUID 38505 3955] APPEND completed",
            tagged(
                "A003",
                OK,
                Some(Code::AppendUid {
                    uid_validity: 38505,
                    uids: SequenceSet(vec![range(3955, 3955)]),
                }),
                "APPEND completed",
            ),
        );
        canonical(
            "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done",
            tagged(
                "A004",
                OK,
                Some(Code::CopyUid {
                    uid_validity: 38505,
                    source: SequenceSet(vec![range(304, 304), range(319, 320)]),
                    destination: SequenceSet(vec![range(3956, 3958)]),
                }),
                "Done",
            ),
        );
        // A range up to 2^32-1 stays a range.
        canonical(
            "A005 OK [COPYUID 1 1:4294967295 1:4294967295] Done",
            tagged(
                "A005",
                OK,
                Some(Code::CopyUid {
                    uid_validity: 1,
                    source: SequenceSet(vec![range(1, u32::MAX)]),
                    destination: SequenceSet(vec![range(1, u32::MAX)]),
                }),
                "Done",
            ),
        );
    }

    /// ESEARCH examples (RFC 9051 section 6.4.4 / RFC 4731).
    #[test]
    fn esearch() {
        canonical(
            "* ESEARCH (TAG \"A282\") MIN 2 COUNT 3",
            u(Untagged::ESearch(ESearch {
                tag: nb("A282"),
                uid: false,
                items: vec![ESearchItem::Min(2), ESearchItem::Count(3)],
            })),
        );
        canonical(
            "* ESEARCH (TAG \"A283\") ALL 2,10:11",
            u(Untagged::ESearch(ESearch {
                tag: nb("A283"),
                uid: false,
                items: vec![ESearchItem::All(SequenceSet(vec![
                    range(2, 2),
                    range(10, 11),
                ]))],
            })),
        );
        canonical(
            "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800",
            u(Untagged::ESearch(ESearch {
                tag: nb("A285"),
                uid: true,
                items: vec![ESearchItem::Min(7), ESearchItem::Max(3800)],
            })),
        );
        canonical(
            "* ESEARCH (TAG \"A284\")",
            u(Untagged::ESearch(ESearch {
                tag: nb("A284"),
                uid: false,
                items: vec![],
            })),
        );
    }

    /// NAMESPACE example (RFC 9051 section 6.3.10 / RFC 2342).
    #[test]
    fn namespace() {
        let ns = |prefix: &str, d: u8| Namespace {
            prefix: b(prefix),
            delimiter: Some(d),
            extensions: vec![],
        };
        canonical(
            "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\")(\"#ftp/\" \"/\")(\"#news.\" \".\"))",
            u(Untagged::Namespace(Namespaces {
                personal: vec![ns("", b'/')],
                other_users: vec![ns("~", b'/')],
                shared: vec![ns("#shared/", b'/'), ns("#public/", b'/'), ns("#ftp/", b'/'), ns("#news.", b'.')],
            })),
        );
        canonical(
            "* NAMESPACE ((\"\" \"/\")) NIL NIL",
            u(Untagged::Namespace(Namespaces {
                personal: vec![ns("", b'/')],
                ..Default::default()
            })),
        );
    }

    /// LIST-EXTENDED and SPECIAL-USE attributes (RFC 9051 section 6.3.9).
    #[test]
    fn list_extended() {
        check(
            "* LIST () \"/\" \"Tofu\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
            u(Untagged::List(ListItem {
                extended: vec![ListExtendedItem::ChildInfo(vec![b("SUBSCRIBED")])],
                ..list(vec![], Some(b'/'), "Tofu")
            })),
        );
        canonical(
            "* LIST (\\Subscribed \\NonExistent) \"/\" Fruit/Peach",
            u(Untagged::List(list(
                vec![MailboxAttribute::Subscribed, MailboxAttribute::NonExistent],
                Some(b'/'),
                "Fruit/Peach",
            ))),
        );
        canonical(
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
            u(Untagged::List(list(
                vec![MailboxAttribute::HasNoChildren, MailboxAttribute::Sent],
                Some(b'/'),
                "Sent",
            ))),
        );
        canonical(
            "* LIST () \"/\" NewName (OLDNAME (OldName))",
            u(Untagged::List(ListItem {
                extended: vec![ListExtendedItem::OldName(Mailbox(b("OldName")))],
                ..list(vec![], Some(b'/'), "NewName")
            })),
        );
    }

    /// STATUS with RFC 9051 items (DELETED, SIZE) and CONDSTORE's HIGHESTMODSEQ.
    #[test]
    fn status_items() {
        canonical(
            "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 DELETED 3 SIZE 1234567890123)",
            u(Untagged::Status_(MailboxStatus {
                mailbox: Mailbox(b("blurdybloop")),
                items: vec![
                    StatusItem::Messages(231),
                    StatusItem::UidNext(44292),
                    StatusItem::Deleted(3),
                    StatusItem::Size(1234567890123),
                ],
            })),
        );
        canonical(
            "* STATUS INBOX (HIGHESTMODSEQ 7011231777)",
            u(Untagged::Status_(MailboxStatus {
                mailbox: Mailbox(b("INBOX")),
                items: vec![StatusItem::HighestModSeq(7011231777)],
            })),
        );
    }

    /// CONDSTORE / QRESYNC (RFC 7162) examples.
    #[test]
    fn condstore_qresync() {
        canonical(
            "* OK [HIGHESTMODSEQ 715194045007] Highest",
            untagged_status(OK, Some(Code::HighestModSeq(715194045007)), "Highest"),
        );
        canonical(
            "* 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))",
            fetch(
                1,
                vec![
                    FetchAttr::Uid(4),
                    FetchAttr::ModSeq(65402),
                    FetchAttr::Flags(vec![Flag::Seen]),
                ],
            ),
        );
        canonical(
            "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)",
            u(Untagged::Search(SearchResult {
                numbers: vec![2, 5, 6, 7, 11, 12, 18, 19, 20, 23],
                modseq: Some(917162500),
            })),
        );
        canonical(
            "d105 OK [MODIFIED 7,9] Conditional STORE failed",
            tagged(
                "d105",
                OK,
                Some(Code::Modified(SequenceSet(vec![range(7, 7), range(9, 9)]))),
                "Conditional STORE failed",
            ),
        );
        canonical(
            "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540",
            u(Untagged::Vanished {
                earlier: true,
                uids: SequenceSet(vec![
                    range(41, 41),
                    range(43, 116),
                    range(118, 118),
                    range(120, 211),
                    range(214, 540),
                ]),
            }),
        );
        canonical(
            "* VANISHED 405,407,410,425",
            u(Untagged::Vanished {
                earlier: false,
                uids: SequenceSet(vec![
                    range(405, 405),
                    range(407, 407),
                    range(410, 410),
                    range(425, 425),
                ]),
            }),
        );
        canonical(
            "* OK [CLOSED] Previous mailbox closed",
            untagged_status(OK, Some(Code::Closed), "Previous mailbox closed"),
        );
    }

    /// Extension data: QUOTA (RFC 9208), ACL (RFC 4314), METADATA (RFC
    /// 5464), ID (RFC 2971), THREAD and SORT (RFC 5256).
    #[test]
    fn extension_data() {
        canonical(
            "* QUOTA \"\" (STORAGE 10 512)",
            u(Untagged::Quota(Quota {
                root: Bytes::new(),
                resources: vec![QuotaResource {
                    name: b("STORAGE"),
                    usage: 10,
                    limit: 512,
                }],
            })),
        );
        canonical(
            "* QUOTAROOT INBOX \"\"",
            u(Untagged::QuotaRoot {
                mailbox: Mailbox(b("INBOX")),
                roots: vec![Bytes::new()],
            }),
        );
        canonical(
            "* ACL INBOX Fred rwipslxetad",
            u(Untagged::Acl {
                mailbox: Mailbox(b("INBOX")),
                entries: vec![(b("Fred"), b("rwipslxetad"))],
            }),
        );
        check(
            "* LISTRIGHTS ~/Mail/saved smith la r swicdkxte",
            u(Untagged::ListRights {
                mailbox: Mailbox(b("~/Mail/saved")),
                identifier: b("smith"),
                required: b("la"),
                optional: vec![b("r"), b("swicdkxte")],
            }),
        );
        canonical(
            "* MYRIGHTS INBOX rwiptsldaex",
            u(Untagged::MyRights {
                mailbox: Mailbox(b("INBOX")),
                rights: b("rwiptsldaex"),
            }),
        );
        canonical(
            "* METADATA INBOX (/private/comment \"My own comment\")",
            u(Untagged::Metadata {
                mailbox: Mailbox(b("INBOX")),
                entries: MetadataEntries::Values(vec![(
                    b("/private/comment"),
                    nb("My own comment"),
                )]),
            }),
        );
        canonical(
            "* METADATA \"\" /shared/comment",
            u(Untagged::Metadata {
                mailbox: Mailbox(Bytes::new()),
                entries: MetadataEntries::Names(vec![b("/shared/comment")]),
            }),
        );
        canonical(
            "* ID (\"name\" \"Cyrus\" \"version\" \"1.5\" \"os\" \"sunos\" \"support-url\" NIL)",
            u(Untagged::Id(Some(vec![
                (b("name"), nb("Cyrus")),
                (b("version"), nb("1.5")),
                (b("os"), nb("sunos")),
                (b("support-url"), None),
            ]))),
        );
        canonical("* ID NIL", u(Untagged::Id(None)));
        let leaf = |m: Vec<u32>| Thread {
            messages: m,
            children: vec![],
        };
        canonical(
            "* THREAD (2)(3 6 (4 23)(44 7 96))",
            u(Untagged::Thread(vec![
                leaf(vec![2]),
                Thread {
                    messages: vec![3, 6],
                    children: vec![leaf(vec![4, 23]), leaf(vec![44, 7, 96])],
                },
            ])),
        );
        canonical(
            "* SORT 2 84 882",
            u(Untagged::Sort(SearchResult {
                numbers: vec![2, 84, 882],
                modseq: None,
            })),
        );
    }

    /// A multipart BODYSTRUCTURE with extension data (in the shape of the
    /// RFC 9051 section 7.5.2 description), and BINARY (RFC 3516).
    #[test]
    fn bodystructure_and_binary() {
        let part = |sub: &str, enc: &str, octets: u64, lines: u64| BodyStructure::Text {
            subtype: b(sub),
            fields: BodyFields {
                params: vec![(b("CHARSET"), b("UTF-8"))],
                id: None,
                description: None,
                encoding: b(enc),
                octets,
            },
            lines,
            ext: Some(SinglePartExt::default()),
        };
        let mixed = BodyStructure::Multipart {
            parts: vec![
                part("PLAIN", "7BIT", 1152, 23),
                part("HTML", "QUOTED-PRINTABLE", 4711, 80),
            ],
            subtype: b("ALTERNATIVE"),
            ext: Some(MultipartExt {
                params: vec![(b("BOUNDARY"), b("d3438gr7324"))],
                disposition: None,
                language: vec![b("en")],
                location: None,
                extension: vec![],
            }),
        };
        canonical(
            concat!(
                "* 3 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 1152 23 NIL)",
                "(\"TEXT\" \"HTML\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 4711 80 NIL) ",
                "\"ALTERNATIVE\" (\"BOUNDARY\" \"d3438gr7324\") NIL \"en\"))"
            ),
            fetch(3, vec![FetchAttr::BodyStructure(Box::new(mixed))]),
        );
        canonical(
            "* 12 FETCH (BINARY[1] ~{4}\r\na\0bc BINARY.SIZE[1] 4)",
            fetch(
                12,
                vec![
                    FetchAttr::Binary {
                        section: vec![1],
                        origin: None,
                        data: nb("a\0bc"),
                    },
                    FetchAttr::BinarySize {
                        section: vec![1],
                        size: 4,
                    },
                ],
            ),
        );
    }
}
