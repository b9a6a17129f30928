//! `id-response` (RFC 2971).

use bytes::Bytes;

use super::core::{nil, nstring, sp, string, Ctx, PResult};
use super::raw::{chr, skip_sp};

/// The pairs of an ID response: `None` for NIL.
type IdParams = Option<Vec<(Bytes, Option<Bytes>)>>;

/// `id-response = "ID" SP id-params-list`, from after the keyword's space,
/// with `id-params-list = "(" *(string SP nstring) ")" / nil`. An empty
/// list `()` (which servers send) is `Some` of no pairs.
pub(crate) fn id_response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, IdParams> {
    if let Ok((rest, ())) = nil(i) {
        return Ok((rest, None));
    }
    let (mut i, ()) = chr(i, b'(')?;
    let mut params = Vec::with_capacity(8);
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, Some(params)));
        }
        let (rest, key) = string(ctx, i)?;
        let (rest, ()) = sp(rest)?;
        let (rest, value) = nstring(ctx, rest)?;
        params.push((key, value));
        i = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &'static [u8]) -> IdParams {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (rest, v) = id_response(&ctx, s).unwrap();
        assert_eq!(skip_sp(rest), b"\r\n");
        v
    }

    fn b(s: &'static str) -> Bytes {
        Bytes::from_static(s.as_bytes())
    }

    #[test]
    fn rfc2971_examples() {
        // RFC 2971 section 3.1
        assert_eq!(
            run(b"(\"name\" \"Cyrus\" \"version\" \"1.5\" \"os\" \"sunos\" \"os-version\" \"5.5\" \"support-url\" \"mailto:cyrus-bugs+@andrew.cmu.edu\")\r\n"),
            Some(vec![
                (b("name"), Some(b("Cyrus"))),
                (b("version"), Some(b("1.5"))),
                (b("os"), Some(b("sunos"))),
                (b("os-version"), Some(b("5.5"))),
                (b("support-url"), Some(b("mailto:cyrus-bugs+@andrew.cmu.edu"))),
            ])
        );
        assert_eq!(run(b"NIL\r\n"), None);
    }

    #[test]
    fn quirks_empty_list_nil_values_trailing_space() {
        assert_eq!(run(b"()\r\n"), Some(vec![]));
        assert_eq!(
            run(b"(\"name\" NIL \"x\" \"y\" ) \r\n"),
            Some(vec![(b("name"), None), (b("x"), Some(b("y")))])
        );
    }
}
