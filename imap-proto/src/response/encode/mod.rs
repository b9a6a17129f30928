//! The server side: encodes a [`Response`] to wire bytes in canonical RFC
//! syntax, CRLF included. Useful for test servers, and the other half of
//! the parse/encode round-trip property.
//!
//! ```
//! use imap_proto::response::{Response, Status, StatusKind, Tagged, Code};
//!
//! let done = Response::Tagged(Tagged {
//!     tag: "a1".into(),
//!     status: Status { kind: StatusKind::Ok, code: Some(Code::ReadWrite), text: "SELECT completed".into() },
//! });
//! assert_eq!(done.to_bytes(), b"a1 OK [READ-WRITE] SELECT completed\r\n");
//! ```
//!
//! Choices where the grammar allows several spellings:
//!
//! - strings: an atom only where the grammar takes an `astring` and every
//!   byte is an `ASTRING-CHAR` (and the atom is not `NIL` and does not start
//!   with `~`); a quoted string for other 7-bit text without CR, LF or NUL;
//!   a literal `{n}` otherwise; a `literal8` `~{n}` only for BINARY and
//!   METADATA data that contains NUL;
//! - empty lists where the grammar has `nil` (address lists, NAMESPACE
//!   groups, `body-fld-param`, `body-fld-lang`) are `NIL`; an empty
//!   `mbox-list-extended` is left out;
//! - response text: `OK [CODE]` with no trailing space when the text is
//!   empty; a continuation with nothing in it is `+ `;
//! - BODYSTRUCTURE extension data is written up to its last non-default field;
//! - dates use a two-digit day (`"07-Jul-1996 ..."`) and `+0000` for UTC.
//!
//! Text fields (`Status::text`, `Continue::text`, `Code::Other` data and
//! the raw bytes of `Other` variants) are written as they are: the caller
//! keeps CR and LF out of them.

mod body;
mod core;
mod ext;
mod fetch;
mod mailbox;
mod status;

pub use self::core::{
    astring, date_time, flag, flag_list, literal, literal8, nstring, nstring8, number,
    sequence_set, string,
};
pub use fetch::section;

use super::{Response, Untagged};

/// Appends `response` to `out` as wire bytes, final CRLF included.
///
/// ```
/// use imap_proto::response::{encode::encode_response, Response, Untagged};
///
/// let mut out = Vec::new();
/// encode_response(&Response::Untagged(Untagged::Exists(23)), &mut out);
/// assert_eq!(out, b"* 23 EXISTS\r\n");
/// ```
pub fn encode_response(response: &Response, out: &mut Vec<u8>) {
    match response {
        Response::Continue(c) => status::continue_req(out, c),
        Response::Tagged(t) => status::tagged(out, t),
        Response::Untagged(u) => {
            out.extend_from_slice(b"* ");
            untagged(out, u);
        }
    }
    out.extend_from_slice(b"\r\n");
}

impl Response {
    /// This response as wire bytes, CRLF included (see [`encode_response`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        encode_response(self, &mut out);
        out
    }
}

/// `response-data` without the leading `* ` and the CRLF.
fn untagged(out: &mut Vec<u8>, u: &Untagged) {
    let numbered = |out: &mut Vec<u8>, n: u32, name: &[u8]| {
        number(out, n.into());
        out.push(b' ');
        out.extend_from_slice(name);
    };
    match u {
        Untagged::Status(s) => status::status(out, s),
        Untagged::Capability(caps) => status::capability_data(out, b"CAPABILITY", caps),
        Untagged::Enabled(caps) => status::capability_data(out, b"ENABLED", caps),
        Untagged::Exists(n) => numbered(out, *n, b"EXISTS"),
        Untagged::Recent(n) => numbered(out, *n, b"RECENT"),
        Untagged::Expunge(n) => numbered(out, *n, b"EXPUNGE"),
        Untagged::Flags(flags) => {
            out.extend_from_slice(b"FLAGS ");
            flag_list(out, flags);
        }
        Untagged::List(item) => mailbox::mailbox_list(out, b"LIST", item),
        Untagged::Lsub(item) => mailbox::mailbox_list(out, b"LSUB", item),
        Untagged::Status_(s) => mailbox::status_data(out, s),
        Untagged::Search(s) => mailbox::search_data(out, b"SEARCH", s),
        Untagged::Sort(s) => mailbox::search_data(out, b"SORT", s),
        Untagged::ESearch(e) => mailbox::esearch_response(out, e),
        Untagged::Thread(t) => mailbox::thread_data(out, t),
        Untagged::Namespace(n) => ext::namespace_response(out, n),
        Untagged::Quota(q) => ext::quota_response(out, q),
        Untagged::QuotaRoot { mailbox, roots } => ext::quotaroot_response(out, mailbox, roots),
        Untagged::Acl { mailbox, entries } => ext::acl_data(out, mailbox, entries),
        Untagged::ListRights {
            mailbox,
            identifier,
            required,
            optional,
        } => ext::listrights_data(out, mailbox, identifier, required, optional),
        Untagged::MyRights { mailbox, rights } => ext::myrights_data(out, mailbox, rights),
        Untagged::Metadata { mailbox, entries } => ext::metadata_resp(out, mailbox, entries),
        Untagged::Annotation {
            mailbox,
            entry,
            attributes,
        } => ext::annotation_data(out, mailbox, entry, attributes),
        Untagged::Id(params) => ext::id_response(out, params.as_deref()),
        Untagged::Vanished { earlier, uids } => mailbox::vanished(out, *earlier, uids),
        Untagged::Fetch(f) => fetch::fetch(out, f),
        Untagged::Other { raw, .. } => out.extend_from_slice(raw),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{Continue, Status, StatusKind};
    use crate::types::{Capability, Mailbox};

    fn untagged_bytes(u: Untagged) -> Vec<u8> {
        Response::Untagged(u).to_bytes()
    }

    #[test]
    fn simple_untagged() {
        assert_eq!(untagged_bytes(Untagged::Expunge(3)), b"* 3 EXPUNGE\r\n");
        assert_eq!(
            untagged_bytes(Untagged::Capability(vec![
                Capability("IMAP4rev1".into()),
                Capability("AUTH=PLAIN".into())
            ])),
            b"* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"
        );
        assert_eq!(
            untagged_bytes(Untagged::Status(Status {
                kind: StatusKind::PreAuth,
                code: None,
                text: "welcome".into()
            })),
            b"* PREAUTH welcome\r\n"
        );
        assert_eq!(
            untagged_bytes(Untagged::MyRights {
                mailbox: Mailbox("INBOX".into()),
                rights: "rwi".into()
            }),
            b"* MYRIGHTS INBOX rwi\r\n"
        );
        assert_eq!(
            untagged_bytes(Untagged::Other {
                name: "XFOO".into(),
                raw: "XFOO 1 2".into()
            }),
            b"* XFOO 1 2\r\n"
        );
    }

    #[test]
    fn continuation_with_base64() {
        let c = Response::Continue(Continue {
            code: None,
            text: "YmFzZTY0".into(),
        });
        assert_eq!(c.to_bytes(), b"+ YmFzZTY0\r\n");
    }
}
