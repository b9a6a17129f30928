//! `capability-data` (RFC 3501 section 9) and `enable-data` (RFC 5161).

use nom::bytes::complete::take_while1;

use super::core::{is_atom_char, Ctx, PResult};
use super::raw::skip_sp;
use crate::types::Capability;

/// `*(SP capability)` with `capability = ("AUTH=" auth-type) / atom`: the
/// list after `CAPABILITY` or `ENABLED`, in the untagged response or in
/// the `[CAPABILITY ...]` code. Extra and trailing spaces are tolerated;
/// the rest starts after the last capability.
pub(crate) fn capability_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Capability>> {
    let mut caps = Vec::with_capacity(16);
    let mut i = i;
    loop {
        let j = skip_sp(i);
        if j.len() == i.len() {
            return Ok((i, caps));
        }
        match take_while1::<_, _, nom::error::Error<&[u8]>>(is_atom_char)(j) {
            Ok((rest, cap)) => {
                caps.push(Capability(ctx.bytes(cap)));
                i = rest;
            }
            Err(_) => return Ok((i, caps)),
        }
    }
}

/// `capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1"
/// *(SP capability)`, from after the keyword. The `IMAP4rev1` requirement
/// is not enforced (an IMAP4rev2-only server omits it).
pub(crate) fn capability_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Capability>> {
    capability_list(ctx, i)
}

/// `enable-data = "ENABLED" *(SP capability)` (RFC 5161), from after the
/// keyword.
pub(crate) fn enable_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Capability>> {
    capability_list(ctx, i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use bytes::Bytes;

    fn caps(s: &'static [u8]) -> (Vec<Vec<u8>>, &'static [u8]) {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, v) = capability_data(&ctx, s).unwrap();
        (v.into_iter().map(|c| c.0.to_vec()).collect(), rest)
    }

    #[test]
    fn rfc3501_capability() {
        // RFC 3501 7.2.1
        let (v, rest) = caps(b" IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n");
        assert_eq!(
            v,
            vec![
                b"IMAP4rev1".to_vec(),
                b"STARTTLS".to_vec(),
                b"AUTH=GSSAPI".to_vec(),
                b"LOGINDISABLED".to_vec()
            ]
        );
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn trailing_and_double_spaces() {
        let (v, rest) = caps(b"  IMAP4rev1  IDLE \r\n");
        assert_eq!(v, vec![b"IMAP4rev1".to_vec(), b"IDLE".to_vec()]);
        assert_eq!(rest, b" \r\n");
    }

    #[test]
    fn enabled_may_be_empty() {
        let b = Bytes::from_static(b"\r\n");
        let ctx = Ctx::new(&b, 10);
        assert_eq!(enable_data(&ctx, &b).unwrap().1, vec![]);
    }
}
