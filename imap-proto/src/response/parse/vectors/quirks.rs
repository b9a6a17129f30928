//! Real servers' quirks (issue 2 item 3), each parsing to the natural value.

use bytes::Bytes;

use super::{parse_bytes as parse, untagged_bytes as untagged};
use crate::response::*;
use crate::types::{Capability, Flag, Mailbox, SeqNumber, SeqRange, SequenceSet};

fn b(s: &'static str) -> Bytes {
    Bytes::from_static(s.as_bytes())
}

fn st(kind: StatusKind, code: Option<Code>, text: &'static str) -> Status {
    Status {
        kind,
        code,
        text: b(text).into(),
    }
}

fn mb(s: &'static str) -> Mailbox {
    Mailbox(b(s))
}

fn search(numbers: Vec<u32>) -> Untagged {
    Untagged::Search(SearchResult {
        numbers,
        modseq: None,
    })
}

#[test]
fn double_spaces() {
    assert_eq!(untagged(b"*  522 EXISTS\r\n"), Untagged::Exists(522));
    assert_eq!(untagged(b"* 3  RECENT\r\n"), Untagged::Recent(3));
    assert_eq!(untagged(b"* SEARCH  1  2\r\n"), search(vec![1, 2]));
    assert_eq!(
        parse(b"a1  OK  done\r\n"),
        Response::Tagged(Tagged {
            tag: b("a1").into(),
            status: st(StatusKind::Ok, None, "done")
        })
    );
}

#[test]
fn lowercase_keywords() {
    assert_eq!(untagged(b"* 0 exists\r\n"), Untagged::Exists(0));
    assert_eq!(untagged(b"* search 1 2\r\n"), search(vec![1, 2]));
    assert_eq!(
        untagged(b"* ok [uidnext 5] x\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::UidNext(5)), "x"))
    );
    assert_eq!(
        untagged(b"* capability imap4rev1\r\n"),
        Untagged::Capability(vec![Capability(b("imap4rev1"))])
    );
}

#[test]
fn trailing_space_after_capability() {
    assert_eq!(
        untagged(b"* CAPABILITY IMAP4rev1 IDLE \r\n"),
        Untagged::Capability(vec![Capability(b("IMAP4rev1")), Capability(b("IDLE"))])
    );
}

#[test]
fn trailing_space_after_search() {
    assert_eq!(untagged(b"* search 1 2 \r\n"), search(vec![1, 2]));
    assert_eq!(untagged(b"* SEARCH \r\n"), search(vec![]));
}

#[test]
fn trailing_spaces_in_and_after_status() {
    assert_eq!(
        untagged(b"* STATUS INBOX (MESSAGES 1 ) \r\n"),
        Untagged::Status_(MailboxStatus {
            mailbox: mb("INBOX"),
            items: vec![StatusItem::Messages(1)]
        })
    );
}

#[test]
fn empty_status_list() {
    assert_eq!(
        untagged(b"* STATUS INBOX ()\r\n"),
        Untagged::Status_(MailboxStatus {
            mailbox: mb("INBOX"),
            items: vec![]
        })
    );
}

#[test]
fn response_code_without_text() {
    assert_eq!(
        untagged(b"* OK [READ-WRITE]\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::ReadWrite), ""))
    );
    assert_eq!(
        parse(b"A2 OK [READ-ONLY]\r\n"),
        Response::Tagged(Tagged {
            tag: b("A2").into(),
            status: st(StatusKind::Ok, Some(Code::ReadOnly), "")
        })
    );
    assert_eq!(
        untagged(b"* OK\r\n"),
        Untagged::Status(st(StatusKind::Ok, None, ""))
    );
}

#[test]
fn bare_continuation() {
    assert_eq!(
        parse(b"+\r\n"),
        Response::Continue(Continue {
            code: None,
            text: crate::types::SmallBytes::new()
        })
    );
    assert_eq!(
        parse(b"+ \r\n"),
        Response::Continue(Continue {
            code: None,
            text: crate::types::SmallBytes::new()
        })
    );
}

#[test]
fn zero_uidvalidity_uidnext_unseen() {
    for (line, code) in [
        (
            &b"* OK [UIDVALIDITY 0] UIDs valid\r\n"[..],
            Code::UidValidity(0),
        ),
        (b"* OK [UIDNEXT 0] UIDs valid\r\n", Code::UidNext(0)),
        (b"* OK [UNSEEN 0] UIDs valid\r\n", Code::Unseen(0)),
    ] {
        assert_eq!(
            untagged(line),
            Untagged::Status(st(StatusKind::Ok, Some(code), "UIDs valid"))
        );
    }
}

#[test]
fn star_in_flags_and_brackets_in_keywords() {
    assert_eq!(
        untagged(b"* FLAGS (\\Answered [Gmail]Label $Junk \\*)\r\n"),
        Untagged::Flags(vec![
            Flag::Answered,
            Flag::Keyword(b("[Gmail]Label")),
            Flag::Keyword(b("$Junk")),
            Flag::MayCreate
        ])
    );
}

#[test]
fn eight_bit_quoted_string() {
    let want = ListItem {
        attributes: vec![],
        delimiter: Some(b'/'),
        mailbox: Mailbox(Bytes::from_static("Entw\u{fc}rfe".as_bytes())),
        extended: vec![],
    };
    assert_eq!(
        untagged(b"* LIST () \"/\" \"Entw\xc3\xbcrfe\"\r\n"),
        Untagged::List(want)
    );
}

#[test]
fn nil_delimiter() {
    assert_eq!(
        untagged(b"* LIST (\\Noselect) NIL \"\"\r\n"),
        Untagged::List(ListItem {
            attributes: vec![MailboxAttribute::NoSelect],
            delimiter: None,
            mailbox: mb(""),
            extended: vec![],
        })
    );
}

#[test]
fn full_uid_range_stays_a_range() {
    let full = SequenceSet(vec![SeqRange {
        start: SeqNumber::Value(1),
        end: SeqNumber::Value(u32::MAX),
    }]);
    assert_eq!(
        parse(b"a OK [COPYUID 9 1:4294967295 1:4294967295] done\r\n"),
        Response::Tagged(Tagged {
            tag: b("a").into(),
            status: st(
                StatusKind::Ok,
                Some(Code::CopyUid {
                    uid_validity: 9,
                    source: full.clone(),
                    destination: full.clone()
                }),
                "done"
            )
        })
    );
    assert_eq!(
        untagged(b"* ESEARCH UID ALL 1:4294967295\r\n"),
        Untagged::ESearch(ESearch {
            tag: None,
            uid: true,
            items: vec![ESearchItem::All(full)]
        })
    );
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
            tag: b("A00000005").into(),
            status: st(
                StatusKind::Ok,
                Some(Code::ReadWrite),
                "[Gmail]/Trash selected. (Success)"
            )
        })
    );
}

#[test]
fn real_server_greetings_and_codes() {
    let caps = |l: &[&'static str]| l.iter().map(|c| Capability(b(c))).collect::<Vec<_>>();
    assert_eq!(
        untagged(b"* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN] Dovecot ready.\r\n"),
        Untagged::Status(st(
            StatusKind::Ok,
            Some(Code::Capability(caps(&[
                "IMAP4rev1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE", "IDLE", "LITERAL+", "STARTTLS",
                "AUTH=PLAIN"
            ]))),
            "Dovecot ready."
        ))
    );
    // go-imap#633: a space after the opening parenthesis
    assert_eq!(
        untagged(b"* OK [PERMANENTFLAGS ( \\*)]\r\n"),
        Untagged::Status(st(
            StatusKind::Ok,
            Some(Code::PermanentFlags(vec![Flag::MayCreate])),
            ""
        ))
    );
    // a referral is an unknown code, kept raw
    assert_eq!(
        parse(b"A001 NO [REFERRAL IMAP://user;AUTH=*@SERVER2/] Remote Server\r\n"),
        Response::Tagged(Tagged {
            tag: b("A001").into(),
            status: st(
                StatusKind::No,
                Some(Code::Other {
                    name: b("REFERRAL"),
                    data: Some(b("IMAP://user;AUTH=*@SERVER2/"))
                }),
                "Remote Server"
            )
        })
    );
    assert_eq!(
        parse(b"a NO [METADATA LONGENTRIES 2199] Some entries too long\r\n"),
        Response::Tagged(Tagged {
            tag: b("a").into(),
            status: st(
                StatusKind::No,
                Some(Code::Other {
                    name: b("METADATA"),
                    data: Some(b("LONGENTRIES 2199"))
                }),
                "Some entries too long"
            )
        })
    );
}
