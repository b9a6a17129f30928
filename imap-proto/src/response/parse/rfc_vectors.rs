//! Test vectors: every server line of RFC 3501 sections 6, 7 and 8 that
//! is not FETCH data, and the response examples of RFC 9051 and of the
//! extensions this parser covers, each with the exact typed value.

use bytes::Bytes;

use super::parse_response;
use crate::response::*;
use crate::types::{Capability, Flag, Mailbox, SeqNumber, SeqRange, SequenceSet};
use crate::Limits;

fn parse(s: &str) -> Response {
    let line = Bytes::from(format!("{s}\r\n"));
    parse_response(&line, &Limits::default()).unwrap_or_else(|e| panic!("{e} in {s:?}"))
}

fn untagged(s: &str) -> Untagged {
    match parse(s) {
        Response::Untagged(u) => u,
        other => panic!("{other:?}"),
    }
}

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn mb(s: &str) -> Mailbox {
    Mailbox(b(s))
}

fn status(kind: StatusKind, code: Option<Code>, text: &str) -> Status {
    Status {
        kind,
        code,
        text: b(text),
    }
}

fn caps(list: &[&str]) -> Vec<Capability> {
    list.iter().map(|c| Capability(b(c))).collect()
}

fn set(pairs: &[(u32, u32)]) -> SequenceSet {
    SequenceSet(
        pairs
            .iter()
            .map(|&(a, z)| SeqRange {
                start: SeqNumber::Value(a),
                end: SeqNumber::Value(z),
            })
            .collect(),
    )
}

fn list(attrs: Vec<MailboxAttribute>, delim: u8, name: &str) -> ListItem {
    ListItem {
        attributes: attrs,
        delimiter: Some(delim),
        mailbox: mb(name),
        extended: vec![],
    }
}

/// Tagged lines with no response code: the expected value is the line's
/// own words.
#[test]
fn rfc3501_tagged_lines() {
    let lines = [
        "A001 OK GSSAPI authentication successful",
        "A001 OK LOGIN Completed",
        "A002 OK LSUB completed",
        "A002 OK SUBSCRIBE completed",
        "A003 OK APPEND completed",
        "A003 OK COPY completed",
        "A004 OK CREATE completed",
        "A023 OK LOGOUT completed",
        "A042 OK STATUS completed",
        "A044 BAD No such command as \"BLURDYBLOOP\"",
        "A101 OK LIST Completed",
        "A202 OK EXPUNGE completed",
        "A222 OK COPY completed",
        "A223 NO COPY failed: disk is full",
        "A282 OK SEARCH completed",
        "A341 OK CLOSE completed",
        "A442 OK XPIG-LATIN ompleted-cay",
        "A684 NO Name \"foo\" has inferior hierarchical names",
        "A82 OK LIST completed",
        "FXXZ OK CHECK Completed",
        "Z432 OK LIST completed",
        "a001 OK CAPABILITY completed",
        "a002 OK Begin TLS negotiation now",
        "a005 OK +FLAGS completed",
        "a006 OK LOGOUT completed",
        "abcd OK CAPABILITY completed",
        "efgh OK STARTLS completed",
    ];
    for line in lines {
        let mut words = line.splitn(3, ' ');
        let (tag, kind, text) = (
            words.next().unwrap(),
            words.next().unwrap(),
            words.next().unwrap(),
        );
        let kind = match kind {
            "OK" => StatusKind::Ok,
            "NO" => StatusKind::No,
            _ => StatusKind::Bad,
        };
        assert_eq!(
            parse(line),
            Response::Tagged(Tagged {
                tag: b(tag),
                status: status(kind, None, text)
            }),
            "{line}"
        );
    }
    assert_eq!(
        parse("A142 OK [READ-WRITE] SELECT completed"),
        Response::Tagged(Tagged {
            tag: b("A142"),
            status: status(StatusKind::Ok, Some(Code::ReadWrite), "SELECT completed")
        })
    );
    assert_eq!(
        parse("A932 OK [READ-ONLY] EXAMINE completed"),
        Response::Tagged(Tagged {
            tag: b("A932"),
            status: status(StatusKind::Ok, Some(Code::ReadOnly), "EXAMINE completed")
        })
    );
}

#[test]
fn rfc3501_untagged_status_lines() {
    use StatusKind::*;
    let cases = [
        (
            "* OK IMAP4rev1 Service Ready",
            status(Ok, None, "IMAP4rev1 Service Ready"),
        ),
        (
            "* BAD Command line too long",
            status(Bad, None, "Command line too long"),
        ),
        (
            "* BAD Disk crash, attempting salvage to a new disk!",
            status(Bad, None, "Disk crash, attempting salvage to a new disk!"),
        ),
        (
            "* BYE IMAP4rev1 Server logging out",
            status(Bye, None, "IMAP4rev1 Server logging out"),
        ),
        (
            "* BYE IMAP4rev1 server terminating connection",
            status(Bye, None, "IMAP4rev1 server terminating connection"),
        ),
        (
            "* NO Disk is 99% full, please delete unnecessary data",
            status(No, None, "Disk is 99% full, please delete unnecessary data"),
        ),
        (
            "* OK Salvage successful, no data lost",
            status(Ok, None, "Salvage successful, no data lost"),
        ),
        (
            "* OK [ALERT] System shutdown in 10 minutes",
            status(Ok, Some(Code::Alert), "System shutdown in 10 minutes"),
        ),
        (
            "* OK [PERMANENTFLAGS ()] No permanent flags permitted",
            status(
                Ok,
                Some(Code::PermanentFlags(vec![])),
                "No permanent flags permitted",
            ),
        ),
        (
            "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
            status(
                Ok,
                Some(Code::PermanentFlags(vec![
                    Flag::Deleted,
                    Flag::Seen,
                    Flag::MayCreate,
                ])),
                "Limited",
            ),
        ),
        (
            "* OK [UIDNEXT 4392] Predicted next UID",
            status(Ok, Some(Code::UidNext(4392)), "Predicted next UID"),
        ),
        (
            "* OK [UIDVALIDITY 3857529045] UIDs valid",
            status(Ok, Some(Code::UidValidity(3857529045)), "UIDs valid"),
        ),
        (
            "* OK [UNSEEN 12] Message 12 is first unseen",
            status(Ok, Some(Code::Unseen(12)), "Message 12 is first unseen"),
        ),
        (
            "* OK [UNSEEN 17] Message 17 is the first unseen message",
            status(
                Ok,
                Some(Code::Unseen(17)),
                "Message 17 is the first unseen message",
            ),
        ),
        (
            "* PREAUTH IMAP4rev1 server logged in as Smith",
            status(PreAuth, None, "IMAP4rev1 server logged in as Smith"),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(untagged(line), Untagged::Status(want), "{line}");
    }
}

#[test]
fn rfc3501_untagged_data_lines() {
    use MailboxAttribute::NoSelect;
    let cases = [
        ("* 172 EXISTS", Untagged::Exists(172)),
        ("* 18 EXISTS", Untagged::Exists(18)),
        ("* 1 RECENT", Untagged::Recent(1)),
        ("* 2 RECENT", Untagged::Recent(2)),
        ("* 22 EXPUNGE", Untagged::Expunge(22)),
        ("* 8 EXPUNGE", Untagged::Expunge(8)),
        (
            "* CAPABILITY IMAP4rev1 AUTH=GSSAPI AUTH=PLAIN",
            Untagged::Capability(caps(&["IMAP4rev1", "AUTH=GSSAPI", "AUTH=PLAIN"])),
        ),
        (
            "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED",
            Untagged::Capability(caps(&["IMAP4rev1", "STARTTLS", "LOGINDISABLED"])),
        ),
        (
            "* CAPABILITY IMAP4rev1 XPIG-LATIN",
            Untagged::Capability(caps(&["IMAP4rev1", "XPIG-LATIN"])),
        ),
        (
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
            Untagged::Flags(vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ]),
        ),
        (
            "* LIST () \".\" INBOX.bar",
            Untagged::List(list(vec![], b'.', "INBOX.bar")),
        ),
        (
            "* LIST () \"/\" ~/Mail/meetings",
            Untagged::List(list(vec![], b'/', "~/Mail/meetings")),
        ),
        (
            "* LIST (\\Noselect) \".\" #news.",
            Untagged::List(list(vec![NoSelect], b'.', "#news.")),
        ),
        (
            "* LIST (\\Noselect) \"/\" \"\"",
            Untagged::List(list(vec![NoSelect], b'/', "")),
        ),
        (
            "* LIST (\\Noselect) \"/\" /",
            Untagged::List(list(vec![NoSelect], b'/', "/")),
        ),
        (
            "* LIST (\\Noselect) \"/\" zowie",
            Untagged::List(list(vec![NoSelect], b'/', "zowie")),
        ),
        (
            "* LSUB () \".\" #news.comp.mail.mime",
            Untagged::Lsub(list(vec![], b'.', "#news.comp.mail.mime")),
        ),
        (
            "* LSUB (\\NoSelect) \".\" #news.comp.mail",
            Untagged::Lsub(list(vec![NoSelect], b'.', "#news.comp.mail")),
        ),
        ("* SEARCH", Untagged::Search(SearchResult::default())),
        (
            "* SEARCH 2 84 882",
            Untagged::Search(SearchResult {
                numbers: vec![2, 84, 882],
                modseq: None,
            }),
        ),
        (
            "* SEARCH 43",
            Untagged::Search(SearchResult {
                numbers: vec![43],
                modseq: None,
            }),
        ),
        (
            "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)",
            Untagged::Status_(MailboxStatus {
                mailbox: mb("blurdybloop"),
                items: vec![StatusItem::Messages(231), StatusItem::UidNext(44292)],
            }),
        ),
        (
            "* XPIG-LATIN ow-nay eaking-spay ig-pay atin-lay",
            Untagged::Other {
                name: b("XPIG-LATIN"),
                raw: b("XPIG-LATIN ow-nay eaking-spay ig-pay atin-lay"),
            },
        ),
    ];
    for (line, want) in cases {
        assert_eq!(untagged(line), want, "{line}");
    }
}

#[test]
fn rfc3501_continuations() {
    let cases = [
        ("+", ""),
        ("+ Ready for literal data", "Ready for literal data"),
        (
            "+ YDMGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHe",
            "YDMGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHe",
        ),
    ];
    for (line, text) in cases {
        assert_eq!(
            parse(line),
            Response::Continue(Continue {
                code: None,
                text: b(text)
            }),
            "{line}"
        );
    }
}

#[test]
fn rfc9051_and_rfc5530_response_codes() {
    let cases = [
        (
            "A003 OK [APPENDUID 38505 3955] APPEND completed",
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(&[(3955, 3955)]),
            },
        ),
        (
            "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done",
            Code::CopyUid {
                uid_validity: 38505,
                source: set(&[(304, 304), (319, 320)]),
                destination: set(&[(3956, 3958)]),
            },
        ),
        (
            "A01 NO [UIDNOTSTICKY] Non-persistent UIDs",
            Code::UidNotSticky,
        ),
        (
            "a NO [UNAVAILABLE] User's backend down for maintenance",
            Code::Unavailable,
        ),
        (
            "b NO [AUTHENTICATIONFAILED] Authentication failed",
            Code::AuthenticationFailed,
        ),
        (
            "c NO [AUTHORIZATIONFAILED] No such authorization-ID",
            Code::AuthorizationFailed,
        ),
        (
            "d NO [EXPIRED] That password isn't valid any more",
            Code::Expired,
        ),
        (
            "e NO [PRIVACYREQUIRED] Connection offers no privacy",
            Code::PrivacyRequired,
        ),
        (
            "f NO [CONTACTADMIN] You need to contact the administrator",
            Code::ContactAdmin,
        ),
        ("g NO [NOPERM] Access denied", Code::NoPerm),
        ("h NO [INUSE] Mailbox in use", Code::InUse),
        (
            "i OK [EXPUNGEISSUED] Some messages were also expunged",
            Code::ExpungeIssued,
        ),
        ("j NO [CORRUPTION] Cannot open mailbox", Code::Corruption),
        (
            "k NO [SERVERBUG] UID FETCH temporary failure",
            Code::ServerBug,
        ),
        ("l OK [CLIENTBUG] Done, but superfluous", Code::ClientBug),
        (
            "m NO [CANNOT] Cannot create a mailbox with that name",
            Code::Cannot,
        ),
        ("n NO [LIMIT] At maximum number of folders", Code::Limit),
        ("o NO [OVERQUOTA] Sorry", Code::OverQuota),
        (
            "p NO [ALREADYEXISTS] Mailbox \"that\" already exists",
            Code::AlreadyExists,
        ),
        ("q NO [NONEXISTENT] No such mailbox", Code::NonExistent),
        (
            "r NO [HASCHILDREN] Mailbox \"Notes\" has children that need to be deleted first",
            Code::HasChildren,
        ),
        ("s NO [UNKNOWN-CTE] Can't decode", Code::UnknownCte),
        (
            "t OK [HIGHESTMODSEQ 715194045007] Ok",
            Code::HighestModSeq(715194045007),
        ),
        (
            "u OK [MODIFIED 7,9] Conditional STORE failed",
            Code::Modified(set(&[(7, 7), (9, 9)])),
        ),
        (
            "v NO [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences",
            Code::NoModSeq,
        ),
        ("w OK [CLOSED] Previous mailbox is now closed", Code::Closed),
        (
            "x NO [COMPRESSIONACTIVE] DEFLATE active via TLS",
            Code::CompressionActive,
        ),
    ];
    for (line, want) in cases {
        match parse(line) {
            Response::Tagged(t) => assert_eq!(t.status.code, Some(want), "{line}"),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn extension_responses() {
    let cases = [
        (
            "* ENABLED CONDSTORE QRESYNC",
            Untagged::Enabled(caps(&["CONDSTORE", "QRESYNC"])),
        ),
        ("* ENABLED", Untagged::Enabled(vec![])),
        (
            "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540",
            Untagged::Vanished {
                earlier: true,
                uids: set(&[(41, 41), (43, 116), (118, 118), (120, 211), (214, 540)]),
            },
        ),
        (
            "* VANISHED 405,407,410,425",
            Untagged::Vanished {
                earlier: false,
                uids: set(&[(405, 405), (407, 407), (410, 410), (425, 425)]),
            },
        ),
        (
            "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800",
            Untagged::ESearch(ESearch {
                tag: Some(b("A285")),
                uid: true,
                items: vec![ESearchItem::Min(7), ESearchItem::Max(3800)],
            }),
        ),
        (
            "* ESEARCH (TAG \"a\") UID ALL 1:4294967295",
            Untagged::ESearch(ESearch {
                tag: Some(b("a")),
                uid: true,
                items: vec![ESearchItem::All(set(&[(1, u32::MAX)]))],
            }),
        ),
        (
            "* SORT 2 3 6 (MODSEQ 625)",
            Untagged::Sort(SearchResult {
                numbers: vec![2, 3, 6],
                modseq: Some(625),
            }),
        ),
        (
            "* THREAD (2)(3 6 (4 23)(44 7 96))",
            Untagged::Thread(vec![
                Thread {
                    messages: vec![2],
                    children: vec![],
                },
                Thread {
                    messages: vec![3, 6],
                    children: vec![
                        Thread {
                            messages: vec![4, 23],
                            children: vec![],
                        },
                        Thread {
                            messages: vec![44, 7, 96],
                            children: vec![],
                        },
                    ],
                },
            ]),
        ),
        ("* THREAD", Untagged::Thread(vec![])),
        (
            "* NAMESPACE ((\"\" \"/\")) NIL NIL",
            Untagged::Namespace(Namespaces {
                personal: vec![Namespace {
                    prefix: Bytes::new(),
                    delimiter: Some(b'/'),
                    extensions: vec![],
                }],
                other_users: vec![],
                shared: vec![],
            }),
        ),
        (
            "* QUOTA \"\" (STORAGE 10 512)",
            Untagged::Quota(Quota {
                root: Bytes::new(),
                resources: vec![QuotaResource {
                    name: b("STORAGE"),
                    usage: 10,
                    limit: 512,
                }],
            }),
        ),
        (
            "* QUOTAROOT INBOX \"\"",
            Untagged::QuotaRoot {
                mailbox: mb("INBOX"),
                roots: vec![Bytes::new()],
            },
        ),
        (
            "* ACL INBOX Fred rwipslxetad",
            Untagged::Acl {
                mailbox: mb("INBOX"),
                entries: vec![(b("Fred"), b("rwipslxetad"))],
            },
        ),
        (
            "* LISTRIGHTS ~/Mail/saved smith la r swicdkxte",
            Untagged::ListRights {
                mailbox: mb("~/Mail/saved"),
                identifier: b("smith"),
                required: b("la"),
                optional: vec![b("r"), b("swicdkxte")],
            },
        ),
        (
            "* MYRIGHTS INBOX rwiptsldaex",
            Untagged::MyRights {
                mailbox: mb("INBOX"),
                rights: b("rwiptsldaex"),
            },
        ),
        (
            "* METADATA \"\" (/shared/comment \"Shared comment\")",
            Untagged::Metadata {
                mailbox: mb(""),
                entries: MetadataEntries::Values(vec![(
                    b("/shared/comment"),
                    Some(b("Shared comment")),
                )]),
            },
        ),
        (
            "* METADATA INBOX /shared/comment /private/comment",
            Untagged::Metadata {
                mailbox: mb("INBOX"),
                entries: MetadataEntries::Names(vec![b("/shared/comment"), b("/private/comment")]),
            },
        ),
        (
            "* ANNOTATION mbox \"/comment\" (\"value.shared\" \"x\")",
            Untagged::Annotation {
                mailbox: mb("mbox"),
                entry: b("/comment"),
                attributes: vec![(b("value.shared"), Some(b("x")))],
            },
        ),
        (
            "* ANNOTATION INBOX (\"/comment\")",
            Untagged::Other {
                name: b("ANNOTATION"),
                raw: b("ANNOTATION INBOX (\"/comment\")"),
            },
        ),
        (
            "* ID (\"name\" \"Cyrus\" \"version\" \"1.5\")",
            Untagged::Id(Some(vec![
                (b("name"), Some(b("Cyrus"))),
                (b("version"), Some(b("1.5"))),
            ])),
        ),
        ("* ID NIL", Untagged::Id(None)),
        (
            "* LIST (\\Marked \\NoInferiors \\Subscribed) \"/\" \"inbox\"",
            Untagged::List(ListItem {
                attributes: vec![
                    MailboxAttribute::Marked,
                    MailboxAttribute::NoInferiors,
                    MailboxAttribute::Subscribed,
                ],
                delimiter: Some(b'/'),
                mailbox: mb("inbox"),
                extended: vec![],
            }),
        ),
        (
            "* LIST () \"/\" \"Fruit/Banana\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
            Untagged::List(ListItem {
                attributes: vec![],
                delimiter: Some(b'/'),
                mailbox: mb("Fruit/Banana"),
                extended: vec![ListExtendedItem::ChildInfo(vec![b("SUBSCRIBED")])],
            }),
        ),
        (
            "* STATUS Sent (MESSAGES 2 HIGHESTMODSEQ 7011231777 SIZE 4587)",
            Untagged::Status_(MailboxStatus {
                mailbox: mb("Sent"),
                items: vec![
                    StatusItem::Messages(2),
                    StatusItem::HighestModSeq(7011231777),
                    StatusItem::Size(4587),
                ],
            }),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(untagged(line), want, "{line}");
    }
}
