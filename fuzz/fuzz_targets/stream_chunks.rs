//! A `ResponseStream` (framer and parser) yields the same items whether the
//! input is fed whole or in arbitrary chunks.
//!
//! With literal streaming on, the same items but for the literal pieces,
//! which are merged first.
//!
//! Input layout: byte 0 gives how many of the next bytes are chunk sizes
//! (cycled) and whether literals of at least 1 byte are streamed; the rest
//! is the stream.
#![no_main]

use imap_proto::response::FramingError;
use imap_proto::{Limits, Received, ResponseStream};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let (sizes, stream) = rest.split_at(usize::from(head & 0x0f).min(rest.len()));
    let mut limits = Limits::default();
    if head & 0x10 != 0 {
        limits.stream_literals_from = Some(1);
    }
    assert_eq!(run(&limits, stream, &[]), run(&limits, stream, sizes));
});

/// Feeds `stream` in chunks of `sizes` (cycled; empty means all at once).
/// Consecutive literal pieces are merged into one.
fn run(limits: &Limits, mut stream: &[u8], sizes: &[u8]) -> Vec<Result<Received, FramingError>> {
    let mut s = ResponseStream::new(limits.clone());
    let mut out = Vec::new();
    let mut sizes = sizes.iter().map(|&n| usize::from(n).max(1)).cycle();
    while !stream.is_empty() {
        let n = sizes.next().unwrap_or(stream.len()).min(stream.len());
        let (chunk, tail) = stream.split_at(n);
        stream = tail;
        s.feed(chunk);
        while let Some(item) = s.next() {
            let fatal = item.is_err();
            if let (Ok(Received::LiteralData(more)), Some(Ok(Received::LiteralData(data)))) =
                (&item, out.last_mut())
            {
                *data = [&data[..], &more[..]].concat().into();
                continue;
            }
            out.push(item);
            if fatal {
                return out;
            }
        }
    }
    out
}
