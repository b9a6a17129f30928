//! The names inside imaplib's list strings: flags, STATUS items, SORT
//! keys ([`FromStr`] for each), and the lists of them.

use std::str::FromStr;

use bytes::Bytes;

use super::ArgError;
use crate::command::list::STATUS_NAMES;
use crate::command::sort::SORT_KEYS;
use crate::command::{SortCriterion, SortKey, StatusAttribute};
use crate::response::parse::core::{is_astring_char, is_atom_char};
use crate::types::Flag;

/// `"(" status-att *(SP status-att) ")"`, or the items without parentheses.
pub(super) fn status_items(s: &str) -> Result<Vec<StatusAttribute>, ArgError> {
    let items = list(s, "status items")?
        .map(str::parse)
        .collect::<Result<Vec<StatusAttribute>, _>>()?;
    if items.is_empty() {
        return Err(ArgError::new("status items", s));
    }
    Ok(items)
}

/// `"(" sort-criterion *(SP sort-criterion) ")"` (RFC 5256), or the
/// criteria without parentheses: `REVERSE` applies to the key after it.
pub(super) fn sort_criteria(s: &str) -> Result<Vec<SortCriterion>, ArgError> {
    let mut criteria = Vec::new();
    let mut reverse = false;
    for w in list(s, "sort criteria")? {
        if w.eq_ignore_ascii_case("REVERSE") {
            if reverse {
                return Err(ArgError::new("sort criteria", s));
            }
            reverse = true;
            continue;
        }
        criteria.push(SortCriterion {
            reverse,
            key: w.parse()?,
        });
        reverse = false;
    }
    if reverse || criteria.is_empty() {
        return Err(ArgError::new("sort criteria", s));
    }
    Ok(criteria)
}

/// The space-separated words of `(A B C)` or `A B C`. Control bytes
/// (CR, LF, NUL, TAB...), non-ASCII bytes and an unbalanced outer
/// parenthesis are errors; a stray parenthesis inside fails the word's parse.
pub(super) fn list<'a>(
    s: &'a str,
    what: &'static str,
) -> Result<impl Iterator<Item = &'a str>, ArgError> {
    if !s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return Err(ArgError::new(what, s));
    }
    let t = s.trim_matches(' ');
    let t = match t.strip_prefix('(') {
        Some(rest) => rest
            .strip_suffix(')')
            .ok_or_else(|| ArgError::new(what, s))?,
        None => t,
    };
    Ok(t.split(' ').filter(|w| !w.is_empty()))
}

impl FromStr for Flag {
    type Err = ArgError;

    /// One flag by name: `\Seen` (system flags ignoring case), `\*`,
    /// `\X-Other` (an extension), `$Junk` (a keyword, astring chars as
    /// imaplib allows).
    ///
    /// ```
    /// use imap_proto::types::Flag;
    /// assert_eq!(r"\DELETED".parse::<Flag>().unwrap(), Flag::Deleted);
    /// assert!("a b".parse::<Flag>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, ArgError> {
        let bad = || ArgError::new("flag", s);
        let Some(name) = s.strip_prefix('\\') else {
            if s.is_empty() || !s.bytes().all(is_astring_char) {
                return Err(bad());
            }
            return Ok(Flag::Keyword(Bytes::copy_from_slice(s.as_bytes())));
        };
        if name == "*" {
            return Ok(Flag::MayCreate);
        }
        if name.is_empty() || !name.bytes().all(is_atom_char) {
            return Err(bad());
        }
        Ok(match name.to_ascii_lowercase().as_str() {
            "seen" => Flag::Seen,
            "answered" => Flag::Answered,
            "flagged" => Flag::Flagged,
            "deleted" => Flag::Deleted,
            "draft" => Flag::Draft,
            "recent" => Flag::Recent,
            _ => Flag::Extension(Bytes::copy_from_slice(name.as_bytes())),
        })
    }
}

impl FromStr for StatusAttribute {
    type Err = ArgError;

    /// A `status-att` by name, ignoring case: `"unseen"`, `"HIGHESTMODSEQ"`.
    fn from_str(s: &str) -> Result<Self, ArgError> {
        STATUS_NAMES
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(s))
            .map(|&(a, _)| a)
            .ok_or_else(|| ArgError::new("status item", s))
    }
}

impl FromStr for SortKey {
    type Err = ArgError;

    /// A `sort-key` by name, ignoring case: `"date"`, `"DISPLAYFROM"`.
    fn from_str(s: &str) -> Result<Self, ArgError> {
        SORT_KEYS
            .iter()
            .find(|(_, name)| name.eq_ignore_ascii_case(s))
            .map(|&(k, _)| k)
            .ok_or_else(|| ArgError::new("sort key", s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::IntoArg;

    fn err<T: std::fmt::Debug>(r: Result<T, ArgError>) -> &'static str {
        r.unwrap_err().what
    }

    #[test]
    fn flags() {
        let flags: Vec<Flag> = r"(\Seen \DELETED $Junk \X-Custom \*)".into_arg().unwrap();
        assert_eq!(
            flags,
            vec![
                Flag::Seen,
                Flag::Deleted,
                Flag::Keyword("$Junk".into()),
                Flag::Extension("X-Custom".into()),
                Flag::MayCreate,
            ]
        );
        let flags: Vec<Flag> = r" \Deleted ".into_arg().unwrap();
        assert_eq!(flags, vec![Flag::Deleted]);
        let flags: Vec<Flag> = "()".into_arg().unwrap();
        assert!(flags.is_empty());
        let flags: Vec<Flag> = Flag::Draft.into_arg().unwrap();
        assert_eq!(flags, vec![Flag::Draft]);
        for bad in [
            r"(\Seen",
            r"\Seen)",
            r"((\Seen))",
            "\\Seen\r\nA1 DELETE INBOX",
            "$Junk\0",
            "\\",
            "caf\u{e9}",
            "\\Se{en",
        ] {
            assert!(IntoArg::<Vec<Flag>>::into_arg(bad).is_err(), "{bad:?}");
        }
        assert_eq!(err("\\Se\"en".parse::<Flag>()), "flag");
    }

    #[test]
    fn status_items() {
        let items: Vec<StatusAttribute> = "(messages UIDNEXT highestmodseq)".into_arg().unwrap();
        assert_eq!(
            items,
            vec![
                StatusAttribute::Messages,
                StatusAttribute::UidNext,
                StatusAttribute::HighestModSeq
            ]
        );
        let items: Vec<StatusAttribute> = "UNSEEN".into_arg().unwrap();
        assert_eq!(items, vec![StatusAttribute::Unseen]);
        assert_eq!(
            err(IntoArg::<Vec<StatusAttribute>>::into_arg(
                "(MESSAGES BOGUS)"
            )),
            "status item"
        );
        assert_eq!(
            err(IntoArg::<Vec<StatusAttribute>>::into_arg("()")),
            "status items"
        );
        assert!(IntoArg::<Vec<StatusAttribute>>::into_arg("(MESSAGES").is_err());
        assert!(IntoArg::<Vec<StatusAttribute>>::into_arg("MESSAGES)").is_err());
        assert!(IntoArg::<Vec<StatusAttribute>>::into_arg("(MESSAGES\nUNSEEN)").is_err());
    }

    #[test]
    fn sort_criteria() {
        let sort: Vec<SortCriterion> = "(REVERSE DATE subject)".into_arg().unwrap();
        assert_eq!(
            sort,
            vec![
                SortCriterion {
                    reverse: true,
                    key: SortKey::Date
                },
                SortKey::Subject.into()
            ]
        );
        let sort: Vec<SortCriterion> = SortKey::Arrival.into_arg().unwrap();
        assert_eq!(sort, vec![SortKey::Arrival.into()]);
        for bad in [
            "(DATE REVERSE)",
            "()",
            "(REVERSE REVERSE DATE)",
            "(DATE",
            "(DATE\r\nA1 LOGOUT)",
        ] {
            assert!(
                IntoArg::<Vec<SortCriterion>>::into_arg(bad).is_err(),
                "{bad:?}"
            );
        }
        assert_eq!(err("WEIGHT".parse::<SortKey>()), "sort key");
    }
}
