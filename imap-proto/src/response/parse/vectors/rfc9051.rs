//! Response examples of RFC 9051 and of the extensions (RFC 4315, 5530,
//! 7162, 5161, 4731, 5256, 2342, 2087/9208, 4314, 5464, 2971, 5258,
//! draft-daboo-imap-annotatemore).

use bytes::Bytes;

use super::{b, caps, mb, parse, set, untagged};
use crate::response::*;

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
