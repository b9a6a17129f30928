//! The nom parsers: one function per ABNF rule, named after the rule, one
//! file per RFC area. [`parse_response`] is the entry point for one complete
//! (framed) response.
//!
//! Dispatch reads the keyword after `* ` once and matches it ignoring
//! case (no backtracking over alternatives); unknown untagged responses
//! come out as [`Untagged::Other`] with their raw bytes rather than as
//! errors.

mod acl;
pub(crate) mod body;
mod capability;
pub(crate) mod core;
pub(crate) mod datetime;
pub(crate) mod envelope;
pub(crate) mod fetch;
pub(crate) mod flag;
mod id;
mod intern;
mod kw;
mod mailbox;
mod metadata;
mod namespace;
mod quota;
mod raw;
mod search;
pub(crate) mod section;
mod sequence;
mod status;

use bytes::Bytes;
use nom::error::ErrorKind;
use nom::Err;

use self::core::{crlf, error, is_atom_char, number, opt_sp, sp, Ctx, PResult};
use super::{Continue, Fetch, ParseError, Response, Snippet, Status, StatusKind, Tagged, Untagged};
use crate::Limits;

/// Parses one complete response (as framed by [`super::Framer`], CRLF
/// included) into a [`Response`]. String and literal data in the result are
/// slices of `input`.
///
/// ```
/// use bytes::Bytes;
/// use imap_proto::response::{parse::parse_response, Response, Untagged};
///
/// let line = Bytes::from_static(b"* 23 EXISTS\r\n");
/// let r = parse_response(&line, &imap_proto::Limits::default()).unwrap();
/// assert_eq!(r, Response::Untagged(Untagged::Exists(23)));
/// ```
///
/// # Errors
///
/// [`ParseError::Syntax`] with the offset and the bytes where the grammar
/// (and every tolerated quirk) failed, [`ParseError::TooDeep`] when lists
/// nest deeper than [`Limits::max_depth`], [`ParseError::NumberOutOfRange`]
/// for a number too large for its field.
#[inline(always)]
pub fn parse_response(input: &Bytes, limits: &Limits) -> Result<Response, ParseError> {
    let ctx = Ctx::new(input, limits.max_depth);
    match response(&ctx, input) {
        Ok(([], r)) => Ok(r),
        Ok((rest, _)) => Err(syntax(input, rest)),
        Err(Err::Error(e) | Err::Failure(e)) => {
            if ctx.too_deep.get() {
                Err(ParseError::TooDeep {
                    limit: limits.max_depth,
                })
            } else if e.code == ErrorKind::TooLarge {
                Err(ParseError::NumberOutOfRange {
                    near: Snippet::new(e.input),
                })
            } else {
                Err(syntax(input, e.input))
            }
        }
        Err(Err::Incomplete(_)) => Err(syntax(input, &[])),
    }
}

/// A syntax error at `at`, a suffix of `input` (or anywhere: the offset
/// is computed from addresses and clamped, never a panic).
fn syntax(input: &[u8], at: &[u8]) -> ParseError {
    let base = input.as_ptr() as usize;
    let p = at.as_ptr() as usize;
    let offset = if p >= base && p <= base + input.len() {
        p - base
    } else {
        input.len()
    };
    ParseError::Syntax {
        offset,
        near: Snippet::new(input.get(offset..).unwrap_or_default()),
    }
}

/// `response = *(continue-req / response-data) response-done`, one
/// response at a time: dispatches on the first byte.
pub(crate) fn response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Response> {
    match i.first() {
        Some(b'+') => continue_req(ctx, i).map(|(r, c)| (r, Response::Continue(c))),
        Some(b'*') => response_data(ctx, i),
        _ => response_tagged(ctx, i),
    }
}

/// `continue-req = "+" SP (resp-text / base64) CRLF`; a bare `+` or `+ `
/// before CRLF gives empty text. Base64 data is returned as the text.
pub(crate) fn continue_req<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Continue> {
    let (i, ()) = raw::chr(i, b'+')?;
    let (i, ()) = opt_sp(i)?;
    let (i, (code, text)) = status::resp_text(ctx, i)?;
    let (i, ()) = crlf(i)?;
    Ok((i, Continue { code, text }))
}

/// `response-tagged = tag SP resp-cond-state CRLF`, with `tag =
/// 1*<any ASTRING-CHAR except "+">`. The status word is matched ignoring
/// case.
pub(crate) fn response_tagged<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Response> {
    let n = i
        .iter()
        .take_while(|&&b| b != b'+' && core::is_astring_char(b))
        .count();
    if n == 0 {
        return error(i, ErrorKind::Tag);
    }
    let (tag, i) = i.split_at(n);
    let (i, ()) = sp(i)?;
    let (rest, word) = core::atom(i)?;
    let kind = match kw::key(word) {
        kw::OK => StatusKind::Ok,
        kw::NO => StatusKind::No,
        kw::BAD => StatusKind::Bad,
        _ => return error(i, ErrorKind::Tag),
    };
    let (i, ()) = opt_sp(rest)?;
    let (i, (code, text)) = status::resp_text(ctx, i)?;
    let (i, ()) = crlf(i)?;
    // Built in the return slot (no copy of a `Status`, then a `Tagged`).
    let status = Status { kind, code, text };
    let tag = ctx.small_bytes(tag);
    Ok((i, Response::Tagged(Tagged { tag, status })))
}

/// `response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data
/// / message-data / capability-data / enable-data / ...) CRLF`, and
/// `greeting = "*" SP (resp-cond-auth / resp-cond-bye) CRLF`, which is
/// the same shape. Reads the keyword (or number and keyword) once.
/// Returns the [`Response`] itself, so that the common small responses
/// are built straight in the caller's slot rather than copied through an
/// [`Untagged`] first.
pub(crate) fn response_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Response> {
    let (i, ()) = raw::chr(i, b'*')?;
    let (body, ()) = sp(i)?;
    if body.first().is_some_and(u8::is_ascii_digit) {
        return message_data(ctx, body);
    }
    let n = body.iter().take_while(|&&b| is_atom_char(b)).count();
    let (word, i) = body.split_at(n);
    let (i, u) = match kw::key(word) {
        kw::OK => return status_data(ctx, i, StatusKind::Ok),
        kw::NO => return status_data(ctx, i, StatusKind::No),
        kw::BAD => return status_data(ctx, i, StatusKind::Bad),
        kw::PREAUTH => return status_data(ctx, i, StatusKind::PreAuth),
        kw::BYE => return status_data(ctx, i, StatusKind::Bye),
        kw::CAPABILITY => map(capability::capability_data(ctx, i), Untagged::Capability)?,
        kw::ENABLED => map(capability::enable_data(ctx, i), Untagged::Enabled)?,
        kw::FLAGS => map(flag::flag_list(ctx, skip1(i)?), Untagged::Flags)?,
        kw::LIST => {
            // Built in the return slot, as in `message_data`.
            let (i, list) = mailbox::mailbox_list(ctx, skip1(i)?)?;
            let (i, ()) = end(i)?;
            return Ok((i, Response::Untagged(Untagged::List(list))));
        }
        kw::LSUB => map(mailbox::mailbox_list(ctx, skip1(i)?), Untagged::Lsub)?,
        kw::STATUS => map(mailbox::status_data(ctx, skip1(i)?), Untagged::Status_)?,
        kw::SEARCH => map(search::search_data(i), Untagged::Search)?,
        kw::SORT => map(search::search_data(i), Untagged::Sort)?,
        kw::ESEARCH => map(search::esearch_response(ctx, i), Untagged::ESearch)?,
        kw::THREAD => map(search::thread_data(ctx, i), Untagged::Thread)?,
        kw::VANISHED => sequence::expunged_resp(i)?,
        kw::NAMESPACE => map(
            namespace::namespace_response(ctx, skip1(i)?),
            Untagged::Namespace,
        )?,
        kw::QUOTA => map(quota::quota_response(ctx, skip1(i)?), Untagged::Quota)?,
        kw::QUOTAROOT => quota::quotaroot_response(ctx, skip1(i)?)?,
        kw::ACL => acl::acl_data(ctx, skip1(i)?)?,
        kw::LISTRIGHTS => acl::listrights_data(ctx, skip1(i)?)?,
        kw::MYRIGHTS => acl::myrights_data(ctx, skip1(i)?)?,
        kw::METADATA => metadata::metadata_resp(ctx, skip1(i)?)?,
        kw::ID => map(id::id_response(ctx, skip1(i)?), Untagged::Id)?,
        kw::ANNOTATION => {
            // The model holds one entry per line; other forms stay raw.
            let parsed = skip1(i).and_then(|i| metadata::annotate_data(ctx, i));
            match parsed.and_then(|(i, u)| end(i).map(|(i, ())| (i, u))) {
                Ok((i, u)) => return Ok((i, Response::Untagged(u))),
                Err(_) => return Ok(other(ctx, body, word)),
            }
        }
        _ => return Ok(other(ctx, body, word)),
    };
    let (i, ()) = end(i)?;
    Ok((i, Response::Untagged(u)))
}

/// `message-data = nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))` and
/// `mailbox-data =/ number SP "EXISTS" / number SP "RECENT"`, from the
/// number. Zero is accepted everywhere.
fn message_data<'a>(ctx: &Ctx<'_>, body: &'a [u8]) -> PResult<'a, Response> {
    let (i, n) = number(body)?;
    let (i, ()) = sp(i)?;
    let len = i.iter().take_while(|&&b| is_atom_char(b)).count();
    let (word, i) = i.split_at(len);
    // Each arm builds its value in the return slot (no copy of a whole
    // `Untagged` for an `EXISTS`).
    let u = match kw::key(word) {
        kw::EXISTS => Untagged::Exists(n),
        kw::RECENT => Untagged::Recent(n),
        kw::EXPUNGE => Untagged::Expunge(n),
        kw::FETCH => {
            let (i, ()) = sp(i)?;
            let (i, attrs) = fetch::msg_att(ctx, i)?;
            let (i, ()) = end(i)?;
            return Ok((
                i,
                Response::Untagged(Untagged::Fetch(Fetch { seq: n, attrs })),
            ));
        }
        _ => return Ok(other(ctx, body, word)),
    };
    let (i, ()) = end(i)?;
    Ok((i, Response::Untagged(u)))
}

/// `resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text`, and likewise
/// `resp-cond-auth` (`PREAUTH`) and `resp-cond-bye`, untagged: the part
/// after the status word, which the caller has already read as `kind`. The
/// space and the text may be missing (`* OK [READ-WRITE]` then CRLF). Reads
/// through the end of the response; the value is built in the return slot.
fn status_data<'a>(ctx: &Ctx<'_>, i: &'a [u8], kind: StatusKind) -> PResult<'a, Response> {
    let (i, ()) = opt_sp(i)?;
    let (i, (code, text)) = status::resp_text(ctx, i)?;
    let (i, ()) = end(i)?;
    let status = Status { kind, code, text };
    Ok((i, Response::Untagged(Untagged::Status(status))))
}

/// An unknown untagged response, kept whole: `raw` is everything after
/// `* ` up to the final CRLF, `name` its keyword. Consumes the input.
fn other<'a>(ctx: &Ctx<'_>, body: &'a [u8], word: &[u8]) -> (&'a [u8], Response) {
    let raw = body
        .strip_suffix(b"\r\n")
        .or_else(|| body.strip_suffix(b"\n"))
        .unwrap_or(body);
    (
        &[],
        Response::Untagged(Untagged::Other {
            name: ctx.bytes(word),
            raw: ctx.bytes(raw),
        }),
    )
}

/// The end of a response: optional trailing spaces, then CRLF.
fn end(i: &[u8]) -> PResult<'_, ()> {
    let (i, ()) = opt_sp(i)?;
    crlf(i)
}

/// One or more spaces (the `SP` after a keyword).
fn skip1(i: &[u8]) -> Result<&[u8], Err<nom::error::Error<&[u8]>>> {
    sp(i).map(|(r, ())| r)
}

/// Maps the value of a parse result.
fn map<'a, T, U>(r: PResult<'a, T>, f: impl FnOnce(T) -> U) -> PResult<'a, U> {
    r.map(|(i, v)| (i, f(v)))
}

#[cfg(test)]
mod vectors;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::Code;

    fn parse(s: &[u8]) -> Response {
        let b = Bytes::copy_from_slice(s);
        parse_response(&b, &Limits::default())
            .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(s)))
    }

    fn untagged(s: &[u8]) -> Untagged {
        match parse(s) {
            Response::Untagged(u) => u,
            other => panic!("{other:?}"),
        }
    }

    fn b(s: &'static str) -> Bytes {
        Bytes::from_static(s.as_bytes())
    }

    #[test]
    fn continuation_requests() {
        // RFC 3501 7.5 and 8
        assert_eq!(
            parse(b"+ Ready for additional command text\r\n"),
            Response::Continue(Continue {
                code: None,
                text: b("Ready for additional command text").into()
            })
        );
        assert_eq!(
            parse(
                b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n"
            ),
            Response::Continue(Continue {
                code: None,
                text: b("YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=")
                    .into()
            })
        );
        assert_eq!(
            parse(b"+\r\n"),
            Response::Continue(Continue {
                code: None,
                text: crate::types::SmallBytes::new()
            })
        );
        assert_eq!(
            parse(b"+ \r\n"),
            Response::Continue(Continue {
                code: None,
                text: crate::types::SmallBytes::new()
            })
        );
        assert_eq!(
            parse(b"+ [ALERT] go\r\n"),
            Response::Continue(Continue {
                code: Some(Code::Alert),
                text: b("go").into()
            })
        );
    }

    #[test]
    fn unknown_untagged_is_kept_raw() {
        assert_eq!(
            untagged(b"* XLIST (\\HasNoChildren) \"/\" INBOX\r\n"),
            Untagged::Other {
                name: b("XLIST"),
                raw: b("XLIST (\\HasNoChildren) \"/\" INBOX")
            }
        );
        assert_eq!(
            untagged(b"* 3 XFOO bar\r\n"),
            Untagged::Other {
                name: b("XFOO"),
                raw: b("3 XFOO bar")
            }
        );
        assert_eq!(
            untagged(b"* X-LIT {3}\r\nabc more\r\n"),
            Untagged::Other {
                name: b("X-LIT"),
                raw: b("X-LIT {3}\r\nabc more")
            }
        );
    }

    #[test]
    fn errors_carry_offset_and_snippet() {
        let line = Bytes::from_static(b"* 12 EXISTS junk\r\n");
        match parse_response(&line, &Limits::default()) {
            Err(ParseError::Syntax { offset, near }) => {
                assert_eq!(offset, 12);
                assert_eq!(near.0, b"junk\r\n");
            }
            other => panic!("{other:?}"),
        }
        let line = Bytes::from_static(b"A1 MAYBE fine\r\n");
        assert!(matches!(
            parse_response(&line, &Limits::default()),
            Err(ParseError::Syntax { offset: 3, .. })
        ));
        let line = Bytes::from_static(b"* 4294967296 EXISTS\r\n");
        assert!(matches!(
            parse_response(&line, &Limits::default()),
            Err(ParseError::NumberOutOfRange { .. })
        ));
        let line = Bytes::from_static(b"* SEARCH 1 99999999999\r\n");
        assert!(matches!(
            parse_response(&line, &Limits::default()),
            Err(ParseError::NumberOutOfRange { .. })
        ));
        let line = Bytes::from_static(b"* LIST (\\Noselect \"/\" x\r\n");
        assert!(matches!(
            parse_response(&line, &Limits::default()),
            Err(ParseError::Syntax { .. })
        ));
    }

    #[test]
    fn deep_thread_is_too_deep_on_a_small_stack() {
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let mut s = b"* THREAD ".to_vec();
                s.extend(std::iter::repeat_n(b'(', 10_000));
                s.extend_from_slice(b"\r\n");
                parse_response(&Bytes::from(s), &Limits::default())
            })
            .unwrap();
        assert_eq!(
            handle.join().unwrap(),
            Err(ParseError::TooDeep {
                limit: Limits::default().max_depth
            })
        );
    }
}
