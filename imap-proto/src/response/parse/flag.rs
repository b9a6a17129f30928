//! `flag`, `flag-list`, `flag-perm`, `flag-fetch` (RFC 3501 section 9).
//! (Being implemented: owned by the parse-a branch.)

use super::core::{error, Ctx, PResult};
use crate::types::Flag;

/// `flag-list = "(" [flag *(SP flag)] ")"`, leniently (quirks: `]` and
/// spaces inside keywords, `\*`, trailing spaces).
pub(crate) fn flag_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Flag>> {
    let _ = ctx;
    error(i, nom::error::ErrorKind::Fix)
}
