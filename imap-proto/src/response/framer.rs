//! The framer: finds complete responses (lines and literals) in the byte
//! stream in linear time.
//!
//! A response is a line ending in LF (CRLF, a bare LF is tolerated). When a
//! line ends in a literal marker, `{n}`, `{n+}` or BINARY's `~{n}`, right
//! before its CRLF, the next n bytes are taken as they are, without being
//! looked at, and the response goes on with another line. The framer
//! remembers where it stopped (scan offset, literal bytes left, response
//! length so far), so every byte is looked at most once however the stream
//! is chunked. A complete response is split off the receive buffer as
//! [`Bytes`] without copying.

use std::fmt;

use bytes::{Buf, Bytes, BytesMut};

use self::marker::{has_lf_short, literal_marker, Carry, LfFinder, Marker};
use super::{FramingError, Snippet};
use crate::Limits;

mod marker;

/// Bytes of a skipped line kept while looking for its end, enough to read
/// a literal marker and to quote it in an error.
const SKIP_TAIL: usize = 40;
/// Capacity of a new receive buffer.
const INITIAL_CAPACITY: usize = 8 * 1024;
/// Bytes taken off the front of the receive buffer after which the pending
/// bytes are moved back to the start of its allocation (when no frame
/// handed out still shares it), so a buffer that once grew large for a big
/// response is reused from its start, where it is warm in the cache,
/// rather than walked through.
const RECLAIM_AFTER: usize = 64 * 1024;
/// Finds complete server responses in a byte stream.
///
/// Feed bytes in with [`Framer::feed`] (or read straight into the buffer
/// with [`Framer::recv_buf`] and [`Framer::commit`]), then call
/// [`Framer::next_frame`] until it returns `None`.
///
/// ```
/// use imap_proto::{response::Framer, Limits};
///
/// let mut framer = Framer::new(Limits::default());
/// framer.feed(b"* 1 FETCH (BODY[] {5}\r\nab");
/// assert!(framer.next_frame().is_none());
/// framer.feed(b"\r\nc)\r\n* 2 EXISTS\r\n");
/// let first = framer.next_frame().unwrap().unwrap();
/// assert_eq!(&first[..], b"* 1 FETCH (BODY[] {5}\r\nab\r\nc)\r\n");
/// let second = framer.next_frame().unwrap().unwrap();
/// assert_eq!(&second[..], b"* 2 EXISTS\r\n");
/// assert!(framer.next_frame().is_none());
/// ```
pub struct Framer {
    /// Received bytes; the current response starts at offset 0.
    buf: BytesMut,
    /// Length of `buf` before the last [`Framer::recv_buf`], while its
    /// bytes are not committed yet.
    uncommitted_from: Option<usize>,
    /// Offset of the first byte not looked at yet.
    scanned: usize,
    /// Offset where the current line starts.
    line_start: usize,
    mode: Mode,
    /// The error that lost the framing, in [`Mode::Fatal`].
    fatal: Option<FramingError>,
    /// Summary of the dropped bytes of a skipped line (see [`Carry`]).
    carry: Carry,
    max_line: usize,
    max_literal: u64,
    max_response: usize,
    /// What the rest of the current response may still take: `max_response`
    /// less the bytes of it already handed out before a streamed literal.
    room: usize,
    /// Size from which [`Framer::next_piece`] streams a literal (at least 1;
    /// `u64::MAX` when off).
    stream_from: u64,
    /// Bytes taken off the front of `buf` since its start last moved back
    /// (see [`RECLAIM_AFTER`]).
    consumed: usize,
    /// Bytes searched for LF so far, for tests of linearity.
    scanned_total: u64,
    /// The fast path of [`Framer::feed`]: non-zero only while the framer
    /// looks for the end of a line (nothing uncommitted, no reclaim due),
    /// then the length the line may grow to. Set where a search for the end
    /// of a line finds none; zeroed by every method that can change the
    /// mode, the line or the buffer's layout.
    quiet_limit: usize,
    /// The LF search.
    lf: LfFinder,
}

/// Where the framer stands in the current response.
#[derive(Clone, Debug)]
enum Mode {
    /// Looking for the end of a line.
    Line,
    /// Taking this many more bytes of a literal.
    Literal(u64),
    /// Handing out this many more bytes of a streamed literal.
    StreamLiteral(u64),
    /// Skipping a response over a limit: looking for the end of a line.
    SkipLine,
    /// Skipping a response over a limit: dropping this many literal bytes.
    SkipLiteral(u64),
    /// The framing is lost for good (the error is in `Framer::fatal`).
    Fatal,
}

impl Framer {
    /// A framer enforcing `limits` (line length, literal size, response size).
    pub fn new(limits: Limits) -> Self {
        Framer {
            buf: BytesMut::with_capacity(INITIAL_CAPACITY),
            uncommitted_from: None,
            scanned: 0,
            line_start: 0,
            mode: Mode::Line,
            fatal: None,
            carry: Carry::default(),
            max_line: limits.max_line_length,
            max_literal: limits.max_literal_size,
            max_response: usize::try_from(limits.max_response_size).unwrap_or(usize::MAX),
            room: usize::try_from(limits.max_response_size).unwrap_or(usize::MAX),
            stream_from: limits.stream_literals_from.map_or(u64::MAX, |n| n.max(1)),
            consumed: 0,
            scanned_total: 0,
            quiet_limit: 0,
            lf: LfFinder::new(),
        }
    }

    /// Appends received bytes. Bytes of a response that is being skipped
    /// (over a limit) are dropped here rather than buffered. A small read
    /// (8 to 32 bytes) that continues a line is searched for its end here,
    /// while it is at hand (still once: the next call does not search it
    /// again).
    #[inline]
    pub fn feed(&mut self, data: &[u8]) {
        let (start, n) = (self.buf.len(), data.len());
        if start == self.scanned && start + n < self.quiet_limit && (8..=32).contains(&n) {
            // The line goes on, within its limit, and everything before
            // was searched: search these bytes now, while they are at hand;
            // then `next_frame` has nothing to do.
            extend_small(&mut self.buf, data);
            if !has_lf_short(data) {
                self.scanned_total += n as u64;
                self.scanned = start + n;
            }
            return;
        }
        self.feed_any(data);
    }

    /// [`Framer::feed`] past its fast path.
    fn feed_any(&mut self, data: &[u8]) {
        self.reclaim();
        if self.uncommitted_from.is_none()
            && matches!(
                self.mode,
                Mode::Line | Mode::Literal(_) | Mode::StreamLiteral(_)
            )
        {
            if (8..=32).contains(&data.len()) {
                extend_small(&mut self.buf, data);
            } else {
                self.buf.extend_from_slice(data);
            }
        } else {
            self.feed_slow(data);
        }
    }

    /// [`Framer::feed`] after a [`Framer::recv_buf`], or while skipping.
    fn feed_slow(&mut self, mut data: &[u8]) {
        self.quiet_limit = 0;
        self.drop_uncommitted();
        match &mut self.mode {
            Mode::Fatal => return,
            Mode::SkipLiteral(left) if self.buf.is_empty() => {
                let n = usize::try_from(*left).unwrap_or(usize::MAX).min(data.len());
                data = &data[n..];
                *left -= n as u64;
            }
            _ => {}
        }
        self.buf.extend_from_slice(data);
        self.advance_skip();
    }

    /// A writable slice of exactly `min` bytes at the end of the receive
    /// buffer, for a driver to read into without an intermediate copy; say
    /// how many bytes were written with [`Framer::commit`]. Uncommitted
    /// bytes are dropped by the next call to any other method. The slice
    /// is zeroed first (this crate has no unsafe code), so pick `min` near
    /// the size a read returns (a TLS record, 16 KiB, say).
    pub fn recv_buf(&mut self, min: usize) -> &mut [u8] {
        self.quiet_limit = 0;
        self.drop_uncommitted();
        self.reclaim();
        let len = self.buf.len();
        self.buf.resize(len + min, 0);
        self.uncommitted_from = Some(len);
        &mut self.buf[len..]
    }

    /// Keeps the first `n` bytes written into the slice from the last
    /// [`Framer::recv_buf`] (at most its length) as received data.
    pub fn commit(&mut self, n: usize) {
        self.quiet_limit = 0;
        if let Some(from) = self.uncommitted_from.take() {
            let end = from.saturating_add(n).min(self.buf.len());
            self.buf.truncate(end);
            if matches!(self.mode, Mode::Fatal) {
                self.buf.clear();
            }
            self.advance_skip();
        }
    }

    /// Releases the receive buffer's memory beyond what the bytes received
    /// but not returned yet need (after a large response, say): the buffer
    /// otherwise keeps the capacity it grew to, to be reused. The memory
    /// goes back once no response handed out still refers to it.
    pub fn shrink_buffer(&mut self) {
        self.quiet_limit = 0;
        self.drop_uncommitted();
        let pending = self.buf.split();
        self.buf = BytesMut::with_capacity(INITIAL_CAPACITY.max(pending.len()));
        self.buf.extend_from_slice(&pending);
        self.consumed = 0;
    }

    /// Bytes received but not returned yet (nor dropped as skipped).
    pub fn buffered_len(&self) -> usize {
        self.uncommitted_from.unwrap_or(self.buf.len())
    }

    /// Bytes searched for line ends so far. Literal bytes are not searched,
    /// and no byte is searched twice, however the input is chunked.
    #[doc(hidden)]
    pub fn scanned_bytes(&self) -> u64 {
        self.scanned_total
    }

    /// The next complete response, CRLF included; `None` when more bytes
    /// are needed. This never streams a literal, whatever
    /// [`Limits::stream_literals_from`] says (see [`Framer::next_piece`]).
    ///
    /// An `Err` that is not [fatal](FramingError::is_fatal) reports a
    /// response that went past a limit: it is skipped (its bytes dropped as
    /// they arrive) and the stream goes on. A fatal error is returned again
    /// on every later call.
    #[inline(always)]
    pub fn next_frame(&mut self) -> Option<Result<Bytes, FramingError>> {
        if self.nothing_new() {
            return None;
        }
        self.next_item(false)
    }

    /// Like [`Framer::next_frame`], but a literal of at least
    /// [`Limits::stream_literals_from`] bytes is handed out in pieces, as
    /// its bytes arrive: [`Frame::LiteralStart`] with the response up to
    /// it, [`Frame::LiteralData`] pieces, then the rest of the response
    /// (which may stream another literal). Streamed bytes are not buffered
    /// and do not count toward [`Limits::max_response_size`]; they do
    /// toward [`Limits::max_literal_size`].
    ///
    /// ```
    /// use imap_proto::{response::{Frame, Framer}, Limits};
    ///
    /// let mut limits = Limits::default();
    /// limits.stream_literals_from = Some(4);
    /// let mut framer = Framer::new(limits);
    /// framer.feed(b"* 1 FETCH (BODY[] {6}\r\nab");
    /// match framer.next_piece() {
    ///     Some(Ok(Frame::LiteralStart { head, size: 6 })) => {
    ///         assert_eq!(&head[..], b"* 1 FETCH (BODY[] {6}\r\n");
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// assert_eq!(framer.next_piece(), Some(Ok(Frame::LiteralData("ab".into()))));
    /// assert_eq!(framer.next_piece(), None);
    /// framer.feed(b"cdef UID 7)\r\n");
    /// assert_eq!(framer.next_piece(), Some(Ok(Frame::LiteralData("cdef".into()))));
    /// assert_eq!(framer.next_piece(), Some(Ok(Frame::Response(" UID 7)\r\n".into()))));
    /// ```
    pub fn next_piece(&mut self) -> Option<Result<Frame, FramingError>> {
        if let Mode::StreamLiteral(left) = self.mode {
            self.drop_uncommitted();
            return self.stream_literal(left);
        }
        if self.nothing_new() {
            return None;
        }
        Some(match self.next_item(true)? {
            // The head of a response, when a streamed literal started.
            Ok(head) => Ok(match self.mode {
                Mode::StreamLiteral(size) => Frame::LiteralStart { head, size },
                _ => Frame::Response(head),
            }),
            Err(e) => Err(e),
        })
    }

    /// Where the current line must end by: its start plus the longest line
    /// allowed, or the room left for the response, whichever comes first.
    #[inline(always)]
    fn line_limit(&self) -> usize {
        self.line_start.saturating_add(self.max_line).min(self.room)
    }

    /// In [`Mode::Line`], every byte up to `end` searched and none an LF:
    /// opens [`Framer::feed`]'s fast path when nothing else is pending.
    #[inline(always)]
    fn quiet(&mut self, end: usize) {
        self.quiet_limit = if end == self.buf.len()
            && self.uncommitted_from.is_none()
            && self.consumed < RECLAIM_AFTER
        {
            self.line_limit()
        } else {
            0
        };
    }

    /// The fast path of the common call that finds no line end in a few
    /// new bytes: true when there is nothing to hand out yet.
    #[inline(always)]
    fn nothing_new(&mut self) -> bool {
        if let (Mode::Line, None) = (&self.mode, self.uncommitted_from) {
            let end = self.buf.len();
            if end == self.scanned {
                return true;
            }
            if end - self.scanned < 64
                && end < self.line_limit()
                && !has_lf_short(&self.buf[self.scanned..])
            {
                self.scanned_total += (end - self.scanned) as u64;
                self.scanned = end;
                self.quiet(end);
                return true;
            }
        }
        false
    }

    /// [`Framer::next_frame`] past its fast path. With `stream`, a literal
    /// to stream ends the item early: then the bytes returned are the head
    /// of a response, and the mode is [`Mode::StreamLiteral`]. Inlined into
    /// both callers, so `stream` is a constant in each.
    #[inline(always)]
    fn next_item(&mut self, stream: bool) -> Option<Result<Bytes, FramingError>> {
        self.quiet_limit = 0;
        self.drop_uncommitted();
        loop {
            match self.mode {
                Mode::Fatal => return self.fatal.clone().map(Err),
                Mode::SkipLine | Mode::SkipLiteral(_) => {
                    if !self.advance_skip() {
                        return None;
                    }
                }
                Mode::Literal(left) => {
                    let avail = self.buf.len() - self.scanned;
                    let take = usize::try_from(left).unwrap_or(usize::MAX).min(avail);
                    self.scanned += take;
                    if left == take as u64 {
                        self.mode = Mode::Line;
                        self.line_start = self.scanned;
                    } else {
                        self.mode = Mode::Literal(left - take as u64);
                        return None;
                    }
                }
                // `next_frame` after `next_piece` started streaming: the
                // rest of the literal goes into the rest of the response
                // (`next_piece` handles this mode before calling here).
                Mode::StreamLiteral(left) => self.mode = Mode::Literal(left),
                Mode::Line => {
                    if let Some(item) = self.next_line(stream) {
                        return item;
                    }
                }
            }
        }
    }

    /// In [`Mode::StreamLiteral`]: the literal bytes received so far, as a
    /// piece split off the buffer.
    #[cold]
    #[inline(never)]
    fn stream_literal(&mut self, left: u64) -> Option<Result<Frame, FramingError>> {
        self.quiet_limit = 0;
        let take = usize::try_from(left)
            .unwrap_or(usize::MAX)
            .min(self.buf.len());
        if take == 0 {
            return None;
        }
        let data = self.buf.split_to(take).freeze();
        self.consumed += take;
        self.mode = if left == take as u64 {
            Mode::Line
        } else {
            Mode::StreamLiteral(left - take as u64)
        };
        Some(Ok(Frame::LiteralData(data)))
    }

    /// In [`Mode::Line`]: finds the end of the current line and acts on it.
    /// `None` when a buffered literal starts (look again); otherwise what
    /// [`Framer::next_piece`] returns.
    #[allow(clippy::option_option)]
    #[inline]
    fn next_line(&mut self, stream: bool) -> Option<Option<Result<Bytes, FramingError>>> {
        loop {
            let limit = self.line_limit();
            let end = self.buf.len().min(limit);
            let window = &self.buf[self.scanned..end];
            let Some(k) = self.lf.find(window) else {
                self.scanned_total += window.len() as u64;
                self.scanned = end;
                if end < limit || end == self.line_start && self.buf.len() == end {
                    self.quiet(end);
                    return Some(None);
                }
                // No LF in the most a line (or the response) may hold, and
                // at least one byte of the line is here (limits may be 0).
                let error = if limit == self.line_start.saturating_add(self.max_line) {
                    FramingError::LineTooLong {
                        limit: self.max_line,
                        start: Snippet::new(&self.buf[self.line_start..end]),
                    }
                } else {
                    FramingError::ResponseTooLarge {
                        limit: self.max_response as u64,
                    }
                };
                self.room = self.max_response;
                self.advance(self.line_start);
                self.scanned -= self.line_start;
                self.line_start = 0;
                self.carry = Carry::default();
                self.mode = Mode::SkipLine;
                self.advance_skip();
                return Some(Some(Err(error)));
            };
            self.scanned_total += k as u64 + 1;
            let lf = self.scanned + k;
            self.scanned = lf + 1;
            let line = &self.buf[self.line_start..lf];
            // Most lines do not end in `}`: no call for them.
            let marker = if ends_in_brace(line) {
                literal_marker(line, Carry::default())
            } else {
                Marker::None
            };
            match marker {
                Marker::None => {
                    self.consumed += self.scanned;
                    let frame = self.buf.split_to(self.scanned).freeze();
                    self.scanned = 0;
                    self.line_start = 0;
                    self.room = self.max_response;
                    return Some(Some(Ok(frame)));
                }
                Marker::Unreadable(raw) => return Some(Some(Err(self.fatal(raw)))),
                Marker::Literal(n) => {
                    let error = if n > self.max_literal {
                        FramingError::LiteralTooLarge {
                            size: n,
                            limit: self.max_literal,
                        }
                    } else if stream && n >= self.stream_from {
                        return Some(Some(Ok(self.start_streaming(n))));
                    } else if (self.scanned as u64).saturating_add(n) >= self.room as u64 {
                        // The literal and at least an LF after it do not fit.
                        FramingError::ResponseTooLarge {
                            limit: self.max_response as u64,
                        }
                    } else if n == 0 {
                        self.line_start = self.scanned;
                        continue;
                    } else {
                        self.mode = Mode::Literal(n);
                        return None;
                    };
                    self.advance(self.scanned);
                    self.scanned = 0;
                    self.line_start = 0;
                    self.room = self.max_response;
                    self.mode = Mode::SkipLiteral(n);
                    self.advance_skip();
                    return Some(Some(Err(error)));
                }
            }
        }
    }

    /// A line ending in the marker of a literal of `n` bytes to stream has
    /// been found: returns the response so far.
    #[cold]
    #[inline(never)]
    fn start_streaming(&mut self, n: u64) -> Bytes {
        let head = self.buf.split_to(self.scanned).freeze();
        self.consumed += self.scanned;
        // The line limit kept the head within the room left.
        self.room = self.room.saturating_sub(self.scanned);
        self.scanned = 0;
        self.line_start = 0;
        self.mode = Mode::StreamLiteral(n);
        head
    }

    /// Drops the bytes of a response being skipped, as far as they have
    /// arrived. Returns true when the skipped response ended (or the framing
    /// was lost) and [`Framer::next_frame`] should look again.
    fn advance_skip(&mut self) -> bool {
        loop {
            match self.mode {
                Mode::SkipLiteral(left) => {
                    let n = usize::try_from(left)
                        .unwrap_or(usize::MAX)
                        .min(self.buf.len());
                    self.advance(n);
                    if left > n as u64 {
                        self.mode = Mode::SkipLiteral(left - n as u64);
                        return false;
                    }
                    self.mode = Mode::SkipLine;
                    self.scanned = 0;
                    self.carry = Carry::default();
                }
                Mode::SkipLine => {
                    let window = &self.buf[self.scanned..];
                    let Some(k) = self.lf.find(window) else {
                        self.scanned_total += window.len() as u64;
                        self.trim_skipped_line();
                        return false;
                    };
                    self.scanned_total += k as u64 + 1;
                    let lf = self.scanned + k;
                    let marker = literal_marker(&self.buf[..lf], self.carry);
                    self.advance(lf + 1);
                    self.scanned = 0;
                    self.carry = Carry::default();
                    match marker {
                        Marker::None => {
                            self.mode = Mode::Line;
                            self.line_start = 0;
                            return true;
                        }
                        Marker::Literal(n) => self.mode = Mode::SkipLiteral(n),
                        Marker::Unreadable(raw) => {
                            self.fatal(raw);
                            return true;
                        }
                    }
                }
                _ => return false,
            }
        }
    }

    /// Keeps only the last [`SKIP_TAIL`] bytes of a skipped line without its
    /// end yet, summing up the dropped bytes in `carry`.
    fn trim_skipped_line(&mut self) {
        let len = self.buf.len();
        if len > SKIP_TAIL {
            let cut = len - SKIP_TAIL;
            self.carry.absorb(&self.buf[..cut]);
            self.advance(cut);
        }
        self.scanned = self.buf.len();
    }

    /// Drops `n` bytes off the front of the buffer.
    fn advance(&mut self, n: usize) {
        self.buf.advance(n);
        self.consumed += n;
    }

    /// Moves the pending bytes back to the start of the buffer's allocation
    /// once [`RECLAIM_AFTER`] bytes were taken off its front, if nothing
    /// handed out shares the allocation any more and the move is cheap
    /// (fewer pending bytes than were taken: amortized linear).
    #[inline]
    fn reclaim(&mut self) {
        if self.consumed >= RECLAIM_AFTER {
            self.reclaim_slow();
        }
    }

    #[inline(never)]
    fn reclaim_slow(&mut self) {
        let (len, cap) = (self.buf.len(), self.buf.capacity());
        // Asking for one byte more than the view holds moves the bytes to
        // the front when the allocation is ours alone and the move does not
        // overlap; a larger capacity afterwards says it did (it may only
        // have widened the view by that byte, then try again next time).
        if len <= self.consumed
            && self.buf.try_reclaim(cap - len + 1)
            && self.buf.capacity() > cap + 1
        {
            self.consumed = 0;
        }
    }

    /// Loses the framing for good because of the literal marker `raw`.
    fn fatal(&mut self, raw: Snippet) -> FramingError {
        let error = FramingError::BadLiteralLength { raw };
        self.mode = Mode::Fatal;
        self.fatal = Some(error.clone());
        self.buf.clear();
        self.scanned = 0;
        self.line_start = 0;
        error
    }

    /// Drops bytes handed out by [`Framer::recv_buf`] and never committed.
    fn drop_uncommitted(&mut self) {
        if let Some(from) = self.uncommitted_from.take() {
            self.buf.truncate(from);
        }
    }
}

/// A piece of the byte stream handed out by [`Framer::next_piece`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Frame {
    /// A complete response, CRLF included; after a [`Frame::LiteralStart`],
    /// the rest of that response (from the byte after the literal).
    Response(Bytes),
    /// A response whose next literal is streamed: the response so far (after
    /// a previous streamed literal: since its end), up to and including the
    /// line that ends in the literal's marker. The literal's bytes follow
    /// as [`Frame::LiteralData`] pieces.
    LiteralStart {
        /// The response up to and including the literal's marker line.
        head: Bytes,
        /// The literal's announced size.
        size: u64,
    },
    /// The next bytes of the literal announced by the last
    /// [`Frame::LiteralStart`]: as many as had arrived (never empty).
    LiteralData(Bytes),
}

/// Whether `line` (without its LF) ends in `}`, before an optional CR.
#[inline(always)]
fn ends_in_brace(line: &[u8]) -> bool {
    line.strip_suffix(b"\r").unwrap_or(line).last() == Some(&b'}')
}

/// Appends `data`, 8 to 32 bytes, as one or two constant-size copies (the
/// second overlapping the first): inline stores instead of a call to
/// `memcpy`, which costs more than the copy itself for the small reads of
/// a slow link.
#[inline]
fn extend_small(buf: &mut BytesMut, data: &[u8]) {
    #[inline(always)]
    fn copy<const N: usize>(buf: &mut BytesMut, data: &[u8]) {
        let n = data.len();
        let start = buf.len();
        buf.reserve(n);
        if let Ok(head) = <&[u8; N]>::try_from(&data[..N]) {
            buf.extend_from_slice(head);
        }
        if n > N {
            buf.truncate(start + n - N);
            if let Ok(tail) = <&[u8; N]>::try_from(&data[n - N..]) {
                buf.extend_from_slice(tail);
            }
        }
    }
    if data.len() >= 16 {
        copy::<16>(buf, data);
    } else {
        copy::<8>(buf, data);
    }
}

impl Default for Framer {
    /// A framer with [`Limits::default`].
    fn default() -> Self {
        Framer::new(Limits::default())
    }
}

impl fmt::Debug for Framer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Framer")
            .field("buffered", &self.buffered_len())
            .field("scanned", &self.scanned)
            .field("line_start", &self.line_start)
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_stream;
