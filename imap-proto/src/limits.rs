//! Every bound on what the network can make this crate do.

/// Limits on what the server's bytes may make the core buffer, nest or queue.
///
/// Going past a limit is a typed error (see [`crate::response::FramingError`]
/// and [`crate::response::ParseError`]), never a panic or an unbounded
/// allocation.
///
/// ```
/// // The struct is `#[non_exhaustive]`: start from the defaults.
/// let mut limits = imap_proto::Limits::default();
/// limits.max_literal_size = 1 << 30;
/// assert!(limits.max_line_length >= 1_000_000);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Longest line (the bytes between literals, CRLF included). imaplib
    /// uses 1,000,000; the default, 16 MiB, leaves room for a `SEARCH`
    /// answer of two million message numbers.
    pub max_line_length: usize,
    /// Largest single literal. Default 512 MiB. The announced size is never
    /// allocated up front: memory grows only as bytes arrive.
    pub max_literal_size: u64,
    /// Largest complete response (all its lines and literals). Default 1 GiB.
    pub max_response_size: u64,
    /// Deepest nesting of parenthesised lists, BODYSTRUCTURE and THREAD.
    /// Default 100: a legitimate 50-level BODYSTRUCTURE parses, and parsing
    /// stays within a 2 MiB thread stack.
    pub max_depth: usize,
    /// Most parsed events the client keeps queued before the driver drains
    /// them with `poll_event`. Default 1,000,000.
    pub max_queued_events: usize,
    /// Literals of at least this many bytes are handed out in pieces as
    /// they arrive, instead of inside their complete response: see
    /// [`crate::response::Frame`] and [`crate::Received::LiteralStart`].
    /// The receive buffer then never holds more of such a literal than one
    /// read brought in (an archiver fetching large messages keeps a small,
    /// warm buffer), and the response's typed value holds an empty literal
    /// in its place. Default `None`: every response comes out whole. Read by
    /// [`crate::ResponseStream`] and [`crate::response::Framer::next_piece`];
    /// a [`crate::client::Client`] (and so a session) ignores it.
    pub stream_literals_from: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_line_length: 16 << 20,
            max_literal_size: 512 << 20,
            max_response_size: 1 << 30,
            max_depth: 100,
            max_queued_events: 1_000_000,
            stream_literals_from: None,
        }
    }
}
