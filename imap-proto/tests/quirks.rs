//! Issue 2 item 3, in one place: every real-server quirk the issue lists
//! parses (through the public API) to the natural typed value. One test per
//! quirk, named after it.

use bytes::Bytes;

use imap_proto::response::parse::parse_response;
use imap_proto::response::*;
use imap_proto::types::{Capability, Flag, Mailbox, Section};
use imap_proto::{Limits, Received, ResponseStream};

fn parse(wire: &[u8]) -> Response {
    let input = Bytes::copy_from_slice(wire);
    parse_response(&input, &Limits::default())
        .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(wire)))
}

fn untagged(wire: &[u8]) -> Untagged {
    match parse(wire) {
        Response::Untagged(u) => u,
        other => panic!("{other:?}"),
    }
}

fn fetch_attrs(wire: &[u8]) -> Vec<FetchAttr> {
    match untagged(wire) {
        Untagged::Fetch(f) => f.attrs,
        other => panic!("{other:?}"),
    }
}

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn nb(s: &str) -> Option<Bytes> {
    Some(b(s))
}

fn st(kind: StatusKind, code: Option<Code>, text: &str) -> Status {
    Status {
        kind,
        code,
        text: b(text).into(),
    }
}

fn kw(s: &str) -> Flag {
    Flag::Keyword(b(s))
}

fn status(items: Vec<StatusItem>) -> Untagged {
    Untagged::Status_(MailboxStatus {
        mailbox: Mailbox(b("INBOX")),
        items,
    })
}

fn search(numbers: Vec<u32>) -> Untagged {
    Untagged::Search(SearchResult {
        numbers,
        modseq: None,
    })
}

fn text_part(lines: u64) -> BodyStructure {
    BodyStructure::Text {
        subtype: b("PLAIN"),
        fields: BodyFields {
            encoding: b("7BIT"),
            octets: 10,
            ..BodyFields::default()
        },
        lines,
        ext: None,
    }
}

#[test]
fn close_bracket_in_flag_keywords() {
    assert_eq!(
        untagged(b"* FLAGS (\\Seen OIB-Seen-[Gmail]/Trash [Gmail]Label)\r\n"),
        Untagged::Flags(vec![
            Flag::Seen,
            kw("OIB-Seen-[Gmail]/Trash"),
            kw("[Gmail]Label")
        ])
    );
    // Inside a response code, where `]` also closes the code.
    assert_eq!(
        untagged(b"* OK [PERMANENTFLAGS (OIB-Seen-[Gmail]/Spam \\*)] Flags permitted.\r\n"),
        Untagged::Status(st(
            StatusKind::Ok,
            Some(Code::PermanentFlags(vec![
                kw("OIB-Seen-[Gmail]/Spam"),
                Flag::MayCreate
            ])),
            "Flags permitted."
        ))
    );
    // And in a FETCH FLAGS list.
    assert_eq!(
        fetch_attrs(b"* 1 FETCH (FLAGS (\\Seen [Gmail]x))\r\n"),
        vec![FetchAttr::Flags(vec![Flag::Seen, kw("[Gmail]x")])]
    );
}

#[test]
fn spaces_inside_flag_keywords() {
    // Gmail's `OIB-Seen-[Gmail]/All Mail` cannot be told apart from two
    // keywords: it reads as two, and the line does not fail.
    assert_eq!(
        untagged(b"* FLAGS (\\Answered OIB-Seen-[Gmail]/All Mail $Phishing)\r\n"),
        Untagged::Flags(vec![
            Flag::Answered,
            kw("OIB-Seen-[Gmail]/All"),
            kw("Mail"),
            kw("$Phishing")
        ])
    );
}

#[test]
fn response_codes_with_no_text() {
    assert_eq!(
        untagged(b"* OK [UIDNEXT 5]\r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::UidNext(5)), ""))
    );
    assert_eq!(
        untagged(b"* OK [UIDNEXT 5] \r\n"),
        Untagged::Status(st(StatusKind::Ok, Some(Code::UidNext(5)), ""))
    );
    assert_eq!(
        parse(b"a1 OK [READ-WRITE]\r\n"),
        Response::Tagged(Tagged {
            tag: b("a1").into(),
            status: st(StatusKind::Ok, Some(Code::ReadWrite), "")
        })
    );
    assert_eq!(
        parse(b"a2 NO [NONEXISTENT]\r\n"),
        Response::Tagged(Tagged {
            tag: b("a2").into(),
            status: st(StatusKind::No, Some(Code::NonExistent), "")
        })
    );
    assert_eq!(
        untagged(b"* NO [X-UNKNOWN]\r\n"),
        Untagged::Status(st(
            StatusKind::No,
            Some(Code::Other {
                name: b("X-UNKNOWN"),
                data: None
            }),
            ""
        ))
    );
    // A status with neither code nor text.
    assert_eq!(
        parse(b"a3 OK\r\n"),
        Response::Tagged(Tagged {
            tag: b("a3").into(),
            status: st(StatusKind::Ok, None, "")
        })
    );
}

#[test]
fn bare_plus_continuation() {
    let empty = Response::Continue(Continue {
        code: None,
        text: imap_proto::types::SmallBytes::new(),
    });
    assert_eq!(parse(b"+\r\n"), empty);
    assert_eq!(parse(b"+ \r\n"), empty);
    assert_eq!(parse(b"+\n"), empty);
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
    assert_eq!(
        untagged(b"* SEARCH 2 84 882 \r\n"),
        search(vec![2, 84, 882])
    );
    assert_eq!(untagged(b"* SEARCH \r\n"), search(vec![]));
    assert_eq!(
        untagged(b"* SORT 2 84 \r\n"),
        Untagged::Sort(SearchResult {
            numbers: vec![2, 84],
            modseq: None
        })
    );
}

#[test]
fn trailing_space_after_status_list() {
    assert_eq!(
        untagged(b"* STATUS INBOX (MESSAGES 231 UIDNEXT 44292) \r\n"),
        status(vec![StatusItem::Messages(231), StatusItem::UidNext(44292)])
    );
    assert_eq!(
        untagged(b"* STATUS INBOX (MESSAGES 231 UIDNEXT 44292 )\r\n"),
        status(vec![StatusItem::Messages(231), StatusItem::UidNext(44292)])
    );
}

#[test]
fn trailing_space_inside_fetch_list() {
    assert_eq!(
        fetch_attrs(b"* 12 FETCH (UID 19436 )\r\n"),
        vec![FetchAttr::Uid(19436)]
    );
    assert_eq!(
        fetch_attrs(b"* 12 FETCH (FLAGS (\\Seen ) UID 19436 )\r\n"),
        vec![FetchAttr::Flags(vec![Flag::Seen]), FetchAttr::Uid(19436)]
    );
}

#[test]
fn double_spaces() {
    assert_eq!(untagged(b"*  522 EXISTS\r\n"), Untagged::Exists(522));
    assert_eq!(untagged(b"* 522  EXISTS\r\n"), Untagged::Exists(522));
    assert_eq!(
        fetch_attrs(b"* 1 FETCH (UID 7  FLAGS ())\r\n"),
        vec![FetchAttr::Uid(7), FetchAttr::Flags(vec![])]
    );
}

#[test]
fn star_in_flags() {
    assert_eq!(
        untagged(b"* FLAGS (\\Answered \\Deleted \\*)\r\n"),
        Untagged::Flags(vec![Flag::Answered, Flag::Deleted, Flag::MayCreate])
    );
}

#[test]
fn modseq_minus_one() {
    assert_eq!(
        fetch_attrs(b"* 1 FETCH (UID 4 MODSEQ (-1))\r\n"),
        vec![FetchAttr::Uid(4), FetchAttr::ModSeq(0)]
    );
}

#[test]
fn body_fld_lines_minus_one() {
    assert_eq!(
        fetch_attrs(b"* 1 FETCH (BODY (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 -1))\r\n"),
        vec![FetchAttr::Body(Box::new(text_part(0)))]
    );
}

#[test]
fn zero_uidvalidity_uidnext_unseen() {
    for (line, code) in [
        (&b"* OK [UIDVALIDITY 0] x\r\n"[..], Code::UidValidity(0)),
        (b"* OK [UIDNEXT 0] x\r\n", Code::UidNext(0)),
        (b"* OK [UNSEEN 0] x\r\n", Code::Unseen(0)),
    ] {
        assert_eq!(
            untagged(line),
            Untagged::Status(st(StatusKind::Ok, Some(code), "x"))
        );
    }
    assert_eq!(
        untagged(b"* STATUS INBOX (UIDVALIDITY 0 UIDNEXT 0 UNSEEN 0)\r\n"),
        status(vec![
            StatusItem::UidValidity(0),
            StatusItem::UidNext(0),
            StatusItem::Unseen(0)
        ])
    );
}

#[test]
fn eight_bit_bytes_in_quoted_strings() {
    // Latin-1 (not UTF-8) and UTF-8 bytes, kept as they are.
    assert_eq!(
        fetch_attrs(b"* 1 FETCH (RFC822.TEXT \"caf\xe9 \xc3\xa9\")\r\n"),
        vec![FetchAttr::Rfc822Text(Some(Bytes::from_static(
            b"caf\xe9 \xc3\xa9"
        )))]
    );
    assert_eq!(
        untagged(b"* LIST () \"/\" \"Entw\xc3\xbcrfe\"\r\n"),
        Untagged::List(ListItem {
            attributes: vec![],
            delimiter: Some(b'/'),
            mailbox: Mailbox(Bytes::from_static(b"Entw\xc3\xbcrfe")),
            extended: vec![],
        })
    );
}

#[test]
fn nil_inside_address_lists() {
    let attrs = fetch_attrs(
        b"* 1 FETCH (ENVELOPE (NIL NIL (NIL (\"A\" NIL \"a\" \"x.org\") NIL) NIL NIL NIL NIL NIL NIL NIL))\r\n",
    );
    let want = EnvelopeFields {
        from: vec![Address {
            name: nb("A"),
            adl: None,
            mailbox: nb("a"),
            host: nb("x.org"),
        }],
        ..EnvelopeFields::default()
    };
    assert_eq!(attrs, vec![FetchAttr::Envelope(Box::new(want.into()))]);
}

#[test]
fn bare_string_as_disposition() {
    let attrs = fetch_attrs(
        b"* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 1 NIL \"inline\" NIL NIL))\r\n",
    );
    let want = BodyStructure::Text {
        subtype: b("PLAIN"),
        fields: BodyFields {
            encoding: b("7BIT"),
            octets: 10,
            ..BodyFields::default()
        },
        lines: 1,
        ext: Some(SinglePartExt {
            disposition: Some(Disposition {
                kind: b("inline"),
                params: vec![],
            }),
            ..SinglePartExt::default()
        }),
    };
    assert_eq!(attrs, vec![FetchAttr::BodyStructure(Box::new(want))]);
}

#[test]
fn all_nil_body_part() {
    let attrs = fetch_attrs(
        b"* 1 FETCH (BODYSTRUCTURE ((NIL NIL NIL NIL NIL \"7BIT\" 0)(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10 1) \"MIXED\"))\r\n",
    );
    let nil_part = BodyStructure::Basic {
        media_type: Bytes::new(),
        subtype: Bytes::new(),
        fields: BodyFields {
            encoding: b("7BIT"),
            octets: 0,
            ..BodyFields::default()
        },
        ext: None,
    };
    let want = BodyStructure::Multipart {
        parts: vec![nil_part, text_part(1)],
        subtype: b("MIXED"),
        ext: None,
    };
    assert_eq!(attrs, vec![FetchAttr::BodyStructure(Box::new(want))]);
}

#[test]
fn empty_status_list() {
    assert_eq!(untagged(b"* STATUS INBOX ()\r\n"), status(vec![]));
}

#[test]
fn attribute_right_after_a_literal() {
    let attrs = fetch_attrs(b"* 1 FETCH (BODY[] {3}\r\nabcUID 12)\r\n");
    assert_eq!(
        attrs,
        vec![
            FetchAttr::BodySection {
                section: Section::default(),
                origin: None,
                data: nb("abc"),
            },
            FetchAttr::Uid(12)
        ]
    );
    // The form: a literal ending in `)` then the attribute.
    let attrs = fetch_attrs(b"* 1 FETCH (RFC822.HEADER {4}\r\nab)\nUID 12)\r\n");
    assert_eq!(
        attrs,
        vec![FetchAttr::Rfc822Header(nb("ab)\n")), FetchAttr::Uid(12)]
    );
}

#[test]
fn unparsable_response_is_malformed_and_the_stream_goes_on() {
    let mut s = ResponseStream::new(Limits::default());
    s.feed(b"* 1 EXISTS\r\n* 2 FETCH (UID x)\r\n)(garbage\r\n* 3 EXISTS\r\n");
    let mut got = Vec::new();
    while let Some(item) = s.next() {
        got.push(item.expect("not fatal"));
    }
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(matches!(
        &got[0],
        Received::Response {
            response: Response::Untagged(Untagged::Exists(1)),
            ..
        }
    ));
    for (item, raw) in got[1..3]
        .iter()
        .zip([&b"* 2 FETCH (UID x)\r\n"[..], b")(garbage\r\n"])
    {
        match item {
            Received::Malformed { raw: r, error } => {
                assert_eq!(&r[..], raw);
                assert!(matches!(error, ParseError::Syntax { .. }), "{error:?}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert!(matches!(
        &got[3],
        Received::Response {
            response: Response::Untagged(Untagged::Exists(3)),
            ..
        }
    ));
}
