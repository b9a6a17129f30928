//! [`Secret`]: passwords, tokens and SASL responses, never shown.

use std::fmt;

use bytes::Bytes;

/// A password, token or SASL response. `Debug` and `Display` print
/// `<redacted>`; the bytes are only reachable through [`Secret::expose`].
///
/// ```
/// use imap_proto::command::Secret;
/// let s = Secret::new("hunter2");
/// assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
/// assert_eq!(s.expose(), b"hunter2");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Bytes);

impl Secret {
    /// Wraps the secret bytes (UTF-8 for a `&str`, as imaplib does since 3.5).
    pub fn new(secret: impl AsRef<[u8]>) -> Self {
        Secret(Bytes::copy_from_slice(secret.as_ref()))
    }

    /// The secret bytes, for the encoder and SASL mechanisms.
    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl From<Bytes> for Secret {
    fn from(b: Bytes) -> Self {
        Secret(b)
    }
}

impl From<&str> for Secret {
    fn from(s: &str) -> Self {
        Secret::new(s)
    }
}

impl From<String> for Secret {
    fn from(s: String) -> Self {
        Secret(Bytes::from(s))
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_printed() {
        let s = Secret::from("topsecret");
        assert!(!format!("{s:?}{s}{:?}", Some(&s)).contains("topsecret"));
        assert_eq!(s.expose(), b"topsecret");
    }
}
