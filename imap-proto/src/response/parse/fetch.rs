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
use super::kw;
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
#[inline]
fn is_name_char(b: u8) -> bool {
    b != b'[' && is_atom_char(b)
}

/// The attribute names this parser knows.
#[derive(Clone, Copy)]
enum Name {
    Uid,
    Flags,
    InternalDate,
    Rfc822Size,
    Envelope,
    BodyStructure,
    Body,
    BodyPeek,
    Binary,
    BinarySize,
    Rfc822,
    Rfc822Text,
    Rfc822Header,
    ModSeq,
}

/// The known attribute names, in the upper case servers send.
const NAMES: [(&[u8], Name); 14] = [
    (b"UID", Name::Uid),
    (b"FLAGS", Name::Flags),
    (b"INTERNALDATE", Name::InternalDate),
    (b"RFC822.SIZE", Name::Rfc822Size),
    (b"ENVELOPE", Name::Envelope),
    (b"BODYSTRUCTURE", Name::BodyStructure),
    (b"BODY", Name::Body),
    (b"BODY.PEEK", Name::BodyPeek),
    (b"BINARY", Name::Binary),
    (b"BINARY.SIZE", Name::BinarySize),
    (b"RFC822", Name::Rfc822),
    (b"RFC822.TEXT", Name::Rfc822Text),
    (b"RFC822.HEADER", Name::Rfc822Header),
    (b"MODSEQ", Name::ModSeq),
];

/// The known attribute name at the start of `i` and its length, compared
/// in place (no scan of the name first): `i` starts with the upper-case
/// spelling and the next byte does not continue the name. Longer names
/// are tried before their prefixes; every compare has a constant length.
#[inline]
fn attr_name_prefix(i: &[u8]) -> Option<(Name, usize)> {
    let (name, n) = match i.first()? {
        b'U' if i.starts_with(b"UID") => (Name::Uid, 3),
        b'F' if i.starts_with(b"FLAGS") => (Name::Flags, 5),
        b'I' if i.starts_with(b"INTERNALDATE") => (Name::InternalDate, 12),
        b'E' if i.starts_with(b"ENVELOPE") => (Name::Envelope, 8),
        b'M' if i.starts_with(b"MODSEQ") => (Name::ModSeq, 6),
        b'B' if i.starts_with(b"BODYSTRUCTURE") => (Name::BodyStructure, 13),
        b'B' if i.starts_with(b"BODY.PEEK") => (Name::BodyPeek, 9),
        b'B' if i.starts_with(b"BODY") => (Name::Body, 4),
        b'B' if i.starts_with(b"BINARY.SIZE") => (Name::BinarySize, 11),
        b'B' if i.starts_with(b"BINARY") => (Name::Binary, 6),
        b'R' if i.starts_with(b"RFC822.SIZE") => (Name::Rfc822Size, 11),
        b'R' if i.starts_with(b"RFC822.HEADER") => (Name::Rfc822Header, 13),
        b'R' if i.starts_with(b"RFC822.TEXT") => (Name::Rfc822Text, 11),
        b'R' if i.starts_with(b"RFC822") => (Name::Rfc822, 6),
        _ => return None,
    };
    (!i.get(n).copied().is_some_and(is_name_char)).then_some((name, n))
}

/// The known attribute `name` is, ignoring ASCII case.
fn attr_name(name: &[u8]) -> Option<Name> {
    let key = kw::key(name);
    NAMES
        .iter()
        .find(|&&(w, _)| kw::key(w) == key)
        .map(|&(_, n)| n)
}

/// One `msg-att-dynamic` / `msg-att-static`, or an unknown attribute.
fn msg_att_item<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, FetchAttr> {
    let (known, n) = match attr_name_prefix(i) {
        Some(found) => found,
        None => {
            let n = i.iter().position(|&b| !is_name_char(b)).unwrap_or(i.len());
            if n == 0 {
                return fail(i, ErrorKind::Alpha);
            }
            match attr_name(&i[..n]) {
                Some(known) => (known, n),
                None => return other(ctx, i, n),
            }
        }
    };
    let rest = &i[n..];
    let bracket = rest.first() == Some(&b'[');
    match (known, bracket) {
        (Name::Uid, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, uid) = number(rest)?;
            Ok((rest, FetchAttr::Uid(uid)))
        }
        (Name::Flags, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, flags) = flag_list(ctx, rest)?;
            Ok((rest, FetchAttr::Flags(flags)))
        }
        (Name::InternalDate, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, d) = date_time(rest)?;
            Ok((rest, FetchAttr::InternalDate(d)))
        }
        (Name::Rfc822Size, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, n) = number64(rest)?;
            Ok((rest, FetchAttr::Rfc822Size(n)))
        }
        (Name::Envelope, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, e) = envelope(ctx, rest)?;
            Ok((rest, FetchAttr::Envelope(e)))
        }
        (Name::BodyStructure, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::BodyStructure(b)))
        }
        (Name::Body, false) => {
            let (rest, ()) = sp(rest)?;
            let (rest, b) = body(ctx, rest)?;
            Ok((rest, FetchAttr::Body(b)))
        }
        (Name::Body | Name::BodyPeek, true) => {
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
        (Name::Binary, true) => {
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
        (Name::BinarySize, true) => {
            let (rest, section) = section_binary(rest)?;
            let (rest, ()) = sp(rest)?;
            let (rest, size) = number64(rest)?;
            Ok((rest, FetchAttr::BinarySize { section, size }))
        }
        (Name::Rfc822, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822),
        (Name::Rfc822Text, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Text),
        (Name::Rfc822Header, false) => rfc822_nstring(ctx, rest, FetchAttr::Rfc822Header),
        (Name::ModSeq, false) => {
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
/// from the `(`. Quirks: the value `-1` parses as 0, and a bare value
/// without the parentheses is accepted.
fn modseq_paren(i: &[u8]) -> PResult<'_, u64> {
    let Some(i) = i.strip_prefix(b"(") else {
        return modseq_value(i);
    };
    let (i, ()) = opt_sp(i)?;
    let (i, m) = modseq_value(i)?;
    let (i, ()) = close(i)?;
    Ok((i, m))
}

/// `mod-sequence-value`, with the quirk `-1` (and any negative value) as 0.
pub(crate) fn modseq_value(i: &[u8]) -> PResult<'_, u64> {
    match i.strip_prefix(b"-") {
        Some(j) => Ok((digit1(j)?.0, 0)),
        None => number64(i),
    }
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

#[cfg(test)]
mod tests;
