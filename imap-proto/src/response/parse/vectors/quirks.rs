//! Real servers' quirks (issue 2 item 3), each parsing to the natural value.

use bytes::Bytes;

use super::{parse_bytes as parse, untagged_bytes as untagged};
use crate::response::*;
use crate::types::{Capability, Flag};

fn b(s: &'static str) -> Bytes {
    Bytes::from_static(s.as_bytes())
}

fn st(kind: StatusKind, code: Option<Code>, text: &'static str) -> Status {
    Status {
        kind,
        code,
        text: b(text),
    }
}

#[test]
fn quirks() {
    // double spaces, lowercase keywords, trailing spaces
    assert_eq!(untagged(b"*  522 EXISTS\r\n"), Untagged::Exists(522));
    assert_eq!(untagged(b"* 0 exists\r\n"), Untagged::Exists(0));
    assert_eq!(
        untagged(b"* search 1 2 \r\n"),
        Untagged::Search(SearchResult {
            numbers: vec![1, 2],
            modseq: None
        })
    );
    assert_eq!(
        untagged(b"* CAPABILITY IMAP4rev1 IDLE \r\n"),
        Untagged::Capability(vec![Capability(b("IMAP4rev1")), Capability(b("IDLE"))])
    );
    match untagged(b"* STATUS INBOX (MESSAGES 1) \r\n") {
        Untagged::Status_(s) => assert_eq!(s.items.len(), 1),
        other => panic!("{other:?}"),
    }
    match untagged(b"* STATUS INBOX ()\r\n") {
        Untagged::Status_(s) => assert!(s.items.is_empty()),
        other => panic!("{other:?}"),
    }
    // a code with no text, no space
    assert_eq!(
        untagged(b"* OK [READ-WRITE]\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::ReadWrite), ""))
    );
    assert_eq!(
        untagged(b"* OK\r\n"),
        Untagged::Status(st(StatusKind::Ok, None, ""))
    );
    // zero UIDVALIDITY
    assert_eq!(
        untagged(b"* OK [UIDVALIDITY 0] UIDs valid\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::UidValidity(0)), "UIDs valid"))
    );
    // \* in FLAGS, Gmail keywords
    assert_eq!(
        untagged(b"* FLAGS (\\Answered [Gmail]Label $Junk \\*)\r\n"),
        Untagged::Flags(vec![
            Flag::Answered,
            Flag::Keyword(b("[Gmail]Label")),
            Flag::Keyword(b("$Junk")),
            Flag::MayCreate
        ])
    );
    // 8-bit bytes in a quoted string
    match untagged(b"* LIST () \"/\" \"Entw\xc3\xbcrfe\"\r\n") {
        Untagged::List(l) => assert_eq!(l.mailbox.0, "Entw\u{fc}rfe".as_bytes()),
        other => panic!("{other:?}"),
    }
    // NIL delimiter
    match untagged(b"* LIST (\\Noselect) NIL \"\"\r\n") {
        Untagged::List(l) => assert_eq!(l.delimiter, None),
        other => panic!("{other:?}"),
    }
}

#[test]
fn gmail_select_responses() {
    // jstedfast/MailKit#193, djc/imap-proto#36: Gmail's labels as flags
    let flags = untagged(
        b"* FLAGS (\\Answered \\Seen OIB-Seen-[Gmail]/Trash $Phishing OIB-Seen-[Gmail]/All Mail OIB-Seen-[Gmail]/Spam)\r\n",
    );
    let kw = |s: &'static str| Flag::Keyword(b(s));
    assert_eq!(
        flags,
        Untagged::Flags(vec![
            Flag::Answered,
            Flag::Seen,
            kw("OIB-Seen-[Gmail]/Trash"),
            kw("$Phishing"),
            kw("OIB-Seen-[Gmail]/All"),
            kw("Mail"),
            kw("OIB-Seen-[Gmail]/Spam"),
        ])
    );
    let perm = untagged(
        b"* OK [PERMANENTFLAGS (\\Seen OIB-Seen-[Gmail]/Trash OIB-Seen-[Gmail]/Spam \\*)] Flags permitted.\r\n",
    );
    assert_eq!(
        perm,
        Untagged::Status(st(
            StatusKind::Ok,
            Some(Code::PermanentFlags(vec![
                Flag::Seen,
                kw("OIB-Seen-[Gmail]/Trash"),
                kw("OIB-Seen-[Gmail]/Spam"),
                Flag::MayCreate
            ])),
            "Flags permitted."
        ))
    );
    assert_eq!(
        untagged(b"* OK [HIGHESTMODSEQ 9195383]\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::HighestModSeq(9195383)), ""))
    );
    assert_eq!(
        parse(b"A00000005 OK [READ-WRITE] [Gmail]/Trash selected. (Success)\r\n"),
        Response::Tagged(Tagged {
            tag: b("A00000005"),
            status: st(
                StatusKind::Ok,
                Some(Code::ReadWrite),
                "[Gmail]/Trash selected. (Success)"
            )
        })
    );
}
