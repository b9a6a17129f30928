//! Any bytes given to the command parser must parse or fail cleanly; a
//! command that parses, encoded again, parses back to the same command.
//!
//! Input layout: bit 0 of byte 0 says whether UTF8=ACCEPT is on; the rest
//! is the command.
#![no_main]

use bytes::Bytes;
use imap_proto::command::{parse_command, EncodeContext};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let utf8 = head & 1 != 0;
    let Ok(parsed) = parse_command(&Bytes::copy_from_slice(rest), utf8) else {
        return;
    };
    let ctx = EncodeContext {
        utf8_accept: utf8,
        ..EncodeContext::default()
    };
    if let Ok(enc) = parsed.command.encode(&parsed.tag, &ctx) {
        let again =
            parse_command(&Bytes::from(enc.to_bytes()), utf8).expect("encoded command parses");
        assert_eq!(again.command, parsed.command);
    }
});
