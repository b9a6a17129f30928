//! The framer yields the same frames and errors whether the input is fed
//! whole or in arbitrary chunks; with literal streaming on, the same pieces
//! (data pieces merged), which put back together give the frames.
//!
//! Input layout: byte 0 picks tight or default limits, whether the chunked
//! run calls `shrink_buffer` after every chunk, whether literals of at
//! least 1 (or 16) bytes are streamed, and how many of the next bytes are
//! chunk sizes (cycled); the rest is the stream.
#![no_main]

use imap_proto::response::{Frame, Framer, FramingError};
use imap_proto::Limits;
use libfuzzer_sys::fuzz_target;

/// A frame, or with streaming a piece: `b'R'`, `b'S'` or `b'D'` and bytes.
type Item = Result<(u8, Vec<u8>), FramingError>;

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
    if head & 0x40 != 0 {
        limits.stream_literals_from = Some(if head & 0x80 != 0 { 16 } else { 1 });
    }
    let streaming = limits.stream_literals_from.is_some();
    let whole = run(&limits, stream, &[], false, streaming);
    let chunked = run(&limits, stream, sizes, shrink, streaming);
    assert_eq!(whole, chunked);
    if streaming && head & 0x10 == 0 {
        // Default limits: putting the pieces together gives the frames.
        let frames = run(&limits, stream, &[], false, false);
        let mut joined = Vec::new();
        let mut current = Vec::new();
        for item in whole {
            match item {
                Ok((b'R', bytes)) => {
                    current.extend_from_slice(&bytes);
                    joined.push(Ok((b'R', std::mem::take(&mut current))));
                }
                // A start's head ends in the size's 8 bytes.
                Ok((b'S', bytes)) => current.extend_from_slice(&bytes[..bytes.len() - 8]),
                Ok((_, bytes)) => current.extend_from_slice(&bytes),
                Err(e) => joined.push(Err(e)),
            }
        }
        assert_eq!(joined, frames);
    }
});

/// Feeds `stream` in chunks of `sizes` (cycled; empty means all at once),
/// draining after each with `next_piece` (`streaming`) or `next_frame`;
/// stops at a fatal error. Consecutive data pieces are merged.
fn run(
    limits: &Limits,
    mut stream: &[u8],
    sizes: &[u8],
    shrink: bool,
    streaming: bool,
) -> Vec<Item> {
    let mut framer = Framer::new(limits.clone());
    let mut out: Vec<Item> = Vec::new();
    let mut sizes = sizes.iter().map(|&s| usize::from(s).max(1)).cycle();
    while !stream.is_empty() {
        let (chunk, tail) = stream.split_at(sizes.next().unwrap_or(stream.len()).min(stream.len()));
        stream = tail;
        framer.feed(chunk);
        if shrink {
            framer.shrink_buffer();
        }
        loop {
            let item = if streaming {
                framer.next_piece()
            } else {
                framer.next_frame().map(|r| r.map(Frame::Response))
            };
            let Some(item) = item else { break };
            let fatal = item.as_ref().is_err_and(FramingError::is_fatal);
            let item = item.map(|piece| match piece {
                Frame::Response(b) => (b'R', b.to_vec()),
                Frame::LiteralStart { head, size } => {
                    let mut v = head.to_vec();
                    v.extend_from_slice(&size.to_be_bytes());
                    (b'S', v)
                }
                Frame::LiteralData(b) => {
                    assert!(!b.is_empty());
                    (b'D', b.to_vec())
                }
            });
            match (&item, out.last_mut()) {
                (Ok((b'D', more)), Some(Ok((b'D', data)))) => data.extend_from_slice(more),
                _ => out.push(item),
            }
            if fatal {
                return out;
            }
        }
    }
    out
}
