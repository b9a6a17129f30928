//! A response that parses, written back by the response encoder, parses to
//! the same value: the encoder is a faithful inverse of the parser. Only
//! inputs that end in LF are tried, as the framer hands over no others.
#![no_main]

use bytes::Bytes;
use imap_proto::response::encode::encode_response;
use imap_proto::{response::parse::parse_response, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if !data.ends_with(b"\n") {
        return;
    }
    let limits = Limits::default();
    let Ok(r) = parse_response(&Bytes::copy_from_slice(data), &limits) else {
        return;
    };
    let mut wire = Vec::new();
    encode_response(&r, &mut wire);
    let again = parse_response(&Bytes::from(wire), &limits).expect("encoded response parses");
    assert_eq!(again, r);
});
