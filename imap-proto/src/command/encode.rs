//! Argument encoding: each value becomes an atom, a quoted string or a
//! literal, chosen by its content (RFC 3501 section 4.3, 9; LITERAL+ and
//! LITERAL- from RFC 7888; literal8 from RFC 3516).

use bytes::Bytes;

use crate::response::Snippet;
use crate::types::Capability;

pub(crate) use super::writer::{check_atom, Writer, MONTHS};

/// What the server allows, as far as encoding is concerned.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EncodeContext {
    /// `LITERAL+` advertised: every literal may be non-synchronizing `{n+}`.
    pub literal_plus: bool,
    /// `LITERAL-` advertised: literals of at most 4096 bytes may be `{n+}`.
    pub literal_minus: bool,
    /// `UTF8=ACCEPT` enabled: mailbox names go as UTF-8 (not modified
    /// UTF-7) and UTF-8 may appear in quoted strings.
    pub utf8_accept: bool,
    /// `BINARY` advertised: an APPEND message (or metadata value) with NUL
    /// bytes goes as a literal8 `~{n}`.
    pub binary: bool,
}

impl EncodeContext {
    /// The context for a server that advertised `capabilities`, with
    /// `utf8_enabled` set once `ENABLE UTF8=ACCEPT` succeeded.
    ///
    /// ```
    /// use imap_proto::command::EncodeContext;
    /// use imap_proto::types::Capability;
    /// let caps = [Capability("IMAP4rev1".into()), Capability("literal+".into())];
    /// let ctx = EncodeContext::from_capabilities(&caps, false);
    /// assert!(ctx.literal_plus && !ctx.literal_minus && !ctx.binary);
    /// ```
    pub fn from_capabilities(capabilities: &[Capability], utf8_enabled: bool) -> Self {
        let has = |n: &str| capabilities.iter().any(|c| c.is(n));
        EncodeContext {
            literal_plus: has("LITERAL+"),
            literal_minus: has("LITERAL-"),
            utf8_accept: utf8_enabled,
            binary: has("BINARY"),
        }
    }
}

/// Largest literal LITERAL- lets go without synchronizing (RFC 7888).
pub const LITERAL_MINUS_MAX: usize = 4096;

/// One piece of an encoded command, sent in order. Its `Debug` shows sizes
/// only, never the bytes: a LOGIN line carries the password.
#[derive(Clone, PartialEq, Eq)]
pub enum Fragment {
    /// Command text up to and including a literal header `{n}\r\n` (or
    /// `{n+}\r\n`, `~{n}\r\n`), or up to and including the final CRLF.
    Line(Bytes),
    /// The bytes of a literal. When `sync` is true the client must wait for
    /// the server's `+` continuation (and must not send it at all after a
    /// tagged NO or BAD) before sending them.
    Literal {
        /// The literal's bytes.
        data: Bytes,
        /// True for a synchronizing literal.
        sync: bool,
    },
}

impl std::fmt::Debug for Fragment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Fragment::Line(line) => write!(f, "Line(<{} bytes>)", line.len()),
            Fragment::Literal { data, sync } => {
                write!(
                    f,
                    "Literal {{ data: <{} bytes>, sync: {sync} }}",
                    data.len()
                )
            }
        }
    }
}

/// An encoded command: fragments to send in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encoded {
    /// The fragments; the last is always a [`Fragment::Line`] ending in CRLF.
    pub fragments: Vec<Fragment>,
}

impl Encoded {
    /// All the bytes, as they appear on the wire (for tests and logs; a
    /// real client sends fragment by fragment, waiting where `sync`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for f in &self.fragments {
            match f {
                Fragment::Line(b) | Fragment::Literal { data: b, .. } => out.extend_from_slice(b),
            }
        }
        out
    }

    /// True when some literal waits for a `+` continuation.
    pub fn has_sync_literal(&self) -> bool {
        self.fragments
            .iter()
            .any(|f| matches!(f, Fragment::Literal { sync: true, .. }))
    }
}

/// Why a command cannot be encoded. Errors name the argument, and show its
/// value only when it is not a secret.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The value contains NUL, which IMAP can only carry in a literal8.
    #[error("{argument} contains a NUL byte, which cannot be sent here")]
    Nul {
        /// The argument.
        argument: &'static str,
    },
    /// The value must be an atom (flag, capability, item name, ...) but has
    /// a byte atoms cannot contain.
    #[error("{argument} is not a valid atom: {value}")]
    InvalidAtom {
        /// The argument.
        argument: &'static str,
        /// The offending value (never a secret).
        value: Snippet,
    },
    /// The argument may not be empty (an empty list, set or name).
    #[error("{argument} must not be empty")]
    Empty {
        /// The argument.
        argument: &'static str,
    },
    /// The value breaks a rule of the argument's syntax.
    #[error("{argument} is invalid: {reason}")]
    Invalid {
        /// The argument.
        argument: &'static str,
        /// The rule broken.
        reason: &'static str,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragment_debug_never_shows_the_bytes() {
        let encoded = crate::command::Command::login("joe", "hunter2")
            .encode(b"A1", &EncodeContext::default())
            .unwrap();
        let shown = format!("{encoded:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("bytes"), "{shown}");
    }
}
