//! Properties: no input makes the parser panic; a response that parses
//! is followed to its very end (nothing left over is silently dropped).

use bytes::Bytes;
use proptest::prelude::*;

use super::parse_response;
use crate::response::{Response, Untagged};
use crate::Limits;

/// IMAP tokens, so that random soups reach deep into the rules.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "* ", "+", "+ ", "A1 ", "OK", "NO", "BAD", "BYE",
    "PREAUTH", " ", "  ", "[", "]", "(", ")", "\"",
    "\\", "\\*", "\\Seen", "{3}\r\nabc", "~{2}\r\nxy", "{99}\r\n", "NIL", "nil",
    "0", "1", "4294967295", "4294967296", "99999999999999999999", ":", ",", "*",
    "CAPABILITY", "ENABLED", "FLAGS", "LIST", "LSUB", "STATUS", "SEARCH", "SORT",
    "ESEARCH", "THREAD", "NAMESPACE", "QUOTA", "QUOTAROOT", "ACL", "LISTRIGHTS", "MYRIGHTS",
    "METADATA", "ANNOTATION", "ID", "VANISHED", "(EARLIER)", "EXISTS", "RECENT", "EXPUNGE",
    "FETCH", "MODSEQ", "TAG", "UID", "ALL", "MIN", "COUNT", "PERMANENTFLAGS",
    "COPYUID", "APPENDUID", "BADCHARSET", "UIDNEXT", "HIGHESTMODSEQ", "MODIFIED", "CHILDINFO", "OLDNAME",
    "MESSAGES", "INBOX", "\"/\"", "[Gmail]", "\u{fc}", "\r", "\n",
];

fn soup() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..40).prop_map(|t| {
        let mut v = t.concat().into_bytes();
        v.extend_from_slice(b"\r\n");
        v
    })
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(data in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_response(&Bytes::from(data), &Limits::default());
    }

    #[test]
    fn token_soups_never_panic(data in soup()) {
        let _ = parse_response(&Bytes::from(data), &Limits::default());
    }

    #[test]
    fn a_parsed_response_cannot_lose_a_trailing_line(data in soup()) {
        // whatever parsed before cannot swallow a second, garbled line
        let mut twice = data.clone();
        twice.extend_from_slice(b"garbage(\r\n");
        let single = parse_response(&Bytes::from(data), &Limits::default());
        let double = parse_response(&Bytes::from(twice), &Limits::default());
        if single.is_ok() {
            let raw_kept = matches!(double, Ok(Response::Untagged(Untagged::Other { .. })));
            prop_assert!(double.is_err() || raw_kept, "{:?}", double);
        }
    }
}
