//! The framer yields the same frames and errors whether the input is fed
//! whole or in arbitrary chunks.
//!
//! Input layout: byte 0 picks tight or default limits, whether the chunked
//! run calls `shrink_buffer` after every chunk, and how many of the next
//! bytes are chunk sizes (cycled); the rest is the stream.
#![no_main]

use imap_proto::{response::Framer, response::FramingError, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let n_sizes = usize::from(head & 0x0f).min(rest.len());
    let (sizes, stream) = rest.split_at(n_sizes);
    let mut limits = Limits::default();
    if head & 0x10 != 0 {
        limits.max_line_length = 64;
        limits.max_literal_size = 32;
        limits.max_response_size = 256;
    }
    let shrink = head & 0x20 != 0;
    let whole = run(&limits, stream, &[], false);
    let chunked = run(&limits, stream, sizes, shrink);
    assert_eq!(whole, chunked);
});

/// Feeds `stream` in chunks of `sizes` (cycled; empty means all at once),
/// draining after each; stops at a fatal error.
fn run(
    limits: &Limits,
    mut stream: &[u8],
    sizes: &[u8],
    shrink: bool,
) -> Vec<Result<Vec<u8>, FramingError>> {
    let mut framer = Framer::new(limits.clone());
    let mut out = Vec::new();
    let mut sizes = sizes.iter().map(|&s| usize::from(s).max(1)).cycle();
    while !stream.is_empty() {
        let (chunk, tail) = stream.split_at(sizes.next().unwrap_or(stream.len()).min(stream.len()));
        stream = tail;
        framer.feed(chunk);
        if shrink {
            framer.shrink_buffer();
        }
        while let Some(item) = framer.next_frame() {
            let fatal = item.as_ref().is_err_and(FramingError::is_fatal);
            out.push(item.map(|b| b.to_vec()));
            if fatal {
                return out;
            }
        }
    }
    out
}
