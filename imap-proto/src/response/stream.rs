//! [`ResponseStream`]: framer plus parser.

use bytes::Bytes;

use super::parse::parse_response;
use super::{Frame, Framer, FramingError, ParseError, Response};
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
    /// With [`Limits::stream_literals_from`] set: a response's literal of
    /// at least that size follows in [`Received::LiteralData`] pieces. The
    /// response itself comes once it is complete, as a
    /// [`Received::Response`] (or [`Received::Malformed`]) whose value holds
    /// an empty literal in this one's place, and whose `raw` bytes are the
    /// response as parsed (the marker rewritten to `{0}`, the data left
    /// out). Between this and that response come only the literal's pieces
    /// and, for a second large literal in the same response, another
    /// `LiteralStart`.
    LiteralStart {
        /// The response as received up to the literal (since the end of
        /// the previous streamed literal, if any), up to and including the
        /// line that announces it: `* 12 FETCH (UID 7 BODY[] {70000000}\r\n`.
        head: Bytes,
        /// The literal's size.
        size: u64,
    },
    /// The next bytes of the literal announced by the last
    /// [`Received::LiteralStart`], as many as had arrived; their lengths
    /// add up to its size.
    LiteralData(Bytes),
}

/// Framer plus parser over a byte stream: feed bytes in, take
/// [`Received`] items out.
///
/// After every [`ResponseStream::feed`] (or [`ResponseStream::commit`]),
/// call [`ResponseStream::next`] until it returns `None`. Feeding does no
/// work beyond buffering (dropping the bytes of a skipped response, and
/// looking for a line end in a small read, which is then not searched again);
/// the items, and their order, do not depend on how the bytes were chunked.
/// See the [module documentation](super) for an example.
#[derive(Debug)]
pub struct ResponseStream {
    framer: Framer,
    limits: Limits,
    /// The heads of a response whose literals are being streamed, each
    /// literal's marker rewritten to `{0}`; empty otherwise.
    partial: Vec<u8>,
}

impl ResponseStream {
    /// A stream with the given limits.
    pub fn new(limits: Limits) -> Self {
        ResponseStream {
            framer: Framer::new(limits.clone()),
            limits,
            partial: Vec::new(),
        }
    }

    /// Appends received bytes.
    #[inline]
    pub fn feed(&mut self, data: &[u8]) {
        self.framer.feed(data);
    }

    /// A writable slice of exactly `min` bytes at the end of the receive
    /// buffer, for a driver to read into without an intermediate copy;
    /// follow with [`ResponseStream::commit`].
    ///
    /// ```
    /// use std::io::Read;
    /// use imap_proto::{Limits, ResponseStream};
    ///
    /// let mut socket: &[u8] = b"+ go ahead\r\n";
    /// let mut stream = ResponseStream::new(Limits::default());
    /// let n = socket.read(stream.recv_buf(4096)).unwrap();
    /// stream.commit(n);
    /// assert_eq!(stream.buffered_len(), 12);
    /// ```
    pub fn recv_buf(&mut self, min: usize) -> &mut [u8] {
        self.framer.recv_buf(min)
    }

    /// Keeps the first `n` bytes written into the slice from the last
    /// [`ResponseStream::recv_buf`] as received data.
    pub fn commit(&mut self, n: usize) {
        self.framer.commit(n);
    }

    /// Releases receive-buffer memory beyond what the pending bytes need.
    /// The buffer keeps the capacity it grew to (for the largest response
    /// so far) to reuse it; call this after a large response when memory
    /// matters more than the next one's speed. See [`Framer::shrink_buffer`].
    pub fn shrink_buffer(&mut self) {
        self.framer.shrink_buffer();
    }

    /// Bytes received but not returned in an item yet.
    pub fn buffered_len(&self) -> usize {
        self.framer.buffered_len()
    }

    /// The next complete item, `None` when more bytes are needed. An `Err`
    /// is fatal and sticky: the framing is lost, and every later call
    /// returns it again.
    #[allow(clippy::should_implement_trait)]
    #[inline]
    pub fn next(&mut self) -> Option<Result<Received, FramingError>> {
        // Every value below is built in place: no call returns a
        // `Received` (a large value whose moves would cost a copy each).
        let piece = if self.limits.stream_literals_from.is_some() {
            self.framer.next_piece()
        } else {
            self.framer
                .next_frame()
                .map(|item| item.map(Frame::Response))
        };
        Some(match piece? {
            Ok(Frame::Response(mut raw)) => {
                if !self.partial.is_empty() {
                    raw = self.complete_streamed(raw);
                }
                Ok(match parse_response(&raw, &self.limits) {
                    Ok(response) => Received::Response { response, raw },
                    Err(error) => Received::Malformed { raw, error },
                })
            }
            Ok(Frame::LiteralStart { head, size }) => {
                push_head(&mut self.partial, &head);
                Ok(Received::LiteralStart { head, size })
            }
            Ok(Frame::LiteralData(data)) => Ok(Received::LiteralData(data)),
            Err(e) => {
                self.partial.clear();
                if e.is_fatal() {
                    Err(e)
                } else {
                    Ok(Received::Discarded(e))
                }
            }
        })
    }

    /// The bytes a response whose literals were streamed is parsed from:
    /// the heads kept so far, then `rest`.
    #[cold]
    #[inline(never)]
    fn complete_streamed(&mut self, rest: Bytes) -> Bytes {
        self.partial.extend_from_slice(&rest);
        Bytes::from(std::mem::take(&mut self.partial))
    }
}

/// Appends the head of a response up to a streamed literal to `partial`,
/// its closing literal marker (`{n}`, `{n+}`, `~{n}`) rewritten to `{0}`.
#[cold]
#[inline(never)]
fn push_head(partial: &mut Vec<u8>, head: &[u8]) {
    let close = head.iter().rposition(|&b| b == b'}').unwrap_or(head.len());
    let open = head[..close]
        .iter()
        .rposition(|&b| b == b'{')
        .map_or(close, |i| i + 1);
    partial.extend_from_slice(&head[..open]);
    partial.push(b'0');
    partial.extend_from_slice(&head[close..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(stream: &mut ResponseStream) -> Vec<Result<Received, FramingError>> {
        std::iter::from_fn(|| stream.next()).take(100).collect()
    }

    #[test]
    fn complete_responses_come_out_with_their_raw_bytes() {
        let mut s = ResponseStream::new(Limits::default());
        s.feed(b"* 1 EXISTS\r\n* 2 EXI");
        let got = items(&mut s);
        assert_eq!(got.len(), 1);
        match &got[0] {
            Ok(Received::Response { raw, .. }) | Ok(Received::Malformed { raw, .. }) => {
                assert_eq!(&raw[..], b"* 1 EXISTS\r\n");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(s.buffered_len(), 7);
    }

    #[test]
    fn over_limit_is_discarded_and_stream_goes_on() {
        let limits = Limits {
            max_line_length: 10,
            ..Limits::default()
        };
        let mut s = ResponseStream::new(limits);
        s.feed(b"* 1 FETCH (FLAGS (\\Seen))\r\nA1 OK\r\n");
        let got = items(&mut s);
        assert_eq!(got.len(), 2);
        assert!(matches!(
            got[0],
            Ok(Received::Discarded(FramingError::LineTooLong {
                limit: 10,
                ..
            }))
        ));
        match &got[1] {
            Ok(Received::Response { raw, .. }) | Ok(Received::Malformed { raw, .. }) => {
                assert_eq!(&raw[..], b"A1 OK\r\n");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn fatal_error_is_sticky() {
        let mut s = ResponseStream::new(Limits::default());
        s.feed(b"* 1 FETCH (BODY[] {1234567890123456789012345}\r\nxx\r\n* 2 EXISTS\r\n");
        for _ in 0..3 {
            match s.next() {
                Some(Err(e)) => assert!(e.is_fatal()),
                other => panic!("{other:?}"),
            }
        }
        s.feed(b"* 3 EXISTS\r\n");
        assert!(matches!(
            s.next(),
            Some(Err(FramingError::BadLiteralLength { .. }))
        ));
        assert_eq!(s.buffered_len(), 0);
    }

    #[test]
    fn a_streamed_literal_leaves_an_empty_literal_in_the_response() {
        use crate::response::{FetchAttr, Untagged};
        let limits = Limits {
            stream_literals_from: Some(5),
            ..Limits::default()
        };
        let mut s = ResponseStream::new(limits);
        s.feed(b"* 3 FETCH (UID 9 BODY[] {6}\r\nab");
        let got = items(&mut s);
        assert!(
            matches!(&got[..], [Ok(Received::LiteralStart { head, size: 6 }), Ok(Received::LiteralData(d))]
                if &head[..] == b"* 3 FETCH (UID 9 BODY[] {6}\r\n" && &d[..] == b"ab"),
            "{got:?}"
        );
        s.feed(b"cdef BODY[1] {2}\r\nxy)\r\n");
        let got = items(&mut s);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[0], Ok(Received::LiteralData(d)) if &d[..] == b"cdef"));
        let Ok(Received::Response { response, raw }) = &got[1] else {
            panic!("{got:?}");
        };
        assert_eq!(
            &raw[..],
            b"* 3 FETCH (UID 9 BODY[] {0}\r\n BODY[1] {2}\r\nxy)\r\n"
        );
        let Response::Untagged(Untagged::Fetch(fetch)) = response else {
            panic!("{response:?}");
        };
        assert_eq!(fetch.seq, 3);
        let data: Vec<_> = fetch
            .attrs
            .iter()
            .filter_map(|a| match a {
                FetchAttr::BodySection { data, .. } => data.clone(),
                _ => None,
            })
            .collect();
        assert_eq!(data, [Bytes::new(), Bytes::from_static(b"xy")]);
    }

    #[test]
    fn an_error_mid_response_drops_the_streamed_heads() {
        let limits = Limits {
            stream_literals_from: Some(2),
            max_line_length: 24,
            ..Limits::default()
        };
        let mut s = ResponseStream::new(limits);
        s.feed(b"* 1 FETCH (BODY[] {2}\r\nab FLAGS (\\Seen \\Answered))\r\n* 2 EXISTS\r\n");
        let got = items(&mut s);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(matches!(
            got[2],
            Ok(Received::Discarded(FramingError::LineTooLong { .. }))
        ));
        assert!(
            matches!(&got[3], Ok(Received::Response { raw, .. }) if &raw[..] == b"* 2 EXISTS\r\n")
        );
    }

    #[test]
    fn recv_buf_and_commit_frame_like_feed() {
        let mut s = ResponseStream::new(Limits::default());
        let data = b"+ \r\n";
        s.recv_buf(100)[..data.len()].copy_from_slice(data);
        s.commit(data.len());
        assert_eq!(s.buffered_len(), 4);
        match s.next() {
            Some(Ok(Received::Response { raw, .. }))
            | Some(Ok(Received::Malformed { raw, .. })) => {
                assert_eq!(&raw[..], b"+ \r\n");
            }
            other => panic!("{other:?}"),
        }
        assert!(s.next().is_none());
    }
}
