//! `msg-att` and its attributes (RFC 3501 section 9, RFC 3516, RFC 7162).
//! (Being implemented: owned by the parse-b branch.)

use super::core::{error, Ctx, PResult};
use crate::response::FetchAttr;

/// `msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"`
pub(crate) fn msg_att<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<FetchAttr>> {
    let _ = ctx;
    error(i, nom::error::ErrorKind::Fix)
}
