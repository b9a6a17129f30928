//! Caller-supplied protocol text, checked before it is sent as written:
//! imaplib-style search criteria (`(FROM "LDJ")`) and imaplib's escape
//! hatch, a parenthesised argument sent unquoted (`(\\Deleted)`).

use bytes::Bytes;

use super::encode::EncodeError;

/// A raw criteria string, checked: balanced parentheses and quotes, no CR,
/// LF or NUL, no `{` (so no literal syntax), and 8-bit bytes only when
/// UTF8=ACCEPT is enabled.
///
/// ```
/// use imap_proto::command::RawCriteria;
/// assert!(RawCriteria::new(r#"(FROM "LDJ")"#).is_ok());
/// assert!(RawCriteria::new("ALL\r\nA1 DELETE INBOX").is_err());
/// assert!(RawCriteria::new("(FROM x").is_err());
/// assert!(RawCriteria::new("TEXT {5}").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawCriteria(Bytes);

impl RawCriteria {
    /// Checks and wraps `s`.
    pub fn new(s: impl AsRef<[u8]>) -> Result<Self, EncodeError> {
        let b = s.as_ref();
        check_raw("search criteria", b, true, false)?;
        Ok(RawCriteria(Bytes::copy_from_slice(b)))
    }

    /// The string.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// Checks raw protocol text supplied by the caller.
pub(crate) fn check_raw(
    argument: &'static str,
    b: &[u8],
    allow_8bit: bool,
    parenthesized: bool,
) -> Result<(), EncodeError> {
    let bad = |reason| Err(EncodeError::Invalid { argument, reason });
    if b.is_empty() {
        return Err(EncodeError::Empty { argument });
    }
    if parenthesized && (b.first() != Some(&b'(') || b.last() != Some(&b')')) {
        return bad("must start with `(` and end with `)`");
    }
    let (mut depth, mut in_quote, mut escape) = (0usize, false, false);
    for (k, &c) in b.iter().enumerate() {
        match c {
            0 => return Err(EncodeError::Nul { argument }),
            b'\r' | b'\n' => return bad("contains CR or LF"),
            b'{' => return bad("contains `{` (literal syntax)"),
            0x80.. if !allow_8bit => return bad("contains 8-bit bytes"),
            _ if escape => escape = false,
            b'\\' if in_quote => escape = true,
            b'"' => in_quote = !in_quote,
            b'(' if !in_quote => depth += 1,
            b')' if !in_quote => {
                depth = match depth.checked_sub(1) {
                    Some(d) => d,
                    None => return bad("unbalanced `)`"),
                };
                if parenthesized && depth == 0 && k + 1 != b.len() {
                    return bad("must be one parenthesized list");
                }
            }
            _ => {}
        }
    }
    if in_quote {
        return bad("unterminated quoted string");
    }
    if depth != 0 {
        return bad("unbalanced `(`");
    }
    Ok(())
}

/// A parenthesised argument sent as written, after checks: it is one
/// balanced list, with no CR, LF, NUL, `{` or 8-bit byte.
///
/// ```
/// use imap_proto::command::RawParenthesized;
/// assert!(RawParenthesized::new(r"(\Deleted \Seen)").is_ok());
/// assert!(RawParenthesized::new("(a) (b)").is_err());
/// assert!(RawParenthesized::new("(a\r\nA1 LOGOUT)").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParenthesized(Bytes);

impl RawParenthesized {
    /// Checks and wraps `s`.
    pub fn new(s: impl AsRef<[u8]>) -> Result<Self, EncodeError> {
        check_raw("parenthesized argument", s.as_ref(), false, true)?;
        Ok(RawParenthesized(Bytes::copy_from_slice(s.as_ref())))
    }

    /// The text.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_criteria_rules() {
        for ok in [
            "ALL",
            r#"(FROM "LDJ")"#,
            r#"SUBJECT "a ) \" (""#,
            "(OR SEEN (FLAGGED))",
            "SUBJECT \"é\"",
        ] {
            assert!(RawCriteria::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "(",
            ")(",
            "a\nb",
            "a\rb",
            "\"open",
            "x\0",
            "{3}",
            "(a))",
            "TEXT \"{3}\"",
        ] {
            assert!(RawCriteria::new(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            RawCriteria::new("x\0").unwrap_err(),
            EncodeError::Nul {
                argument: "search criteria"
            }
        );
    }

    #[test]
    fn raw_parenthesized_rules() {
        for ok in [r"(\Deleted)", "()", r#"("a)" b (c))"#] {
            assert!(RawParenthesized::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "a",
            "(a",
            "a)",
            "(a) (b)",
            "(a)b",
            "(\u{e9})",
            "(a\r\n)",
            "({1}\r\nx)",
        ] {
            assert!(RawParenthesized::new(bad).is_err(), "{bad:?}");
        }
    }
}
