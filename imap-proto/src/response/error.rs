//! Errors of the receiving side.

use std::fmt;

/// A few bytes of the peer's input, kept for error messages: at most
/// [`Snippet::MAX`] bytes, shown with non-printable bytes escaped.
#[derive(Clone, PartialEq, Eq)]
pub struct Snippet(pub Vec<u8>);

impl Snippet {
    /// Most bytes a snippet keeps.
    pub const MAX: usize = 64;

    /// Keeps the first [`Snippet::MAX`] bytes of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        Snippet(bytes[..bytes.len().min(Self::MAX)].to_vec())
    }
}

impl fmt::Display for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for &b in &self.0 {
            for c in std::ascii::escape_default(b) {
                fmt::Write::write_char(f, c as char)?;
            }
        }
        f.write_str("\"")
    }
}

impl fmt::Debug for Snippet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// Why one complete (framed) response could not be parsed. The response is
/// lost; the stream goes on with the next one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseError {
    /// The bytes do not follow the grammar (nor any tolerated quirk).
    #[error("malformed response at byte {offset}, near {near}")]
    Syntax {
        /// Offset into the response where parsing failed.
        offset: usize,
        /// The bytes at that offset.
        near: Snippet,
    },
    /// Parenthesised lists nest deeper than [`crate::Limits::max_depth`].
    #[error("response nests deeper than the limit of {limit}")]
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// A number is larger than its type allows.
    #[error("number out of range near {near}")]
    NumberOutOfRange {
        /// The offending bytes.
        near: Snippet,
    },
}

/// A problem with the framing of the byte stream (finding where responses
/// end).
///
/// [`FramingError::is_fatal`] tells whether the stream can go on: a line or
/// literal over a limit is skipped without being buffered and the stream
/// goes on; a literal length that cannot be read loses the framing for good.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FramingError {
    /// A line is longer than [`crate::Limits::max_line_length`]; it was skipped.
    #[error("line longer than the limit of {limit} bytes, starting {start}")]
    LineTooLong {
        /// The limit in force.
        limit: usize,
        /// The first bytes of the line.
        start: Snippet,
    },
    /// A literal announces more than [`crate::Limits::max_literal_size`]
    /// bytes; its response was skipped.
    #[error("literal of {size} bytes is over the limit of {limit}")]
    LiteralTooLarge {
        /// The announced size.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A response is larger than [`crate::Limits::max_response_size`]; it
    /// was skipped.
    #[error("response larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// A literal's length cannot be read (`{18446744073709551615}`, 25
    /// digits, ...). Fatal: the end of the response cannot be found.
    #[error("unreadable literal length {raw}")]
    BadLiteralLength {
        /// The offending bytes.
        raw: Snippet,
    },
}

impl FramingError {
    /// True when the stream cannot go on after this error.
    pub fn is_fatal(&self) -> bool {
        matches!(self, FramingError::BadLiteralLength { .. })
    }
}
