//! [`IntoArg`]: imaplib-style strings (`"1:3,6"`, `"(UID FLAGS)"`,
//! `r"(\Seen \Deleted)"`, `"+FLAGS.SILENT"`, `"(MESSAGES UNSEEN)"`,
//! `"(REVERSE DATE)"`) or typed values, turned into command arguments.
//!
//! Drivers take `impl IntoArg<T>` in their imaplib-named methods, so a
//! caller may pass either form. Strings are parsed and checked here (no
//! CR, LF, NUL or other control byte, balanced parentheses, known names),
//! then encoded by [`Command::encode`](super::Command::encode), so none can
//! inject protocol syntax.
//!
//! ```
//! use imap_proto::command::{IntoArg, StatusAttribute, StoreAction};
//! use imap_proto::types::{Flag, SequenceSet};
//!
//! let set: SequenceSet = "1:3,6".into_arg().unwrap();
//! let flags: Vec<Flag> = r"(\Seen $Junk)".into_arg().unwrap();
//! assert_eq!(flags, vec![Flag::Seen, Flag::Keyword("$Junk".into())]);
//! let store: (StoreAction, bool) = "+FLAGS.SILENT".into_arg().unwrap();
//! assert_eq!(store, (StoreAction::Add, true));
//! let items: Vec<StatusAttribute> = "(MESSAGES UNSEEN)".into_arg().unwrap();
//! assert_eq!(items.len(), 2);
//! let bad = IntoArg::<SequenceSet>::into_arg("1\r\nA1 LOGOUT").unwrap_err();
//! assert_eq!(bad.what, "sequence set");
//! # let _ = set;
//! ```

mod names;

use self::names::{list, sort_criteria, status_items};
use super::{
    FetchItem, FetchItems, RawCriteria, SearchCriteria, SearchKey, SortCriterion, SortKey,
    StatusAttribute, StoreAction,
};
use crate::response::Snippet;
use crate::types::{Flag, SequenceSet};

/// Why a value is not a command argument of the wanted kind. Nothing was
/// sent. The value is kept truncated ([`Snippet`]).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid {what}: {value}")]
#[non_exhaustive]
pub struct ArgError {
    /// What the value was meant to be: `"sequence set"`, `"fetch items"`,
    /// `"search criteria"`, `"flag"`, `"flag list"`, `"store command"`,
    /// `"status item"`, `"status items"`, `"sort key"`, `"sort criteria"`.
    pub what: &'static str,
    /// The offending value (its first [`Snippet::MAX`] bytes).
    pub value: Snippet,
}

impl ArgError {
    /// An error about `value`, meant to be a `what`.
    pub fn new(what: &'static str, value: &str) -> Self {
        ArgError {
            what,
            value: Snippet::new(value.as_bytes()),
        }
    }
}

/// A value that becomes a command argument of type `T`: an imaplib-style
/// string (`&str`, `String`, `&String`) or a typed value. A string that
/// does not parse is an [`ArgError`].
///
/// | `T` | strings | typed values |
/// | --- | --- | --- |
/// | [`SequenceSet`] | `"1:3,6:*"` | `SequenceSet`, `&SequenceSet`, `u32`, `&[u32]`, `&[u32; N]`, `Vec<u32>` (no 0, not empty) |
/// | [`FetchItems`] | `"(UID BODY.PEEK[])"`, `"FAST"` | `FetchItems`, `FetchItem`, `Vec<FetchItem>` |
/// | [`SearchCriteria`] | `r#"(FROM "LDJ")"#` (typed keys, else checked raw) | `SearchCriteria`, `SearchKey`, `Vec<SearchKey>`, `RawCriteria` |
/// | `Vec<Flag>` | `r"(\Seen \Deleted)"`, `"$Junk"`, `"()"` | `Vec<Flag>`, `Flag`, `&[Flag]` |
/// | `(StoreAction, bool)` (bool: `.SILENT`) | `"+FLAGS.SILENT"` | `(StoreAction, bool)`, `StoreAction` (not silent) |
/// | `Vec<StatusAttribute>` | `"(MESSAGES UNSEEN)"` | `Vec<StatusAttribute>`, `StatusAttribute`, `&[StatusAttribute]` |
/// | `Vec<SortCriterion>` | `"(REVERSE DATE SUBJECT)"` | `Vec<SortCriterion>`, `SortCriterion`, `SortKey` |
pub trait IntoArg<T> {
    /// The argument, or why this value is not one.
    fn into_arg(self) -> Result<T, ArgError>;
}

macro_rules! identity {
    ($($t:ty),*) => {$(
        impl IntoArg<$t> for $t {
            fn into_arg(self) -> Result<$t, ArgError> { Ok(self) }
        }
    )*};
}
identity!(
    SequenceSet,
    FetchItems,
    SearchCriteria,
    Vec<Flag>,
    (StoreAction, bool),
    Vec<StatusAttribute>,
    Vec<SortCriterion>
);

/// `&str` parses with `$parse`; `String` and `&String` as their `&str`.
macro_rules! strings {
    ($($t:ty => $parse:expr),* $(,)?) => {$(
        impl IntoArg<$t> for &str {
            fn into_arg(self) -> Result<$t, ArgError> { $parse(self) }
        }
        impl IntoArg<$t> for &String {
            fn into_arg(self) -> Result<$t, ArgError> { $parse(self.as_str()) }
        }
        impl IntoArg<$t> for String {
            fn into_arg(self) -> Result<$t, ArgError> { $parse(self.as_str()) }
        }
    )*};
}
strings!(
    SequenceSet => |s: &str| s.parse().map_err(|_| ArgError::new("sequence set", s)),
    FetchItems => |s: &str| s.parse().map_err(|_| ArgError::new("fetch items", s)),
    SearchCriteria => search_criteria,
    Vec<Flag> => |s: &str| list(s, "flag list")?.map(str::parse).collect(),
    (StoreAction, bool) => |s: &str| StoreAction::parse(s).ok_or_else(|| ArgError::new("store command", s)),
    Vec<StatusAttribute> => status_items,
    Vec<SortCriterion> => sort_criteria,
);

/// Typed values converted with `From` (`$from` into `$t`).
macro_rules! from {
    ($($from:ty => $t:ty),* $(,)?) => {$(
        impl IntoArg<$t> for $from {
            fn into_arg(self) -> Result<$t, ArgError> { Ok(self.into()) }
        }
    )*};
}
from!(
    FetchItem => FetchItems,
    Vec<FetchItem> => FetchItems,
    SearchKey => SearchCriteria,
    Vec<SearchKey> => SearchCriteria,
    RawCriteria => SearchCriteria,
    &[Flag] => Vec<Flag>,
    &[StatusAttribute] => Vec<StatusAttribute>,
);

impl IntoArg<SequenceSet> for &SequenceSet {
    fn into_arg(self) -> Result<SequenceSet, ArgError> {
        Ok(self.clone())
    }
}
impl IntoArg<SequenceSet> for u32 {
    fn into_arg(self) -> Result<SequenceSet, ArgError> {
        std::slice::from_ref(&self).into_arg()
    }
}
impl IntoArg<SequenceSet> for &[u32] {
    fn into_arg(self) -> Result<SequenceSet, ArgError> {
        if self.is_empty() || self.contains(&0) {
            return Err(ArgError::new("sequence set", &format!("{self:?}")));
        }
        Ok(SequenceSet::from_numbers(self.iter().copied()))
    }
}
impl<const N: usize> IntoArg<SequenceSet> for &[u32; N] {
    fn into_arg(self) -> Result<SequenceSet, ArgError> {
        self[..].into_arg()
    }
}
impl IntoArg<SequenceSet> for Vec<u32> {
    fn into_arg(self) -> Result<SequenceSet, ArgError> {
        self[..].into_arg()
    }
}
impl IntoArg<Vec<Flag>> for Flag {
    fn into_arg(self) -> Result<Vec<Flag>, ArgError> {
        Ok(vec![self])
    }
}
impl IntoArg<(StoreAction, bool)> for StoreAction {
    fn into_arg(self) -> Result<(StoreAction, bool), ArgError> {
        Ok((self, false))
    }
}
impl IntoArg<Vec<StatusAttribute>> for StatusAttribute {
    fn into_arg(self) -> Result<Vec<StatusAttribute>, ArgError> {
        Ok(vec![self])
    }
}
impl IntoArg<Vec<SortCriterion>> for SortCriterion {
    fn into_arg(self) -> Result<Vec<SortCriterion>, ArgError> {
        Ok(vec![self])
    }
}
impl IntoArg<Vec<SortCriterion>> for SortKey {
    fn into_arg(self) -> Result<Vec<SortCriterion>, ArgError> {
        Ok(vec![self.into()])
    }
}

/// imaplib's criteria string: typed keys when this crate knows them all
/// (so non-ASCII strings go as literals), else kept raw after its checks
/// (no CR/LF/NUL, balanced parentheses and quotes).
fn search_criteria(s: &str) -> Result<SearchCriteria, ArgError> {
    s.parse::<SearchCriteria>().or_else(|_| {
        RawCriteria::new(s)
            .map(SearchCriteria::from)
            .map_err(|_| ArgError::new("search criteria", s))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: std::fmt::Debug>(r: Result<T, ArgError>) -> &'static str {
        r.unwrap_err().what
    }

    #[test]
    fn sequence_sets() {
        let set: SequenceSet = "1:3,6".into_arg().unwrap();
        assert_eq!(set.to_string(), "1:3,6");
        let set: SequenceSet = String::from("2:*").into_arg().unwrap();
        assert_eq!(set.to_string(), "2:*");
        assert_eq!(
            err(IntoArg::<SequenceSet>::into_arg("1\r\nA LOGOUT")),
            "sequence set"
        );
        assert!(IntoArg::<SequenceSet>::into_arg("1\0").is_err());
        assert!(IntoArg::<SequenceSet>::into_arg(0u32).is_err());
        assert!(IntoArg::<SequenceSet>::into_arg(&[] as &[u32]).is_err());
        assert!(IntoArg::<SequenceSet>::into_arg(vec![3u32, 0]).is_err());
        let set: SequenceSet = 7u32.into_arg().unwrap();
        assert_eq!(set.to_string(), "7");
        let set: SequenceSet = (&[1u32, 2, 3, 7]).into_arg().unwrap();
        assert_eq!(set.to_string(), "1:3,7");
        let set: SequenceSet = (&set).into_arg().unwrap();
        assert_eq!(set.to_string(), "1:3,7");
    }

    #[test]
    fn store_commands() {
        let r: (StoreAction, bool) = "-flags.silent".into_arg().unwrap();
        assert_eq!(r, (StoreAction::Remove, true));
        let r: (StoreAction, bool) = StoreAction::Add.into_arg().unwrap();
        assert_eq!(r, (StoreAction::Add, false));
        assert_eq!(
            err(IntoArg::<(StoreAction, bool)>::into_arg("FLAGZ")),
            "store command"
        );
        assert!(IntoArg::<(StoreAction, bool)>::into_arg("FLAGS\r\n").is_err());
    }

    #[test]
    fn search_and_fetch_strings_are_checked() {
        let typed = IntoArg::<SearchCriteria>::into_arg("(FROM \"LDJ\")").unwrap();
        assert!(matches!(typed, SearchCriteria::Keys(_)));
        let raw = IntoArg::<SearchCriteria>::into_arg("X-GM-RAW \"has:attachment\"").unwrap();
        assert!(matches!(raw, SearchCriteria::Raw(_)));
        for bad in ["ALL\r\nA1 DELETE INBOX", "ALL\0", "(FROM x", "X-FOO )("] {
            let e = IntoArg::<SearchCriteria>::into_arg(bad).unwrap_err();
            assert_eq!(e.what, "search criteria", "{bad:?}");
        }
        let items = IntoArg::<FetchItems>::into_arg("(UID BODY.PEEK[])").unwrap();
        assert!(matches!(items, FetchItems::Items(ref v) if v.len() == 2));
        assert!(IntoArg::<FetchItems>::into_arg("(UID\r\n)").is_err());
        assert!(IntoArg::<FetchItems>::into_arg("(UID FLAGS").is_err());
        let items: FetchItems = FetchItem::Uid.into_arg().unwrap();
        assert_eq!(items, FetchItems::Items(vec![FetchItem::Uid]));
    }

    #[test]
    fn errors_show_a_truncated_escaped_value() {
        let long = format!("1\r\n{}", "x".repeat(200));
        let e = IntoArg::<SequenceSet>::into_arg(long.as_str()).unwrap_err();
        assert_eq!(e.value.0.len(), Snippet::MAX);
        let shown = e.to_string();
        assert!(
            shown.starts_with(r#"invalid sequence set: "1\r\nxx"#),
            "{shown}"
        );
    }
}
