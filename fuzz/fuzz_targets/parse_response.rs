//! Any bytes, taken as one complete response, must parse or fail cleanly:
//! no panic, no stack overflow, no runaway allocation.
#![no_main]

use bytes::Bytes;
use imap_proto::{response::parse::parse_response, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = parse_response(&Bytes::copy_from_slice(data), &Limits::default());
});
