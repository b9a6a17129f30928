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
