//! Interned tokens: the short strings that fill every BODYSTRUCTURE (media
//! types, parameter names, charsets, encodings, dispositions) come out as
//! `Bytes::from_static` when the received bytes are exactly equal, so
//! building and dropping them costs no reference-count traffic on the
//! receive buffer, and they are recognised straight from the input without
//! scanning for the closing quote first. The value is the same either way.

use bytes::Bytes;

/// The tokens, grouped by first byte, in the cases servers send (Gmail and
/// most servers upper case, Dovecot often lower case).
macro_rules! tokens {
    ($($first:literal => [$($t:literal),* $(,)?]),* $(,)?) => {
        /// When `s` (the bytes after an opening `"`) starts with a common
        /// token and its closing `"`: the static [`Bytes`] of the token and
        /// the rest of `s` after the closing quote.
        #[inline]
        pub(crate) fn quoted_token_prefix(s: &[u8]) -> Option<(Bytes, &[u8])> {
            match s.first()? {
                $($first => {
                    $(if let Some(rest) = after(s, $t) {
                        return Some((Bytes::from_static($t), rest));
                    })*
                    None
                })*
                _ => None,
            }
        }

        /// Every token with the first byte it is listed under.
        #[cfg(test)]
        const ALL: &[(u8, &[u8])] = &[$($(($first, $t),)*)*];
    };
}

/// The rest of `s` after `token` and a closing `"`; the length is a
/// constant, so the comparison compiles to a few integer compares.
#[inline(always)]
fn after<'a, const N: usize>(s: &'a [u8], token: &[u8; N]) -> Option<&'a [u8]> {
    match s.get(..=N) {
        Some(head) if head[..N] == token[..] && head[N] == b'"' => s.get(N + 1..),
        _ => None,
    }
}

tokens!(
    b'T' => [b"TEXT"],
    b't' => [b"text"],
    b'P' => [b"PLAIN", b"PDF", b"PNG", b"PARALLEL"],
    b'p' => [b"plain", b"pdf", b"png", b"parallel"],
    b'H' => [b"HTML"],
    b'h' => [b"html"],
    b'C' => [b"CHARSET", b"CALENDAR"],
    b'c' => [b"charset", b"calendar"],
    b'U' => [b"UTF-8", b"US-ASCII"],
    b'u' => [b"utf-8", b"us-ascii"],
    b'Q' => [b"QUOTED-PRINTABLE"],
    b'q' => [b"quoted-printable"],
    b'7' => [b"7BIT", b"7bit"],
    b'8' => [b"8BIT", b"8bit"],
    b'B' => [b"BASE64", b"BOUNDARY", b"BINARY"],
    b'b' => [b"base64", b"boundary", b"binary"],
    b'A' => [b"ALTERNATIVE", b"APPLICATION", b"ATTACHMENT", b"AUDIO"],
    b'a' => [b"alternative", b"application", b"attachment", b"audio"],
    b'M' => [b"MIXED", b"MESSAGE", b"MULTIPART", b"MSWORD"],
    b'm' => [b"mixed", b"message", b"multipart", b"msword"],
    b'R' => [b"RELATED", b"RFC822", b"REPORT"],
    b'r' => [b"related", b"rfc822", b"report"],
    b'N' => [b"NAME"],
    b'n' => [b"name"],
    b'F' => [b"FILENAME", b"FORMAT", b"FLOWED"],
    b'f' => [b"filename", b"format", b"flowed"],
    b'I' => [b"INLINE", b"IMAGE", b"ISO-8859-1", b"ISO-8859-15", b"ISO-8859-2"],
    b'i' => [b"inline", b"image", b"iso-8859-1", b"iso-8859-15", b"iso-8859-2"],
    b'O' => [b"OCTET-STREAM"],
    b'o' => [b"octet-stream"],
    b'J' => [b"JPEG"],
    b'j' => [b"jpeg"],
    b'G' => [b"GIF"],
    b'g' => [b"gif"],
    b'Z' => [b"ZIP"],
    b'z' => [b"zip"],
    b'S' => [b"SIZE", b"SIGNED"],
    b's' => [b"size", b"signed"],
    b'D' => [b"DELSP", b"DIGEST", b"DELIVERY-STATUS"],
    b'd' => [b"delsp", b"digest", b"delivery-status"],
    b'E' => [b"ENCRYPTED"],
    b'e' => [b"encrypted"],
    b'V' => [b"VIDEO"],
    b'v' => [b"video"],
    b'W' => [b"WINDOWS-1252"],
    b'w' => [b"windows-1252"],
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_listed_under_its_first_byte_and_found() {
        for &(first, t) in ALL {
            assert_eq!(t.first(), Some(&first), "{}", String::from_utf8_lossy(t));
            let mut s = t.to_vec();
            s.extend_from_slice(b"\" rest");
            let (v, rest) = quoted_token_prefix(&s).unwrap();
            assert_eq!((&v[..], rest), (t, &b" rest"[..]));
        }
    }

    #[test]
    fn only_whole_tokens_match() {
        // A token that is a prefix of the string is not the string.
        assert_eq!(quoted_token_prefix(b"TEXTS\""), None);
        assert_eq!(quoted_token_prefix(b"Text\""), None);
        assert_eq!(quoted_token_prefix(b"TEXT"), None);
        assert_eq!(
            quoted_token_prefix(b"ISO-8859-1\""),
            Some((Bytes::from_static(b"ISO-8859-1"), &b""[..]))
        );
        assert_eq!(
            quoted_token_prefix(b"ISO-8859-15\""),
            Some((Bytes::from_static(b"ISO-8859-15"), &b""[..]))
        );
        assert_eq!(quoted_token_prefix(b""), None);
    }
}
