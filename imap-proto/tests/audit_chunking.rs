//! Chunk invariance over a corpus that holds every response kind of the
//! model (each `Untagged` variant, every FETCH attribute, every response
//! code), malformed lines and literals of all three forms; and over random
//! encoded responses from the shared proptest strategies.

mod common;

use std::collections::BTreeSet;

use imap_proto::response::encode::encode_response;
use imap_proto::response::*;
use imap_proto::{Limits, Received, ResponseStream};
use proptest::prelude::*;

/// One entry per kind; entries marked `true` must parse, `false` must not.
const CORPUS: &[(&[u8], bool)] = &[
    (b"* OK [ALERT] hi\r\n", true),
    (b"* PREAUTH [CAPABILITY IMAP4rev2 AUTH=PLAIN] x\r\n", true),
    (b"* BYE [UNAVAILABLE] going\r\n", true),
    (b"a1 NO [BADCHARSET (UTF-8)] x\r\n", true),
    (b"a2 BAD [PARSE] x\r\n", true),
    (b"* OK [PERMANENTFLAGS (\\Seen \\*)] x\r\n", true),
    (b"a3 OK [READ-ONLY] x\r\n", true),
    (b"a4 NO [TRYCREATE]\r\n", true),
    (b"* OK [UIDNEXT 4392] x\r\n", true),
    (b"* OK [UIDVALIDITY 3857529045] x\r\n", true),
    (b"* OK [UNSEEN 12] x\r\n", true),
    (b"a5 OK [APPENDUID 38505 3955] x\r\n", true),
    (b"a6 OK [COPYUID 38505 304,319:320 3956:3958] x\r\n", true),
    (b"a7 NO [UIDNOTSTICKY] x\r\n", true),
    (b"* OK [HIGHESTMODSEQ 715194045007] x\r\n", true),
    (b"* OK [NOMODSEQ] x\r\n", true),
    (b"a8 OK [MODIFIED 7,9] x\r\n", true),
    (b"* OK [CLOSED] x\r\n", true),
    (b"a9 NO [NONEXISTENT] x\r\n", true),
    (b"b1 NO [ALREADYEXISTS] x\r\n", true),
    (b"b2 NO [X-FOO bar] x\r\n", true),
    (b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n", true),
    (b"+\r\n", true),
    (b"* CAPABILITY IMAP4rev1 IDLE \r\n", true),
    (b"* ENABLED CONDSTORE QRESYNC\r\n", true),
    (b"* 23 EXISTS\r\n", true),
    (b"* 5 RECENT\r\n", true),
    (b"* 3 EXPUNGE\r\n", true),
    (b"* FLAGS (\\Answered [Gmail]x \\*)\r\n", true),
    (b"* LIST (\\HasNoChildren \\Sent) \"/\" {4}\r\nSent (\"CHILDINFO\" (\"SUBSCRIBED\") \"OLDNAME\" (\"Old\"))\r\n", true),
    (b"* LSUB () \".\" #news.comp.mail.misc\r\n", true),
    (b"* STATUS INBOX (MESSAGES 1 UIDNEXT 2 UIDVALIDITY 3 UNSEEN 4 RECENT 5 DELETED 6 SIZE 7 HIGHESTMODSEQ 8)\r\n", true),
    (b"* SEARCH 2 84 882 (MODSEQ 917162500)\r\n", true),
    (b"* SORT 5 3 4\r\n", true),
    (b"* ESEARCH (TAG \"a\") UID MIN 1 MAX 9 COUNT 3 ALL 1:3 MODSEQ 4\r\n", true),
    (b"* THREAD (2)(3 6 (4 23)(44 7 96))\r\n", true),
    (b"* NAMESPACE ((\"\" \"/\")) NIL ((\"#shared/\" \"/\"))\r\n", true),
    (b"* QUOTA \"\" (STORAGE 10 512)\r\n", true),
    (b"* QUOTAROOT INBOX \"\"\r\n", true),
    (b"* ACL INBOX Fred rwipslxetad\r\n", true),
    (b"* LISTRIGHTS ~/Mail/saved smith la r swicdkxte\r\n", true),
    (b"* MYRIGHTS INBOX rwiptsldaex\r\n", true),
    (b"* METADATA INBOX (/shared/comment {3}\r\nabc)\r\n", true),
    (b"* METADATA INBOX /shared/comment\r\n", true),
    (b"* ANNOTATION INBOX \"/comment\" (\"value.shared\" \"x\")\r\n", true),
    (b"* ID (\"name\" \"Dovecot\")\r\n", true),
    (b"* VANISHED (EARLIER) 41,43:116\r\n", true),
    (b"* X-UNKNOWN 1 2 3\r\n", true),
    (b"* 12 FETCH (FLAGS (\\Seen) UID 4827313 INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 44827 MODSEQ (12))\r\n", true),
    (b"* 1 FETCH (RFC822 {3}\r\nabc RFC822.HEADER {2}\r\nhh RFC822.TEXT NIL)\r\n", true),
    (b"* 2 FETCH (BODY[1.HEADER.FIELDS (SUBJECT)]<0> {9}\r\nSubject: BINARY[2] ~{2}\r\n\x00\x01 BINARY.SIZE[2] 2)\r\n", true),
    (b"* 3 FETCH (ENVELOPE (\"d\" \"s\" ((\"A\" NIL \"a\" \"x.org\")) NIL NIL ((NIL NIL \"g\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL \"<m@x>\"))\r\n", true),
    (b"* 4 FETCH (BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))\r\n", true),
    (b"* 5 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL (\"inline\" NIL) NIL NIL)(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 9 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) (\"APPLICATION\" \"PDF\" NIL NIL NIL \"BASE64\" 4) 2) \"MIXED\" (\"BOUNDARY\" \"b\") NIL NIL NIL (1 (\"x\"))))\r\n", true),
    (b"* 6 FETCH (X-GM-LABELS (\\Inbox \"a b\") UID 3)\r\n", true),
    (b")(garbage\r\n", false),
    (b"* 7 FETCH (UID x)\r\n", false),
    (b"* 8 FETCH (BODY[] {-1}\r\n", false),
    (b"a10 OK done\n", true),
];

/// The kind of a parsed response, fine enough to see every model variant.
fn kinds(r: &Response) -> Vec<String> {
    match r {
        Response::Continue(_) => vec!["Continue".into()],
        Response::Tagged(t) => vec![format!("code {}", code_name(t.status.code.as_ref()))],
        Response::Untagged(Untagged::Status(s)) => {
            vec![format!("code {}", code_name(s.code.as_ref()))]
        }
        Response::Untagged(Untagged::Fetch(f)) => f
            .attrs
            .iter()
            .map(|a| {
                let d = format!("{a:?}");
                format!("FETCH {}", &d[..d.find(['(', ' ']).unwrap_or(d.len())])
            })
            .collect(),
        Response::Untagged(u) => {
            let d = format!("{u:?}");
            vec![d[..d.find(['(', ' ']).unwrap_or(d.len())].to_string()]
        }
    }
}

fn code_name(c: Option<&Code>) -> String {
    let d = c.map_or("none".to_string(), |c| format!("{c:?}"));
    d[..d.find(['(', ' ']).unwrap_or(d.len())].to_string()
}

fn run<'a>(chunks: impl IntoIterator<Item = &'a [u8]>) -> Vec<Result<Received, FramingError>> {
    let mut stream = ResponseStream::new(Limits::default());
    let mut out = Vec::new();
    for chunk in chunks {
        stream.feed(chunk);
        out.extend(std::iter::from_fn(|| stream.next()));
    }
    assert_eq!(stream.buffered_len(), 0);
    out
}

fn corpus_stream() -> Vec<u8> {
    CORPUS.iter().flat_map(|(e, _)| e.iter().copied()).collect()
}

#[test]
fn corpus_covers_every_response_kind_and_parses_as_marked() {
    let items = run([&corpus_stream()[..]]);
    assert_eq!(items.len(), CORPUS.len());
    let mut seen = BTreeSet::new();
    for (item, (entry, good)) in items.iter().zip(CORPUS) {
        match item {
            Ok(Received::Response { response, raw }) if *good => {
                assert_eq!(&raw[..], *entry);
                seen.extend(kinds(response));
            }
            Ok(Received::Malformed { raw, .. }) if !*good => assert_eq!(&raw[..], *entry),
            other => panic!("{other:?} for {:?}", String::from_utf8_lossy(entry)),
        }
    }
    for want in [
        "Continue",
        "Capability",
        "Enabled",
        "Exists",
        "Recent",
        "Expunge",
        "Flags",
        "List",
        "Lsub",
        "Status_",
        "Search",
        "Sort",
        "ESearch",
        "Thread",
        "Namespace",
        "Quota",
        "QuotaRoot",
        "Acl",
        "ListRights",
        "MyRights",
        "Metadata",
        "Annotation",
        "Id",
        "Vanished",
        "Other",
        "FETCH Flags",
        "FETCH Uid",
        "FETCH InternalDate",
        "FETCH Rfc822Size",
        "FETCH Rfc822",
        "FETCH Rfc822Header",
        "FETCH Rfc822Text",
        "FETCH BodySection",
        "FETCH Binary",
        "FETCH BinarySize",
        "FETCH Envelope",
        "FETCH Body",
        "FETCH BodyStructure",
        "FETCH ModSeq",
        "FETCH Other",
        "code Alert",
        "code Capability",
        "code Unavailable",
        "code BadCharset",
        "code Parse",
        "code PermanentFlags",
        "code ReadOnly",
        "code TryCreate",
        "code UidNext",
        "code UidValidity",
        "code Unseen",
        "code AppendUid",
        "code CopyUid",
        "code UidNotSticky",
        "code HighestModSeq",
        "code NoModSeq",
        "code Modified",
        "code Closed",
        "code NonExistent",
        "code AlreadyExists",
        "code Other",
        "code none",
    ] {
        assert!(seen.contains(want), "{want} missing from {seen:?}");
    }
}

#[test]
fn corpus_one_byte_at_a_time_and_every_fixed_size_equal_whole() {
    let input = corpus_stream();
    let whole = run([&input[..]]);
    for size in 1..=64 {
        assert_eq!(run(input.chunks(size)), whole, "chunk size {size}");
    }
}

proptest! {
    #[test]
    fn corpus_split_at_random_points_equals_whole(
        points in proptest::collection::vec(any::<usize>(), 0..60),
    ) {
        let input = corpus_stream();
        let mut cuts: Vec<usize> = points.iter().map(|p| p % (input.len() + 1)).collect();
        cuts.extend([0, input.len()]);
        cuts.sort_unstable();
        let chunks: Vec<&[u8]> = cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect();
        prop_assert_eq!(run(chunks), run([&input[..]]));
    }

    #[test]
    fn random_responses_split_at_random_points_equal_whole(
        rs in proptest::collection::vec(common::response(), 1..8),
        points in proptest::collection::vec(any::<usize>(), 0..30),
    ) {
        let mut input = Vec::new();
        for r in &rs {
            encode_response(r, &mut input);
        }
        let whole = run([&input[..]]);
        let parsed: Vec<&Response> = whole
            .iter()
            .filter_map(|i| match i {
                Ok(Received::Response { response, .. }) => Some(response),
                _ => None,
            })
            .collect();
        prop_assert_eq!(parsed, rs.iter().collect::<Vec<_>>());
        prop_assert_eq!(&run(input.chunks(1)), &whole);
        let mut cuts: Vec<usize> = points.iter().map(|p| p % (input.len() + 1)).collect();
        cuts.extend([0, input.len()]);
        cuts.sort_unstable();
        let chunks: Vec<&[u8]> = cuts.windows(2).map(|w| &input[w[0]..w[1]]).collect();
        prop_assert_eq!(&run(chunks), &whole);
    }
}

#[test]
fn literal_data_is_a_slice_of_the_raw_response_however_chunked() {
    let mut input = b"* 1 FETCH (UID 3 BODY[] {1048576}\r\n".to_vec();
    input.extend((0..1_048_576u32).map(|i| b'a' + (i % 26) as u8));
    input.extend_from_slice(b" FLAGS (\\Seen))\r\n");
    for size in [input.len(), 1460, 16] {
        let items = run(input.chunks(size));
        let [Ok(Received::Response { response, raw })] = &items[..] else {
            panic!("{items:?}");
        };
        let Response::Untagged(Untagged::Fetch(f)) = response else {
            panic!("{response:?}");
        };
        let Some(FetchAttr::BodySection {
            data: Some(data), ..
        }) = f.attrs.get(1)
        else {
            panic!("{:?}", f.attrs);
        };
        assert_eq!(data.len(), 1_048_576);
        // No copy: the literal's bytes are the raw response's bytes.
        let (start, end) = (raw.as_ptr() as usize, raw.as_ptr() as usize + raw.len());
        let p = data.as_ptr() as usize;
        assert!(start <= p && p + data.len() <= end, "chunk size {size}");
        assert_eq!(p - start, 35);
    }
}
