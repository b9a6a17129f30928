//! Chunk invariance: a [`ResponseStream`] yields the same items (raw bytes
//! and parse results) whether a stream is fed whole, one byte at a time, or
//! split at random points.

use imap_proto::response::FramingError;
use imap_proto::{Limits, Received, ResponseStream};
use proptest::prelude::*;

/// Realistic server responses, literals included.
const CORPUS: &[&[u8]] = &[
    b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE IDLE AUTH=PLAIN] Dovecot ready.\r\n",
    b"* PREAUTH IMAP4rev1 server logged in as Smith\r\n",
    b"* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED \r\n",
    b"A001 OK [READ-WRITE] SELECT completed\r\n",
    b"A002 NO [TRYCREATE] Mailbox doesn't exist\r\n",
    b"A003 BAD Command unknown\r\n",
    b"* BYE Autologout; idle for too long\r\n",
    b"+ \r\n",
    b"+\r\n",
    b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n",
    b"* 172 EXISTS\r\n",
    b"*  522 EXISTS\r\n",
    b"* 1 RECENT\r\n",
    b"* 44 EXPUNGE\r\n",
    b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)\r\n",
    b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
    b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
    b"* OK [UIDNEXT 4392] Predicted next UID\r\n",
    b"* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n",
    b"* LIST (\\HasNoChildren \\Sent) \".\" \"Sent Items\"\r\n",
    b"* LIST () \"/\" {11}\r\nfoo\r\nbar{3}\r\n",
    b"* LSUB () \".\" #news.comp.mail.misc\r\n",
    b"* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n",
    b"* SEARCH 2 84 882\r\n",
    b"* SEARCH 1 2 3 (MODSEQ 917162500)\r\n",
    b"* ESEARCH (TAG \"A282\") UID MIN 2 COUNT 3 ALL 2,10:11\r\n",
    b"* SORT 2 84 882\r\n",
    b"* 12 FETCH (FLAGS (\\Seen) UID 4827313 RFC822.SIZE 44827)\r\n",
    b"* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL NIL NIL NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n",
    b"* 1 FETCH (UID 1 BODY[HEADER.FIELDS (SUBJECT)] {21}\r\nSubject: hi {5}\r\n\r\n\r\n)\r\n",
    b"* 2 FETCH (BODY[TEXT]<0> {12}\r\nhello\r\nworld UID 12)\r\n",
    b"* 3 FETCH (BINARY[1] ~{4}\r\n\x00\x01\r\n FLAGS ())\r\n",
    b"* 4 FETCH (RFC822 {0}\r\n UID 9)\r\n",
    b"* 5 FETCH (BODY[1] {3+}\r\nabc BODY[2] {2}\r\nde)\r\n",
    b"* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 10 512)\r\n",
    b"* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n",
    b"* ID (\"name\" \"Dovecot\")\r\n",
    b"* VANISHED (EARLIER) 41,43:116,118,120:211,214:540\r\n",
    b"* OK {-1}\r\n",
    b"* 6 FETCH (BODY[] {40}\r\n0123456789012345678901234567890123456789)\r\n",
    b"* SEARCH 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26\r\n",
    b"A004 OK done\n",
];

/// Default limits, and tight ones that make some corpus entries go over.
fn limits(tight: bool) -> Limits {
    let mut l = Limits::default();
    if tight {
        l.max_line_length = 60;
        l.max_literal_size = 20;
        l.max_response_size = 120;
    }
    l
}

/// Feeds `chunks` in order, draining after each; stops at a fatal error.
fn run<'a>(
    limits: &Limits,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Vec<Result<Received, FramingError>> {
    let mut stream = ResponseStream::new(limits.clone());
    let mut out = Vec::new();
    for chunk in chunks {
        stream.feed(chunk);
        while let Some(item) = stream.next() {
            let fatal = item.is_err();
            out.push(item);
            if fatal {
                return out;
            }
        }
    }
    assert_eq!(
        stream.buffered_len(),
        0,
        "a complete stream leaves nothing buffered"
    );
    out
}

fn stream_of(picks: &[usize]) -> Vec<u8> {
    picks
        .iter()
        .flat_map(|&i| CORPUS[i % CORPUS.len()].iter().copied())
        .collect()
}

/// Cuts `input` at the given points (taken modulo its length).
fn split_at_points<'a>(input: &'a [u8], points: &[usize]) -> Vec<&'a [u8]> {
    let mut cuts: Vec<usize> = points.iter().map(|p| p % (input.len() + 1)).collect();
    cuts.push(0);
    cuts.push(input.len());
    cuts.sort_unstable();
    cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect()
}

#[test]
fn whole_corpus_is_framed_entry_by_entry() {
    let picks: Vec<usize> = (0..CORPUS.len()).collect();
    let input = stream_of(&picks);
    let items = run(&limits(false), [&input[..]]);
    // The QUOTAROOT entry holds two responses.
    assert_eq!(items.len(), CORPUS.len() + 1);
    let raws: Vec<u8> = items
        .iter()
        .flat_map(|i| match i {
            Ok(Received::Response { raw, .. }) | Ok(Received::Malformed { raw, .. }) => {
                raw.to_vec()
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(raws, input);
}

#[test]
fn every_corpus_entry_parses() {
    // So that the comparisons below compare typed values, not only errors.
    for entry in CORPUS {
        for item in run(&limits(false), [*entry]) {
            assert!(matches!(item, Ok(Received::Response { .. })), "{item:?}");
        }
    }
}

#[test]
fn tight_limits_discard_some_entries() {
    let picks: Vec<usize> = (0..CORPUS.len()).collect();
    let items = run(&limits(true), [&stream_of(&picks)[..]]);
    let discarded = items
        .iter()
        .filter(|i| matches!(i, Ok(Received::Discarded(_))))
        .count();
    assert!(discarded >= 3, "{items:?}");
    assert!(items.len() > discarded + 20);
}

#[test]
fn one_byte_at_a_time_equals_whole() {
    let picks: Vec<usize> = (0..CORPUS.len()).rev().collect();
    let input = stream_of(&picks);
    for tight in [false, true] {
        let l = limits(tight);
        assert_eq!(run(&l, input.chunks(1)), run(&l, [&input[..]]));
    }
}

proptest! {
    #[test]
    fn chunking_does_not_change_the_items(
        picks in proptest::collection::vec(0..CORPUS.len(), 1..40),
        points in proptest::collection::vec(any::<usize>(), 0..30),
        tight in any::<bool>(),
    ) {
        let input = stream_of(&picks);
        let l = limits(tight);
        let whole = run(&l, [&input[..]]);
        prop_assert_eq!(&run(&l, input.chunks(1)), &whole);
        prop_assert_eq!(&run(&l, split_at_points(&input, &points)), &whole);
    }

    #[test]
    fn fixed_chunk_sizes_do_not_change_the_items(
        picks in proptest::collection::vec(0..CORPUS.len(), 1..40),
        size in 1usize..200,
    ) {
        let input = stream_of(&picks);
        let l = limits(false);
        prop_assert_eq!(run(&l, input.chunks(size)), run(&l, [&input[..]]));
    }
}

/// Feeds `chunks` with literals of at least `from` bytes streamed, and
/// puts each response back together: `(response as received, item)`, where
/// the item is the `Response` or `Malformed` the stream gave for it.
fn run_streaming<'a>(
    from: u64,
    chunks: impl IntoIterator<Item = &'a [u8]>,
) -> Vec<(Vec<u8>, Received)> {
    let mut limits = Limits::default();
    limits.stream_literals_from = Some(from);
    let mut stream = ResponseStream::new(limits);
    let mut out = Vec::new();
    let mut received = Vec::new();
    let mut left = 0u64;
    for chunk in chunks {
        stream.feed(chunk);
        while let Some(item) = stream.next() {
            match item.expect("no framing error in the corpus") {
                Received::LiteralStart { head, size } => {
                    assert_eq!(left, 0, "a literal starts before the last one ended");
                    assert!(size >= from);
                    received.extend_from_slice(&head);
                    left = size;
                }
                Received::LiteralData(data) => {
                    assert!(!data.is_empty() && data.len() as u64 <= left);
                    left -= data.len() as u64;
                    received.extend_from_slice(&data);
                }
                item @ (Received::Response { .. } | Received::Malformed { .. }) => {
                    assert_eq!(left, 0, "a response ends before its literal");
                    out.push((std::mem::take(&mut received), item));
                }
                other => panic!("{other:?}"),
            }
        }
    }
    assert_eq!(stream.buffered_len(), 0);
    out
}

/// `raw` with the markers of literals of at least `from` bytes rewritten to
/// `{0}` and their data left out: what a streamed response is parsed from.
fn without_streamed_literals(raw: &[u8], from: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(lf) = rest.iter().position(|&b| b == b'\n') {
        let line = &rest[..=lf];
        rest = &rest[lf + 1..];
        let body = line
            .strip_suffix(b"\r\n")
            .unwrap_or(&line[..line.len() - 1]);
        let open = body.iter().rposition(|&b| b == b'{');
        let size = open.and_then(|o| {
            let digits = body[o + 1..].strip_suffix(b"}")?;
            let digits = digits.strip_suffix(b"+").unwrap_or(digits);
            std::str::from_utf8(digits).ok()?.parse::<u64>().ok()
        });
        match (open, size) {
            (Some(o), Some(n)) if n >= from => {
                out.extend_from_slice(&body[..=o]);
                out.extend_from_slice(b"0}");
                out.extend_from_slice(&line[body.len()..]);
                rest = &rest[n as usize..];
            }
            (_, Some(n)) => {
                out.extend_from_slice(line);
                out.extend_from_slice(&rest[..n as usize]);
                rest = &rest[n as usize..];
            }
            _ => out.extend_from_slice(line),
        }
    }
    out
}

proptest! {
    /// With literal streaming on, every response comes out once complete,
    /// parsed from its bytes less the streamed literals, and the streamed
    /// pieces put back give the bytes received, however the stream is
    /// chunked.
    #[test]
    fn streamed_literals_put_back_give_the_whole_stream(
        picks in proptest::collection::vec(0..CORPUS.len(), 1..40),
        points in proptest::collection::vec(any::<usize>(), 0..30),
        from in 1u64..45,
    ) {
        let input = stream_of(&picks);
        let whole = run(&limits(false), [&input[..]]);
        for streamed in [
            run_streaming(from, [&input[..]]),
            run_streaming(from, input.chunks(1)),
            run_streaming(from, split_at_points(&input, &points)),
        ] {
            prop_assert_eq!(streamed.len(), whole.len());
            for ((before, item), expected) in streamed.into_iter().zip(&whole) {
                let Ok(Received::Response { raw: full, .. } | Received::Malformed { raw: full, .. }) =
                    expected
                else {
                    panic!("{expected:?}");
                };
                let (raw, ok) = match &item {
                    Received::Response { raw, .. } => (raw, true),
                    Received::Malformed { raw, .. } => (raw, false),
                    _ => unreachable!(),
                };
                let parsed_from = without_streamed_literals(full, from);
                prop_assert_eq!(&raw[..], &parsed_from[..]);
                // The response's own bytes after the last streamed literal
                // end `raw`; before them came the heads and the pieces.
                prop_assert!(full.starts_with(&before));
                prop_assert!(raw.ends_with(&full[before.len()..]));
                prop_assert_eq!(ok, matches!(expected, Ok(Received::Response { .. })));
                if before.is_empty() {
                    prop_assert_eq!(Ok(item), expected.clone());
                }
            }
        }
    }
}
