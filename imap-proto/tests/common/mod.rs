//! proptest strategies for the whole response model, shared by the
//! integration tests.
//!
//! They generate only values that have exactly one encoding and that the
//! parser gives back unchanged, so that `parse(encode(r)) == r` is a fair
//! property. The choices, rule by rule:
//!
//! - numbers stay in their ABNF range: `nz-number` is 1..=2^32-1, `number`
//!   0..=2^32-1, `number64` / `mod-sequence-value` 0..=2^63-1; message
//!   numbers and UIDs are non-zero;
//! - `Flag::Keyword` and `Flag::Extension` are atoms (no `]`, no spaces)
//!   that do not spell a system flag; `MailboxAttribute::Other` is `\` and an
//!   atom that is no known attribute; every `Other` name (codes, STATUS and
//!   ESEARCH items, FETCH attributes, untagged responses) starts with `X-`,
//!   so it can never be a known name;
//! - status and continuation text is printable ASCII that starts with
//!   neither a space (the parser skips extra spaces) nor `[` (it would be a
//!   response code); `Code::Other` data is non-empty TEXT without `]`;
//! - byte strings that the grammar writes as `string`/`astring`/`nstring`
//!   are arbitrary bytes (NUL, CR, LF, 8-bit included): the encoder picks
//!   atom, quoted or literal;
//! - lists that the grammar needs non-empty (`1*address`, `1*body`,
//!   capability lists, FETCH attributes, HEADER.FIELDS names, METADATA
//!   entries, body-extension lists, NAMESPACE extension values) are
//!   non-empty;
//! - a thread has either messages and no or 2+ children, or no messages and
//!   2+ children (`thread-nested = 2*thread-list`; one child would be the
//!   same thread written flat);
//! - `Section::text == Some(Mime)` only after a part number; `BODY` parts
//!   of type `Basic` are never `TEXT/*` or `MESSAGE/*` (those parse as
//!   `Text` / `Message`), `Message` is `MESSAGE/RFC822` or `MESSAGE/GLOBAL`;
//! - dates are valid calendar dates (day 1 to 28) with an offset under 100
//!   hours; `SEARCH ... (MODSEQ n)` only after at least one number;
//! - raw values of unknown items (`FetchAttr::Other`, `ESearchItem::Other`,
//!   `ListExtendedItem::Other`, `Untagged::Other`) are a number, an atom or
//!   a parenthesised list of atoms, which every reader keeps as sent.
#![allow(dead_code)]

use bytes::Bytes;
use proptest::collection::vec;
use proptest::prelude::*;

use imap_proto::response::*;
use imap_proto::types::*;

/// Bytes from a string strategy.
fn b(s: impl Strategy<Value = String>) -> impl Strategy<Value = Bytes> {
    s.prop_map(Bytes::from)
}

/// Any byte string, short.
pub(crate) fn any_bytes() -> BoxedStrategy<Bytes> {
    prop_oneof![
        3 => b("[A-Za-z0-9]{1,8}".prop_map(String::from)),
        2 => b("[ -~]{0,12}".prop_map(String::from)),
        2 => vec(any::<u8>(), 0..16).prop_map(Bytes::from),
        1 => prop_oneof![Just("NIL"), Just("nil"), Just(""), Just("~x"), Just("{3}"), Just("a\r\nb")]
            .prop_map(|s: &'static str| Bytes::from_static(s.as_bytes())),
    ].boxed()
}

/// An optional byte string (`nstring`).
pub(crate) fn nstring() -> BoxedStrategy<Option<Bytes>> {
    prop::option::weighted(0.8, any_bytes()).boxed()
}

/// An atom: `ATOM-CHAR`s only.
pub(crate) fn atom() -> BoxedStrategy<Bytes> {
    b("[A-Za-z0-9$&+,./:;<=>?@^_`|~!#'-]{1,10}".prop_map(String::from)).boxed()
}

/// A name that no reader knows: `X-` and atom characters.
pub(crate) fn unknown_name() -> BoxedStrategy<Bytes> {
    b("X-[A-Z0-9.-]{1,8}".prop_map(String::from)).boxed()
}

/// `text`: printable ASCII, not starting with a space or `[`; empty, short
/// (held inline) or longer than [`SmallBytes::INLINE_CAPACITY`] (a shared
/// slice).
pub(crate) fn text() -> BoxedStrategy<SmallBytes> {
    prop_oneof![
        Just(String::new()),
        "[!-Z\\\\^-~][ -~]{0,30}".prop_map(String::from),
        "[!-Z\\\\^-~][ -~]{30,80}".prop_map(String::from)
    ]
    .prop_map(SmallBytes::from)
    .boxed()
}

pub(crate) fn nz() -> BoxedStrategy<u32> {
    prop_oneof![1..=20u32, 1..=u32::MAX].boxed()
}

pub(crate) fn num32() -> BoxedStrategy<u32> {
    prop_oneof![0..=20u32, any::<u32>()].boxed()
}

pub(crate) fn num64() -> BoxedStrategy<u64> {
    prop_oneof![0..=20u64, 0..=i64::MAX as u64].boxed()
}

pub(crate) fn seq_number(star: bool) -> BoxedStrategy<SeqNumber> {
    if star {
        prop_oneof![4 => nz().prop_map(SeqNumber::Value), 1 => Just(SeqNumber::Largest)].boxed()
    } else {
        nz().prop_map(SeqNumber::Value).boxed()
    }
}

/// A `sequence-set`; `star` allows `*`, forbidden in a `uid-set`.
pub(crate) fn sequence_set(star: bool) -> impl Strategy<Value = SequenceSet> {
    let range = prop_oneof![
        seq_number(star).prop_map(|n| SeqRange { start: n, end: n }),
        (seq_number(star), seq_number(star)).prop_map(|(start, end)| SeqRange { start, end }),
    ];
    vec(range, 1..4).prop_map(SequenceSet)
}

pub(crate) fn flag() -> BoxedStrategy<Flag> {
    prop_oneof![
        Just(Flag::Seen),
        Just(Flag::Answered),
        Just(Flag::Flagged),
        Just(Flag::Deleted),
        Just(Flag::Draft),
        Just(Flag::Recent),
        Just(Flag::MayCreate),
        b("X[A-Za-z0-9_-]{0,8}".prop_map(String::from)).prop_map(Flag::Extension),
        b("[$A-Za-z][A-Za-z0-9$_.-]{0,10}".prop_map(String::from)).prop_map(Flag::Keyword),
    ]
    .boxed()
}

pub(crate) fn flags() -> BoxedStrategy<Vec<Flag>> {
    vec(flag(), 0..5).boxed()
}

pub(crate) fn capability() -> BoxedStrategy<Capability> {
    b("[A-Z][A-Za-z0-9=+._-]{0,12}".prop_map(String::from))
        .prop_map(Capability)
        .boxed()
}

pub(crate) fn mailbox() -> BoxedStrategy<Mailbox> {
    any_bytes()
        .prop_filter("mailbox names are not empty", |m| !m.is_empty())
        .prop_map(Mailbox)
        .boxed()
}

pub(crate) fn date_time() -> BoxedStrategy<DateTime> {
    (
        0..=9999u16,
        1..=12u8,
        1..=28u8,
        0..=23u8,
        0..=59u8,
        0..=60u8,
        -5999..=5999i16,
    )
        .prop_map(
            |(year, month, day, hour, minute, second, offset_minutes)| DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                offset_minutes,
            },
        )
        .boxed()
}

/// `Code::Other` data: TEXT without `]`, and without the quotes,
/// parentheses and braces that the reader skips over as strings, lists and
/// literals when it looks for the closing `]`.
const CODE_DATA: &str = "[!#-'*-Z\\\\^-z|~][ !#-'*-Z\\\\^-z|~]{0,16}";

pub(crate) fn code() -> BoxedStrategy<Code> {
    let simple = prop_oneof![
        Just(Code::Alert),
        Just(Code::Parse),
        Just(Code::ReadOnly),
        Just(Code::ReadWrite),
        Just(Code::TryCreate),
        Just(Code::UidNotSticky),
        Just(Code::NoModSeq),
        Just(Code::Closed),
        Just(Code::Unavailable),
        Just(Code::AuthenticationFailed),
        Just(Code::AuthorizationFailed),
        Just(Code::Expired),
        Just(Code::PrivacyRequired),
        Just(Code::ContactAdmin),
        Just(Code::NoPerm),
        Just(Code::InUse),
        Just(Code::ExpungeIssued),
        Just(Code::Corruption),
        Just(Code::ServerBug),
        Just(Code::ClientBug),
        Just(Code::Cannot),
        Just(Code::Limit),
        Just(Code::OverQuota),
        Just(Code::AlreadyExists),
        Just(Code::NonExistent),
        Just(Code::HasChildren),
        Just(Code::UnknownCte),
        Just(Code::CompressionActive),
    ];
    let charset = prop_oneof![atom(), b("[ -~]{0,10}".prop_map(String::from))];
    let data = prop_oneof![
        vec(charset, 0..3).prop_map(Code::BadCharset),
        vec(capability(), 1..4).prop_map(Code::Capability),
        flags().prop_map(Code::PermanentFlags),
        num32().prop_map(Code::UidNext),
        num32().prop_map(Code::UidValidity),
        num32().prop_map(Code::Unseen),
        (nz(), sequence_set(false))
            .prop_map(|(uid_validity, uids)| Code::AppendUid { uid_validity, uids }),
        (nz(), sequence_set(false), sequence_set(false)).prop_map(
            |(uid_validity, source, destination)| Code::CopyUid {
                uid_validity,
                source,
                destination
            }
        ),
        num64().prop_map(Code::HighestModSeq),
        sequence_set(true).prop_map(Code::Modified),
        (
            unknown_name(),
            prop::option::of(b(CODE_DATA.prop_map(String::from)))
        )
            .prop_map(|(name, data)| Code::Other { name, data }),
    ];
    prop_oneof![1 => simple, 2 => data].boxed().boxed()
}

pub(crate) fn status_kind() -> BoxedStrategy<StatusKind> {
    prop_oneof![
        Just(StatusKind::Ok),
        Just(StatusKind::No),
        Just(StatusKind::Bad),
        Just(StatusKind::PreAuth),
        Just(StatusKind::Bye),
    ]
    .boxed()
}

pub(crate) fn status(kind: impl Strategy<Value = StatusKind>) -> impl Strategy<Value = Status> {
    (kind, prop::option::of(code()), text()).prop_map(|(kind, code, text)| Status {
        kind,
        code,
        text,
    })
}

pub(crate) fn tagged() -> BoxedStrategy<Tagged> {
    let kind = prop_oneof![
        Just(StatusKind::Ok),
        Just(StatusKind::No),
        Just(StatusKind::Bad)
    ];
    let tag = prop_oneof![
        4 => "[A-Za-z0-9.]{1,8}",
        1 => "[A-Za-z0-9.]{30,60}",
    ];
    (tag.prop_map(SmallBytes::from), status(kind))
        .prop_map(|(tag, status)| Tagged { tag, status })
        .boxed()
}

pub(crate) fn continue_req() -> BoxedStrategy<Continue> {
    let base64 = "[A-Za-z0-9+/]{4,80}={0,2}".prop_map(SmallBytes::from);
    prop_oneof![
        (prop::option::of(code()), text()).prop_map(|(code, text)| Continue { code, text }),
        base64.prop_map(|text| Continue { code: None, text }),
    ]
    .boxed()
}

/// A raw value that every reader keeps as sent: a number, an atom or a
/// list of atoms.
pub(crate) fn raw_value() -> BoxedStrategy<Bytes> {
    prop_oneof![
        any::<u32>().prop_map(|n| Bytes::from(n.to_string())),
        b("[A-Za-z][A-Za-z0-9]{0,8}".prop_map(String::from)),
        vec("[A-Za-z0-9]{1,6}", 0..4).prop_map(|v| Bytes::from(format!("({})", v.join(" ")))),
    ]
    .boxed()
}

mod fetch;
mod untagged;

pub(crate) use fetch::*;
pub(crate) use untagged::*;

/// Any response.
pub(crate) fn response() -> BoxedStrategy<Response> {
    prop_oneof![
        1 => continue_req().prop_map(Response::Continue),
        2 => tagged().prop_map(Response::Tagged),
        6 => untagged().prop_map(Response::Untagged),
    ]
    .boxed()
    .boxed()
}
