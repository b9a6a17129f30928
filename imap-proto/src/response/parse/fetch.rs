//! `msg-att` and its attributes (RFC 3501 section 9, RFC 3516, RFC 7162,
//! RFC 9051).
//!
//! Attributes are dispatched on their name, read once and compared ignoring
//! ASCII case, rather than by trying each rule in turn. Unknown attributes
//! are kept raw as [`FetchAttr::Other`].

use nom::{character::complete::digit1, error::ErrorKind};

use super::body::body;
use super::core::{
    error, fail, is_atom_char, literal, nstring, number, number64, opt_sp, quoted, sp,
};
use super::core::{Ctx, PResult};
use super::datetime::date_time;
use super::envelope::{close, envelope};
use super::flag::flag_list;
use super::kw;
use super::section::{origin, section, section_binary};
use crate::response::FetchAttr;

/// `msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"`
///
/// Leniently: spaces before `)` (`(UID 19436 )`), no space after a literal
/// (`{3}\r\nabcUID 12`), several spaces between attributes, `()`.
pub(crate) fn msg_att<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<FetchAttr>> {
    let Some(mut i) = i.strip_prefix(b"(") else {
        return error(i, ErrorKind::Char);
    };
    let mut attrs = Vec::with_capacity(8);
    loop {
        let (j, ()) = opt_sp(i)?;
        match j.first() {
            Some(b')') => return Ok((&j[1..], attrs)),
            None => return fail(j, ErrorKind::Eof),
            Some(_) => {}
        }
        let (j, attr) = msg_att_item(ctx, j)?;
        attrs.push(attr);
        i = j;
    }
}

/// A byte of an attribute name: an atom character other than `[` (which
/// starts a section).
#[inline]
fn is_name_char(b: u8) -> bool {
    b != b'[' && is_atom_char(b)
}

/// The attribute names this parser knows.
#[derive(Clone, Copy)]
enum Name {
    Uid,
    Flags,
    InternalDate,
    Rfc822Size,
    Envelope,
    BodyStructure,
    Body,
    BodyPeek,
    Binary,
    BinarySize,
    Rfc822,
    Rfc822Text,
    Rfc822Header,
    ModSeq,
}

/// The known attribute names, in the upper case servers send.
const NAMES: [(&[u8], Name); 14] = [
    (b"UID", Name::Uid),
    (b"FLAGS", Name::Flags),
    (b"INTERNALDATE", Name::InternalDate),
    (b"RFC822.SIZE", Name::Rfc822Size),
    (b"ENVELOPE", Name::Envelope),
    (b"BODYSTRUCTURE", Name::BodyStructure),
    (b"BODY", Name::Body),
    (b"BODY.PEEK", Name::BodyPeek),
    (b"BINARY", Name::Binary),
    (b"BINARY.SIZE", Name::BinarySize),
    (b"RFC822", Name::Rfc822),
    (b"RFC822.TEXT", Name::Rfc822Text),
    (b"RFC822.HEADER", Name::Rfc822Header),
    (b"MODSEQ", Name::ModSeq),
];

/// The known attribute name at the start of `i` and its length, compared
/// in place (no scan of the name first): `i` starts with the upper-case
/// spelling and the next byte does not continue the name. Longer names
/// are tried before their prefixes; every compare has a constant length.
#[inline]
fn attr_name_prefix(i: &[u8]) -> Option<(Name, usize)> {
    let (name, n) = match i.first()? {
        b'U' if i.starts_with(b"UID") => (Name::Uid, 3),
        b'F' if i.starts_with(b"FLAGS") => (Name::Flags, 5),
        b'I' if i.starts_with(b"INTERNALDATE") => (Name::InternalDate, 12),
        b'E' if i.starts_with(b"ENVELOPE") => (Name::Envelope, 8),
        b'M' if i.starts_with(b"MODSEQ") => (Name::ModSeq, 6),
        b'B' if i.starts_with(b"BODYSTRUCTURE") => (Name::BodyStructure, 13),
        b'B' if i.starts_with(b"BODY.PEEK") => (Name::BodyPeek, 9),
        b'B' if i.starts_with(b"BODY") => (Name::Body, 4),
        b'B' if i.starts_with(b"BINARY.SIZE") => (Name::BinarySize, 11),
        b'B' if i.starts_with(b"BINARY") => (Name::Binary, 6),
        b'R' if i.starts_with(b"RFC822.SIZE") => (Name::Rfc822Size, 11),
        b'R' if i.starts_with(b"RFC822.HEADER") => (Name::Rfc822Header, 13),
        b'R' if i.starts_with(b"RFC822.TEXT") => (Name::Rfc822Text, 11),
        b'R' if i.starts_with(b"RFC822") => (Name::Rfc822, 6),
        _ => return None,
    };
    (!i.get(n).copied().is_some_and(is_name_char)).then_some((name, n))
}

/// The known attribute `name` is, ignoring ASCII case.
fn attr_name(name: &[u8]) -> Option<Name> {
    let key = kw::key(name);
    NAMES
        .iter()
        .find(|&&(w, _)| kw::key(w) == key)
        .map(|&(_, n)| n)
}

/// One `msg-att-dynamic` / `msg-att-static`, or an unknown attribute.
fn msg_att_item<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, FetchAttr> {
    let (known, n) = match attr_name_prefix(i) {
        Some(found) => found,
        None => {
            let n = i.iter().position(|&b| !is_name_char(b)).unwrap_or(i.len());
            if n == 0 {
                return fail(i, ErrorKind::Alpha);
            }
            match attr_name(&i[..n]) {
                Some(known) => (known, n),
                None => return other(ctx, i, n),
            }
        }
    };
    let rest = &i[n..];
    let bracket = rest.first() == Some(&b'[');
    match (known, bracket) {
        (Name::Uid, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, uid) = number(rest)?;
            Ok((rest, FetchAttr::Uid(uid)))
        }
        (Name::Flags, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, flags) = flag_list(ctx, rest)?;
            Ok((rest, FetchAttr::Flags(flags)))
        }
        (Name::InternalDate, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, d) = date_time(rest)?;
            Ok((rest, FetchAttr::InternalDate(d)))
        }
        (Name::Rfc822Size, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, n) = number64(rest)?;
            Ok((rest, FetchAttr::Rfc822Size(n)))
        }
        (Name::Envelope, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, e) = envelope(ctx, rest)?;
            Ok((rest, FetchAttr::Envelope(e)))
        }
        (Name::BodyStructure, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::BodyStructure(b)))
        }
        (Name::Body, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::Body(b)))
        }
        (Name::Body | Name::BodyPeek, true) => {
            let (rest, section) = section(ctx, rest)?;
            let (rest, origin) = origin(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, data) = nstring(ctx, rest)?;
            Ok((
                rest,
                FetchAttr::BodySection {
                    section,
                    origin,
                    data,
                },
            ))
        }
        (Name::Binary, true) => {
            let (rest, section) = section_binary(rest)?;
            let (rest, origin) = origin(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, data) = nstring(ctx, rest)?;
            Ok((
                rest,
                FetchAttr::Binary {
                    section,
                    origin,
                    data,
                },
            ))
        }
        (Name::BinarySize, true) => {
            let (rest, section) = section_binary(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, size) = number64(rest)?;
            Ok((rest, FetchAttr::BinarySize { section, size }))
        }
        (Name::Rfc822, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822),
        (Name::Rfc822Text, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Text),
        (Name::Rfc822Header, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Header),
        (Name::ModSeq, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, m) = modseq_paren(rest)?;
            Ok((rest, FetchAttr::ModSeq(m)))
        }
        _ => other(ctx, i, n),
    }
}

/// `"RFC822" SP nstring` and its `.HEADER` / `.TEXT` forms.
fn rfc822_nstring<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    make: fn(Option<bytes::Bytes>) -> FetchAttr,
) -> PResult<'a, FetchAttr> {
    let (i, ()) = sp(i)?;
    let (i, data) = nstring(ctx, i)?;
    Ok((i, make(data)))
}

/// `fetch-mod-resp = "MODSEQ" SP "(" permsg-modsequence ")"` (RFC 7162),
/// from the `(`. Quirks: the value `-1` parses as 0, and a bare value
/// without the parentheses is accepted.
fn modseq_paren(i: &[u8]) -> PResult<'_, u64> {
    let Some(i) = i.strip_prefix(b"(") else {
        return modseq_value(i);
    };
    let (i, ()) = opt_sp(i)?;
    let (i, m) = modseq_value(i)?;
    let (i, ()) = close(i)?;
    Ok((i, m))
}

/// `mod-sequence-value`, with the quirk `-1` (and any negative value) as 0.
pub(crate) fn modseq_value(i: &[u8]) -> PResult<'_, u64> {
    match i.strip_prefix(b"-") {
        Some(j) => Ok((digit1(j)?.0, 0)),
        None => number64(i),
    }
}

/// An unknown attribute: its name (with a `[...]` section if any) and its
/// value kept raw. `name_len` bytes of `i` are the name up to any `[`.
fn other<'a>(ctx: &Ctx<'_>, i: &'a [u8], name_len: usize) -> PResult<'a, FetchAttr> {
    let mut n = name_len;
    if i.get(n) == Some(&b'[') {
        match memchr::memchr(b']', &i[n..]) {
            Some(k) => n += k + 1,
            None => return fail(i, ErrorKind::Char),
        }
        n += i[n..].iter().take_while(|&&b| is_name_char(b)).count();
    }
    let (name, rest) = i.split_at(n);
    let (rest, ()) = opt_sp(rest)?;
    if matches!(rest.first(), None | Some(b')')) {
        return Ok((
            rest,
            FetchAttr::Other {
                name: ctx.bytes(name),
                value: bytes::Bytes::new(),
            },
        ));
    }
    let (after, ()) = skip_value(ctx, rest)?;
    let raw = &rest[..rest.len() - after.len()];
    Ok((
        after,
        FetchAttr::Other {
            name: ctx.bytes(name),
            value: ctx.bytes(raw),
        },
    ))
}

/// A byte of a bare value (atom, number, `\Flag`, 8-bit text) in an
/// unknown attribute.
fn is_bare_char(b: u8) -> bool {
    b > b' ' && b != 0x7f && !matches!(b, b'(' | b')' | b'"' | b'{')
}

/// Skips one value of an unknown attribute: a parenthesised list (nested
/// through [`Ctx::nested`], literals inside taken whole), a quoted string, a
/// literal or literal8, or a bare atom/number.
fn skip_value<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, ()> {
    match i.first() {
        Some(b'(') => ctx.nested(i, |i| {
            let mut i = &i[1..];
            loop {
                let (j, ()) = opt_sp(i)?;
                match j.first() {
                    Some(b')') => return Ok((&j[1..], ())),
                    None => return fail(j, ErrorKind::Eof),
                    Some(_) => i = skip_value(ctx, j)?.0,
                }
            }
        }),
        Some(b'"') => quoted(ctx, i).map(|(rest, _)| (rest, ())),
        Some(b'{') => literal(ctx, i).map(|(rest, _)| (rest, ())),
        Some(b'~') if i.get(1) == Some(&b'{') => literal(ctx, i).map(|(rest, _)| (rest, ())),
        _ => {
            let n = i.iter().take_while(|&&b| is_bare_char(b)).count();
            if n == 0 {
                return fail(i, ErrorKind::Char);
            }
            Ok((&i[n..], ()))
        }
    }
}

#[cfg(test)]
mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::response::{Address, BodyFields, BodyStructure, Envelope};
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
        let mut s = b"(FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE ".to_vec();
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
        assert_eq!(e.message_id, Some(b("<B27397-0100000@cac.washington.edu>")));
        assert_eq!(e.cc.len(), 2);
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
            e.cc[1],
            Address {
                name: Some(b("John Klensin")),
                adl: None,
                mailbox: Some(b("KLENSIN")),
                host: Some(b("MIT.EDU"))
            }
        );
        assert_eq!(e.subject, Some(b("IMAP4rev2 WG mtg summary and minutes")));
        // RFC 3516 BINARY with literal8, BINARY.SIZE; RFC 7162 MODSEQ.
        assert_eq!(
            parse(b"(UID 3 BINARY[1.4]<0> ~{4}\r\na\x00\r\xff BINARY.SIZE[2] 2277 MODSEQ (12121231000))"),
            vec![
                FetchAttr::Uid(3),
                FetchAttr::Binary { section: vec![1, 4], origin: Some(0), data: Some(Bytes::from_static(b"a\x00\r\xff")) },
                FetchAttr::BinarySize { section: vec![2], size: 2277 },
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
        let v =
            parse(b"(ENVELOPE (NIL NIL (NIL (NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL))");
        assert_eq!(
            v,
            vec![FetchAttr::Envelope(Box::new(Envelope {
                from: vec![Address {
                    mailbox: Some(b("a")),
                    host: Some(b("b")),
                    ..Default::default()
                }],
                ..Default::default()
            }))]
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
        assert_eq!(e.date.as_ref().unwrap().as_ptr(), buf[28..].as_ptr());
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
}
