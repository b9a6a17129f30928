//! Unit tests of `fetch`.

use bytes::Bytes;

use super::*;
use crate::response::{Address, BodyFields, BodyStructure, EnvelopeFields};
use crate::types::{DateTime, Flag, Section, SectionText};

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn try_parse(s: &[u8]) -> Result<Vec<FetchAttr>, bool> {
    let buf = Bytes::copy_from_slice(s);
    let ctx = Ctx::new(&buf, 100);
    match msg_att(&ctx, &buf) {
        Ok((rest, v)) => {
            assert_eq!(rest, b"", "left over");
            Ok(v)
        }
        Err(_) => Err(ctx.too_deep.get()),
    }
}

fn parse(s: &[u8]) -> Vec<FetchAttr> {
    try_parse(s).unwrap_or_else(|_| panic!("{:?}", String::from_utf8_lossy(s)))
}

fn section(part: &[u32], text: Option<SectionText>) -> Section {
    Section {
        part: part.to_vec(),
        text,
    }
}

#[test]
fn rfc3501_fetch_full() {
    let mut s =
        b"(FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE "
            .to_vec();
    s.extend_from_slice(super::super::envelope::tests::RFC3501_ENVELOPE);
    s.extend_from_slice(
        b" BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))",
    );
    let v = parse(&s);
    assert_eq!(v.len(), 5);
    assert_eq!(v[0], FetchAttr::Flags(vec![Flag::Seen]));
    assert_eq!(
        v[1],
        FetchAttr::InternalDate(DateTime::new(1996, 7, 17, 2, 44, 25, -420).unwrap())
    );
    assert_eq!(v[2], FetchAttr::Rfc822Size(4286));
    let FetchAttr::Envelope(e) = &v[3] else {
        panic!()
    };
    assert_eq!(
        e.message_id(),
        Some(&b"<B27397-0100000@cac.washington.edu>"[..])
    );
    assert_eq!(e.cc_list().len(), 2);
    assert_eq!(
        v[4],
        FetchAttr::Body(Box::new(BodyStructure::Text {
            subtype: b("PLAIN"),
            fields: BodyFields {
                params: vec![(b("CHARSET"), b("US-ASCII"))],
                id: None,
                description: None,
                encoding: b("7BIT"),
                octets: 3028
            },
            lines: 92,
            ext: None,
        }))
    );
}

#[test]
fn names_in_any_case_and_names_that_only_start_like_known_ones() {
    assert_eq!(
        parse(b"(uid 5 Rfc822.Size 7 body[] {3}\r\nabc)"),
        vec![
            FetchAttr::Uid(5),
            FetchAttr::Rfc822Size(7),
            FetchAttr::BodySection {
                section: section(&[], None),
                origin: None,
                data: Some(b("abc")),
            },
        ]
    );
    assert_eq!(
        parse(b"(UIDX 5 BODYSTRUCTUREX 1 RFC822.SIZE2 3)"),
        vec![
            FetchAttr::Other {
                name: b("UIDX"),
                value: b("5")
            },
            FetchAttr::Other {
                name: b("BODYSTRUCTUREX"),
                value: b("1")
            },
            FetchAttr::Other {
                name: b("RFC822.SIZE2"),
                value: b("3")
            },
        ]
    );
}

#[test]
fn rfc3501_body_header_literal() {
    let v = parse(b"(BODY[HEADER] {26}\r\nDate: Wed, 17 Jul 1996\r\n\r\n)");
    assert_eq!(
        v,
        vec![FetchAttr::BodySection {
            section: section(&[], Some(SectionText::Header)),
            origin: None,
            data: Some(b("Date: Wed, 17 Jul 1996\r\n\r\n")),
        }]
    );
}

#[test]
fn rfc9051_examples() {
    assert_eq!(
        parse(b"(FLAGS (\\Seen) UID 4827313)"),
        vec![FetchAttr::Flags(vec![Flag::Seen]), FetchAttr::Uid(4827313)]
    );
    assert_eq!(
        parse(b"(FLAGS (\\Seen) RFC822.SIZE 44827)"),
        vec![
            FetchAttr::Flags(vec![Flag::Seen]),
            FetchAttr::Rfc822Size(44827)
        ]
    );
    // The RFC 9051 sample's envelope puts a space between addresses.
    let v = parse(
        b"(ENVELOPE (NIL \"IMAP4rev2 WG mtg summary and minutes\" NIL NIL NIL NIL \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\") (\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL NIL))",
    );
    let FetchAttr::Envelope(e) = &v[0] else {
        panic!()
    };
    assert_eq!(
        e.to_fields().cc[1],
        Address {
            name: Some(b("John Klensin")),
            adl: None,
            mailbox: Some(b("KLENSIN")),
            host: Some(b("MIT.EDU"))
        }
    );
    assert_eq!(
        e.subject(),
        Some(&b"IMAP4rev2 WG mtg summary and minutes"[..])
    );
    // RFC 3516 BINARY with literal8, BINARY.SIZE; RFC 7162 MODSEQ.
    assert_eq!(
        parse(
            b"(UID 3 BINARY[1.4]<0> ~{4}\r\na\x00\r\xff BINARY.SIZE[2] 2277 MODSEQ (12121231000))"
        ),
        vec![
            FetchAttr::Uid(3),
            FetchAttr::Binary {
                section: vec![1, 4],
                origin: Some(0),
                data: Some(Bytes::from_static(b"a\x00\r\xff"))
            },
            FetchAttr::BinarySize {
                section: vec![2],
                size: 2277
            },
            FetchAttr::ModSeq(12121231000),
        ]
    );
}

#[test]
fn every_section_form_and_rfc822_items() {
    let v = parse(
        b"(BODY[] \"a\" BODY[1.2.3] NIL BODY[HEADER.FIELDS (FROM TO)] {2}\r\nab\
BODY[HEADER.FIELDS.NOT (A)]<10> \"x\" BODY[TEXT] \"t\" BODY[1.MIME] \"m\" \
RFC822 {1}\r\nr RFC822.HEADER NIL RFC822.TEXT \"body\" BINARY[] NIL)",
    );
    let names = |n: &[&str]| n.iter().map(|s| b(s)).collect::<Vec<_>>();
    assert_eq!(
        v,
        vec![
            FetchAttr::BodySection {
                section: section(&[], None),
                origin: None,
                data: Some(b("a"))
            },
            FetchAttr::BodySection {
                section: section(&[1, 2, 3], None),
                origin: None,
                data: None
            },
            FetchAttr::BodySection {
                section: section(&[], Some(SectionText::HeaderFields(names(&["FROM", "TO"])))),
                origin: None,
                data: Some(b("ab")),
            },
            FetchAttr::BodySection {
                section: section(&[], Some(SectionText::HeaderFieldsNot(names(&["A"])))),
                origin: Some(10),
                data: Some(b("x")),
            },
            FetchAttr::BodySection {
                section: section(&[], Some(SectionText::Text)),
                origin: None,
                data: Some(b("t"))
            },
            FetchAttr::BodySection {
                section: section(&[1], Some(SectionText::Mime)),
                origin: None,
                data: Some(b("m"))
            },
            FetchAttr::Rfc822(Some(b("r"))),
            FetchAttr::Rfc822Header(None),
            FetchAttr::Rfc822Text(Some(b("body"))),
            FetchAttr::Binary {
                section: vec![],
                origin: None,
                data: None
            },
        ]
    );
}

#[test]
fn quirks() {
    // Trailing space before `)`; double spaces; lowercase names.
    assert_eq!(parse(b"(UID 19436 )"), vec![FetchAttr::Uid(19436)]);
    assert_eq!(
        parse(b"(uid  7  rfc822.size 10 body[] NIL)"),
        vec![
            FetchAttr::Uid(7),
            FetchAttr::Rfc822Size(10),
            FetchAttr::BodySection {
                section: Section::default(),
                origin: None,
                data: None
            },
        ]
    );
    // Attributes right after a literal, with or without a space.
    let body = |d: &str| FetchAttr::BodySection {
        section: Section::default(),
        origin: None,
        data: Some(b(d)),
    };
    assert_eq!(parse(b"(BODY[] {3}\r\nabc)"), vec![body("abc")]);
    assert_eq!(
        parse(b"(BODY[] {3}\r\nabcUID 12)"),
        vec![body("abc"), FetchAttr::Uid(12)]
    );
    assert_eq!(
        parse(b"(BODY[] {3}\r\nabc UID 12)"),
        vec![body("abc"), FetchAttr::Uid(12)]
    );
    // MODSEQ -1 parses as 0.
    assert_eq!(parse(b"(MODSEQ (-1))"), vec![FetchAttr::ModSeq(0)]);
    // ... also without the parentheses.
    assert_eq!(parse(b"(MODSEQ -1)"), vec![FetchAttr::ModSeq(0)]);
    assert_eq!(
        parse(b"(MODSEQ 5 UID 2)"),
        vec![FetchAttr::ModSeq(5), FetchAttr::Uid(2)]
    );
    // 8-bit bytes in a quoted string.
    assert_eq!(
        parse(b"(BODY[] \"caf\xe9 \xc3\xa9\")"),
        vec![FetchAttr::BodySection {
            section: Section::default(),
            origin: None,
            data: Some(Bytes::from_static(b"caf\xe9 \xc3\xa9"))
        }]
    );
    // NIL inside an address list.
    let v = parse(b"(ENVELOPE (NIL NIL (NIL (NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL))");
    assert_eq!(
        v,
        vec![FetchAttr::Envelope(Box::new(
            EnvelopeFields {
                from: vec![Address {
                    mailbox: Some(b("a")),
                    host: Some(b("b")),
                    ..Default::default()
                }],
                ..Default::default()
            }
            .into()
        ))]
    );
    assert_eq!(parse(b"()"), vec![]);
}

#[test]
fn unknown_attributes_are_kept_raw() {
    let v = parse(
        b"(X-GM-LABELS (\\Inbox \"a b\" {4}\r\nc)d) (x)) EMAILID (M123) X-GM-MSGID 1278455344230334865 \
THREADID NIL PREVIEW \"hi \\\" there\" X-LIT {2}\r\n)) X-SEC[1.2]<3> ~{1}\r\nz UID 5)",
    );
    let other = |n: &str, v: &[u8]| FetchAttr::Other {
        name: b(n),
        value: Bytes::copy_from_slice(v),
    };
    assert_eq!(
        v,
        vec![
            other("X-GM-LABELS", b"(\\Inbox \"a b\" {4}\r\nc)d) (x))"),
            other("EMAILID", b"(M123)"),
            other("X-GM-MSGID", b"1278455344230334865"),
            other("THREADID", b"NIL"),
            other("PREVIEW", b"\"hi \\\" there\""),
            other("X-LIT", b"{2}\r\n))"),
            other("X-SEC[1.2]<3>", b"~{1}\r\nz"),
            FetchAttr::Uid(5),
        ]
    );
}

#[test]
fn values_are_zero_copy() {
    let buf = Bytes::from_static(
        b"(BODY[] {3}\r\nabc ENVELOPE (\"d\" NIL NIL NIL NIL NIL NIL NIL NIL NIL))",
    );
    let ctx = Ctx::new(&buf, 100);
    let v = msg_att(&ctx, &buf).unwrap().1;
    let FetchAttr::BodySection { data: Some(d), .. } = &v[0] else {
        panic!()
    };
    assert_eq!(d.as_ptr(), buf[13..].as_ptr());
    let FetchAttr::Envelope(e) = &v[1] else {
        panic!()
    };
    assert_eq!(e.date().unwrap().as_ptr(), buf[28..].as_ptr());
    assert_eq!(e.to_fields().date.unwrap().as_ptr(), buf[28..].as_ptr());
}

#[test]
fn malformed_and_hostile_input() {
    for bad in [
        &b"(UID)"[..],
        b"(UID x)",
        b"(UID 4294967296)",
        b"(UID 1",
        b"(INTERNALDATE \"32-Jul-1996 02:44:25 -0700\")",
        b"(BODY[] {5}\r\nab)",
        b"(BODY[FOO] NIL)",
        b"(\"x\")",
        b"(X-FOO (a b)",
    ] {
        assert_eq!(
            try_parse(bad),
            Err(false),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let mut deep = b"(X-FOO ".to_vec();
    deep.extend_from_slice(&[b'('; 10_000]);
    let mut deep_body = b"(BODYSTRUCTURE ".to_vec();
    deep_body.extend_from_slice(&[b'('; 10_000]);
    let run = move || {
        assert_eq!(try_parse(&deep), Err(true));
        assert_eq!(try_parse(&deep_body), Err(true));
    };
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn whole_responses_through_parse_response() {
    use crate::response::{parse::parse_response, Fetch, ParseError, Response, Untagged};
    use crate::Limits;
    let run = || {
        let input =
            Bytes::from_static(b"* 12 FETCH (UID 19436  BODY[] {3}\r\nabcMODSEQ (-1) )\r\n");
        assert_eq!(
            parse_response(&input, &Limits::default()),
            Ok(Response::Untagged(Untagged::Fetch(Fetch {
                seq: 12,
                attrs: vec![
                    FetchAttr::Uid(19436),
                    FetchAttr::BodySection {
                        section: Section::default(),
                        origin: None,
                        data: Some(b("abc"))
                    },
                    FetchAttr::ModSeq(0),
                ]
            })))
        );
        let mut deep = b"* 1 FETCH (BODYSTRUCTURE ".to_vec();
        deep.extend_from_slice(&[b'('; 10_000]);
        deep.extend_from_slice(b"\r\n");
        assert_eq!(
            parse_response(&Bytes::from(deep), &Limits::default()),
            Err(ParseError::TooDeep { limit: 100 })
        );
    };
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}
