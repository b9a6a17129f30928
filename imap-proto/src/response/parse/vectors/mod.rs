//! Test vectors for the whole-response parser, each line with the exact
//! typed value: RFC 3501 transcripts (`rfc3501`), RFC 9051 and extension
//! examples (`rfc9051`), and real servers' quirks (`quirks`).

mod quirks;
mod rfc3501;
mod rfc9051;
mod robust;

use bytes::Bytes;

use super::parse_response;
use crate::response::{Code, ListItem, MailboxAttribute, Response, Status, StatusKind, Untagged};
use crate::types::{Capability, Mailbox, SeqNumber, SeqRange, SequenceSet};
use crate::Limits;

/// Parses `s` plus CRLF.
pub(super) fn parse(s: &str) -> Response {
    parse_bytes(format!("{s}\r\n").as_bytes())
}

/// Parses exactly `s` (CRLF included), in a shared buffer as the framer
/// would hand it over.
pub(super) fn parse_bytes(s: &[u8]) -> Response {
    let line = bytes::BytesMut::from(s).freeze();
    parse_response(&line, &Limits::default())
        .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(s)))
}

pub(super) fn untagged(s: &str) -> Untagged {
    match parse(s) {
        Response::Untagged(u) => u,
        other => panic!("{other:?}"),
    }
}

pub(super) fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

pub(super) fn mb(s: &str) -> Mailbox {
    Mailbox(b(s))
}

pub(super) fn status(kind: StatusKind, code: Option<Code>, text: &str) -> Status {
    Status {
        kind,
        code,
        text: b(text).into(),
    }
}

pub(super) fn caps(list: &[&str]) -> Vec<Capability> {
    list.iter().map(|c| Capability(b(c))).collect()
}

pub(super) fn set(pairs: &[(u32, u32)]) -> SequenceSet {
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

pub(super) fn list(attrs: Vec<MailboxAttribute>, delim: u8, name: &str) -> ListItem {
    ListItem {
        attributes: attrs,
        delimiter: Some(delim),
        mailbox: mb(name),
        extended: vec![],
    }
}

/// Parses exactly `s` (CRLF included) into an untagged response.
pub(super) fn untagged_bytes(s: &[u8]) -> Untagged {
    match parse_bytes(s) {
        Response::Untagged(u) => u,
        other => panic!("{other:?}"),
    }
}
