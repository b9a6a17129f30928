//! Unit tests of the framer.

use proptest::prelude::*;

use super::*;

type Item = Result<Vec<u8>, FramingError>;

fn drain(f: &mut Framer) -> Vec<Item> {
    let mut out = Vec::new();
    while let Some(item) = f.next_frame() {
        let fatal = item.as_ref().is_err_and(FramingError::is_fatal);
        out.push(item.map(|b| b.to_vec()));
        if fatal {
            break;
        }
    }
    out
}

/// Feeds `input` in chunks of `size`, draining after each.
fn chunked(limits: &Limits, input: &[u8], size: usize) -> (Vec<Item>, Framer) {
    let mut f = Framer::new(limits.clone());
    let mut out = Vec::new();
    for chunk in input.chunks(size.max(1)) {
        f.feed(chunk);
        out.extend(drain(&mut f));
        if out
            .last()
            .is_some_and(|i| i.as_ref().is_err_and(FramingError::is_fatal))
        {
            break;
        }
    }
    (out, f)
}

fn whole(input: &[u8]) -> Vec<Item> {
    chunked(&Limits::default(), input, input.len()).0
}

fn ok(s: &[u8]) -> Item {
    Ok(s.to_vec())
}

#[test]
fn lines_are_split_at_crlf() {
    let got = whole(b"* 1 EXISTS\r\n* OK done\r\nA1 OK\nrest");
    assert_eq!(
        got,
        vec![ok(b"* 1 EXISTS\r\n"), ok(b"* OK done\r\n"), ok(b"A1 OK\n")]
    );
}

#[test]
fn literals_of_all_three_forms_are_taken_whole() {
    for marker in ["{5}", "{5+}", "~{5}"] {
        let input = format!("* 1 FETCH (BODY[] {marker}\r\nab\r\nc)\r\n* 2 EXISTS\r\n");
        let first = format!("* 1 FETCH (BODY[] {marker}\r\nab\r\nc)\r\n");
        assert_eq!(
            whole(input.as_bytes()),
            vec![ok(first.as_bytes()), ok(b"* 2 EXISTS\r\n")]
        );
    }
}

#[test]
fn literal_content_is_not_scanned() {
    // The literal holds CRLF and a literal marker of its own.
    let input = b"* 1 FETCH (BODY[] {7}\r\n{5}\r\n\r\n UID 3)\r\n";
    assert_eq!(whole(input), vec![ok(input)]);
    let mut f = Framer::default();
    f.feed(input);
    drain(&mut f);
    assert_eq!(f.scanned_bytes(), input.len() as u64 - 7);
}

#[test]
fn several_literals_and_empty_literal() {
    let input = b"* LIST () \"/\" {1}\r\na\r\n* 3 FETCH (A {0}\r\n B {2}\r\nxy)\r\n";
    assert_eq!(
        whole(input),
        vec![
            ok(b"* LIST () \"/\" {1}\r\na\r\n"),
            ok(b"* 3 FETCH (A {0}\r\n B {2}\r\nxy)\r\n")
        ]
    );
}

#[test]
fn not_literal_syntax_ends_the_line() {
    for line in [
        "* OK {-1}\r\n",
        "* OK {}\r\n",
        "* OK { 5}\r\n",
        "* OK 5}\r\n",
        "* OK {5}x\r\n",
    ] {
        assert_eq!(whole(line.as_bytes()), vec![ok(line.as_bytes())], "{line}");
    }
}

#[test]
fn partial_feeds_wait_for_the_rest() {
    let mut f = Framer::default();
    for part in [&b"* 1 FETCH (BODY[] {4"[..], b"}\r", b"\nab", b"cd", b")\r"] {
        f.feed(part);
        assert!(f.next_frame().is_none());
    }
    f.feed(b"\n");
    assert_eq!(
        drain(&mut f),
        vec![ok(b"* 1 FETCH (BODY[] {4}\r\nabcd)\r\n")]
    );
    assert_eq!(f.buffered_len(), 0);
}

#[test]
fn big_literal_fed_one_byte_at_a_time() {
    let mut input = b"* 1 FETCH (BODY[] {10000}\r\n".to_vec();
    input.extend((0..10_000).map(|i| if i % 50 == 0 { b'\n' } else { b'x' }));
    input.extend_from_slice(b")\r\n");
    let (got, f) = chunked(&Limits::default(), &input, 1);
    assert_eq!(got, vec![ok(&input)]);
    assert_eq!(f.scanned_bytes(), input.len() as u64 - 10_000);
}

#[test]
fn scanning_is_linear_however_chunked() {
    let mut input = Vec::new();
    for i in 0..200 {
        input.extend_from_slice(format!("* {i} FETCH (UID {i} FLAGS (\\Seen))\r\n").as_bytes());
    }
    input.extend(std::iter::repeat_n(b'7', 5000));
    input.extend_from_slice(b" SEARCH\r\n");
    let (all, f_all) = chunked(&Limits::default(), &input, input.len());
    let (one, f_one) = chunked(&Limits::default(), &input, 1);
    assert_eq!(all, one);
    assert_eq!(f_all.scanned_bytes(), input.len() as u64);
    assert!(f_one.scanned_bytes() <= f_all.scanned_bytes() + 16);
    // Small reads (8 to 32 bytes) are searched as they are fed: still
    // each byte once.
    for size in [8, 13, 16, 31, 32] {
        let (got, f) = chunked(&Limits::default(), &input, size);
        assert_eq!(got, all, "size {size}");
        assert!(
            f.scanned_bytes() <= f_all.scanned_bytes() + 16,
            "size {size}"
        );
    }
}

#[test]
fn small_reads_fed_without_a_call_in_between_are_all_searched() {
    // Two reads before `next_frame`: the second is not searched at feed
    // time (the first is waiting), and its LF is still found.
    let mut f = Framer::default();
    f.feed(b"* 1 EXISTS\r\n* 2 E");
    f.feed(b"XISTS\r\n* 3 EXISTS");
    f.feed(b"\r\n");
    assert_eq!(
        drain(&mut f),
        vec![
            ok(b"* 1 EXISTS\r\n"),
            ok(b"* 2 EXISTS\r\n"),
            ok(b"* 3 EXISTS\r\n")
        ]
    );
    // One read searched at feed time, then a read with the LF.
    f.feed(b"* 4 EXISTS and more");
    assert_eq!(f.next_frame(), None);
    f.feed(b" text and more\r\n");
    assert_eq!(
        drain(&mut f),
        vec![ok(b"* 4 EXISTS and more text and more\r\n")]
    );
}

#[test]
fn long_line_is_skipped_unbuffered_and_stream_goes_on() {
    let limits = Limits {
        max_line_length: 100,
        ..Limits::default()
    };
    let mut input = b"* SEARCH".to_vec();
    input.extend(b" 1".repeat(5000));
    input.extend_from_slice(b"\r\nA1 OK\r\n");
    for size in [1, 7, 16, 32, 4096, input.len()] {
        let mut f = Framer::new(limits.clone());
        let mut got = Vec::new();
        for chunk in input.chunks(size) {
            f.feed(chunk);
            assert!(f.buffered_len() <= 100 + size.max(SKIP_TAIL), "size {size}");
            got.extend(drain(&mut f));
        }
        assert_eq!(got.len(), 2, "size {size}");
        match &got[0] {
            Err(FramingError::LineTooLong { limit: 100, start }) => {
                assert!(start.0.starts_with(b"* SEARCH 1 1"));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(got[1], ok(b"A1 OK\r\n"));
    }
}

#[test]
fn zero_limits_report_only_lines_that_arrived() {
    let mut f = Framer::new(Limits {
        max_line_length: 0,
        ..Limits::default()
    });
    assert_eq!(f.next_frame(), None);
    f.feed(b"\n");
    assert!(matches!(
        f.next_frame(),
        Some(Err(FramingError::LineTooLong { limit: 0, .. }))
    ));
    assert_eq!(f.next_frame(), None);
    let limits = Limits {
        max_response_size: 0,
        ..Limits::default()
    };
    let (got, _) = chunked(&limits, b"* 1 EXISTS\r\n* 2 EXISTS\r\n", 3);
    assert_eq!(
        got,
        vec![Err(FramingError::ResponseTooLarge { limit: 0 }); 2]
    );
}

#[test]
fn skipped_line_ending_in_literal_skips_the_literal_too() {
    let limits = Limits {
        max_line_length: 30,
        ..Limits::default()
    };
    let input = b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {9}\r\nA2 OK x\r\n)\r\nA1 OK\r\n";
    for size in 1..input.len() {
        let (got, _) = chunked(&limits, input, size);
        assert_eq!(got.len(), 2, "size {size}");
        assert!(matches!(got[0], Err(FramingError::LineTooLong { .. })));
        assert_eq!(got[1], ok(b"A1 OK\r\n"));
    }
}

#[test]
fn literal_over_limit_is_skipped() {
    let limits = Limits {
        max_literal_size: 10,
        ..Limits::default()
    };
    let input =
        b"* 1 FETCH (BODY[] {11}\r\n0123456789\n)\r\n* 2 FETCH (BODY[] {10}\r\n0123456789)\r\n";
    for size in [1, 3, input.len()] {
        let (got, f) = chunked(&limits, input, size);
        assert_eq!(
            got,
            vec![
                Err(FramingError::LiteralTooLarge {
                    size: 11,
                    limit: 10
                }),
                ok(b"* 2 FETCH (BODY[] {10}\r\n0123456789)\r\n")
            ]
        );
        assert_eq!(f.buffered_len(), 0);
    }
    // u64::MAX is readable, merely over the limit.
    let got = whole(b"* 1 FETCH (BODY[] {18446744073709551615}\r\nabc");
    assert!(matches!(
        got[..],
        [Err(FramingError::LiteralTooLarge { size: u64::MAX, .. })]
    ));
}

#[test]
fn huge_skipped_literal_is_never_buffered() {
    let limits = Limits {
        max_literal_size: 100,
        ..Limits::default()
    };
    let mut f = Framer::new(limits);
    f.feed(b"* 1 FETCH (BODY[] {1000000}\r\n");
    assert!(matches!(
        f.next_frame(),
        Some(Err(FramingError::LiteralTooLarge { .. }))
    ));
    let chunk = [b'x'; 1000];
    for _ in 0..1000 {
        f.feed(&chunk);
        assert_eq!(f.buffered_len(), 0);
    }
    f.feed(b")\r\n* 2 EXISTS\r\n");
    assert_eq!(drain(&mut f), vec![ok(b"* 2 EXISTS\r\n")]);
}

#[test]
fn response_over_limit_is_skipped() {
    let limits = Limits {
        max_response_size: 40,
        ..Limits::default()
    };
    let input = b"* 1 FETCH (BODY[] {10}\r\n0123456789 UID 1234567890)\r\n* 3 FETCH (A {30}\r\n";
    let tail = b"012345678901234567890123456789)\r\nA1 OK\r\n";
    let mut all = input.to_vec();
    all.extend_from_slice(tail);
    for size in [1, 5, all.len()] {
        let (got, _) = chunked(&limits, &all, size);
        let too_large = Err(FramingError::ResponseTooLarge { limit: 40 });
        assert_eq!(
            got,
            vec![too_large.clone(), too_large, ok(b"A1 OK\r\n")],
            "size {size}"
        );
    }
}

#[test]
fn unreadable_literal_length_is_fatal_and_sticky() {
    let mut f = Framer::default();
    f.feed(b"* 1 EXISTS\r\n* 2 FETCH (BODY[] {1234567890123456789012345}\r\nabc\r\n* 3 EXISTS\r\n");
    assert_eq!(
        f.next_frame(),
        Some(Ok(Bytes::from_static(b"* 1 EXISTS\r\n")))
    );
    let e = f.next_frame().unwrap().unwrap_err();
    assert!(e.is_fatal());
    assert_eq!(f.next_frame(), Some(Err(e.clone())));
    f.feed(b"* 4 EXISTS\r\n");
    assert_eq!(f.next_frame(), Some(Err(e)));
    assert_eq!(f.buffered_len(), 0);
    // 20 digits over u64::MAX is unreadable too.
    let got = whole(b"* 1 FETCH (BODY[] {99999999999999999999}\r\n");
    assert!(matches!(
        got[..],
        [Err(FramingError::BadLiteralLength { .. })]
    ));
}

#[test]
fn unreadable_length_in_a_skipped_line_is_fatal_however_chunked() {
    let limits = Limits {
        max_line_length: 20,
        ..Limits::default()
    };
    let mut input = b"* 1 FETCH (BODY[] {".to_vec();
    input.extend(std::iter::repeat_n(b'1', 100));
    input.extend_from_slice(b"}\r\nab\r\n");
    let expected = chunked(&limits, &input, input.len()).0;
    assert!(matches!(
        expected[..],
        [
            Err(FramingError::LineTooLong { .. }),
            Err(FramingError::BadLiteralLength { .. })
        ]
    ));
    for size in 1..input.len() {
        assert_eq!(chunked(&limits, &input, size).0, expected, "size {size}");
    }
}

#[test]
fn recv_buf_commit_reads_in_place() {
    let mut f = Framer::default();
    let data = b"* 1 EXISTS\r\n* 2 EX";
    let buf = f.recv_buf(64);
    assert_eq!(buf.len(), 64);
    buf[..data.len()].copy_from_slice(data);
    f.commit(data.len());
    assert_eq!(f.buffered_len(), data.len());
    assert_eq!(drain(&mut f), vec![ok(b"* 1 EXISTS\r\n")]);
    // An uncommitted read is dropped.
    f.recv_buf(10).fill(b'z');
    f.feed(b"ISTS\r\n");
    assert_eq!(drain(&mut f), vec![ok(b"* 2 EXISTS\r\n")]);
}

#[test]
fn small_reads_mixed_with_reads_in_place() {
    // A line in progress, all of it searched: small reads take the fast
    // path of `feed`, which a read in place must close.
    let mut f = Framer::default();
    f.feed(b"* 1 FETCH (FLAGS (");
    assert_eq!(f.next_frame(), None);
    f.recv_buf(16).copy_from_slice(b"\\Seen) UID 9)\r\n*");
    // Never committed: dropped by the next feed.
    f.feed(b"\\Seen \\Flagged))\r\n");
    assert_eq!(
        drain(&mut f),
        vec![ok(b"* 1 FETCH (FLAGS (\\Seen \\Flagged))\r\n")]
    );
    f.feed(b"* 2 FETCH (UID 1");
    assert_eq!(f.next_frame(), None);
    f.recv_buf(8).copy_from_slice(b"0)\r\n* 3 ");
    f.commit(8);
    f.feed(b"EXISTS\r\n");
    assert_eq!(
        drain(&mut f),
        vec![ok(b"* 2 FETCH (UID 10)\r\n"), ok(b"* 3 EXISTS\r\n")]
    );
}

#[test]
fn buffer_is_reused_from_its_start_once_frames_are_dropped() {
    let mut f = Framer::default();
    let body = vec![b'x'; 200_000];
    let mut big = format!("* 1 FETCH (BODY[] {{{}}}\r\n", body.len()).into_bytes();
    big.extend_from_slice(&body);
    big.extend_from_slice(b")\r\n* 2 EX");
    // In reads, so that the buffer grows past what it holds.
    for chunk in big.chunks(1000) {
        f.feed(chunk);
    }
    let frame = f.next_frame().unwrap().unwrap();
    let start = frame.as_ptr();
    assert_eq!(frame.len(), big.len() - 6);
    drop(frame);
    // Once the big frame is dropped, the pending bytes go back to the
    // start of the allocation instead of walking on through it.
    f.feed(b"ISTS\r\n");
    let next = f.next_frame().unwrap().unwrap();
    assert_eq!(&next[..], b"* 2 EXISTS\r\n");
    assert_eq!(next.as_ptr(), start);
    // While a frame is held, nothing moves under it.
    let mut many = Vec::new();
    for k in 0..20_000 {
        f.feed(format!("* {k} EXISTS\r\n").as_bytes());
        many.push(f.next_frame().unwrap().unwrap());
    }
    assert_eq!(&next[..], b"* 2 EXISTS\r\n");
    for (k, frame) in many.iter().enumerate() {
        assert_eq!(frame[..], *format!("* {k} EXISTS\r\n").as_bytes());
    }
}

#[test]
fn shrink_buffer_keeps_pending_bytes() {
    let mut f = Framer::default();
    f.feed(&[b'a'; 100_000]);
    f.feed(b"\r\n* 1 FETCH (BODY[] {3}\r\nab");
    assert_eq!(f.next_frame().unwrap().unwrap().len(), 100_002);
    f.shrink_buffer();
    assert_eq!(f.buffered_len(), 25);
    f.feed(b"c)\r\n");
    assert_eq!(
        drain(&mut f),
        vec![ok(b"* 1 FETCH (BODY[] {3}\r\nabc)\r\n")]
    );
}

/// A response of the test stream: a line of `len` bytes, or a FETCH with a
/// literal of `len` bytes whose content looks like lines and markers.
fn response(literal: bool, len: usize, seed: u8) -> Vec<u8> {
    if literal {
        let content: Vec<u8> = b"x{5}\r\n* 1 EXISTS\r\n"
            .iter()
            .cycle()
            .skip(usize::from(seed))
            .take(len)
            .copied()
            .collect();
        let mut r = format!("* {seed} FETCH (BODY[] {{{len}}}\r\n").into_bytes();
        r.extend_from_slice(&content);
        r.extend_from_slice(b")\r\n");
        r
    } else {
        let mut r = format!("* OK {seed} ").into_bytes();
        r.extend(std::iter::repeat_n(b'a' + seed % 26, len));
        r.extend_from_slice(b"\r\n");
        r
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Large responses fed in reads of any size, some frames held by the
    /// caller and some dropped, the buffer shrunk now and then: every
    /// frame comes out whole and in order, and held frames keep their
    /// bytes while the buffer is reused under them.
    #[test]
    fn frames_survive_buffer_reuse(
        spec in prop::collection::vec((any::<bool>(), 0usize..120_000, any::<u8>(), any::<bool>()), 1..10),
        sizes in prop::collection::vec(100usize..70_000, 1..6),
        shrink_every in 0usize..8,
    ) {
        let expected: Vec<Vec<u8>> = spec
            .iter()
            .map(|&(literal, len, seed, _)| response(literal, len, seed))
            .collect();
        let stream: Vec<u8> = expected.concat();
        let mut f = Framer::default();
        let mut held = Vec::new();
        let mut got = 0;
        let mut rest = &stream[..];
        for (k, size) in sizes.iter().cycle().enumerate() {
            if rest.is_empty() {
                break;
            }
            let (chunk, tail) = rest.split_at((*size).min(rest.len()));
            rest = tail;
            f.feed(chunk);
            while let Some(frame) = f.next_frame() {
                let frame = frame.unwrap();
                prop_assert_eq!(&frame[..], &expected[got][..]);
                if spec[got].3 {
                    held.push((got, frame));
                }
                got += 1;
            }
            if shrink_every != 0 && k % shrink_every == 0 {
                f.shrink_buffer();
            }
        }
        prop_assert_eq!(got, expected.len());
        for (n, frame) in held {
            prop_assert_eq!(&frame[..], &expected[n][..]);
        }
    }
}

#[test]
fn small_reads_append_exactly_their_bytes() {
    let data: Vec<u8> = (0..=255u8).cycle().take(2000).collect();
    for n in 1..=40 {
        let mut f = Framer::default();
        for chunk in data.chunks(n) {
            f.feed(chunk);
        }
        assert_eq!(f.buffered_len(), data.len(), "reads of {n}");
        assert_eq!(&f.buf[..], &data[..], "reads of {n}");
    }
}
