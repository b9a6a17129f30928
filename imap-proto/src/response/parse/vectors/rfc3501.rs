//! Every server line of RFC 3501 sections 6, 7 and 8, FETCH data included.

use super::{b, caps, list, mb, parse, status, untagged};
use crate::response::*;
use crate::types::Flag;

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
                tag: b(tag).into(),
                status: status(kind, None, text)
            }),
            "{line}"
        );
    }
    assert_eq!(
        parse("A142 OK [READ-WRITE] SELECT completed"),
        Response::Tagged(Tagged {
            tag: b("A142").into(),
            status: status(StatusKind::Ok, Some(Code::ReadWrite), "SELECT completed")
        })
    );
    assert_eq!(
        parse("A932 OK [READ-ONLY] EXAMINE completed"),
        Response::Tagged(Tagged {
            tag: b("A932").into(),
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
                text: b(text).into()
            }),
            "{line}"
        );
    }
}

#[test]
fn rfc3501_fetch_lines() {
    use crate::types::{Section, SectionText};
    let fetch = |seq, attrs| Untagged::Fetch(Fetch { seq, attrs });
    let cases = [
        (
            "* 14 FETCH (FLAGS (\\Seen \\Deleted))",
            fetch(14, vec![FetchAttr::Flags(vec![Flag::Seen, Flag::Deleted])]),
        ),
        (
            "* 3 FETCH (FLAGS (\\Deleted))",
            fetch(3, vec![FetchAttr::Flags(vec![Flag::Deleted])]),
        ),
        (
            "* 4 FETCH (FLAGS (\\Deleted \\Flagged \\Seen))",
            fetch(
                4,
                vec![FetchAttr::Flags(vec![
                    Flag::Deleted,
                    Flag::Flagged,
                    Flag::Seen,
                ])],
            ),
        ),
        (
            "* 23 FETCH (FLAGS (\\Seen) UID 4827313)",
            fetch(
                23,
                vec![FetchAttr::Flags(vec![Flag::Seen]), FetchAttr::Uid(4827313)],
            ),
        ),
        (
            "* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)",
            fetch(
                23,
                vec![
                    FetchAttr::Flags(vec![Flag::Seen]),
                    FetchAttr::Rfc822Size(44827),
                ],
            ),
        ),
    ];
    for (line, want) in cases {
        assert_eq!(untagged(line), want, "{line}");
    }
    // section 8: a literal inside the response
    let header = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n\r\n";
    let line = format!("* 12 FETCH (BODY[HEADER] {{{}}}\r\n{header})", header.len());
    assert_eq!(
        untagged(&line),
        fetch(
            12,
            vec![FetchAttr::BodySection {
                section: Section {
                    part: vec![],
                    text: Some(SectionText::Header)
                },
                origin: None,
                data: Some(b(header)),
            }]
        )
    );
}
