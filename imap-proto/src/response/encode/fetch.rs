//! `message-data` FETCH: `msg-att` (RFC 3501, 3516, 7162, 9051), `section`
//! and `envelope`.

use super::body::body;
use super::core::{astring, date_time, flag_list, nstring, nstring8, number, paren_list, spaced};
use crate::response::{AddressRef, Addresses, Envelope, Fetch, FetchAttr};
use crate::types::{Section, SectionText};

/// `nz-number SP "FETCH" SP msg-att`.
pub(super) fn fetch(out: &mut Vec<u8>, f: &Fetch) {
    number(out, f.seq.into());
    out.extend_from_slice(b" FETCH ");
    paren_list(out, &f.attrs, msg_att);
}

/// One `msg-att-dynamic` / `msg-att-static`.
pub(super) fn msg_att(out: &mut Vec<u8>, a: &FetchAttr) {
    match a {
        FetchAttr::Flags(flags) => {
            out.extend_from_slice(b"FLAGS ");
            flag_list(out, flags);
        }
        FetchAttr::Uid(n) => named_number(out, b"UID ", (*n).into()),
        FetchAttr::InternalDate(d) => {
            out.extend_from_slice(b"INTERNALDATE ");
            date_time(out, d);
        }
        FetchAttr::Rfc822Size(n) => named_number(out, b"RFC822.SIZE ", *n),
        FetchAttr::Rfc822(d) => named_nstring(out, b"RFC822 ", d.as_deref()),
        FetchAttr::Rfc822Header(d) => named_nstring(out, b"RFC822.HEADER ", d.as_deref()),
        FetchAttr::Rfc822Text(d) => named_nstring(out, b"RFC822.TEXT ", d.as_deref()),
        FetchAttr::BodySection {
            section: s,
            origin: o,
            data,
        } => {
            out.extend_from_slice(b"BODY");
            section(out, s);
            origin(out, *o);
            out.push(b' ');
            nstring(out, data.as_deref());
        }
        FetchAttr::Binary {
            section,
            origin: o,
            data,
        } => {
            out.extend_from_slice(b"BINARY");
            section_binary(out, section);
            origin(out, *o);
            out.push(b' ');
            nstring8(out, data.as_deref());
        }
        FetchAttr::BinarySize { section, size } => {
            out.extend_from_slice(b"BINARY.SIZE");
            section_binary(out, section);
            out.push(b' ');
            number(out, *size);
        }
        FetchAttr::Envelope(e) => {
            out.extend_from_slice(b"ENVELOPE ");
            envelope(out, e);
        }
        FetchAttr::Body(b) => {
            out.extend_from_slice(b"BODY ");
            body(out, b);
        }
        FetchAttr::BodyStructure(b) => {
            out.extend_from_slice(b"BODYSTRUCTURE ");
            body(out, b);
        }
        FetchAttr::ModSeq(n) => {
            out.extend_from_slice(b"MODSEQ (");
            number(out, *n);
            out.push(b')');
        }
        FetchAttr::Other { name, value } => {
            out.extend_from_slice(name);
            out.push(b' ');
            out.extend_from_slice(value);
        }
    }
}

fn named_number(out: &mut Vec<u8>, name: &[u8], n: u64) {
    out.extend_from_slice(name);
    number(out, n);
}

fn named_nstring(out: &mut Vec<u8>, name: &[u8], s: Option<&[u8]>) {
    out.extend_from_slice(name);
    nstring(out, s);
}

/// `"<" number ">"` after a partial BODY or BINARY section.
fn origin(out: &mut Vec<u8>, o: Option<u32>) {
    if let Some(o) = o {
        out.push(b'<');
        number(out, o.into());
        out.push(b'>');
    }
}

/// `section-part = nz-number *("." nz-number)`.
fn section_part(out: &mut Vec<u8>, part: &[u32]) {
    for (k, &p) in part.iter().enumerate() {
        if k > 0 {
            out.push(b'.');
        }
        number(out, p.into());
    }
}

/// `section = "[" [section-spec] "]"`,
/// `section-spec = section-msgtext / (section-part ["." section-text])`.
///
/// ```
/// use imap_proto::types::{Section, SectionText};
/// let s = Section { part: vec![1, 2], text: Some(SectionText::HeaderFields(vec!["From".into()])) };
/// let mut out = Vec::new();
/// imap_proto::response::encode::section(&mut out, &s);
/// assert_eq!(out, b"[1.2.HEADER.FIELDS (From)]");
/// ```
pub fn section(out: &mut Vec<u8>, s: &Section) {
    out.push(b'[');
    section_part(out, &s.part);
    if let Some(text) = &s.text {
        if !s.part.is_empty() {
            out.push(b'.');
        }
        section_text(out, text);
    }
    out.push(b']');
}

/// `section-text = section-msgtext / "MIME"`, with
/// `section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"`.
fn section_text(out: &mut Vec<u8>, t: &SectionText) {
    match t {
        SectionText::Header => out.extend_from_slice(b"HEADER"),
        SectionText::HeaderFields(names) => {
            out.extend_from_slice(b"HEADER.FIELDS ");
            paren_list(out, names, |o, n| astring(o, n));
        }
        SectionText::HeaderFieldsNot(names) => {
            out.extend_from_slice(b"HEADER.FIELDS.NOT ");
            paren_list(out, names, |o, n| astring(o, n));
        }
        SectionText::Text => out.extend_from_slice(b"TEXT"),
        SectionText::Mime => out.extend_from_slice(b"MIME"),
    }
}

/// `section-binary = "[" [section-part] "]"` (RFC 3516).
fn section_binary(out: &mut Vec<u8>, part: &[u32]) {
    out.push(b'[');
    section_part(out, part);
    out.push(b']');
}

/// `envelope = "(" env-date SP env-subject SP env-from SP env-sender SP
/// env-reply-to SP env-to SP env-cc SP env-bcc SP env-in-reply-to SP
/// env-message-id ")"`.
pub(super) fn envelope(out: &mut Vec<u8>, e: &Envelope) {
    out.push(b'(');
    nstring(out, e.date());
    out.push(b' ');
    nstring(out, e.subject());
    for list in [
        e.from_list(),
        e.sender_list(),
        e.reply_to_list(),
        e.to_list(),
        e.cc_list(),
        e.bcc_list(),
    ] {
        out.push(b' ');
        address_list(out, list);
    }
    out.push(b' ');
    nstring(out, e.in_reply_to());
    out.push(b' ');
    nstring(out, e.message_id());
    out.push(b')');
}

/// `"(" 1*address ")" / nil`: an empty list is `NIL`.
fn address_list(out: &mut Vec<u8>, list: Addresses<'_>) {
    if list.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    out.push(b'(');
    for a in list {
        address(out, a);
    }
    out.push(b')');
}

/// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`.
fn address(out: &mut Vec<u8>, a: AddressRef<'_>) {
    out.push(b'(');
    let fields = [a.name(), a.adl(), a.mailbox(), a.host()];
    spaced(out, &fields, |o, f| nstring(o, *f));
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{Address, EnvelopeFields};
    use crate::types::DateTime;

    fn att(a: &FetchAttr) -> Vec<u8> {
        let mut out = Vec::new();
        msg_att(&mut out, a);
        out
    }

    #[test]
    fn sections() {
        let a = FetchAttr::BodySection {
            section: Section {
                part: vec![],
                text: None,
            },
            origin: Some(0),
            data: Some("ab".into()),
        };
        assert_eq!(att(&a), b"BODY[]<0> \"ab\"");
        let a = FetchAttr::BodySection {
            section: Section {
                part: vec![3],
                text: Some(SectionText::Mime),
            },
            origin: None,
            data: None,
        };
        assert_eq!(att(&a), b"BODY[3.MIME] NIL");
        let a = FetchAttr::Binary {
            section: vec![1, 1],
            origin: None,
            data: Some("\0".into()),
        };
        assert_eq!(att(&a), b"BINARY[1.1] ~{1}\r\n\0");
        assert_eq!(
            att(&FetchAttr::BinarySize {
                section: vec![],
                size: 7
            }),
            b"BINARY.SIZE[] 7"
        );
    }

    #[test]
    fn simple_attrs() {
        let d = DateTime {
            year: 1996,
            month: 7,
            day: 17,
            hour: 2,
            minute: 44,
            second: 25,
            offset_minutes: -420,
        };
        assert_eq!(
            att(&FetchAttr::InternalDate(d)),
            b"INTERNALDATE \"17-Jul-1996 02:44:25 -0700\""
        );
        assert_eq!(att(&FetchAttr::ModSeq(12)), b"MODSEQ (12)");
        assert_eq!(
            att(&FetchAttr::Rfc822(Some("a\r\n".into()))),
            b"RFC822 {3}\r\na\r\n"
        );
    }

    #[test]
    fn envelope_with_empty_lists() {
        let e: Envelope = EnvelopeFields {
            subject: Some("hi".into()),
            from: vec![Address {
                name: None,
                adl: None,
                mailbox: Some("a".into()),
                host: Some("b".into()),
            }],
            ..Default::default()
        }
        .into();
        let mut out = Vec::new();
        envelope(&mut out, &e);
        assert_eq!(
            out,
            b"(NIL \"hi\" ((NIL NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL)"
        );
    }
}
