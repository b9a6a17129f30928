//! Property: every response the encoder writes parses back to the value it
//! was written from (`parse(encode(r)) == r`), both through
//! [`parse_response`] and through the framer of a [`ResponseStream`]; and
//! the quoting rule: any byte string written as an astring or nstring
//! reads back as the same bytes.

mod common;

use bytes::Bytes;
use proptest::prelude::*;

use imap_proto::response::encode::{astring, encode_response, nstring};
use imap_proto::response::parse::parse_response;
use imap_proto::response::{Fetch, FetchAttr, Response, Untagged};
use imap_proto::types::Mailbox;
use imap_proto::{Limits, Received, ResponseStream};

fn parse(wire: &[u8]) -> Response {
    let input = Bytes::copy_from_slice(wire);
    match parse_response(&input, &Limits::default()) {
        Ok(r) => r,
        Err(e) => panic!("{e}: {:?}", String::from_utf8_lossy(wire)),
    }
}

/// 512 cases, or `PROPTEST_CASES` when set (for longer runs).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(512)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn parse_of_encode_is_identity(r in common::response()) {
        let wire = r.to_bytes();
        prop_assert_eq!(parse(&wire), r, "wire: {:?}", String::from_utf8_lossy(&wire));
    }

    #[test]
    fn framed_stream_gives_the_same_responses(rs in proptest::collection::vec(common::response(), 1..6)) {
        let mut wire = Vec::new();
        for r in &rs {
            encode_response(r, &mut wire);
        }
        let mut stream = ResponseStream::new(Limits::default());
        stream.feed(&wire);
        let mut got = Vec::new();
        while let Some(item) = stream.next() {
            match item {
                Ok(Received::Response { response, .. }) => got.push(response),
                other => panic!("{other:?} in {:?}", String::from_utf8_lossy(&wire)),
            }
        }
        prop_assert_eq!(got, rs);
    }

    #[test]
    fn astring_reads_back_as_the_same_bytes(a in proptest::collection::vec(any::<u8>(), 0..40), b in common::any_bytes()) {
        // MYRIGHTS mailbox rights: both are astrings.
        let mut wire = b"* MYRIGHTS ".to_vec();
        astring(&mut wire, &a);
        wire.push(b' ');
        astring(&mut wire, &b);
        wire.extend_from_slice(b"\r\n");
        let want = Response::Untagged(Untagged::MyRights { mailbox: Mailbox(Bytes::from(a)), rights: b });
        prop_assert_eq!(parse(&wire), want);
    }

    #[test]
    fn nstring_reads_back_as_the_same_bytes(a in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..40))) {
        let mut wire = b"* 1 FETCH (RFC822.TEXT ".to_vec();
        nstring(&mut wire, a.as_deref());
        wire.extend_from_slice(b")\r\n");
        let want = Response::Untagged(Untagged::Fetch(Fetch {
            seq: 1,
            attrs: vec![FetchAttr::Rfc822Text(a.map(Bytes::from))],
        }));
        prop_assert_eq!(parse(&wire), want);
    }
}
