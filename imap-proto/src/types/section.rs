//! `section`, `section-spec`, `section-text`, `section-part`
//! (RFC 3501 section 9).

use bytes::Bytes;

/// A body section such as `[]`, `[1.2]`, `[HEADER.FIELDS (FROM TO)]` or
/// `[1.MIME]`, used both in FETCH requests and in FETCH responses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Section {
    /// The part path, e.g. `[1, 2]` for `1.2`; empty for the whole message.
    pub part: Vec<u32>,
    /// What of that part, if not the whole of it.
    pub text: Option<SectionText>,
}

/// `section-msgtext` / `section-text`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum SectionText {
    /// `HEADER`
    Header,
    /// `HEADER.FIELDS (names)`
    HeaderFields(Vec<Bytes>),
    /// `HEADER.FIELDS.NOT (names)`
    HeaderFieldsNot(Vec<Bytes>),
    /// `TEXT`
    Text,
    /// `MIME` (only after a part number)
    Mime,
}
