//! A response that parses, written back by the response encoder, parses to
//! the same value: the encoder is a faithful inverse of the parser. Only
//! inputs that the framer takes as exactly one response are tried, as the
//! parser is never handed anything else.
#![no_main]

use bytes::Bytes;
use imap_proto::response::{encode::encode_response, parse::parse_response, Framer};
use imap_proto::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let mut framer = Framer::new(limits.clone());
    framer.feed(data);
    let frame = match framer.next_frame() {
        Some(Ok(frame)) if frame.len() == data.len() => frame,
        _ => return,
    };
    let Ok(r) = parse_response(&frame, &limits) else {
        return;
    };
    let mut wire = Vec::new();
    encode_response(&r, &mut wire);
    let again = parse_response(&Bytes::from(wire), &limits).expect("encoded response parses");
    assert_eq!(again, r);
});
