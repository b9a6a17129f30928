//! Modified UTF-7 for mailbox names (RFC 3501 section 5.1.3).
//!
//! Printable US-ASCII stands for itself, except `&`, which is written `&-`;
//! everything else is UTF-16BE in a modified base64 (`,` for `/`, no
//! padding) between `&` and `-`.

/// Why bytes are not valid modified UTF-7.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid modified UTF-7 at byte {offset}: {reason}")]
pub struct Utf7Error {
    /// Offset of the offending byte.
    pub offset: usize,
    /// What is wrong there.
    pub reason: &'static str,
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

fn b64_value(b: u8) -> Option<u32> {
    match b {
        b'A'..=b'Z' => Some(u32::from(b - b'A')),
        b'a'..=b'z' => Some(u32::from(b - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(b - b'0') + 52),
        b'+' => Some(62),
        b',' => Some(63),
        _ => None,
    }
}

/// Encodes a mailbox name to modified UTF-7.
///
/// ```
/// use imap_proto::types::encode_utf7;
/// assert_eq!(encode_utf7("~peter/mail/台北/日本語"), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
/// assert_eq!(encode_utf7("R&D"), "R&-D");
/// ```
pub fn encode_utf7(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending: Vec<u16> = Vec::new();
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut out, &mut pending);
            out.push(c);
            if c == '&' {
                out.push('-');
            }
        } else {
            let mut buf = [0u16; 2];
            pending.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut out, &mut pending);
    out
}

fn flush(out: &mut String, units: &mut Vec<u16>) {
    if units.is_empty() {
        return;
    }
    out.push('&');
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for u in units.drain(..) {
        acc = (acc << 16) | u32::from(u);
        bits += 16;
        while bits >= 6 {
            bits -= 6;
            out.push(char::from(B64[((acc >> bits) & 0x3f) as usize]));
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(char::from(B64[((acc << (6 - bits)) & 0x3f) as usize]));
    }
    out.push('-');
}

/// Decodes modified UTF-7. Never panics: any byte sequence is either a
/// name or a [`Utf7Error`].
///
/// ```
/// use imap_proto::types::decode_utf7;
/// assert_eq!(decode_utf7(b"&U,BTFw-").unwrap(), "台北");
/// assert_eq!(decode_utf7(b"&-").unwrap(), "&");
/// assert!(decode_utf7(b"&U,BTFw").is_err());
/// ```
pub fn decode_utf7(input: &[u8]) -> Result<String, Utf7Error> {
    let mut out = String::with_capacity(input.len());
    let mut k = 0;
    while let Some(&b) = input.get(k) {
        match b {
            b'&' => {
                let start = k;
                k += 1;
                let end = match input[k..].iter().position(|&c| c == b'-') {
                    Some(p) => k + p,
                    None => {
                        return Err(Utf7Error {
                            offset: start,
                            reason: "`&` without a closing `-`",
                        })
                    }
                };
                if end == k {
                    out.push('&');
                } else {
                    decode_run(&input[k..end], k, &mut out)?;
                }
                k = end + 1;
            }
            0x20..=0x7e => {
                out.push(char::from(b));
                k += 1;
            }
            _ => {
                return Err(Utf7Error {
                    offset: k,
                    reason: "byte outside printable US-ASCII",
                })
            }
        }
    }
    Ok(out)
}

fn decode_run(run: &[u8], offset: usize, out: &mut String) -> Result<(), Utf7Error> {
    let mut units: Vec<u16> = Vec::with_capacity(run.len() * 6 / 16);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for (i, &b) in run.iter().enumerate() {
        let v = b64_value(b).ok_or(Utf7Error {
            offset: offset + i,
            reason: "not a modified base64 character",
        })?;
        acc = ((acc << 6) | v) & 0x3f_ffff;
        bits += 6;
        if bits >= 16 {
            bits -= 16;
            units.push(((acc >> bits) & 0xffff) as u16);
        }
    }
    if bits >= 6 || acc & ((1 << bits) - 1) != 0 {
        return Err(Utf7Error {
            offset,
            reason: "base64 run does not end on a UTF-16 boundary",
        });
    }
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                return Err(Utf7Error {
                    offset,
                    reason: "unpaired UTF-16 surrogate",
                })
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_examples() {
        assert_eq!(
            decode_utf7(b"~peter/mail/&U,BTFw-/&ZeVnLIqe-").unwrap(),
            "~peter/mail/台北/日本語"
        );
        assert_eq!(
            encode_utf7("~peter/mail/台北/日本語"),
            "~peter/mail/&U,BTFw-/&ZeVnLIqe-"
        );
        assert_eq!(decode_utf7(b"&-").unwrap(), "&");
        assert_eq!(encode_utf7("&"), "&-");
        assert_eq!(encode_utf7("INBOX"), "INBOX");
    }

    #[test]
    fn astral_and_controls() {
        for s in ["😀", "a\r\nb", "\u{0}", "Entwürfe", "x&y&-z", "日本語😀&"] {
            let e = encode_utf7(s);
            assert!(e.bytes().all(|b| (0x20..0x7f).contains(&b)), "{e}");
            assert_eq!(decode_utf7(e.as_bytes()).unwrap(), s);
        }
        assert_eq!(encode_utf7("a\r\nb"), "a&AA0ACg-b");
    }

    #[test]
    fn invalid_is_an_error() {
        for bad in [
            &b"&"[..],
            b"&AGE",
            b"&A-",
            b"&AG-",
            b"&2D0-",
            b"\xff",
            b"a\r\n",
            b"&!!-",
            b"&3D0-",
        ] {
            assert!(decode_utf7(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn never_panics_on_any_short_input() {
        let alphabet = b"&-A,+/Z\x00\xffa";
        for len in 0..=5u32 {
            for mut n in 0..alphabet.len().pow(len) {
                let mut v = Vec::new();
                for _ in 0..len {
                    v.push(alphabet[n % alphabet.len()]);
                    n /= alphabet.len();
                }
                if let Ok(s) = decode_utf7(&v) {
                    assert_eq!(decode_utf7(encode_utf7(&s).as_bytes()).unwrap(), s);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_without_panic(input in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64)) {
            if let Ok(s) = decode_utf7(&input) {
                proptest::prop_assert_eq!(decode_utf7(encode_utf7(&s).as_bytes()), Ok(s));
            }
        }

        #[test]
        fn modified_base64_soup_decodes_without_panic(input in "[&A-Za-z0-9+,/-]{0,40}") {
            let _ = decode_utf7(input.as_bytes());
        }

        #[test]
        fn any_string_round_trips(s in proptest::prelude::any::<String>()) {
            let e = encode_utf7(&s);
            proptest::prop_assert!(e.bytes().all(|b| (0x20..0x7f).contains(&b)), "{}", e);
            proptest::prop_assert_eq!(decode_utf7(e.as_bytes()), Ok(s));
        }
    }
}
