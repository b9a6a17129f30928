//! The typed values a server response parses into.
//!
//! Every byte string is a [`Bytes`] slice of the receive buffer (quoted
//! strings with backslash escapes are the one exception: they are unescaped
//! into a new buffer). Tags and status texts are [`SmallBytes`]: inline
//! copies when short (cheaper than a `Bytes` handle's reference count),
//! slices when long. `Option<Bytes>` is an `nstring`: `None` for `NIL`.
//! An [`Envelope`] holds one `Bytes` of the envelope and reads its strings
//! in place.

use bytes::Bytes;

use super::Envelope;
use crate::types::{Capability, DateTime, Flag, Mailbox, Section, SequenceSet, SmallBytes};

/// `response`: one complete server response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// `continue-req`: `+ ...`, a request for more data (literal, SASL, IDLE).
    Continue(Continue),
    /// `response-tagged`: the completion of one command.
    Tagged(Tagged),
    /// `response-data`: `* ...`.
    Untagged(Untagged),
}

/// `continue-req`. A bare `+` (no space, no text) parses with empty `text`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Continue {
    /// A response code, when the text started with `[...]`.
    pub code: Option<Code>,
    /// The rest of the line: human text, or base64 SASL data.
    pub text: SmallBytes,
}

/// `response-tagged`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tagged {
    /// The tag, as sent by the client.
    pub tag: SmallBytes,
    /// `OK`, `NO` or `BAD` with code and text.
    pub status: Status,
}

/// `resp-cond-state`, `resp-cond-auth`, `resp-cond-bye`: a status word with
/// an optional code and human-readable text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// Which status word.
    pub kind: StatusKind,
    /// The `[...]` response code, if any.
    pub code: Option<Code>,
    /// The human-readable text (may be empty: servers omit it).
    pub text: SmallBytes,
}

/// The status word of a [`Status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusKind {
    /// `OK`
    Ok,
    /// `NO`
    No,
    /// `BAD`
    Bad,
    /// `PREAUTH` (greeting only)
    PreAuth,
    /// `BYE`
    Bye,
}

/// `resp-text-code` (RFC 3501, 9051, 4315, 7162, 5530 and others).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Code {
    /// `ALERT`
    Alert,
    /// `BADCHARSET` with the charsets the server supports.
    BadCharset(Vec<Bytes>),
    /// `CAPABILITY ...`
    Capability(Vec<Capability>),
    /// `PARSE`
    Parse,
    /// `PERMANENTFLAGS (...)`
    PermanentFlags(Vec<Flag>),
    /// `READ-ONLY`
    ReadOnly,
    /// `READ-WRITE`
    ReadWrite,
    /// `TRYCREATE`
    TryCreate,
    /// `UIDNEXT n`
    UidNext(u32),
    /// `UIDVALIDITY n`
    UidValidity(u32),
    /// `UNSEEN n`
    Unseen(u32),
    /// `APPENDUID uidvalidity uid-set` (RFC 4315)
    AppendUid {
        /// UIDVALIDITY of the destination mailbox.
        uid_validity: u32,
        /// The UIDs assigned.
        uids: SequenceSet,
    },
    /// `COPYUID uidvalidity source-set dest-set` (RFC 4315)
    CopyUid {
        /// UIDVALIDITY of the destination mailbox.
        uid_validity: u32,
        /// UIDs of the source messages.
        source: SequenceSet,
        /// UIDs of the copies, in the same order.
        destination: SequenceSet,
    },
    /// `UIDNOTSTICKY` (RFC 4315)
    UidNotSticky,
    /// `HIGHESTMODSEQ n` (RFC 7162)
    HighestModSeq(u64),
    /// `NOMODSEQ` (RFC 7162)
    NoModSeq,
    /// `MODIFIED set` (RFC 7162)
    Modified(SequenceSet),
    /// `CLOSED` (RFC 7162)
    Closed,
    /// `UNAVAILABLE` (RFC 5530)
    Unavailable,
    /// `AUTHENTICATIONFAILED` (RFC 5530)
    AuthenticationFailed,
    /// `AUTHORIZATIONFAILED` (RFC 5530)
    AuthorizationFailed,
    /// `EXPIRED` (RFC 5530)
    Expired,
    /// `PRIVACYREQUIRED` (RFC 5530)
    PrivacyRequired,
    /// `CONTACTADMIN` (RFC 5530)
    ContactAdmin,
    /// `NOPERM` (RFC 5530)
    NoPerm,
    /// `INUSE` (RFC 5530)
    InUse,
    /// `EXPUNGEISSUED` (RFC 5530)
    ExpungeIssued,
    /// `CORRUPTION` (RFC 5530)
    Corruption,
    /// `SERVERBUG` (RFC 5530)
    ServerBug,
    /// `CLIENTBUG` (RFC 5530)
    ClientBug,
    /// `CANNOT` (RFC 5530)
    Cannot,
    /// `LIMIT` (RFC 5530)
    Limit,
    /// `OVERQUOTA` (RFC 5530)
    OverQuota,
    /// `ALREADYEXISTS` (RFC 5530)
    AlreadyExists,
    /// `NONEXISTENT` (RFC 5530)
    NonExistent,
    /// `HASCHILDREN` (RFC 9051)
    HasChildren,
    /// `UNKNOWN-CTE` (RFC 3516)
    UnknownCte,
    /// `COMPRESSIONACTIVE` (RFC 4978)
    CompressionActive,
    /// Any other code, kept as its atom and the raw text up to `]`.
    Other {
        /// The code's atom, e.g. `X-GM-SOMETHING`.
        name: Bytes,
        /// What followed the atom inside the brackets, without the leading space.
        data: Option<Bytes>,
    },
}

/// `response-data` / `message-data` / `mailbox-data` / extension data.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Untagged {
    /// `* OK/NO/BAD/PREAUTH/BYE ...`
    Status(Status),
    /// `* CAPABILITY ...`
    Capability(Vec<Capability>),
    /// `* ENABLED ...` (RFC 5161)
    Enabled(Vec<Capability>),
    /// `* n EXISTS`
    Exists(u32),
    /// `* n RECENT`
    Recent(u32),
    /// `* n EXPUNGE`
    Expunge(u32),
    /// `* FLAGS (...)`
    Flags(Vec<Flag>),
    /// `* LIST ...`
    List(ListItem),
    /// `* LSUB ...`
    Lsub(ListItem),
    /// `* STATUS mailbox (...)`
    Status_(MailboxStatus),
    /// `* SEARCH n n ... [(MODSEQ m)]`
    Search(SearchResult),
    /// `* SORT n n ... [(MODSEQ m)]` (RFC 5256, RFC 7162)
    Sort(SearchResult),
    /// `* ESEARCH ...` (RFC 4731)
    ESearch(ESearch),
    /// `* THREAD ...` (RFC 5256)
    Thread(Vec<Thread>),
    /// `* NAMESPACE ...` (RFC 2342)
    Namespace(Namespaces),
    /// `* QUOTA root (...)` (RFC 2087 / 9208)
    Quota(Quota),
    /// `* QUOTAROOT mailbox root...` (RFC 2087 / 9208)
    QuotaRoot {
        /// The mailbox asked about.
        mailbox: Mailbox,
        /// Its quota roots (may be none).
        roots: Vec<Bytes>,
    },
    /// `* ACL mailbox identifier rights ...` (RFC 4314)
    Acl {
        /// The mailbox.
        mailbox: Mailbox,
        /// `(identifier, rights)` pairs.
        entries: Vec<(Bytes, Bytes)>,
    },
    /// `* LISTRIGHTS mailbox identifier required optional...` (RFC 4314)
    ListRights {
        /// The mailbox.
        mailbox: Mailbox,
        /// The identifier asked about.
        identifier: Bytes,
        /// Rights always granted.
        required: Bytes,
        /// Groups of rights that may be granted.
        optional: Vec<Bytes>,
    },
    /// `* MYRIGHTS mailbox rights` (RFC 4314)
    MyRights {
        /// The mailbox.
        mailbox: Mailbox,
        /// The rights the user has.
        rights: Bytes,
    },
    /// `* METADATA mailbox ...` (RFC 5464)
    Metadata {
        /// The mailbox, empty for server metadata.
        mailbox: Mailbox,
        /// Entries with values (answer to GETMETADATA) or names only
        /// (unsolicited change notification).
        entries: MetadataEntries,
    },
    /// `* ANNOTATION mailbox entry (attr value ...)` (draft-daboo-imap-annotatemore,
    /// as spoken by imaplib's getannotation and Cyrus)
    Annotation {
        /// The mailbox.
        mailbox: Mailbox,
        /// The entry name, e.g. `/comment`.
        entry: Bytes,
        /// `(attribute, value)` pairs, e.g. `("value.shared", Some("x"))`.
        attributes: Vec<(Bytes, Option<Bytes>)>,
    },
    /// `* ID (...)` or `* ID NIL` (RFC 2971): `None` for NIL.
    Id(Option<Vec<(Bytes, Option<Bytes>)>>),
    /// `* VANISHED [(EARLIER)] uid-set` (RFC 7162)
    Vanished {
        /// True for `(EARLIER)`.
        earlier: bool,
        /// The UIDs that are gone; ranges are never expanded.
        uids: SequenceSet,
    },
    /// `* n FETCH (...)`
    Fetch(Fetch),
    /// Any other untagged response, kept whole: its first atom (or number
    /// and atom) as `name`, the whole line(s) as `raw`.
    Other {
        /// The keyword, e.g. `XLIST` or `X-FOO`.
        name: Bytes,
        /// Everything after `* ` up to (not including) the final CRLF.
        raw: Bytes,
    },
}

/// `mailbox-list`: one LIST or LSUB answer line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// `mbx-list-flags`, including SPECIAL-USE attributes.
    pub attributes: Vec<MailboxAttribute>,
    /// The hierarchy delimiter, `None` for `NIL` (flat namespace).
    pub delimiter: Option<u8>,
    /// The mailbox name, raw (modified UTF-7 or UTF-8).
    pub mailbox: Mailbox,
    /// `mbox-list-extended` items (RFC 5258): CHILDINFO, OLDNAME, others.
    pub extended: Vec<ListExtendedItem>,
}

/// `mbx-list-flag` / `mbx-list-oflag` and RFC 6154 SPECIAL-USE attributes,
/// recognised ignoring ASCII case.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MailboxAttribute {
    /// `\Noinferiors`
    NoInferiors,
    /// `\Noselect`
    NoSelect,
    /// `\Marked`
    Marked,
    /// `\Unmarked`
    Unmarked,
    /// `\NonExistent` (RFC 5258)
    NonExistent,
    /// `\Subscribed` (RFC 5258)
    Subscribed,
    /// `\Remote` (RFC 5258)
    Remote,
    /// `\HasChildren` (RFC 3348 / 5258)
    HasChildren,
    /// `\HasNoChildren` (RFC 3348 / 5258)
    HasNoChildren,
    /// `\All` (RFC 6154)
    All,
    /// `\Archive` (RFC 6154)
    Archive,
    /// `\Drafts` (RFC 6154)
    Drafts,
    /// `\Flagged` (RFC 6154)
    Flagged,
    /// `\Junk` (RFC 6154)
    Junk,
    /// `\Sent` (RFC 6154)
    Sent,
    /// `\Trash` (RFC 6154)
    Trash,
    /// `\Important` (RFC 8457)
    Important,
    /// Any other attribute; the bytes include the leading `\` if there was one.
    Other(Bytes),
}

/// `mbox-list-extended-item` (RFC 5258).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListExtendedItem {
    /// `CHILDINFO ("SUBSCRIBED" ...)`
    ChildInfo(Vec<Bytes>),
    /// `OLDNAME (mailbox)` (RFC 9051)
    OldName(Mailbox),
    /// Any other item: its tag and the raw bytes of its value.
    Other {
        /// The item's tag.
        tag: Bytes,
        /// The value, unparsed.
        value: Bytes,
    },
}

/// `* STATUS mailbox (items)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailboxStatus {
    /// The mailbox.
    pub mailbox: Mailbox,
    /// The items, in the order sent (possibly none).
    pub items: Vec<StatusItem>,
}

/// `status-att-val` (RFC 3501, 7162, 8438, 9051).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusItem {
    /// `MESSAGES n`
    Messages(u32),
    /// `RECENT n`
    Recent(u32),
    /// `UIDNEXT n`
    UidNext(u32),
    /// `UIDVALIDITY n`
    UidValidity(u32),
    /// `UNSEEN n`
    Unseen(u32),
    /// `DELETED n` (RFC 9051)
    Deleted(u32),
    /// `SIZE n` (RFC 8438)
    Size(u64),
    /// `HIGHESTMODSEQ n` (RFC 7162)
    HighestModSeq(u64),
    /// Any other numeric item.
    Other {
        /// The item's name.
        name: Bytes,
        /// Its value.
        value: u64,
    },
}

/// `* SEARCH` / `* SORT` data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResult {
    /// The numbers (message numbers or UIDs) in the order sent.
    pub numbers: Vec<u32>,
    /// `(MODSEQ n)` when CONDSTORE searched by MODSEQ.
    pub modseq: Option<u64>,
}

/// `esearch-response` (RFC 4731).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ESearch {
    /// `(TAG "...")`: the command this answers.
    pub tag: Option<Bytes>,
    /// True when the numbers are UIDs.
    pub uid: bool,
    /// The returned items.
    pub items: Vec<ESearchItem>,
}

/// `search-return-data` (RFC 4731, 7162).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ESearchItem {
    /// `MIN n`
    Min(u32),
    /// `MAX n`
    Max(u32),
    /// `ALL set` (never expanded)
    All(SequenceSet),
    /// `COUNT n`
    Count(u32),
    /// `MODSEQ n`
    ModSeq(u64),
    /// Any other item, with its value unparsed.
    Other {
        /// The item's name.
        name: Bytes,
        /// The raw value.
        value: Bytes,
    },
}

/// One thread of `thread-list` (RFC 5256): a chain of messages, each the
/// parent of the next, then the sub-threads that hang off the last one.
/// `(3 6 (4 23)(44 7 96))` is `messages [3, 6]` with two children.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Thread {
    /// The chain of message numbers (or UIDs); empty when the thread starts
    /// with nested threads only.
    pub messages: Vec<u32>,
    /// The branches below the last message of the chain.
    pub children: Vec<Thread>,
}

/// `namespace-response` (RFC 2342 / 9051): `None`-like `NIL` groups are empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Namespaces {
    /// The user's own namespaces.
    pub personal: Vec<Namespace>,
    /// Other users' namespaces.
    pub other_users: Vec<Namespace>,
    /// Shared namespaces.
    pub shared: Vec<Namespace>,
}

/// One `namespace-descr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Namespace {
    /// The prefix, e.g. `INBOX.` or empty.
    pub prefix: Bytes,
    /// The hierarchy delimiter, `None` for `NIL`.
    pub delimiter: Option<u8>,
    /// `namespace-response-extension`s: a name and its string values.
    pub extensions: Vec<(Bytes, Vec<Bytes>)>,
}

/// `* QUOTA root (resource usage limit ...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quota {
    /// The quota root (may be empty).
    pub root: Bytes,
    /// The resources under this root.
    pub resources: Vec<QuotaResource>,
}

/// One `quota-resource`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuotaResource {
    /// `STORAGE`, `MESSAGE`, `MAILBOX`, ...
    pub name: Bytes,
    /// Current usage.
    pub usage: u64,
    /// The limit.
    pub limit: u64,
}

/// The body of `* METADATA` (RFC 5464).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MetadataEntries {
    /// `(entry value entry value ...)`: `None` for NIL.
    Values(Vec<(Bytes, Option<Bytes>)>),
    /// `entry entry ...`: names of changed entries.
    Names(Vec<Bytes>),
}

/// `* n FETCH (msg-att)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetch {
    /// The message sequence number.
    pub seq: u32,
    /// The attributes, in the order sent.
    pub attrs: Vec<FetchAttr>,
}

/// `msg-att-dynamic` / `msg-att-static` (RFC 3501, 3516, 7162, 9051).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchAttr {
    /// `FLAGS (...)`
    Flags(Vec<Flag>),
    /// `UID n`
    Uid(u32),
    /// `INTERNALDATE "..."`
    InternalDate(DateTime),
    /// `RFC822.SIZE n`
    Rfc822Size(u64),
    /// `RFC822 nstring`
    Rfc822(Option<Bytes>),
    /// `RFC822.HEADER nstring`
    Rfc822Header(Option<Bytes>),
    /// `RFC822.TEXT nstring`
    Rfc822Text(Option<Bytes>),
    /// `BODY[section]<origin> nstring`
    BodySection {
        /// The section.
        section: Section,
        /// The `<origin>` of a partial fetch.
        origin: Option<u32>,
        /// The data, `None` for NIL.
        data: Option<Bytes>,
    },
    /// `BINARY[part]<origin> nstring/literal8` (RFC 3516)
    Binary {
        /// The part path.
        section: Vec<u32>,
        /// The `<origin>` of a partial fetch.
        origin: Option<u32>,
        /// The decoded data, `None` for NIL.
        data: Option<Bytes>,
    },
    /// `BINARY.SIZE[part] n` (RFC 3516)
    BinarySize {
        /// The part path.
        section: Vec<u32>,
        /// The decoded size.
        size: u64,
    },
    /// `ENVELOPE (...)`
    Envelope(Box<Envelope>),
    /// `BODY (...)`: the non-extensible form.
    Body(Box<BodyStructure>),
    /// `BODYSTRUCTURE (...)`
    BodyStructure(Box<BodyStructure>),
    /// `MODSEQ (n)` (RFC 7162); the quirk `-1` parses as 0.
    ModSeq(u64),
    /// Any other attribute, kept raw.
    Other {
        /// The attribute name, e.g. `X-GM-LABELS`.
        name: Bytes,
        /// The raw value.
        value: Bytes,
    },
}

/// The values of an [`Envelope`], owned: what [`Envelope::to_fields`]
/// returns and what an `Envelope` is built from (`EnvelopeFields { .. }.into()`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvelopeFields {
    /// `Date:` header, unparsed.
    pub date: Option<Bytes>,
    /// `Subject:` header, unparsed (may hold RFC 2047 words or raw 8-bit).
    pub subject: Option<Bytes>,
    /// `From:`
    pub from: Vec<Address>,
    /// `Sender:`
    pub sender: Vec<Address>,
    /// `Reply-To:`
    pub reply_to: Vec<Address>,
    /// `To:`
    pub to: Vec<Address>,
    /// `Cc:`
    pub cc: Vec<Address>,
    /// `Bcc:`
    pub bcc: Vec<Address>,
    /// `In-Reply-To:`
    pub in_reply_to: Option<Bytes>,
    /// `Message-ID:`
    pub message_id: Option<Bytes>,
}

/// `address`. A group start has `host: None` and the group name in
/// `mailbox`; a group end has both `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Address {
    /// Display name.
    pub name: Option<Bytes>,
    /// Source route (obsolete).
    pub adl: Option<Bytes>,
    /// Local part, or group name.
    pub mailbox: Option<Bytes>,
    /// Domain.
    pub host: Option<Bytes>,
}

/// `body`: a BODY or BODYSTRUCTURE, recursive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyStructure {
    /// `body-type-basic`: any non-text, non-message single part.
    Basic {
        /// `media-type`, e.g. `APPLICATION` (empty for the `NIL` quirk).
        media_type: Bytes,
        /// `media-subtype`, e.g. `PDF`.
        subtype: Bytes,
        /// `body-fields`.
        fields: BodyFields,
        /// Extension data (BODYSTRUCTURE only).
        ext: Option<SinglePartExt>,
    },
    /// `body-type-text`.
    Text {
        /// `media-subtype`, e.g. `PLAIN`.
        subtype: Bytes,
        /// `body-fields`.
        fields: BodyFields,
        /// `body-fld-lines` (the quirk `-1` parses as 0).
        lines: u64,
        /// Extension data (BODYSTRUCTURE only).
        ext: Option<SinglePartExt>,
    },
    /// `body-type-msg`: MESSAGE/RFC822 (or GLOBAL).
    Message {
        /// `RFC822` or `GLOBAL`.
        subtype: Bytes,
        /// `body-fields`.
        fields: BodyFields,
        /// The enclosed message's envelope.
        envelope: Box<Envelope>,
        /// The enclosed message's structure.
        body: Box<BodyStructure>,
        /// `body-fld-lines`.
        lines: u64,
        /// Extension data (BODYSTRUCTURE only).
        ext: Option<SinglePartExt>,
    },
    /// `body-type-mpart`.
    Multipart {
        /// The parts, at least one.
        parts: Vec<BodyStructure>,
        /// `media-subtype`, e.g. `MIXED`.
        subtype: Bytes,
        /// Extension data (BODYSTRUCTURE only).
        ext: Option<MultipartExt>,
    },
}

/// `body-fields`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyFields {
    /// `body-fld-param`: `(name, value)` pairs (a NIL value parses as empty).
    pub params: Vec<(Bytes, Bytes)>,
    /// `body-fld-id`
    pub id: Option<Bytes>,
    /// `body-fld-desc`
    pub description: Option<Bytes>,
    /// `body-fld-enc`, e.g. `7BIT`, `BASE64` (NIL parses as empty).
    pub encoding: Bytes,
    /// `body-fld-octets`
    pub octets: u64,
}

/// `body-ext-1part`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SinglePartExt {
    /// `body-fld-md5`
    pub md5: Option<Bytes>,
    /// `body-fld-dsp`
    pub disposition: Option<Disposition>,
    /// `body-fld-lang`
    pub language: Vec<Bytes>,
    /// `body-fld-loc`
    pub location: Option<Bytes>,
    /// Further `body-extension`s.
    pub extension: Vec<BodyExtension>,
}

/// `body-ext-mpart`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultipartExt {
    /// `body-fld-param`
    pub params: Vec<(Bytes, Bytes)>,
    /// `body-fld-dsp`
    pub disposition: Option<Disposition>,
    /// `body-fld-lang`
    pub language: Vec<Bytes>,
    /// `body-fld-loc`
    pub location: Option<Bytes>,
    /// Further `body-extension`s.
    pub extension: Vec<BodyExtension>,
}

/// `body-fld-dsp`. The quirk of a bare string (`"inline"`) where the list
/// belongs parses as that kind with no parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disposition {
    /// `inline`, `attachment`, ...
    pub kind: Bytes,
    /// Its parameters.
    pub params: Vec<(Bytes, Bytes)>,
}

/// `body-extension`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyExtension {
    /// A string or NIL.
    NString(Option<Bytes>),
    /// A number.
    Number(u64),
    /// A parenthesised list.
    List(Vec<BodyExtension>),
}
