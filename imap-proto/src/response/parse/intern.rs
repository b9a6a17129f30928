//! Interned tokens: the short strings that fill every BODYSTRUCTURE (media
//! types, parameter names, charsets, encodings, dispositions) come out as
//! `Bytes::from_static` when the received bytes are exactly equal, so
//! building and dropping them costs no reference-count traffic on the
//! receive buffer. The value is the same either way.

use bytes::Bytes;

/// One arm per length: the tokens of that length, in the cases servers
/// send (Gmail and most servers upper case, Dovecot often lower case).
macro_rules! tokens {
    ($($len:literal => [$($t:literal),* $(,)?]),* $(,)?) => {
        /// The static [`Bytes`] equal to `s` when `s` is a common token.
        #[inline]
        pub(crate) fn intern(s: &[u8]) -> Option<Bytes> {
            match s.len() {
                $($len => match s {
                    $($t => Some(Bytes::from_static($t)),)*
                    _ => None,
                },)*
                _ => None,
            }
        }

        /// Every token, with the length arm it is listed under.
        #[cfg(test)]
        const ALL: &[(usize, &[u8])] = &[$($(($len, $t),)*)*];
    };
}

tokens!(
    3 => [b"PDF", b"pdf", b"ZIP", b"zip", b"PNG", b"png", b"GIF", b"gif"],
    4 => [b"TEXT", b"text", b"HTML", b"html", b"NAME", b"name", b"7BIT", b"7bit",
          b"8BIT", b"8bit", b"JPEG", b"jpeg", b"SIZE", b"size"],
    5 => [b"PLAIN", b"plain", b"MIXED", b"mixed", b"UTF-8", b"utf-8", b"IMAGE",
          b"image", b"AUDIO", b"audio", b"VIDEO", b"video", b"DELSP", b"delsp"],
    6 => [b"BASE64", b"base64", b"RFC822", b"rfc822", b"BINARY", b"binary",
          b"INLINE", b"inline", b"FORMAT", b"format", b"FLOWED", b"flowed",
          b"MSWORD", b"msword", b"DIGEST", b"digest", b"SIGNED", b"signed",
          b"REPORT", b"report"],
    7 => [b"CHARSET", b"charset", b"MESSAGE", b"message", b"RELATED", b"related"],
    8 => [b"BOUNDARY", b"boundary", b"US-ASCII", b"us-ascii", b"FILENAME",
          b"filename", b"CALENDAR", b"calendar", b"PARALLEL", b"parallel"],
    9 => [b"ENCRYPTED", b"encrypted", b"MULTIPART", b"multipart"],
    10 => [b"ATTACHMENT", b"attachment", b"ISO-8859-1", b"iso-8859-1",
           b"ISO-8859-2", b"iso-8859-2"],
    11 => [b"ALTERNATIVE", b"alternative", b"APPLICATION", b"application",
           b"ISO-8859-15", b"iso-8859-15"],
    12 => [b"OCTET-STREAM", b"octet-stream", b"WINDOWS-1252", b"windows-1252"],
    15 => [b"DELIVERY-STATUS", b"delivery-status"],
    16 => [b"QUOTED-PRINTABLE", b"quoted-printable"],
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_is_listed_under_its_length_and_found() {
        for &(len, t) in ALL {
            assert_eq!(t.len(), len, "{}", String::from_utf8_lossy(t));
            assert_eq!(intern(t).as_deref(), Some(t));
        }
    }

    #[test]
    fn common_tokens_are_static_and_equal() {
        for t in [
            &b"TEXT"[..],
            b"utf-8",
            b"QUOTED-PRINTABLE",
            b"alternative",
            b"iso-8859-15",
        ] {
            let v = intern(t).unwrap();
            assert_eq!(&v[..], t);
        }
        assert_eq!(intern(b"Text"), None);
        assert_eq!(intern(b"TEXTS"), None);
        assert_eq!(intern(b""), None);
    }
}
