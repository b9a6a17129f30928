//! `mailbox` (RFC 3501 section 9; modified UTF-7 in section 5.1.3).

use bytes::Bytes;

/// A mailbox name as it appears on the wire (an astring), without decoding.
///
/// Use [`Mailbox::name`] for the name decoded from modified UTF-7 (or taken as
/// UTF-8 after `ENABLE UTF8=ACCEPT`). `INBOX` is case-insensitive, so
/// [`Mailbox::is_inbox`] compares ignoring ASCII case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mailbox(pub Bytes);

impl Mailbox {
    /// The raw bytes as the server sent them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// True for `INBOX` in any case.
    pub fn is_inbox(&self) -> bool {
        self.0.eq_ignore_ascii_case(b"INBOX")
    }
}

impl std::fmt::Debug for Mailbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Mailbox({:?})", String::from_utf8_lossy(&self.0))
    }
}
