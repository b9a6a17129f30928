//! [`ResponseStream`]: framer plus parser. (Being implemented.)

use bytes::Bytes;

use super::{FramingError, ParseError, Response};
use crate::Limits;

/// One item out of a [`ResponseStream`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Received {
    /// A response that parsed.
    Response {
        /// The parsed value.
        response: Response,
        /// The whole response as received, CRLF included.
        raw: Bytes,
    },
    /// A complete response that did not parse; the stream goes on.
    Malformed {
        /// The whole response as received.
        raw: Bytes,
        /// Why it did not parse.
        error: ParseError,
    },
    /// A response that was skipped, unbuffered, for going past a limit
    /// (non-fatal [`FramingError`]); the stream goes on.
    Discarded(FramingError),
}

/// Framer plus parser over a byte stream: feed bytes in, take
/// [`Received`] items out.
#[derive(Debug)]
pub struct ResponseStream {
    limits: Limits,
}

impl ResponseStream {
    /// A stream with the given limits.
    pub fn new(limits: Limits) -> Self {
        ResponseStream { limits }
    }

    /// Appends received bytes.
    pub fn feed(&mut self, data: &[u8]) {
        let _ = (data, &self.limits);
    }

    /// The next complete item, `None` when more bytes are needed. An `Err`
    /// is fatal and sticky: the framing is lost.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<Result<Received, FramingError>> {
        None
    }
}
