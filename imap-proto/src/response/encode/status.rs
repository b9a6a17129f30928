//! `response-tagged`, `resp-cond-*`, `continue-req` and `resp-text-code`
//! (RFC 3501, 4315, 5530, 7162, 9051).

use super::core::{flag_list, is_atom_char, number, paren_list, sequence_set, string};
use crate::response::{Code, Continue, Status, StatusKind, Tagged};

/// `"OK" / "NO" / "BAD" / "PREAUTH" / "BYE"`.
fn status_kind(kind: StatusKind) -> &'static [u8] {
    match kind {
        StatusKind::Ok => b"OK",
        StatusKind::No => b"NO",
        StatusKind::Bad => b"BAD",
        StatusKind::PreAuth => b"PREAUTH",
        StatusKind::Bye => b"BYE",
    }
}

/// `resp-text = ["[" resp-text-code "]" SP] text`, preceded by the SP that
/// separates it from what came before. Nothing at all is written for an
/// empty text without a code; the SP after `]` is left out when the text
/// is empty.
fn resp_text(out: &mut Vec<u8>, code: Option<&Code>, text: &[u8]) {
    if let Some(code) = code {
        out.extend_from_slice(b" [");
        resp_text_code(out, code);
        out.push(b']');
    }
    if !text.is_empty() {
        out.push(b' ');
        out.extend_from_slice(text);
    }
}

/// `resp-cond-state` / `resp-cond-auth` / `resp-cond-bye`: the status word
/// and its `resp-text`.
pub(super) fn status(out: &mut Vec<u8>, s: &Status) {
    out.extend_from_slice(status_kind(s.kind));
    resp_text(out, s.code.as_ref(), &s.text);
}

/// `response-tagged = tag SP resp-cond-state CRLF` (without the CRLF).
pub(super) fn tagged(out: &mut Vec<u8>, t: &Tagged) {
    out.extend_from_slice(&t.tag);
    out.push(b' ');
    status(out, &t.status);
}

/// `continue-req = "+" SP (resp-text / base64)` (without the CRLF).
pub(super) fn continue_req(out: &mut Vec<u8>, c: &Continue) {
    out.push(b'+');
    if c.code.is_none() && c.text.is_empty() {
        out.push(b' ');
    } else {
        resp_text(out, c.code.as_ref(), &c.text);
    }
}

/// `resp-text-code`, every code of the model.
pub(super) fn resp_text_code(out: &mut Vec<u8>, code: &Code) {
    let name: &[u8] = match code {
        Code::Alert => b"ALERT",
        Code::BadCharset(charsets) => {
            out.extend_from_slice(b"BADCHARSET");
            if !charsets.is_empty() {
                out.push(b' ');
                paren_list(out, charsets, |o, c| charset(o, c));
            }
            return;
        }
        Code::Capability(caps) => {
            capability_data(out, b"CAPABILITY", caps);
            return;
        }
        Code::Parse => b"PARSE",
        Code::PermanentFlags(flags) => {
            out.extend_from_slice(b"PERMANENTFLAGS ");
            flag_list(out, flags);
            return;
        }
        Code::ReadOnly => b"READ-ONLY",
        Code::ReadWrite => b"READ-WRITE",
        Code::TryCreate => b"TRYCREATE",
        Code::UidNext(n) => return named_number(out, b"UIDNEXT", (*n).into()),
        Code::UidValidity(n) => return named_number(out, b"UIDVALIDITY", (*n).into()),
        Code::Unseen(n) => return named_number(out, b"UNSEEN", (*n).into()),
        Code::AppendUid { uid_validity, uids } => {
            named_number(out, b"APPENDUID", (*uid_validity).into());
            out.push(b' ');
            sequence_set(out, uids);
            return;
        }
        Code::CopyUid {
            uid_validity,
            source,
            destination,
        } => {
            named_number(out, b"COPYUID", (*uid_validity).into());
            out.push(b' ');
            sequence_set(out, source);
            out.push(b' ');
            sequence_set(out, destination);
            return;
        }
        Code::UidNotSticky => b"UIDNOTSTICKY",
        Code::HighestModSeq(n) => return named_number(out, b"HIGHESTMODSEQ", *n),
        Code::NoModSeq => b"NOMODSEQ",
        Code::Modified(set) => {
            out.extend_from_slice(b"MODIFIED ");
            sequence_set(out, set);
            return;
        }
        Code::Closed => b"CLOSED",
        Code::Unavailable => b"UNAVAILABLE",
        Code::AuthenticationFailed => b"AUTHENTICATIONFAILED",
        Code::AuthorizationFailed => b"AUTHORIZATIONFAILED",
        Code::Expired => b"EXPIRED",
        Code::PrivacyRequired => b"PRIVACYREQUIRED",
        Code::ContactAdmin => b"CONTACTADMIN",
        Code::NoPerm => b"NOPERM",
        Code::InUse => b"INUSE",
        Code::ExpungeIssued => b"EXPUNGEISSUED",
        Code::Corruption => b"CORRUPTION",
        Code::ServerBug => b"SERVERBUG",
        Code::ClientBug => b"CLIENTBUG",
        Code::Cannot => b"CANNOT",
        Code::Limit => b"LIMIT",
        Code::OverQuota => b"OVERQUOTA",
        Code::AlreadyExists => b"ALREADYEXISTS",
        Code::NonExistent => b"NONEXISTENT",
        Code::HasChildren => b"HASCHILDREN",
        Code::UnknownCte => b"UNKNOWN-CTE",
        Code::CompressionActive => b"COMPRESSIONACTIVE",
        Code::Other { name, data } => {
            out.extend_from_slice(name);
            if let Some(data) = data {
                out.push(b' ');
                out.extend_from_slice(data);
            }
            return;
        }
    };
    out.extend_from_slice(name);
}

/// `charset = atom / quoted`.
fn charset(out: &mut Vec<u8>, c: &[u8]) {
    if !c.is_empty() && c.iter().all(|&b| is_atom_char(b)) && !c.eq_ignore_ascii_case(b"NIL") {
        out.extend_from_slice(c);
    } else {
        string(out, c);
    }
}

/// `NAME SP number`.
fn named_number(out: &mut Vec<u8>, name: &[u8], n: u64) {
    out.extend_from_slice(name);
    out.push(b' ');
    number(out, n);
}

/// Space-separated capabilities after `name` (CAPABILITY, ENABLED).
pub(super) fn capability_data(out: &mut Vec<u8>, name: &[u8], caps: &[crate::types::Capability]) {
    out.extend_from_slice(name);
    for c in caps {
        out.push(b' ');
        out.extend_from_slice(c.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{SeqNumber, SeqRange, SequenceSet};
    use bytes::Bytes;

    fn code_bytes(c: &Code) -> Vec<u8> {
        let mut out = Vec::new();
        resp_text_code(&mut out, c);
        out
    }

    #[test]
    fn codes() {
        assert_eq!(code_bytes(&Code::ReadWrite), b"READ-WRITE");
        assert_eq!(code_bytes(&Code::BadCharset(vec![])), b"BADCHARSET");
        assert_eq!(
            code_bytes(&Code::BadCharset(vec![
                Bytes::from("UTF-8"),
                Bytes::from("a b")
            ])),
            b"BADCHARSET (UTF-8 \"a b\")"
        );
        let r = |a, b| SeqRange {
            start: SeqNumber::Value(a),
            end: SeqNumber::Value(b),
        };
        let c = Code::CopyUid {
            uid_validity: 38505,
            source: SequenceSet(vec![r(304, 304), r(319, 320)]),
            destination: SequenceSet(vec![r(3956, 3958)]),
        };
        assert_eq!(code_bytes(&c), b"COPYUID 38505 304,319:320 3956:3958");
        let other = Code::Other {
            name: "X-FOO".into(),
            data: Some("1 2".into()),
        };
        assert_eq!(code_bytes(&other), b"X-FOO 1 2");
    }

    #[test]
    fn status_text_spacing() {
        let mut out = Vec::new();
        status(
            &mut out,
            &Status {
                kind: StatusKind::Ok,
                code: Some(Code::Alert),
                text: crate::types::SmallBytes::new(),
            },
        );
        assert_eq!(out, b"OK [ALERT]");
        let mut out = Vec::new();
        continue_req(
            &mut out,
            &Continue {
                code: None,
                text: crate::types::SmallBytes::new(),
            },
        );
        assert_eq!(out, b"+ ");
        let mut out = Vec::new();
        tagged(
            &mut out,
            &Tagged {
                tag: "a1".into(),
                status: Status {
                    kind: StatusKind::No,
                    code: None,
                    text: "x".into(),
                },
            },
        );
        assert_eq!(out, b"a1 NO x");
    }
}
