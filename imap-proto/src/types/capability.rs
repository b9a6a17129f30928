//! `capability` (RFC 3501 section 9).

use bytes::Bytes;

/// One capability atom as the server sent it, e.g. `IMAP4rev1`, `AUTH=PLAIN`,
/// `LITERAL+`. Comparisons with [`Capability::is`] ignore ASCII case, as
/// capability names are case-insensitive.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Capability(pub Bytes);

impl Capability {
    /// The capability as the server spelled it.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// True when this capability is `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.0.eq_ignore_ascii_case(name.as_bytes())
    }

    /// For `AUTH=<mechanism>`, the mechanism name; `None` otherwise.
    pub fn auth_mechanism(&self) -> Option<&[u8]> {
        if self.0.len() > 5 && self.0[..5].eq_ignore_ascii_case(b"AUTH=") {
            Some(&self.0[5..])
        } else {
            None
        }
    }
}

impl std::fmt::Debug for Capability {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Capability({})", String::from_utf8_lossy(&self.0))
    }
}
