//! Issue 2 item 2, response codes: every code the issue lists (RFC 3501,
//! 4315, 7162, 9051 and all of RFC 5530) parses to its typed variant, in
//! tagged, untagged and continuation responses, with and without text, in
//! any letter case; unknown codes are kept as their atom and raw data.
//! Also: parse errors carry the offending bytes, truncated, and read well.

use bytes::Bytes;

use imap_proto::response::parse::parse_response;
use imap_proto::response::*;
use imap_proto::types::{Capability, Flag, SeqRange, SequenceSet};
use imap_proto::Limits;

fn parse(wire: &[u8]) -> Result<Response, ParseError> {
    parse_response(&Bytes::copy_from_slice(wire), &Limits::default())
}

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn set(ranges: &[(u32, u32)]) -> SequenceSet {
    SequenceSet(ranges.iter().map(|&(a, z)| SeqRange::range(a, z)).collect())
}

/// `(code as sent, expected value)` for every code the issue names.
fn codes() -> Vec<(&'static str, Code)> {
    vec![
        ("ALERT", Code::Alert),
        (
            "BADCHARSET (UTF-8 \"US-ASCII\")",
            Code::BadCharset(vec![b("UTF-8"), b("US-ASCII")]),
        ),
        ("BADCHARSET", Code::BadCharset(vec![])),
        (
            "CAPABILITY IMAP4rev1 AUTH=PLAIN",
            Code::Capability(vec![
                Capability(b("IMAP4rev1")),
                Capability(b("AUTH=PLAIN")),
            ]),
        ),
        ("PARSE", Code::Parse),
        (
            "PERMANENTFLAGS (\\Deleted \\Seen \\*)",
            Code::PermanentFlags(vec![Flag::Deleted, Flag::Seen, Flag::MayCreate]),
        ),
        ("PERMANENTFLAGS ()", Code::PermanentFlags(vec![])),
        ("READ-ONLY", Code::ReadOnly),
        ("READ-WRITE", Code::ReadWrite),
        ("TRYCREATE", Code::TryCreate),
        ("UIDNEXT 4392", Code::UidNext(4392)),
        ("UIDVALIDITY 3857529045", Code::UidValidity(3_857_529_045)),
        ("UNSEEN 12", Code::Unseen(12)),
        (
            "APPENDUID 38505 3955",
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(&[(3955, 3955)]),
            },
        ),
        (
            "APPENDUID 38505 3955:3957",
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(&[(3955, 3957)]),
            },
        ),
        (
            "COPYUID 38505 304,319:320 3956:3958",
            Code::CopyUid {
                uid_validity: 38505,
                source: set(&[(304, 304), (319, 320)]),
                destination: set(&[(3956, 3958)]),
            },
        ),
        ("UIDNOTSTICKY", Code::UidNotSticky),
        (
            "HIGHESTMODSEQ 715194045007",
            Code::HighestModSeq(715_194_045_007),
        ),
        ("NOMODSEQ", Code::NoModSeq),
        ("MODIFIED 7,9", Code::Modified(set(&[(7, 7), (9, 9)]))),
        ("CLOSED", Code::Closed),
        // RFC 5530, all sixteen codes.
        ("UNAVAILABLE", Code::Unavailable),
        ("AUTHENTICATIONFAILED", Code::AuthenticationFailed),
        ("AUTHORIZATIONFAILED", Code::AuthorizationFailed),
        ("EXPIRED", Code::Expired),
        ("PRIVACYREQUIRED", Code::PrivacyRequired),
        ("CONTACTADMIN", Code::ContactAdmin),
        ("NOPERM", Code::NoPerm),
        ("INUSE", Code::InUse),
        ("EXPUNGEISSUED", Code::ExpungeIssued),
        ("CORRUPTION", Code::Corruption),
        ("SERVERBUG", Code::ServerBug),
        ("CLIENTBUG", Code::ClientBug),
        ("CANNOT", Code::Cannot),
        ("LIMIT", Code::Limit),
        ("OVERQUOTA", Code::OverQuota),
        ("ALREADYEXISTS", Code::AlreadyExists),
        ("NONEXISTENT", Code::NonExistent),
        // RFC 9051, 3516, 4978.
        ("HASCHILDREN", Code::HasChildren),
        ("UNKNOWN-CTE", Code::UnknownCte),
        ("COMPRESSIONACTIVE", Code::CompressionActive),
        // Unknown codes: the atom and the raw data.
        (
            "X-GM-FOO 1 (a b)",
            Code::Other {
                name: b("X-GM-FOO"),
                data: Some(b("1 (a b)")),
            },
        ),
        (
            "X-BAR",
            Code::Other {
                name: b("X-BAR"),
                data: None,
            },
        ),
        (
            "REFERRAL IMAP://user;AUTH=*@SERVER2/",
            Code::Other {
                name: b("REFERRAL"),
                data: Some(b("IMAP://user;AUTH=*@SERVER2/")),
            },
        ),
    ]
}

fn status(kind: StatusKind, code: &Code, text: &str) -> Status {
    Status {
        kind,
        code: Some(code.clone()),
        text: b(text).into(),
    }
}

#[test]
fn every_code_parses_to_its_variant_in_every_position() {
    for (wire, code) in codes() {
        for (kind, word) in [
            (StatusKind::Ok, "OK"),
            (StatusKind::No, "NO"),
            (StatusKind::Bad, "BAD"),
        ] {
            let line = format!("a1 {word} [{wire}] some text\r\n");
            assert_eq!(
                parse(line.as_bytes()),
                Ok(Response::Tagged(Tagged {
                    tag: b("a1").into(),
                    status: status(kind, &code, "some text")
                })),
                "{line}"
            );
        }
        for (kind, word) in [
            (StatusKind::Ok, "OK"),
            (StatusKind::No, "NO"),
            (StatusKind::Bad, "BAD"),
            (StatusKind::PreAuth, "PREAUTH"),
            (StatusKind::Bye, "BYE"),
        ] {
            // With text, and with no text after the code (a quirk).
            for text in ["x", ""] {
                let sep = if text.is_empty() { "" } else { " " };
                let line = format!("* {word} [{wire}]{sep}{text}\r\n");
                assert_eq!(
                    parse(line.as_bytes()),
                    Ok(Response::Untagged(Untagged::Status(status(
                        kind, &code, text
                    )))),
                    "{line}"
                );
            }
        }
        let line = format!("+ [{wire}] go on\r\n");
        assert_eq!(
            parse(line.as_bytes()),
            Ok(Response::Continue(Continue {
                code: Some(code.clone()),
                text: b("go on").into()
            })),
            "{line}"
        );
    }
}

#[test]
fn known_code_names_are_matched_ignoring_case() {
    for (wire, code) in codes() {
        if matches!(code, Code::Other { .. }) {
            continue;
        }
        // Only the code's name: arguments (flags, charsets) keep their case.
        let (name, rest) = wire.split_once(' ').unwrap_or((wire, ""));
        let sep = if rest.is_empty() { "" } else { " " };
        let line = format!("a1 NO [{}{sep}{rest}] t\r\n", name.to_lowercase());
        match parse(line.as_bytes()) {
            Ok(Response::Tagged(t)) => assert_eq!(t.status.code, Some(code), "{line}"),
            other => panic!("{other:?} for {line}"),
        }
    }
}

#[test]
fn parse_errors_carry_the_offending_bytes_truncated() {
    let mut long = b"* 1 FETCH (UID ".to_vec();
    long.extend(std::iter::repeat_n(b'!', 10_000));
    long.extend_from_slice(b"\r\n");
    let e = parse(&long).unwrap_err();
    match &e {
        ParseError::Syntax { offset, near } => {
            assert_eq!(*offset, 15);
            assert_eq!(near.0.len(), Snippet::MAX);
            assert!(near.0.iter().all(|&c| c == b'!'));
        }
        other => panic!("{other:?}"),
    }
    let msg = e.to_string();
    assert!(msg.contains("byte 15") && msg.contains("!!!!"), "{msg}");
    assert!(msg.len() < 200, "{msg}");
    // Non-printable bytes are escaped in the message.
    let e = parse(b"* 1 FETCH (UID \x00\xff)\r\n").unwrap_err();
    let msg = e.to_string();
    assert!(msg.contains("\\x00\\xff"), "{msg}");
    assert!(msg.is_ascii());
    // Numbers out of range name the number.
    let e = parse(b"* 4294967296 EXISTS\r\n").unwrap_err();
    assert!(matches!(e, ParseError::NumberOutOfRange { .. }));
    assert!(e.to_string().contains("4294967296"), "{e}");
    // Nesting errors name the limit.
    let mut deep = b"* THREAD ".to_vec();
    deep.extend(std::iter::repeat_n(b'(', 200));
    deep.extend_from_slice(b"\r\n");
    let e = parse(&deep).unwrap_err();
    assert_eq!(e, ParseError::TooDeep { limit: 100 });
    assert!(e.to_string().contains("100"), "{e}");
}

#[test]
fn framing_errors_read_well() {
    let mut f = Framer::default();
    f.feed(b"* 1 FETCH (BODY[] {99999999999999999999999}\r\n");
    let e = f.next_frame().expect("an item").expect_err("an error");
    assert!(e.is_fatal());
    let msg = e.to_string();
    assert!(msg.contains("{99999999999999999999999}"), "{msg}");
    let mut limits = Limits::default();
    limits.max_line_length = 8;
    let mut f = Framer::new(limits);
    f.feed(b"* 1 EXISTS and more\r\n");
    let e = f.next_frame().expect("an item").expect_err("an error");
    assert!(!e.is_fatal());
    let msg = e.to_string();
    assert!(
        msg.contains("limit of 8") && msg.contains("* 1 EXIS"),
        "{msg}"
    );
}
