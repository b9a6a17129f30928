//! `body` (BODY and BODYSTRUCTURE, RFC 3501 section 9 and RFC 9051),
//! recursive through [`Ctx::nested`], with every extension field kept.
//!
//! Every optional field is introduced by spaces; a field list ends at the
//! first `)`, so missing trailing fields (older servers) and trailing spaces
//! both parse. Per-level stack use stays small: each rule is its own
//! function and nothing large is built inside the recursive path.

use bytes::Bytes;
use nom::{character::complete::digit1, error::ErrorKind};

use super::core::{
    error, fail, nil, nstring, nstring_token, number64, opt_sp, sp, string, string_token, Ctx,
    PResult,
};
use super::envelope::{close, envelope};
use crate::response::{
    BodyExtension, BodyFields, BodyStructure, Disposition, Envelope, MultipartExt, SinglePartExt,
};

/// `body = "(" (body-type-1part / body-type-mpart) ")"`, boxed (a FETCH
/// attribute holds it boxed).
pub(crate) fn body<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Box<BodyStructure>> {
    let mut out = None;
    let (i, ()) = body_into(ctx, i, &mut out)?;
    match out {
        Some(b) => Ok((i, Box::new(b))),
        None => fail(i, ErrorKind::Verify),
    }
}

/// Where a parsed `body` goes: the parts of a multipart, or a single slot
/// (no vector allocated for one value).
trait Sink {
    /// Stores `b`.
    fn put(&mut self, b: BodyStructure);
}

impl Sink for Vec<BodyStructure> {
    fn put(&mut self, b: BodyStructure) {
        self.push(b);
    }
}

impl Sink for Option<BodyStructure> {
    fn put(&mut self, b: BodyStructure) {
        *self = Some(b);
    }
}

/// `body`, putting the value into `out`.
///
/// The recursive path (`body_into` → `body_type_mpart` → `body_into`, and
/// through `body_type_msg` for MESSAGE/RFC822) passes results by `&mut`
/// and builds values in separate, non-inlined functions, so each nesting
/// level costs only a few small frames, even in a debug build.
fn body_into<'a>(ctx: &Ctx<'_>, i: &'a [u8], out: &mut impl Sink) -> PResult<'a, ()> {
    ctx.nested(i, |i| {
        let Some(i) = i.strip_prefix(b"(") else {
            return error(i, ErrorKind::Char);
        };
        let (i, ()) = opt_sp(i)?;
        let (i, ()) = if i.first() == Some(&b'(') {
            body_type_mpart(ctx, i, out)?
        } else {
            body_type_1part(ctx, i, out)?
        };
        close(i)
    })
}

/// Skips spaces and says whether another field follows (not `)`, not the end).
fn more(i: &[u8]) -> Option<&[u8]> {
    let j = opt_sp(i).map_or(i, |(j, ())| j);
    match j.first() {
        None | Some(b')') => None,
        Some(_) => Some(j),
    }
}

/// `body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]`
/// (leniently with spaces between the parts).
fn body_type_mpart<'a>(ctx: &Ctx<'_>, mut i: &'a [u8], out: &mut impl Sink) -> PResult<'a, ()> {
    let mut parts = Vec::with_capacity(2);
    loop {
        let (j, ()) = body_into(ctx, i, &mut parts)?;
        let (j, ()) = opt_sp(j)?;
        i = j;
        if i.first() != Some(&b'(') {
            break;
        }
    }
    mpart_tail(ctx, i, parts, out)
}

/// `media-subtype [SP body-ext-mpart]` after the parts of a multipart.
#[inline(never)]
fn mpart_tail<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    parts: Vec<BodyStructure>,
    out: &mut impl Sink,
) -> PResult<'a, ()> {
    let (i, subtype) = nstring_token(ctx, i)?;
    let (i, ext) = match more(i) {
        Some(j) => {
            let (j, e) = body_ext_mpart(ctx, j)?;
            (j, Some(e))
        }
        None => (i, None),
    };
    let subtype = subtype.unwrap_or_default();
    out.put(BodyStructure::Multipart {
        parts,
        subtype,
        ext,
    });
    Ok((i, ()))
}

/// The start of every `body-type-1part`: `media-type SP media-subtype SP
/// body-fields`; NIL type and subtype parse as empty.
struct Head {
    media_type: Bytes,
    subtype: Bytes,
    fields: BodyFields,
}

/// `media-basic SP body-fields` (and the text and message forms alike).
#[inline(never)]
fn head<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Head> {
    let (i, media_type) = nstring_token(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, subtype) = nstring_token(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, fields) = body_fields(ctx, i)?;
    let media_type = media_type.unwrap_or_default();
    let subtype = subtype.unwrap_or_default();
    Ok((
        i,
        Head {
            media_type,
            subtype,
            fields,
        },
    ))
}

/// `body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]`
///
/// `body-type-basic = media-basic SP body-fields`,
/// `body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines`,
/// `body-type-text = media-text SP body-fields SP body-fld-lines`.
/// Quirk: NIL type and subtype parse as empty (`(NIL NIL NIL NIL NIL "7BIT" 0)`).
fn body_type_1part<'a>(ctx: &Ctx<'_>, i: &'a [u8], out: &mut impl Sink) -> PResult<'a, ()> {
    let (i, h) = head(ctx, i)?;
    let is_msg = h.media_type.eq_ignore_ascii_case(b"MESSAGE")
        && (h.subtype.eq_ignore_ascii_case(b"RFC822") || h.subtype.eq_ignore_ascii_case(b"GLOBAL"));
    match more(i) {
        Some(j) if is_msg && j.first() == Some(&b'(') => body_type_msg(ctx, j, h, out),
        _ => leaf_tail(ctx, i, h, out),
    }
}

/// The rest of `body-type-text` (`SP body-fld-lines`) or
/// `body-type-basic`, then `[SP body-ext-1part]`.
#[inline(never)]
fn leaf_tail<'a>(ctx: &Ctx<'_>, i: &'a [u8], h: Head, out: &mut impl Sink) -> PResult<'a, ()> {
    let Head {
        media_type,
        subtype,
        fields,
    } = h;
    if media_type.eq_ignore_ascii_case(b"TEXT") {
        let (i, lines) = opt_lines(i)?;
        let (i, ext) = body_ext_1part(ctx, i)?;
        out.put(BodyStructure::Text {
            subtype,
            fields,
            lines,
            ext,
        });
        return Ok((i, ()));
    }
    let (i, ext) = body_ext_1part(ctx, i)?;
    out.put(BodyStructure::Basic {
        media_type,
        subtype,
        fields,
        ext,
    });
    Ok((i, ()))
}

/// `envelope`, boxed (kept out of the recursive frames).
#[inline(never)]
fn envelope_boxed<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Box<Envelope>> {
    envelope(ctx, i)
}

/// The rest of `body-type-msg` from the envelope on:
/// `envelope SP body SP body-fld-lines [SP body-ext-1part]`.
fn body_type_msg<'a>(ctx: &Ctx<'_>, i: &'a [u8], h: Head, out: &mut impl Sink) -> PResult<'a, ()> {
    let (i, env) = envelope_boxed(ctx, i)?;
    let (i, ()) = sp(i)?;
    let mut inner = None;
    let (i, ()) = body_into(ctx, i, &mut inner)?;
    msg_tail(ctx, i, h, env, inner, out)
}

/// `SP body-fld-lines [SP body-ext-1part]` after the enclosed body.
#[inline(never)]
fn msg_tail<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    h: Head,
    envelope: Box<Envelope>,
    inner: Option<BodyStructure>,
    out: &mut impl Sink,
) -> PResult<'a, ()> {
    let Some(inner) = inner else {
        return fail(i, ErrorKind::Verify);
    };
    let (i, lines) = opt_lines(i)?;
    let (i, ext) = body_ext_1part(ctx, i)?;
    let Head {
        subtype, fields, ..
    } = h;
    let body = Box::new(inner);
    out.put(BodyStructure::Message {
        subtype,
        fields,
        envelope,
        body,
        lines,
        ext,
    });
    Ok((i, ()))
}

/// `body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets`
/// (a NIL `body-fld-enc` parses as empty).
pub(crate) fn body_fields<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, BodyFields> {
    let (i, params) = body_fld_param(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, id) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, description) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, encoding) = nstring_token(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, octets) = body_fld_lines(i)?;
    let encoding = encoding.unwrap_or_default();
    Ok((
        i,
        BodyFields {
            params,
            id,
            description,
            encoding,
            octets,
        },
    ))
}

/// `body-fld-param = "(" string SP string *(SP string SP string) ")" / nil`
/// (leniently: NIL names and values parse as empty, `()` as no parameters).
pub(crate) fn body_fld_param<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<(Bytes, Bytes)>> {
    if let Ok((rest, ())) = nil(i) {
        return Ok((rest, Vec::new()));
    }
    let Some(mut i) = i.strip_prefix(b"(") else {
        return error(i, ErrorKind::Char);
    };
    let mut params = Vec::with_capacity(2);
    loop {
        let (j, ()) = opt_sp(i)?;
        if let Some(rest) = j.strip_prefix(b")") {
            return Ok((rest, params));
        }
        let (j, name) = nstring_token(ctx, j)?;
        let (j, ()) = sp(j)?;
        let (j, value) = nstring_token(ctx, j)?;
        params.push((name.unwrap_or_default(), value.unwrap_or_default()));
        i = j;
    }
}

/// `body-fld-lines = number64`, and `body-fld-octets = number`; the quirk
/// of a negative value (`-1`) parses as 0.
pub(crate) fn body_fld_lines(i: &[u8]) -> PResult<'_, u64> {
    match i.strip_prefix(b"-") {
        Some(j) => {
            let (rest, _) = digit1(j)?;
            Ok((rest, 0))
        }
        None => number64(i),
    }
}

/// `SP body-fld-lines`, leniently absent (0) when the server left it out.
fn opt_lines(i: &[u8]) -> PResult<'_, u64> {
    match more(i) {
        Some(j) if matches!(j.first(), Some(b'0'..=b'9' | b'-')) => body_fld_lines(j),
        _ => Ok((i, 0)),
    }
}

/// `body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`
/// (absent: `None`).
fn body_ext_1part<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Option<SinglePartExt>> {
    let Some(i) = more(i) else {
        return Ok((i, None));
    };
    let (i, md5) = nstring(ctx, i)?;
    let mut ext = SinglePartExt {
        md5,
        disposition: None,
        language: Vec::new(),
        location: None,
        extension: Vec::new(),
    };
    let i = body_ext_tail(
        ctx,
        i,
        &mut ext.disposition,
        &mut ext.language,
        &mut ext.location,
        &mut ext.extension,
    )?;
    Ok((i, Some(ext)))
}

/// `body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`
fn body_ext_mpart<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, MultipartExt> {
    let (i, params) = body_fld_param(ctx, i)?;
    let mut ext = MultipartExt {
        params,
        disposition: None,
        language: Vec::new(),
        location: None,
        extension: Vec::new(),
    };
    let i = body_ext_tail(
        ctx,
        i,
        &mut ext.disposition,
        &mut ext.language,
        &mut ext.location,
        &mut ext.extension,
    )?;
    Ok((i, ext))
}

/// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`,
/// the optional fields shared by both extension forms, written in place.
fn body_ext_tail<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    disposition: &mut Option<Disposition>,
    language: &mut Vec<Bytes>,
    location: &mut Option<Bytes>,
    extension: &mut Vec<BodyExtension>,
) -> Result<&'a [u8], nom::Err<nom::error::Error<&'a [u8]>>> {
    let Some(i) = more(i) else {
        return Ok(i);
    };
    let i = match nil(i) {
        Ok((i, ())) => i,
        Err(_) => {
            let (i, dsp) = body_fld_dsp(ctx, i)?;
            *disposition = dsp;
            i
        }
    };
    let Some(i) = more(i) else {
        return Ok(i);
    };
    let i = match nil(i) {
        Ok((i, ())) => i,
        Err(_) => {
            let (i, lang) = body_fld_lang(ctx, i)?;
            *language = lang;
            i
        }
    };
    let Some(i) = more(i) else {
        return Ok(i);
    };
    let (mut i, loc) = nstring(ctx, i)?;
    *location = loc;
    while let Some(j) = more(i) {
        let (j, e) = body_extension(ctx, j)?;
        extension.push(e);
        i = j;
    }
    Ok(i)
}

/// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`; quirk: a bare
/// string (`"inline"`) is that disposition without parameters.
pub(crate) fn body_fld_dsp<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Option<Disposition>> {
    if let Some(j) = i.strip_prefix(b"(") {
        let (j, ()) = opt_sp(j)?;
        let (j, kind) = string_token(ctx, j)?;
        let (j, params) = match more(j) {
            Some(k) => body_fld_param(ctx, k)?,
            None => (j, Vec::new()),
        };
        let (j, ()) = close(j)?;
        return Ok((j, Some(Disposition { kind, params })));
    }
    let (i, kind) = nstring_token(ctx, i)?;
    Ok((
        i,
        kind.map(|kind| Disposition {
            kind,
            params: Vec::new(),
        }),
    ))
}

/// `body-fld-lang = nstring / "(" string *(SP string) ")"`
pub(crate) fn body_fld_lang<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Bytes>> {
    let Some(mut i) = i.strip_prefix(b"(") else {
        let (i, s) = nstring(ctx, i)?;
        return Ok((i, s.into_iter().collect()));
    };
    let mut langs = Vec::new();
    while let Some(j) = more(i) {
        let (j, s) = string(ctx, j)?;
        langs.push(s);
        i = j;
    }
    let (i, ()) = close(i)?;
    Ok((i, langs))
}

/// `body-extension = nstring / number / "(" body-extension *(SP body-extension) ")"`
pub(crate) fn body_extension<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, BodyExtension> {
    match i.first() {
        Some(b'(') => ctx.nested(i, |i| {
            let mut i = &i[1..];
            let mut list = Vec::new();
            while let Some(j) = more(i) {
                let (j, e) = body_extension(ctx, j)?;
                list.push(e);
                i = j;
            }
            let (i, ()) = close(i)?;
            Ok((i, BodyExtension::List(list)))
        }),
        Some(b'0'..=b'9') => {
            let (i, n) = number64(i)?;
            Ok((i, BodyExtension::Number(n)))
        }
        _ => {
            let (i, s) = nstring(ctx, i)?;
            Ok((i, BodyExtension::NString(s)))
        }
    }
}

#[cfg(test)]
mod tests;
