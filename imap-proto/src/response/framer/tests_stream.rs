//! Unit tests of literal streaming ([`Framer::next_piece`]).

use proptest::prelude::*;

use super::*;

/// A piece as owned bytes: `(kind, bytes)` with kind `R`esponse, `S`tart
/// (the size appended as text) or `D`ata.
type Piece = Result<(char, Vec<u8>), FramingError>;

fn streaming(from: u64) -> Limits {
    Limits {
        stream_literals_from: Some(from),
        ..Limits::default()
    }
}

fn drain(f: &mut Framer) -> Vec<Piece> {
    let mut out = Vec::new();
    while let Some(item) = f.next_piece() {
        let fatal = item.as_ref().is_err_and(FramingError::is_fatal);
        out.push(item.map(|piece| match piece {
            Frame::Response(b) => ('R', b.to_vec()),
            Frame::LiteralStart { head, size } => {
                let mut v = head.to_vec();
                v.extend_from_slice(format!("#{size}").as_bytes());
                ('S', v)
            }
            Frame::LiteralData(b) => {
                assert!(!b.is_empty(), "an empty data piece");
                ('D', b.to_vec())
            }
        }));
        if fatal {
            break;
        }
    }
    out
}

fn chunked(limits: &Limits, input: &[u8], size: usize) -> Vec<Piece> {
    let mut f = Framer::new(limits.clone());
    let mut out = Vec::new();
    for chunk in input.chunks(size.max(1)) {
        f.feed(chunk);
        out.extend(drain(&mut f));
    }
    out
}

/// Merges consecutive data pieces, so that pieces compare across chunkings.
fn merged(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for piece in pieces {
        if let (Ok(('D', more)), Some(Ok(('D', data)))) = (&piece, out.last_mut()) {
            data.extend_from_slice(more);
            continue;
        }
        out.push(piece);
    }
    out
}

fn r(b: &[u8]) -> Piece {
    Ok(('R', b.to_vec()))
}
fn s(b: &[u8]) -> Piece {
    Ok(('S', b.to_vec()))
}
fn d(b: &[u8]) -> Piece {
    Ok(('D', b.to_vec()))
}

#[test]
fn a_large_literal_comes_out_in_pieces_as_it_arrives() {
    let mut f = Framer::new(streaming(8));
    f.feed(b"* 1 FETCH (UID 7 BODY[] {10}\r\n0123");
    assert_eq!(
        drain(&mut f),
        [s(b"* 1 FETCH (UID 7 BODY[] {10}\r\n#10"), d(b"0123")]
    );
    assert_eq!(f.buffered_len(), 0, "nothing of the literal stays buffered");
    f.feed(b"45678");
    assert_eq!(drain(&mut f), [d(b"45678")]);
    f.feed(b"9)\r\n* 2 EXISTS\r\n");
    assert_eq!(drain(&mut f), [d(b"9"), r(b")\r\n"), r(b"* 2 EXISTS\r\n")]);
}

#[test]
fn literals_under_the_threshold_stay_in_their_response() {
    let input = b"* 1 FETCH (BODY[1] {3}\r\nabc BODY[2] {8}\r\n01234567 BODY[3] {0}\r\n)\r\n";
    assert_eq!(
        chunked(&streaming(8), input, input.len()),
        [
            s(b"* 1 FETCH (BODY[1] {3}\r\nabc BODY[2] {8}\r\n#8"),
            d(b"01234567"),
            r(b" BODY[3] {0}\r\n)\r\n"),
        ]
    );
    // Off, or with `next_frame`, the response is whole.
    let mut f = Framer::new(streaming(8));
    f.feed(input);
    assert_eq!(f.next_frame().unwrap().unwrap(), &input[..]);
    let mut off = Framer::new(Limits::default());
    off.feed(input);
    assert_eq!(drain(&mut off), [r(input)]);
}

#[test]
fn two_streamed_literals_in_one_response() {
    let input = b"* 1 FETCH (BODY[1] {4+}\r\nabcd BINARY[2] ~{5}\r\n\x00\x01\x02\x03\x04)\r\n";
    assert_eq!(
        merged(chunked(&streaming(1), input, 3)),
        [
            s(b"* 1 FETCH (BODY[1] {4+}\r\n#4"),
            d(b"abcd"),
            s(b" BINARY[2] ~{5}\r\n#5"),
            d(b"\x00\x01\x02\x03\x04"),
            r(b")\r\n"),
        ]
    );
}

#[test]
fn next_frame_after_streaming_started_takes_the_rest() {
    let mut f = Framer::new(streaming(4));
    f.feed(b"* 1 FETCH (BODY[] {6}\r\nab");
    assert_eq!(drain(&mut f).len(), 2);
    f.feed(b"cdef)\r\n");
    assert_eq!(f.next_frame().unwrap().unwrap(), &b"cdef)\r\n"[..]);
}

#[test]
fn streamed_literals_count_toward_the_literal_limit_only() {
    let mut limits = streaming(4);
    limits.max_response_size = 40;
    limits.max_literal_size = 100;
    // 100 literal bytes in a response limited to 40 bytes: streamed.
    let mut input = b"* 1 FETCH (BODY[] {100}\r\n".to_vec();
    input.extend_from_slice(&[b'x'; 100]);
    input.extend_from_slice(b")\r\n* 2 FETCH (BODY[] {101}\r\n");
    input.extend_from_slice(&[b'y'; 101]);
    input.extend_from_slice(b")\r\n* 3 EXISTS\r\n");
    let pieces = merged(chunked(&limits, &input, 7));
    assert_eq!(
        pieces[..2],
        [s(b"* 1 FETCH (BODY[] {100}\r\n#100"), d(&[b'x'; 100])]
    );
    assert_eq!(pieces[2], r(b")\r\n"));
    assert!(
        matches!(
            pieces[3],
            Err(FramingError::LiteralTooLarge {
                size: 101,
                limit: 100
            })
        ),
        "{pieces:?}"
    );
    assert_eq!(pieces[4..], [r(b"* 3 EXISTS\r\n")]);
}

#[test]
fn head_and_rest_share_the_response_size_limit() {
    let mut limits = streaming(4);
    limits.max_response_size = 40;
    // A 30-byte head leaves 10 bytes for the rest of the response.
    let head = b"* 1 FETCH (UID 1 BODY[] {4}\r\n";
    let mut input = head.to_vec();
    input.extend_from_slice(b"abcd FLAGS (\\Seen))\r\n* 2 EXISTS\r\n");
    let pieces = merged(chunked(&limits, &input, input.len()));
    assert_eq!(pieces.len(), 4, "{pieces:?}");
    assert!(matches!(
        pieces[2],
        Err(FramingError::ResponseTooLarge { limit: 40 })
    ));
    assert_eq!(pieces[3], r(b"* 2 EXISTS\r\n"));
    // With room for it, the same rest comes out.
    limits.max_response_size = 60;
    let pieces = merged(chunked(&limits, &input, 5));
    assert_eq!(pieces[2], r(b" FLAGS (\\Seen))\r\n"));
}

#[test]
fn the_buffer_stays_small_while_a_large_literal_streams() {
    let mut f = Framer::new(streaming(1024));
    f.feed(b"* 1 FETCH (BODY[] {10000000}\r\n");
    assert!(matches!(
        f.next_piece(),
        Some(Ok(Frame::LiteralStart {
            size: 10_000_000,
            ..
        }))
    ));
    let chunk = vec![b'z'; 65536];
    let mut got = 0;
    while got < 10_000_000 {
        let n = chunk.len().min(10_000_000 - got);
        f.feed(&chunk[..n]);
        assert!(f.buf.capacity() <= 4 * 65536, "{}", f.buf.capacity());
        while let Some(piece) = f.next_piece() {
            match piece {
                Ok(Frame::LiteralData(data)) => got += data.len(),
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(got, 10_000_000);
    f.feed(b")\r\n");
    assert_eq!(f.next_piece(), Some(Ok(Frame::Response(")\r\n".into()))));
}

proptest! {
    /// Pieces put back together give the responses `next_frame` gives,
    /// however the stream is chunked and whatever the threshold.
    #[test]
    fn pieces_put_together_are_the_whole_responses(
        lens in proptest::collection::vec(0usize..40, 1..8),
        from in 1u64..30,
        size in 1usize..50,
    ) {
        let mut input = Vec::new();
        for (i, len) in lens.iter().enumerate() {
            input.extend_from_slice(format!("* {i} FETCH (BODY[{i}] {{{len}}}\r\n").as_bytes());
            input.extend((0..*len).map(|k| b"0123456789\r\n"[k % 12]));
            input.extend_from_slice(b" UID 5)\r\n* 1 EXISTS\r\n");
        }
        let mut f = Framer::new(streaming(from));
        f.feed(&input);
        let whole: Vec<Vec<u8>> = std::iter::from_fn(|| f.next_frame())
            .map(|item| item.map(|b| b.to_vec()))
            .collect::<Result<_, _>>()
            .unwrap();
        let pieces = chunked(&streaming(from), &input, size);
        let mut rebuilt = Vec::new();
        let mut current = Vec::new();
        let mut announced = 0u64;
        let mut streamed = 0u64;
        for piece in pieces {
            let (kind, bytes) = piece.unwrap();
            match kind {
                'S' => {
                    prop_assert_eq!(streamed, announced);
                    let hash = bytes.iter().rposition(|&b| b == b'#').unwrap();
                    announced = std::str::from_utf8(&bytes[hash + 1..]).unwrap().parse().unwrap();
                    prop_assert!(announced >= from);
                    streamed = 0;
                    current.extend_from_slice(&bytes[..hash]);
                }
                'D' => {
                    streamed += bytes.len() as u64;
                    current.extend_from_slice(&bytes);
                }
                _ => {
                    prop_assert_eq!(streamed, announced);
                    current.extend_from_slice(&bytes);
                    rebuilt.push(std::mem::take(&mut current));
                }
            }
        }
        prop_assert_eq!(rebuilt, whole);
    }
}
