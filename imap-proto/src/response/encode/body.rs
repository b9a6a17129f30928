//! `body` (BODY and BODYSTRUCTURE, RFC 3501 / 9051), with extension data.
//!
//! Optional extension fields are written up to the last one that differs
//! from its default (`NIL`, empty list), so that a value parses back to
//! itself: `Some(SinglePartExt::default())` is written as the MD5 `NIL`
//! alone.

use super::core::{nstring, number, paren_list, string};
use super::fetch::envelope;
use crate::response::{
    BodyExtension, BodyFields, BodyStructure, Disposition, MultipartExt, SinglePartExt,
};

/// `body = "(" (body-type-1part / body-type-mpart) ")"`. Recursion depth
/// follows the value, which the caller built.
pub(super) fn body(out: &mut Vec<u8>, b: &BodyStructure) {
    out.push(b'(');
    match b {
        BodyStructure::Basic {
            media_type,
            subtype,
            fields,
            ext,
        } => {
            string(out, media_type);
            out.push(b' ');
            string(out, subtype);
            out.push(b' ');
            body_fields(out, fields);
            if let Some(ext) = ext {
                body_ext_1part(out, ext);
            }
        }
        BodyStructure::Text {
            subtype,
            fields,
            lines,
            ext,
        } => {
            out.extend_from_slice(b"\"TEXT\" ");
            string(out, subtype);
            out.push(b' ');
            body_fields(out, fields);
            out.push(b' ');
            number(out, *lines);
            if let Some(ext) = ext {
                body_ext_1part(out, ext);
            }
        }
        BodyStructure::Message {
            subtype,
            fields,
            envelope: env,
            body: inner,
            lines,
            ext,
        } => {
            out.extend_from_slice(b"\"MESSAGE\" ");
            string(out, subtype);
            out.push(b' ');
            body_fields(out, fields);
            out.push(b' ');
            envelope(out, env);
            out.push(b' ');
            body(out, inner);
            out.push(b' ');
            number(out, *lines);
            if let Some(ext) = ext {
                body_ext_1part(out, ext);
            }
        }
        BodyStructure::Multipart {
            parts,
            subtype,
            ext,
        } => {
            for p in parts {
                body(out, p);
            }
            out.push(b' ');
            string(out, subtype);
            if let Some(ext) = ext {
                body_ext_mpart(out, ext);
            }
        }
    }
    out.push(b')');
}

/// `body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP
/// body-fld-enc SP body-fld-octets`.
fn body_fields(out: &mut Vec<u8>, f: &BodyFields) {
    body_fld_param(out, &f.params);
    out.push(b' ');
    nstring(out, f.id.as_deref());
    out.push(b' ');
    nstring(out, f.description.as_deref());
    out.push(b' ');
    string(out, &f.encoding);
    out.push(b' ');
    number(out, f.octets);
}

/// `body-fld-param = "(" string SP string *(SP string SP string) ")" / nil`.
fn body_fld_param(out: &mut Vec<u8>, params: &[(bytes::Bytes, bytes::Bytes)]) {
    if params.is_empty() {
        out.extend_from_slice(b"NIL");
    } else {
        paren_list(out, params, |o, (k, v)| {
            string(o, k);
            o.push(b' ');
            string(o, v);
        });
    }
}

/// `body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang
/// [SP body-fld-loc *(SP body-extension)]]]`, preceded by SP.
fn body_ext_1part(out: &mut Vec<u8>, e: &SinglePartExt) {
    out.push(b' ');
    nstring(out, e.md5.as_deref());
    ext_tail(
        out,
        e.disposition.as_ref(),
        &e.language,
        e.location.as_deref(),
        &e.extension,
    );
}

/// `body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang
/// [SP body-fld-loc *(SP body-extension)]]]`, preceded by SP.
fn body_ext_mpart(out: &mut Vec<u8>, e: &MultipartExt) {
    out.push(b' ');
    body_fld_param(out, &e.params);
    ext_tail(
        out,
        e.disposition.as_ref(),
        &e.language,
        e.location.as_deref(),
        &e.extension,
    );
}

/// The shared tail `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc
/// *(SP body-extension)]]]`, written only as far as needed.
fn ext_tail(
    out: &mut Vec<u8>,
    dsp: Option<&Disposition>,
    lang: &[bytes::Bytes],
    loc: Option<&[u8]>,
    extension: &[BodyExtension],
) {
    let needed = if !extension.is_empty() || loc.is_some() {
        3
    } else if !lang.is_empty() {
        2
    } else if dsp.is_some() {
        1
    } else {
        0
    };
    if needed >= 1 {
        out.push(b' ');
        body_fld_dsp(out, dsp);
    }
    if needed >= 2 {
        out.push(b' ');
        body_fld_lang(out, lang);
    }
    if needed >= 3 {
        out.push(b' ');
        nstring(out, loc);
        for x in extension {
            out.push(b' ');
            body_extension(out, x);
        }
    }
}

/// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`.
fn body_fld_dsp(out: &mut Vec<u8>, d: Option<&Disposition>) {
    match d {
        None => out.extend_from_slice(b"NIL"),
        Some(d) => {
            out.push(b'(');
            string(out, &d.kind);
            out.push(b' ');
            body_fld_param(out, &d.params);
            out.push(b')');
        }
    }
}

/// `body-fld-lang = nstring / "(" string *(SP string) ")"`: `NIL` when
/// empty, a single string for one language, a list for more.
fn body_fld_lang(out: &mut Vec<u8>, lang: &[bytes::Bytes]) {
    match lang {
        [] => out.extend_from_slice(b"NIL"),
        [one] => string(out, one),
        many => paren_list(out, many, |o, l| string(o, l)),
    }
}

/// `body-extension = nstring / number / "(" body-extension *(SP body-extension) ")"`.
fn body_extension(out: &mut Vec<u8>, x: &BodyExtension) {
    match x {
        BodyExtension::NString(s) => nstring(out, s.as_deref()),
        BodyExtension::Number(n) => number(out, *n),
        BodyExtension::List(items) => paren_list(out, items, body_extension),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_plain(ext: Option<SinglePartExt>) -> BodyStructure {
        BodyStructure::Text {
            subtype: "PLAIN".into(),
            fields: BodyFields {
                params: vec![("CHARSET".into(), "US-ASCII".into())],
                id: None,
                description: None,
                encoding: "7BIT".into(),
                octets: 3028,
            },
            lines: 92,
            ext,
        }
    }

    fn enc(b: &BodyStructure) -> Vec<u8> {
        let mut out = Vec::new();
        body(&mut out, b);
        out
    }

    #[test]
    fn rfc3501_text_plain() {
        assert_eq!(
            enc(&text_plain(None)),
            b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)"
        );
    }

    #[test]
    fn extension_written_as_far_as_needed() {
        assert!(enc(&text_plain(Some(SinglePartExt::default()))).ends_with(b" 92 NIL)"));
        let ext = SinglePartExt {
            language: vec!["en".into()],
            ..Default::default()
        };
        assert!(enc(&text_plain(Some(ext))).ends_with(b" 92 NIL NIL \"en\")"));
        let ext = SinglePartExt {
            extension: vec![BodyExtension::List(vec![
                BodyExtension::Number(1),
                BodyExtension::NString(None),
            ])],
            ..Default::default()
        };
        assert!(enc(&text_plain(Some(ext))).ends_with(b" 92 NIL NIL NIL NIL (1 NIL))"));
    }

    #[test]
    fn multipart() {
        let m = BodyStructure::Multipart {
            parts: vec![text_plain(None), text_plain(None)],
            subtype: "MIXED".into(),
            ext: Some(MultipartExt {
                params: vec![("BOUNDARY".into(), "x".into())],
                disposition: Some(Disposition {
                    kind: "inline".into(),
                    params: vec![],
                }),
                ..Default::default()
            }),
        };
        let out = enc(&m);
        assert!(out.starts_with(b"((\"TEXT\""));
        assert!(out.windows(3).any(|w| w == b"2)(".as_slice()), "{out:?}");
        assert!(out.ends_with(b" 92) \"MIXED\" (\"BOUNDARY\" \"x\") (\"inline\" NIL))"));
    }
}
