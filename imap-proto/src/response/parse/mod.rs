//! The nom parsers: one function per ABNF rule, named after the rule, one
//! file per RFC area. [`parse_response`] is the entry point for one complete
//! (framed) response.

pub(crate) mod core;
pub(crate) mod fetch;
pub(crate) mod flag;

use bytes::Bytes;

use super::{ParseError, Response};
use crate::Limits;

/// Parses one complete response (as framed by [`super::Framer`], CRLF
/// included) into a [`Response`]. String and literal data in the result are
/// slices of `input`.
pub fn parse_response(input: &Bytes, limits: &Limits) -> Result<Response, ParseError> {
    let _ = limits;
    Err(ParseError::Syntax { offset: 0, near: super::Snippet::new(input) })
}
