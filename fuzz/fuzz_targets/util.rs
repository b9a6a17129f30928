//! imaplib's utility functions and modified UTF-7 never panic on any input,
//! and what they accept round-trips.
#![no_main]

use imap_proto::types::{decode_utf7, encode_utf7};
use imap_proto::util::{internaldate2tuple, parse_flags, time2internaldate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(name) = decode_utf7(data) {
        assert_eq!(
            decode_utf7(encode_utf7(&name).as_bytes()).as_ref(),
            Ok(&name)
        );
    }
    let text = String::from_utf8_lossy(data);
    assert_eq!(
        decode_utf7(encode_utf7(&text).as_bytes()).as_deref(),
        Ok(&*text)
    );
    if let Ok(d) = internaldate2tuple(data) {
        let s = time2internaldate(d).expect("a parsed date formats");
        assert_eq!(internaldate2tuple(s.as_bytes()), Ok(d));
        assert_eq!(time2internaldate(s.as_str()).as_deref(), Ok(s.as_str()));
    }
    let _ = time2internaldate(&*text);
    let _ = parse_flags(data);
    if let Some(secs) = data.get(..8).and_then(|b| <[u8; 8]>::try_from(b).ok()) {
        let secs = i64::from_le_bytes(secs);
        let offset = data
            .get(8..10)
            .map_or(0, |b| i16::from_le_bytes([b[0], b[1]]));
        if let Ok(s) = time2internaldate((secs, offset)) {
            assert_eq!(
                internaldate2tuple(s.as_bytes()).map(|d| d.to_unix()),
                Ok(secs)
            );
        }
    }
});
