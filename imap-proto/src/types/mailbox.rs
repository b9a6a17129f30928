//! `mailbox` (RFC 3501 section 9; modified UTF-7 in section 5.1.3).

use bytes::Bytes;

use super::utf7::{decode_utf7, encode_utf7, Utf7Error};

/// A mailbox name as it appears on the wire (an astring), without decoding.
///
/// Use [`Mailbox::name`] for the name decoded from modified UTF-7 (or taken as
/// UTF-8 after `ENABLE UTF8=ACCEPT`). `INBOX` is case-insensitive, so
/// [`Mailbox::is_inbox`] compares ignoring ASCII case.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Mailbox(pub Bytes);

impl Mailbox {
    /// The wire form of a Unicode name, in modified UTF-7 (the form used
    /// unless UTF8=ACCEPT is enabled).
    ///
    /// ```
    /// use imap_proto::types::Mailbox;
    /// assert_eq!(Mailbox::from_name("台北").as_bytes(), b"&U,BTFw-");
    /// ```
    pub fn from_name(name: &str) -> Self {
        Mailbox(Bytes::from(encode_utf7(name)))
    }

    /// The raw bytes as the server sent them.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The name decoded from modified UTF-7.
    pub fn name(&self) -> Result<String, Utf7Error> {
        decode_utf7(&self.0)
    }

    /// The name as UTF-8, the form used after `ENABLE UTF8=ACCEPT`;
    /// `None` if the bytes are not UTF-8.
    pub fn name_utf8(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
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

/// A mailbox name given to a command: either a Unicode name, which the
/// encoder sends as modified UTF-7 (or as UTF-8 once UTF8=ACCEPT is
/// enabled), or wire bytes such as a [`Mailbox`] from a LIST response,
/// which are sent back exactly as received.
///
/// ```
/// use imap_proto::types::{Mailbox, MailboxName};
/// assert_eq!(MailboxName::from("Entwürfe"), MailboxName::Name("Entwürfe".into()));
/// let listed = Mailbox(bytes::Bytes::from_static(b"Entw&APw-rfe"));
/// assert_eq!(MailboxName::from(&listed), MailboxName::Wire(listed.0.clone()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum MailboxName {
    /// A Unicode name, encoded by the encoder.
    Name(String),
    /// Bytes in the server's own form, sent as they are (quoted or as a
    /// literal when needed).
    Wire(Bytes),
}

impl MailboxName {
    /// `INBOX`.
    pub fn inbox() -> Self {
        MailboxName::Name("INBOX".into())
    }

    /// The bytes sent for this name: modified UTF-7 of a name, or UTF-8 if
    /// `utf8` (UTF8=ACCEPT enabled); wire bytes as they are.
    pub fn wire_bytes(&self, utf8: bool) -> Bytes {
        match self {
            MailboxName::Name(n) if utf8 => Bytes::copy_from_slice(n.as_bytes()),
            MailboxName::Name(n) => Bytes::from(encode_utf7(n)),
            MailboxName::Wire(b) => b.clone(),
        }
    }

    /// The inverse of [`MailboxName::wire_bytes`]: a `Name` when the bytes
    /// are the canonical encoding of a name, `Wire` otherwise.
    pub fn from_wire(bytes: Bytes, utf8: bool) -> Self {
        if utf8 {
            return match String::from_utf8(bytes.to_vec()) {
                Ok(s) => MailboxName::Name(s),
                Err(_) => MailboxName::Wire(bytes),
            };
        }
        match decode_utf7(&bytes) {
            Ok(s) if encode_utf7(&s).as_bytes() == &bytes[..] => MailboxName::Name(s),
            _ => MailboxName::Wire(bytes),
        }
    }
}

impl From<&str> for MailboxName {
    fn from(s: &str) -> Self {
        MailboxName::Name(s.to_owned())
    }
}

impl From<String> for MailboxName {
    fn from(s: String) -> Self {
        MailboxName::Name(s)
    }
}

impl From<&String> for MailboxName {
    fn from(s: &String) -> Self {
        MailboxName::Name(s.clone())
    }
}

impl From<Mailbox> for MailboxName {
    fn from(m: Mailbox) -> Self {
        MailboxName::Wire(m.0)
    }
}

impl From<&Mailbox> for MailboxName {
    fn from(m: &Mailbox) -> Self {
        MailboxName::Wire(m.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_decodes() {
        let m = Mailbox(Bytes::from_static(b"~peter/mail/&U,BTFw-/&ZeVnLIqe-"));
        assert_eq!(m.name().unwrap(), "~peter/mail/台北/日本語");
        assert!(Mailbox(Bytes::from_static(b"\xff")).name().is_err());
        assert!(Mailbox(Bytes::from_static(b"inBox")).is_inbox());
    }

    #[test]
    fn wire_round_trip() {
        let n = MailboxName::from("R&D/台北");
        assert_eq!(&n.wire_bytes(false)[..], b"R&-D/&U,BTFw-");
        assert_eq!(&n.wire_bytes(true)[..], "R&D/台北".as_bytes());
        assert_eq!(MailboxName::from_wire(n.wire_bytes(false), false), n);
        assert_eq!(MailboxName::from_wire(n.wire_bytes(true), true), n);
        // Non-canonical or invalid bytes stay wire bytes.
        let odd = Bytes::from_static(b"&AGE-");
        assert_eq!(
            MailboxName::from_wire(odd.clone(), false),
            MailboxName::Wire(odd)
        );
        let bad = Bytes::from_static(b"caf\xe9");
        assert_eq!(
            MailboxName::from_wire(bad.clone(), false),
            MailboxName::Wire(bad.clone())
        );
        assert_eq!(
            MailboxName::from_wire(bad.clone(), true),
            MailboxName::Wire(bad)
        );
    }
}
