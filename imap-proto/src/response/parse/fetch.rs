//! `msg-att` and its attributes (RFC 3501 section 9, RFC 3516, RFC 7162,
//! RFC 9051).
//!
//! Attributes are dispatched on their name, read once and compared ignoring
//! ASCII case, rather than by trying each rule in turn. Unknown attributes
//! are kept raw as [`FetchAttr::Other`].

use nom::{character::complete::digit1, error::ErrorKind};

use super::body::body;
use super::core::{
    error, fail, is_atom_char, literal, nstring, number, number64, opt_sp, quoted, sp,
};
use super::core::{Ctx, PResult};
use super::datetime::date_time;
use super::envelope::{close, envelope};
use super::flag::flag_list;
use super::section::{origin, section, section_binary};
use crate::response::FetchAttr;

/// `msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"`
///
/// Leniently: spaces before `)` (`(UID 19436 )`), no space after a literal
/// (`{3}\r\nabcUID 12`), several spaces between attributes, `()`.
pub(crate) fn msg_att<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<FetchAttr>> {
    let Some(mut i) = i.strip_prefix(b"(") else {
        return error(i, ErrorKind::Char);
    };
    let mut attrs = Vec::with_capacity(8);
    loop {
        let (j, ()) = opt_sp(i)?;
        match j.first() {
            Some(b')') => return Ok((&j[1..], attrs)),
            None => return fail(j, ErrorKind::Eof),
            Some(_) => {}
        }
        let (j, attr) = msg_att_item(ctx, j)?;
        attrs.push(attr);
        i = j;
    }
}

/// A byte of an attribute name: an atom character other than `[` (which
/// starts a section).
fn is_name_char(b: u8) -> bool {
    is_atom_char(b) && b != b'['
}

/// One `msg-att-dynamic` / `msg-att-static`, or an unknown attribute.
fn msg_att_item<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, FetchAttr> {
    let n = i.iter().position(|&b| !is_name_char(b)).unwrap_or(i.len());
    if n == 0 {
        return fail(i, ErrorKind::Alpha);
    }
    let (name, rest) = i.split_at(n);
    let is = |w: &[u8]| name.eq_ignore_ascii_case(w);
    let bracket = rest.first() == Some(&b'[');
    match (name.len(), bracket) {
        (3, false) if is(b"UID") => {
            let (rest, ()) = sp(rest)?;
            let (rest, uid) = number(rest)?;
            Ok((rest, FetchAttr::Uid(uid)))
        }
        (5, false) if is(b"FLAGS") => {
            let (rest, ()) = sp(rest)?;
            let (rest, flags) = flag_list(ctx, rest)?;
            Ok((rest, FetchAttr::Flags(flags)))
        }
        (12, false) if is(b"INTERNALDATE") => {
            let (rest, ()) = sp(rest)?;
            let (rest, d) = date_time(rest)?;
            Ok((rest, FetchAttr::InternalDate(d)))
        }
        (11, false) if is(b"RFC822.SIZE") => {
            let (rest, ()) = sp(rest)?;
            let (rest, n) = number64(rest)?;
            Ok((rest, FetchAttr::Rfc822Size(n)))
        }
        (8, false) if is(b"ENVELOPE") => {
            let (rest, ()) = sp(rest)?;
            let (rest, e) = envelope(ctx, rest)?;
            Ok((rest, FetchAttr::Envelope(Box::new(e))))
        }
        (13, false) if is(b"BODYSTRUCTURE") => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::BodyStructure(Box::new(b))))
        }
        (4, false) if is(b"BODY") => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::Body(Box::new(b))))
        }
        (4 | 9, true) if is(b"BODY") || is(b"BODY.PEEK") => {
            let (rest, section) = section(ctx, rest)?;
            let (rest, origin) = origin(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, data) = nstring(ctx, rest)?;
            Ok((
                rest,
                FetchAttr::BodySection {
                    section,
                    origin,
                    data,
                },
            ))
        }
        (6, true) if is(b"BINARY") => {
            let (rest, section) = section_binary(rest)?;
            let (rest, origin) = origin(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, data) = nstring(ctx, rest)?;
            Ok((
                rest,
                FetchAttr::Binary {
                    section,
                    origin,
                    data,
                },
            ))
        }
        (11, true) if is(b"BINARY.SIZE") => {
            let (rest, section) = section_binary(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, size) = number64(rest)?;
            Ok((rest, FetchAttr::BinarySize { section, size }))
        }
        (6, false) if is(b"RFC822") => rfc822_nstring(ctx, rest, FetchAttr::Rfc822),
        (11, false) if is(b"RFC822.TEXT") => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Text),
        (13, false) if is(b"RFC822.HEADER") => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Header),
        (6, false) if is(b"MODSEQ") => {
            let (rest, ()) = sp(rest)?;
            let (rest, m) = modseq_paren(rest)?;
            Ok((rest, FetchAttr::ModSeq(m)))
        }
        _ => other(ctx, i, n),
    }
}

/// `"RFC822" SP nstring` and its `.HEADER` / `.TEXT` forms.
fn rfc822_nstring<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    make: fn(Option<bytes::Bytes>) -> FetchAttr,
) -> PResult<'a, FetchAttr> {
    let (i, ()) = sp(i)?;
    let (i, data) = nstring(ctx, i)?;
    Ok((i, make(data)))
}

/// `fetch-mod-resp = "MODSEQ" SP "(" permsg-modsequence ")"` (RFC 7162),
/// from the `(`; the quirk `-1` parses as 0.
fn modseq_paren(i: &[u8]) -> PResult<'_, u64> {
    let Some(i) = i.strip_prefix(b"(") else {
        return fail(i, ErrorKind::Char);
    };
    let (i, ()) = opt_sp(i)?;
    let (i, m) = match i.strip_prefix(b"-") {
        Some(j) => (digit1(j)?.0, 0),
        None => number64(i)?,
    };
    let (i, ()) = close(i)?;
    Ok((i, m))
}

/// An unknown attribute: its name (with a `[...]` section if any) and its
/// value kept raw. `name_len` bytes of `i` are the name up to any `[`.
fn other<'a>(ctx: &Ctx<'_>, i: &'a [u8], name_len: usize) -> PResult<'a, FetchAttr> {
    let mut n = name_len;
    if i.get(n) == Some(&b'[') {
        match memchr::memchr(b']', &i[n..]) {
            Some(k) => n += k + 1,
            None => return fail(i, ErrorKind::Char),
        }
        n += i[n..].iter().take_while(|&&b| is_name_char(b)).count();
    }
    let (name, rest) = i.split_at(n);
    let (rest, ()) = opt_sp(rest)?;
    if matches!(rest.first(), None | Some(b')')) {
        return Ok((
            rest,
            FetchAttr::Other {
                name: ctx.bytes(name),
                value: bytes::Bytes::new(),
            },
        ));
    }
    let (after, ()) = skip_value(ctx, rest)?;
    let raw = &rest[..rest.len() - after.len()];
    Ok((
        after,
        FetchAttr::Other {
            name: ctx.bytes(name),
            value: ctx.bytes(raw),
        },
    ))
}

/// A byte of a bare value (atom, number, `\Flag`, 8-bit text) in an
/// unknown attribute.
fn is_bare_char(b: u8) -> bool {
    b > b' ' && b != 0x7f && !matches!(b, b'(' | b')' | b'"' | b'{')
}

/// Skips one value of an unknown attribute: a parenthesised list (nested
/// through [`Ctx::nested`], literals inside taken whole), a quoted string, a
/// literal or literal8, or a bare atom/number.
fn skip_value<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, ()> {
    match i.first() {
        Some(b'(') => ctx.nested(i, |i| {
            let mut i = &i[1..];
            loop {
                let (j, ()) = opt_sp(i)?;
                match j.first() {
                    Some(b')') => return Ok((&j[1..], ())),
                    None => return fail(j, ErrorKind::Eof),
                    Some(_) => i = skip_value(ctx, j)?.0,
                }
            }
        }),
        Some(b'"') => quoted(ctx, i).map(|(rest, _)| (rest, ())),
        Some(b'{') => literal(ctx, i).map(|(rest, _)| (rest, ())),
        Some(b'~') if i.get(1) == Some(&b'{') => literal(ctx, i).map(|(rest, _)| (rest, ())),
        _ => {
            let n = i.iter().take_while(|&&b| is_bare_char(b)).count();
            if n == 0 {
                return fail(i, ErrorKind::Char);
            }
            Ok((&i[n..], ()))
        }
    }
}
