//! `flag`, `flag-fetch`, `flag-perm` (RFC 3501 section 9).

use bytes::Bytes;

/// A message flag. System flags are recognised ignoring ASCII case; every
/// other flag keeps the bytes the server sent.
///
/// Servers such as Gmail send keywords that contain `]` or other bytes RFC
/// 3501 forbids in an atom; those parse as [`Flag::Keyword`] too.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Flag {
    /// `\Seen`
    Seen,
    /// `\Answered`
    Answered,
    /// `\Flagged`
    Flagged,
    /// `\Deleted`
    Deleted,
    /// `\Draft`
    Draft,
    /// `\Recent` (only ever sent by the server; RFC 9051 removed it)
    Recent,
    /// `\*` in PERMANENTFLAGS (and, as a quirk, in FLAGS): the client may
    /// create new keywords.
    MayCreate,
    /// `\Something` that is not one of the above; the bytes exclude the `\`.
    Extension(Bytes),
    /// A keyword such as `$Forwarded` or `NonJunk`.
    Keyword(Bytes),
}
