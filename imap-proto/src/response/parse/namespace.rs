//! `namespace-response` (RFC 2342, RFC 9051).

use bytes::Bytes;

use super::core::{nil, sp, string, Ctx, PResult};
use super::mailbox::delimiter;
use super::raw::{chr, skip_sp};
use crate::response::{Namespace, Namespaces};

/// `namespace-response = "NAMESPACE" SP namespace SP namespace SP
/// namespace`, from after the keyword's space: personal, other users',
/// shared.
pub(crate) fn namespace_response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Namespaces> {
    let (i, personal) = namespace(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, other_users) = namespace(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, shared) = namespace(ctx, i)?;
    Ok((
        i,
        Namespaces {
            personal,
            other_users,
            shared,
        },
    ))
}

/// `namespace = nil / "(" 1*namespace-descr ")"`; NIL is an empty list.
/// Spaces between descriptions are tolerated.
pub(crate) fn namespace<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Namespace>> {
    if let Ok((rest, ())) = nil(i) {
        return Ok((rest, Vec::new()));
    }
    let (mut i, ()) = chr(i, b'(')?;
    let mut out = Vec::with_capacity(2);
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, out));
        }
        let (rest, d) = namespace_descr(ctx, i)?;
        out.push(d);
        i = rest;
    }
}

/// `namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
/// [namespace-response-extensions] ")"`.
fn namespace_descr<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Namespace> {
    let (i, ()) = chr(i, b'(')?;
    let (i, prefix) = string(ctx, skip_sp(i))?;
    let (i, ()) = sp(i)?;
    let (mut i, delimiter) = delimiter(i)?;
    let mut extensions = Vec::new();
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((
                rest,
                Namespace {
                    prefix,
                    delimiter,
                    extensions,
                },
            ));
        }
        let (rest, ext) = namespace_response_extension(ctx, i)?;
        extensions.push(ext);
        i = rest;
    }
}

/// `namespace-response-extension = SP string SP "(" string *(SP string)
/// ")"`, from the name (the caller took the space).
fn namespace_response_extension<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
) -> PResult<'a, (Bytes, Vec<Bytes>)> {
    let (i, name) = string(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (mut i, ()) = chr(i, b'(')?;
    let mut values = Vec::new();
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, (name, values)));
        }
        let (rest, v) = string(ctx, i)?;
        values.push(v);
        i = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &'static [u8]) -> Namespaces {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, v) = namespace_response(&ctx, s).unwrap();
        assert_eq!(rest, b"\r\n");
        v
    }

    fn ns(prefix: &'static str, delimiter: Option<u8>) -> Namespace {
        Namespace {
            prefix: Bytes::from_static(prefix.as_bytes()),
            delimiter,
            extensions: vec![],
        }
    }

    #[test]
    fn rfc2342_examples() {
        // RFC 2342 section 5, examples 5.1, 5.3, 5.5
        assert_eq!(
            parse(b"((\"\" \"/\")) NIL NIL\r\n"),
            Namespaces {
                personal: vec![ns("", Some(b'/'))],
                other_users: vec![],
                shared: vec![]
            }
        );
        assert_eq!(
            parse(b"((\"\" \"/\")) NIL ((\"Public Folders/\" \"/\"))\r\n"),
            Namespaces {
                personal: vec![ns("", Some(b'/'))],
                other_users: vec![],
                shared: vec![ns("Public Folders/", Some(b'/'))]
            }
        );
        assert_eq!(
            parse(b"((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\")(\"#ftp/\" \"/\")(\"#news.\" \".\"))\r\n").shared.len(),
            4
        );
    }

    #[test]
    fn nil_delimiter_and_extensions() {
        // RFC 9051 section 7.3.4 style extension
        let n = parse(b"((\"\" NIL \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) nil NIL\r\n");
        assert_eq!(
            n.personal,
            vec![Namespace {
                prefix: Bytes::new(),
                delimiter: None,
                extensions: vec![(
                    Bytes::from_static(b"X-PARAM"),
                    vec![Bytes::from_static(b"FLAG1"), Bytes::from_static(b"FLAG2")]
                )]
            }]
        );
    }

    #[test]
    fn escaped_backslash_delimiter() {
        let n = parse(b"((\"INBOX\\\\\" \"\\\\\")) NIL NIL\r\n");
        assert_eq!(n.personal, vec![ns("INBOX\\", Some(b'\\'))]);
    }
}
