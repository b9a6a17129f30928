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
mod tests {
    use super::*;

    fn b(s: &str) -> Bytes {
        Bytes::copy_from_slice(s.as_bytes())
    }

    fn params(kv: &[(&str, &str)]) -> Vec<(Bytes, Bytes)> {
        kv.iter().map(|(k, v)| (b(k), b(v))).collect()
    }

    fn fields(p: &[(&str, &str)], enc: &str, octets: u64) -> BodyFields {
        BodyFields {
            params: params(p),
            id: None,
            description: None,
            encoding: b(enc),
            octets,
        }
    }

    fn parse_with(s: &[u8], depth: usize) -> Result<BodyStructure, bool> {
        let buf = Bytes::copy_from_slice(s);
        let ctx = Ctx::new(&buf, depth);
        match body(&ctx, &buf) {
            Ok((b"", v)) => Ok(*v),
            Ok((rest, _)) => panic!("left over: {:?}", String::from_utf8_lossy(rest)),
            Err(_) => Err(ctx.too_deep.get()),
        }
    }

    fn parse(s: &[u8]) -> BodyStructure {
        parse_with(s, 100).unwrap()
    }

    fn text(
        subtype: &str,
        fields: BodyFields,
        lines: u64,
        ext: Option<SinglePartExt>,
    ) -> BodyStructure {
        BodyStructure::Text {
            subtype: b(subtype),
            fields,
            lines,
            ext,
        }
    }

    #[test]
    fn rfc3501_text_plain() {
        assert_eq!(
            parse(b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)"),
            text(
                "PLAIN",
                fields(&[("CHARSET", "US-ASCII")], "7BIT", 3028),
                92,
                None
            )
        );
    }

    #[test]
    fn rfc3501_multipart_mixed() {
        let s = b"((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)\
(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \
\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")";
        let second = BodyFields {
            params: params(&[("CHARSET", "US-ASCII"), ("NAME", "cc.diff")]),
            id: Some(b("<960723163407.20117h@cac.washington.edu>")),
            description: Some(b("Compiler diff")),
            encoding: b("BASE64"),
            octets: 4554,
        };
        assert_eq!(
            parse(s),
            BodyStructure::Multipart {
                parts: vec![
                    text(
                        "PLAIN",
                        fields(&[("CHARSET", "US-ASCII")], "7BIT", 1152),
                        23,
                        None
                    ),
                    text("PLAIN", second, 73, None),
                ],
                subtype: b("MIXED"),
                ext: None,
            }
        );
    }

    const GMAIL: &[u8] = b"(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 1234 30 NIL NIL NIL NIL)\
(\"TEXT\" \"HTML\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 5678 100 NIL NIL NIL NIL) \
\"ALTERNATIVE\" (\"BOUNDARY\" \"000000000000abc\") NIL NIL NIL)\
(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\") \"<f_kx1>\" NIL \"BASE64\" 102400 NIL \
(\"ATTACHMENT\" (\"FILENAME\" \"report.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"000000000000def\") NIL NIL NIL)";

    #[test]
    fn gmail_alternative_with_attachment() {
        let none = Some(SinglePartExt::default());
        let alt = BodyStructure::Multipart {
            parts: vec![
                text(
                    "PLAIN",
                    fields(&[("CHARSET", "UTF-8")], "QUOTED-PRINTABLE", 1234),
                    30,
                    none.clone(),
                ),
                text(
                    "HTML",
                    fields(&[("CHARSET", "UTF-8")], "QUOTED-PRINTABLE", 5678),
                    100,
                    none,
                ),
            ],
            subtype: b("ALTERNATIVE"),
            ext: Some(MultipartExt {
                params: params(&[("BOUNDARY", "000000000000abc")]),
                ..Default::default()
            }),
        };
        let pdf = BodyStructure::Basic {
            media_type: b("APPLICATION"),
            subtype: b("PDF"),
            fields: BodyFields {
                id: Some(b("<f_kx1>")),
                ..fields(&[("NAME", "report.pdf")], "BASE64", 102400)
            },
            ext: Some(SinglePartExt {
                disposition: Some(Disposition {
                    kind: b("ATTACHMENT"),
                    params: params(&[("FILENAME", "report.pdf")]),
                }),
                ..Default::default()
            }),
        };
        assert_eq!(
            parse(GMAIL),
            BodyStructure::Multipart {
                parts: vec![alt, pdf],
                subtype: b("MIXED"),
                ext: Some(MultipartExt {
                    params: params(&[("BOUNDARY", "000000000000def")]),
                    ..Default::default()
                }),
            }
        );
    }

    #[test]
    fn dovecot_message_rfc822_inside() {
        let s = b"((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL)\
(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 400 (\"Mon, 1 Jan 2024 00:00:00 +0000\" \"inner\" \
((NIL NIL \"a\" \"x.org\")) ((NIL NIL \"a\" \"x.org\")) ((NIL NIL \"a\" \"x.org\")) NIL NIL NIL NIL \"<i@x>\") \
(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL) 15 \
\"d41d8cd98f00b204e9800998ecf8427e\" (\"attachment\" NIL) (\"en\" \"de\") \"http://x/y\" 7 (\"z\" 8)) \
\"mixed\" (\"boundary\" \"b1\") (\"inline\" (\"a\" NIL)) \"en\" NIL)";
        let BodyStructure::Multipart {
            parts,
            subtype,
            ext,
        } = parse(s)
        else {
            panic!()
        };
        assert_eq!(subtype, b("mixed"));
        assert_eq!(
            ext,
            Some(MultipartExt {
                params: params(&[("boundary", "b1")]),
                disposition: Some(Disposition {
                    kind: b("inline"),
                    params: params(&[("a", "")])
                }),
                language: vec![b("en")],
                location: None,
                extension: vec![],
            })
        );
        let BodyStructure::Message {
            subtype,
            fields: f,
            envelope,
            body,
            lines,
            ext,
        } = &parts[1]
        else {
            panic!("{:?}", parts[1])
        };
        assert_eq!(
            (subtype, f, *lines),
            (&b("rfc822"), &fields(&[], "7bit", 400), 15)
        );
        assert_eq!(envelope.subject, Some(b("inner")));
        assert_eq!(envelope.from.len(), 1);
        assert_eq!(
            **body,
            text(
                "plain",
                fields(&[("charset", "us-ascii")], "7bit", 5),
                1,
                Some(SinglePartExt::default())
            )
        );
        assert_eq!(
            ext,
            &Some(SinglePartExt {
                md5: Some(b("d41d8cd98f00b204e9800998ecf8427e")),
                disposition: Some(Disposition {
                    kind: b("attachment"),
                    params: vec![]
                }),
                language: vec![b("en"), b("de")],
                location: Some(b("http://x/y")),
                extension: vec![
                    BodyExtension::Number(7),
                    BodyExtension::List(vec![
                        BodyExtension::NString(Some(b("z"))),
                        BodyExtension::Number(8)
                    ]),
                ],
            })
        );
    }

    #[test]
    fn quirks() {
        // All-NIL part: empty type, subtype and encoding.
        assert_eq!(
            parse(b"(NIL NIL NIL NIL NIL \"7BIT\" 0)"),
            BodyStructure::Basic {
                media_type: b(""),
                subtype: b(""),
                fields: fields(&[], "7BIT", 0),
                ext: None
            }
        );
        // A bare string where the disposition list belongs; lines -1; NIL
        // parameter value and NIL encoding; trailing and double spaces.
        let t = parse(
            b"(\"TEXT\"  \"PLAIN\" (\"CHARSET\" NIL) NIL NIL NIL 10 -1 NIL \"inline\" NIL NIL )",
        );
        assert_eq!(
            t,
            text(
                "PLAIN",
                fields(&[("CHARSET", "")], "", 10),
                0,
                Some(SinglePartExt {
                    disposition: Some(Disposition {
                        kind: b("inline"),
                        params: vec![]
                    }),
                    ..Default::default()
                })
            )
        );
        // 8-bit bytes in a quoted parameter; a literal parameter value.
        let t = parse(b"(\"APPLICATION\" \"OCTET-STREAM\" (\"NAME\" \"\xc3\xa9t\xe9\" \"X\" {2}\r\nab) NIL NIL \"BASE64\" 3)");
        let BodyStructure::Basic { fields: f, .. } = t else {
            panic!()
        };
        assert_eq!(
            f.params,
            vec![
                (b("NAME"), Bytes::from_static(b"\xc3\xa9t\xe9")),
                (b("X"), b("ab"))
            ]
        );
        // Text without body-fld-lines (older servers).
        assert_eq!(
            parse(b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0)"),
            text("PLAIN", fields(&[], "7BIT", 0), 0, None)
        );
    }

    #[test]
    fn malformed_bodies_are_errors() {
        for bad in [
            &b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\")"[..],
            b"()",
            b"(\"TEXT\"",
            b"((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)",
        ] {
            assert_eq!(
                parse_with(bad, 100),
                Err(false),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    fn nested(levels: usize) -> Vec<u8> {
        let mut s =
            b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL)"
                .to_vec();
        for _ in 1..levels {
            let mut outer = b"(".to_vec();
            outer.extend_from_slice(&s);
            outer.extend_from_slice(b" \"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL NIL)");
            s = outer;
        }
        s
    }

    /// `levels` MESSAGE/RFC822 parts, each enclosing the next.
    fn nested_messages(levels: usize) -> Vec<u8> {
        let mut s = b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)".to_vec();
        for _ in 1..levels {
            let mut outer = b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 9 \
(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
                .to_vec();
            outer.extend_from_slice(&s);
            outer.extend_from_slice(b" 3 NIL NIL NIL NIL)");
            s = outer;
        }
        s
    }

    fn depth_of(b: &BodyStructure) -> usize {
        match b {
            BodyStructure::Message { body, .. } => 1 + depth_of(body),
            BodyStructure::Multipart { parts, .. } => {
                1 + parts.iter().map(depth_of).max().unwrap_or(0)
            }
            _ => 1,
        }
    }

    #[test]
    fn deep_nesting_is_bounded_on_a_small_stack() {
        let run = || {
            // A legitimate 50-level structure parses with the default limit;
            // 99 levels is still within it.
            assert_eq!(depth_of(&parse(&nested(50))), 50);
            assert_eq!(depth_of(&parse(&nested(99))), 99);
            assert_eq!(depth_of(&parse(&nested_messages(100))), 100);
            assert_eq!(parse_with(&nested_messages(101), 100), Err(true));
            // One level over the limit, and 10,000 `(`: an error, flagged as too deep.
            assert_eq!(parse_with(&nested(101), 100), Err(true));
            assert_eq!(parse_with(&[b'('; 10_000], 100), Err(true));
            let mut ext = b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL ".to_vec();
            ext.extend_from_slice(&[b'('; 10_000]);
            assert_eq!(parse_with(&ext, 100), Err(true));
        };
        std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(run)
            .unwrap()
            .join()
            .unwrap();
    }
}
