//! `body` (BODY and BODYSTRUCTURE, RFC 3501 section 9 and RFC 9051),
//! recursive through [`Ctx::nested`], with every extension field kept.
//!
//! Every optional field is introduced by spaces; a field list ends at the
//! first `)`, so missing trailing fields (older servers) and trailing spaces
//! both parse. Per-level stack use stays small: each rule is its own
//! function and nothing large is built inside the recursive path.

use bytes::Bytes;
use nom::{character::complete::digit1, error::ErrorKind};

use super::core::{error, nil, nstring, number64, opt_sp, sp, string, Ctx, PResult};
use super::envelope::{close, envelope};
use crate::response::{
    BodyExtension, BodyFields, BodyStructure, Disposition, MultipartExt, SinglePartExt,
};

/// `body = "(" (body-type-1part / body-type-mpart) ")"`
pub(crate) fn body<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, BodyStructure> {
    ctx.nested(i, |i| {
        let Some(i) = i.strip_prefix(b"(") else {
            return error(i, ErrorKind::Char);
        };
        let (i, ()) = opt_sp(i)?;
        let (i, b) = if i.first() == Some(&b'(') {
            body_type_mpart(ctx, i)?
        } else {
            body_type_1part(ctx, i)?
        };
        let (i, ()) = close(i)?;
        Ok((i, b))
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
fn body_type_mpart<'a>(ctx: &Ctx<'_>, mut i: &'a [u8]) -> PResult<'a, BodyStructure> {
    let mut parts = Vec::new();
    loop {
        let (j, part) = body(ctx, i)?;
        parts.push(part);
        let (j, ()) = opt_sp(j)?;
        i = j;
        if i.first() != Some(&b'(') {
            break;
        }
    }
    let (i, subtype) = nstring(ctx, i)?;
    let (i, ext) = match more(i) {
        Some(j) => {
            let (j, e) = body_ext_mpart(ctx, j)?;
            (j, Some(e))
        }
        None => (i, None),
    };
    Ok((
        i,
        BodyStructure::Multipart {
            parts,
            subtype: subtype.unwrap_or_default(),
            ext,
        },
    ))
}

/// `body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]`
///
/// `body-type-basic = media-basic SP body-fields`,
/// `body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines`,
/// `body-type-text = media-text SP body-fields SP body-fld-lines`.
/// Quirk: NIL type and subtype parse as empty (`(NIL NIL NIL NIL NIL "7BIT" 0)`).
fn body_type_1part<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, BodyStructure> {
    let (i, media_type) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, subtype) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, fields) = body_fields(ctx, i)?;
    let media_type = media_type.unwrap_or_default();
    let subtype = subtype.unwrap_or_default();
    if media_type.eq_ignore_ascii_case(b"TEXT") {
        let (i, lines) = opt_lines(i)?;
        let (i, ext) = body_ext_1part(ctx, i)?;
        return Ok((
            i,
            BodyStructure::Text {
                subtype,
                fields,
                lines,
                ext,
            },
        ));
    }
    let is_msg = media_type.eq_ignore_ascii_case(b"MESSAGE")
        && (subtype.eq_ignore_ascii_case(b"RFC822") || subtype.eq_ignore_ascii_case(b"GLOBAL"));
    match more(i) {
        Some(j) if is_msg && j.first() == Some(&b'(') => body_type_msg(ctx, j, subtype, fields),
        _ => {
            let (i, ext) = body_ext_1part(ctx, i)?;
            Ok((
                i,
                BodyStructure::Basic {
                    media_type,
                    subtype,
                    fields,
                    ext,
                },
            ))
        }
    }
}

/// The rest of `body-type-msg` from the envelope on:
/// `envelope SP body SP body-fld-lines [SP body-ext-1part]`.
fn body_type_msg<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    subtype: Bytes,
    fields: BodyFields,
) -> PResult<'a, BodyStructure> {
    let (i, env) = envelope(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, inner) = body(ctx, i)?;
    let (i, lines) = opt_lines(i)?;
    let (i, ext) = body_ext_1part(ctx, i)?;
    let b = BodyStructure::Message {
        subtype,
        fields,
        envelope: Box::new(env),
        body: Box::new(inner),
        lines,
        ext,
    };
    Ok((i, b))
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
    let (i, encoding) = nstring(ctx, i)?;
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
    let mut params = Vec::new();
    loop {
        let (j, ()) = opt_sp(i)?;
        if let Some(rest) = j.strip_prefix(b")") {
            return Ok((rest, params));
        }
        let (j, name) = nstring(ctx, j)?;
        let (j, ()) = sp(j)?;
        let (j, value) = nstring(ctx, j)?;
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
    let (i, (disposition, language, location, extension)) = body_ext_tail(ctx, i)?;
    Ok((
        i,
        Some(SinglePartExt {
            md5,
            disposition,
            language,
            location,
            extension,
        }),
    ))
}

/// `body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`
fn body_ext_mpart<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, MultipartExt> {
    let (i, params) = body_fld_param(ctx, i)?;
    let (i, (disposition, language, location, extension)) = body_ext_tail(ctx, i)?;
    Ok((
        i,
        MultipartExt {
            params,
            disposition,
            language,
            location,
            extension,
        },
    ))
}

/// The optional fields shared by both extension forms.
type ExtTail = (
    Option<Disposition>,
    Vec<Bytes>,
    Option<Bytes>,
    Vec<BodyExtension>,
);

/// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`
fn body_ext_tail<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, ExtTail> {
    let mut tail: ExtTail = (None, Vec::new(), None, Vec::new());
    let Some(i) = more(i) else {
        return Ok((i, tail));
    };
    let (i, dsp) = body_fld_dsp(ctx, i)?;
    tail.0 = dsp;
    let Some(i) = more(i) else {
        return Ok((i, tail));
    };
    let (i, lang) = body_fld_lang(ctx, i)?;
    tail.1 = lang;
    let Some(i) = more(i) else {
        return Ok((i, tail));
    };
    let (mut i, loc) = nstring(ctx, i)?;
    tail.2 = loc;
    while let Some(j) = more(i) {
        let (j, e) = body_extension(ctx, j)?;
        tail.3.push(e);
        i = j;
    }
    Ok((i, tail))
}

/// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`; quirk: a bare
/// string (`"inline"`) is that disposition without parameters.
pub(crate) fn body_fld_dsp<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Option<Disposition>> {
    if let Some(j) = i.strip_prefix(b"(") {
        let (j, ()) = opt_sp(j)?;
        let (j, kind) = string(ctx, j)?;
        let (j, params) = match more(j) {
            Some(k) => body_fld_param(ctx, k)?,
            None => (j, Vec::new()),
        };
        let (j, ()) = close(j)?;
        return Ok((j, Some(Disposition { kind, params })));
    }
    let (i, kind) = nstring(ctx, i)?;
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
