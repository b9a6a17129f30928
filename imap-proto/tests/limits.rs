//! Issue 2 item 4, through the public API: the limits' defaults, literal
//! lengths that are errors in the framer and in the parser, bounded nesting
//! for every recursive rule on a 2 MiB thread stack, and ranges that stay
//! ranges.

use bytes::Bytes;

use imap_proto::response::parse::parse_response;
use imap_proto::response::*;
use imap_proto::types::{SeqNumber, SeqRange, SequenceSet};
use imap_proto::{Limits, Received, ResponseStream};

/// Feeds `input` whole, then drains the stream (stopping after a fatal error).
fn stream_items(limits: Limits, input: &[u8]) -> Vec<Result<Received, FramingError>> {
    let mut s = ResponseStream::new(limits);
    s.feed(input);
    let mut out = Vec::new();
    while let Some(item) = s.next() {
        let fatal = item.is_err();
        out.push(item);
        if fatal {
            break;
        }
    }
    out
}

fn parse(wire: &[u8]) -> Result<Response, ParseError> {
    parse_response(&Bytes::copy_from_slice(wire), &Limits::default())
}

/// Runs `f` on a thread with a 2 MiB stack (as a small embedded or async
/// runtime thread would have) and returns its result.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow, no panic")
}

#[test]
fn defaults_are_documented_fields() {
    let l = Limits::default();
    assert!(
        l.max_line_length >= 1_000_000,
        "at least imaplib's _MAXLINE"
    );
    assert!(
        l.max_literal_size >= 64 << 20,
        "a 64 MiB literal is legitimate"
    );
    assert!(l.max_response_size >= l.max_literal_size);
    assert!(l.max_depth >= 50 && l.max_depth < 10_000);
    assert!(l.max_queued_events > 0);
}

#[test]
fn bad_literal_lengths_in_the_framer() {
    let limits = Limits::default();
    // u64::MAX is readable, but over the literal limit: skipped, typed.
    let got = stream_items(
        limits.clone(),
        b"* 1 FETCH (BODY[] {18446744073709551615}\r\n",
    );
    assert!(
        matches!(
            got[..],
            [Ok(Received::Discarded(FramingError::LiteralTooLarge {
                size: u64::MAX,
                ..
            }))]
        ),
        "{got:?}"
    );
    // 25 digits (and 20 digits over u64::MAX): the framing is lost, fatally.
    for line in [
        &b"* 1 FETCH (BODY[] {1234567890123456789012345}\r\nabc\r\n"[..],
        b"* 1 FETCH (BODY[] {18446744073709551616}\r\nabc\r\n",
    ] {
        let got = stream_items(limits.clone(), line);
        match &got[..] {
            [Err(e @ FramingError::BadLiteralLength { raw })] => {
                assert!(e.is_fatal());
                assert!(e.to_string().contains("}"), "{e}");
                assert!(raw.0.ends_with(b"}"), "{raw}");
            }
            other => panic!("{other:?}"),
        }
    }
    // `{-1}` and `{}` are no literal markers: the line ends there, does not
    // parse, and the next response is still found.
    for line in [
        &b"* 1 FETCH (BODY[] {-1}\r\n* 2 EXISTS\r\n"[..],
        b"* 1 FETCH (BODY[] {}\r\n* 2 EXISTS\r\n",
    ] {
        let got = stream_items(limits.clone(), line);
        match &got[..] {
            [Ok(Received::Malformed {
                error: ParseError::Syntax { near, .. },
                ..
            }), Ok(Received::Response {
                response: Response::Untagged(Untagged::Exists(2)),
                ..
            })] => assert!(near.0.starts_with(b"-1}") || near.0.starts_with(b"}")),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn bad_literal_lengths_in_the_parser() {
    for line in [
        &b"* 1 FETCH (BODY[] {18446744073709551615}\r\nabc)\r\n"[..],
        b"* 1 FETCH (BODY[] {1234567890123456789012345}\r\nabc)\r\n",
        b"* 1 FETCH (BODY[] {-1}\r\nabc)\r\n",
        b"* 1 FETCH (BODY[] {}\r\nabc)\r\n",
        b"* 1 FETCH (BODY[] {40}\r\nabc)\r\n",
        b"* LIST () \"/\" {18446744073709551615}\r\n",
    ] {
        match parse(line) {
            Err(ParseError::Syntax { near, .. } | ParseError::NumberOutOfRange { near }) => {
                // The snippet points into the literal marker.
                assert!(near.0.contains(&b'}'), "{near} for {line:?}");
            }
            other => panic!("{other:?} for {line:?}"),
        }
    }
}

#[test]
fn literal_over_the_limit_is_skipped_and_the_stream_goes_on() {
    let mut limits = Limits::default();
    limits.max_literal_size = 10;
    let got = stream_items(
        limits,
        b"* 1 FETCH (BODY[] {11}\r\n01234567890)\r\n* 2 EXISTS\r\n",
    );
    assert!(
        matches!(
            got[..],
            [
                Ok(Received::Discarded(FramingError::LiteralTooLarge {
                    size: 11,
                    limit: 10
                })),
                Ok(Received::Response {
                    response: Response::Untagged(Untagged::Exists(2)),
                    ..
                })
            ]
        ),
        "{got:?}"
    );
}

#[test]
fn line_of_a_million_bytes_parses_with_the_default_limit() {
    // imaplib's _MAXLINE is 1,000,000: a SEARCH answer that long is fine.
    let mut line = b"* SEARCH".to_vec();
    let mut n = 0u32;
    while line.len() < 1_000_000 {
        n += 1;
        line.extend_from_slice(format!(" {n}").as_bytes());
    }
    line.extend_from_slice(b"\r\n");
    let got = stream_items(Limits::default(), &line);
    match &got[..] {
        [Ok(Received::Response {
            response: Response::Untagged(Untagged::Search(r)),
            ..
        })] => assert_eq!(r.numbers.len(), n as usize),
        other => panic!("{:?}", other.first()),
    }
}

/// A BODYSTRUCTURE of `levels` nested multiparts around one text part.
fn nested_multipart(levels: usize) -> Vec<u8> {
    let mut s = b"* 1 FETCH (BODYSTRUCTURE ".to_vec();
    s.extend(std::iter::repeat_n(b'(', levels));
    s.extend_from_slice(b"\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 1 1)");
    for _ in 1..levels {
        s.extend_from_slice(b" \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL)");
    }
    s.extend_from_slice(b")\r\n");
    s
}

fn depth(b: &BodyStructure) -> usize {
    match b {
        BodyStructure::Multipart { parts, .. } => 1 + parts.iter().map(depth).max().unwrap_or(0),
        BodyStructure::Message { body, .. } => 1 + depth(body),
        _ => 1,
    }
}

#[test]
fn legitimate_50_level_bodystructure_parses_on_a_small_stack() {
    let got = on_small_stack(|| parse(&nested_multipart(50)));
    match got {
        Ok(Response::Untagged(Untagged::Fetch(f))) => match &f.attrs[..] {
            [FetchAttr::BodyStructure(b)] => assert_eq!(depth(b), 50),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// Each recursive rule, opened 10,000 times (10 KB of `(`), and the shapes
/// that make each level do some work first.
fn deep_inputs() -> Vec<(&'static str, Vec<u8>)> {
    let open = |prefix: &[u8], unit: &[u8], suffix: &[u8]| {
        let mut s = prefix.to_vec();
        for _ in 0..10_000 {
            s.extend_from_slice(unit);
        }
        s.extend_from_slice(suffix);
        s
    };
    vec![
        ("BODYSTRUCTURE", open(b"* 1 FETCH (BODYSTRUCTURE ", b"(", b"\r\n")),
        ("BODY", open(b"* 1 FETCH (BODY ", b"(", b"\r\n")),
        ("THREAD", open(b"* THREAD ", b"(", b"\r\n")),
        ("THREAD with numbers", open(b"* THREAD ", b"(1 ", b"\r\n")),
        ("unknown FETCH attribute", open(b"* 1 FETCH (X-FOO ", b"(", b"\r\n")),
        ("unknown FETCH attribute, strings", open(b"* 1 FETCH (X-FOO ", b"(\"a\" ", b"\r\n")),
        (
            "body extension",
            open(
                b"* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL ",
                b"(",
                b"\r\n",
            ),
        ),
        (
            "body extension, numbers",
            open(
                b"* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL ",
                b"(1 ",
                b"\r\n",
            ),
        ),
        ("code", open(b"* OK [X-FOO ", b"(", b"] x\r\n")),
        ("code, unclosed", open(b"* OK [X-FOO ", b"(", b"\r\n")),
        ("tagged code", open(b"a1 NO [X-FOO ", b"(", b"] x\r\n")),
        ("PERMANENTFLAGS", open(b"* OK [PERMANENTFLAGS ", b"(", b"] x\r\n")),
        ("BADCHARSET", open(b"* NO [BADCHARSET ", b"(", b"] x\r\n")),
        ("ENVELOPE", open(b"* 1 FETCH (ENVELOPE ", b"(", b"\r\n")),
        ("nested message", open(b"* 1 FETCH (BODYSTRUCTURE ", b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 1 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) ", b"\r\n")),
        ("LIST extended item", open(b"* LIST () \"/\" x (\"X-EXT\" ", b"(", b"\r\n")),
        ("ESEARCH item", open(b"* ESEARCH X-EXT ", b"(", b"\r\n")),
        ("NAMESPACE", open(b"* NAMESPACE ", b"(", b"\r\n")),
        ("NAMESPACE extension", open(b"* NAMESPACE ((\"\" \"/\" \"X\" ", b"(", b"\r\n")),
        ("ID", open(b"* ID ", b"(", b"\r\n")),
        ("METADATA", open(b"* METADATA INBOX ", b"(", b"\r\n")),
        ("ANNOTATION", open(b"* ANNOTATION INBOX /c ", b"(", b"\r\n")),
        ("STATUS", open(b"* STATUS INBOX ", b"(", b"\r\n")),
        ("unknown untagged", open(b"* X-FOO ", b"(", b"\r\n")),
        ("continuation", open(b"+ ", b"(", b"\r\n")),
    ]
}

#[test]
fn ten_thousand_open_parentheses_are_an_error_on_a_2_mib_stack() {
    let results = on_small_stack(|| {
        deep_inputs()
            .into_iter()
            .map(|(name, input)| {
                assert!(input.len() < 1_000_000);
                (name, stream_items(Limits::default(), &input))
            })
            .collect::<Vec<_>>()
    });
    for (name, got) in results {
        // Whatever else, one item: a value or a typed error, never a crash.
        assert_eq!(got.len(), 1, "{name}: {got:?}");
        if let Ok(Received::Malformed { error, raw }) = &got[0] {
            assert!(raw.len() >= 10_000, "{name}");
            assert!(
                matches!(
                    error,
                    ParseError::TooDeep { limit: 100 } | ParseError::Syntax { .. }
                ),
                "{name}: {error:?}"
            );
        }
    }
}

#[test]
fn ten_thousand_open_parentheses_in_recursive_rules_are_too_deep() {
    let results = on_small_stack(|| {
        deep_inputs()
            .into_iter()
            .map(|(name, input)| (name, parse(&input)))
            .collect::<Vec<_>>()
    });
    for (name, got) in results {
        let recursive = [
            "BODYSTRUCTURE",
            "BODY",
            "THREAD",
            "THREAD with numbers",
            "unknown FETCH attribute",
            "unknown FETCH attribute, strings",
            "body extension",
            "body extension, numbers",
            "nested message",
        ];
        if recursive.contains(&name) {
            assert_eq!(got, Err(ParseError::TooDeep { limit: 100 }), "{name}");
        } else {
            println!("{name}: {:?}", got.as_ref().map(|_| "parsed"));
            assert!(
                !matches!(got, Ok(Response::Untagged(Untagged::Fetch(_)))),
                "{name}: {got:?}"
            );
        }
    }
}

#[test]
fn full_uid_ranges_are_never_expanded() {
    let full = SequenceSet(vec![SeqRange {
        start: SeqNumber::Value(1),
        end: SeqNumber::Value(u32::MAX),
    }]);
    match parse(b"a OK [COPYUID 1 1:4294967295 1:4294967295] done\r\n") {
        Ok(Response::Tagged(Tagged {
            status:
                Status {
                    code:
                        Some(Code::CopyUid {
                            source,
                            destination,
                            ..
                        }),
                    ..
                },
            ..
        })) => {
            assert_eq!(source, full);
            assert_eq!(destination, full);
        }
        other => panic!("{other:?}"),
    }
    match parse(b"a OK [APPENDUID 1 4294967295:1] done\r\n") {
        Ok(Response::Tagged(Tagged {
            status:
                Status {
                    code: Some(Code::AppendUid { uids, .. }),
                    ..
                },
            ..
        })) => assert_eq!(uids.ranges().len(), 1),
        other => panic!("{other:?}"),
    }
    for line in [
        &b"* ESEARCH (TAG \"a\") UID ALL 1:4294967295\r\n"[..],
        b"* VANISHED (EARLIER) 1:4294967295\r\n",
        b"* OK [MODIFIED 1:4294967295] x\r\n",
    ] {
        let got = format!("{:?}", parse(line).expect("parses"));
        assert!(got.contains("end: Value(4294967295)"), "{got}");
    }
}
