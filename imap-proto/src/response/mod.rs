//! The receiving side: a linear-time framer over the byte stream, and a
//! zero-copy nom parser that turns each complete response into a
//! [`Response`].
//!
//! [`ResponseStream`] puts the two together:
//!
//! ```
//! use imap_proto::{Limits, ResponseStream, Received};
//! use imap_proto::response::{Response, Untagged};
//!
//! let mut stream = ResponseStream::new(Limits::default());
//! stream.feed(b"* 23 EXI");
//! assert!(stream.next().is_none()); // not a complete response yet
//! stream.feed(b"STS\r\n");
//! match stream.next() {
//!     Some(Ok(Received::Response { response, .. })) => {
//!         assert_eq!(response, Response::Untagged(Untagged::Exists(23)));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! ```
//!
//! Large literals can be taken as they arrive instead of inside their
//! response ([`Limits::stream_literals_from`](crate::Limits)), so that a
//! 100 MB message never sits whole in memory:
//!
//! ```
//! use std::io::Write;
//! use imap_proto::{Limits, ResponseStream, Received};
//!
//! let mut limits = Limits::default();
//! limits.stream_literals_from = Some(1 << 20); // literals of 1 MiB and more
//! let mut stream = ResponseStream::new(limits);
//! let mut file = Vec::new(); // a file, say
//! let body = vec![b'x'; 3 << 20];
//! stream.feed(format!("* 7 FETCH (UID 42 BODY[] {{{}}}\r\n", body.len()).as_bytes());
//! for read in body.chunks(64 * 1024) {
//!     stream.feed(read);
//!     while let Some(item) = stream.next() {
//!         match item.unwrap() {
//!             Received::LiteralStart { size, .. } => assert_eq!(size, 3 << 20),
//!             Received::LiteralData(piece) => file.write_all(&piece).unwrap(),
//!             other => panic!("{other:?}"),
//!         }
//!     }
//!     // Nothing of the literal stays buffered between reads.
//!     assert_eq!(stream.buffered_len(), 0);
//! }
//! stream.feed(b" FLAGS (\\Seen))\r\n");
//! match stream.next() {
//!     // The response itself, with an empty literal in place of the streamed one.
//!     Some(Ok(Received::Response { raw, .. })) => {
//!         assert_eq!(&raw[..], b"* 7 FETCH (UID 42 BODY[] {0}\r\n FLAGS (\\Seen))\r\n");
//!     }
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!(file.len(), 3 << 20);
//! ```

pub mod encode;
mod envelope;
mod error;
mod framer;
mod model;
pub mod parse;
mod stream;

pub use envelope::{AddressRef, Addresses, Envelope};
pub use error::{FramingError, ParseError, Snippet};
pub use framer::{Frame, Framer};
pub use model::*;
pub use stream::{Received, ResponseStream};
