//! [`IntoArg`]: the session methods take imaplib's strings (`"1:3,6"`,
//! `"(UID FLAGS)"`, `r"(\Deleted)"`) or the typed values of
//! [`imap_proto::command`] alike. Strings are parsed and checked here,
//! then encoded by the core, so none can inject protocol syntax.

use imap_proto::command::{
    FetchItem, FetchItems, RawCriteria, SearchCriteria, SearchKey, SortCriterion, SortKey,
    StatusAttribute, StoreAction,
};
use imap_proto::types::{Flag, SequenceSet};

use crate::Error;

/// A value that becomes a command argument of type `T`: an imaplib-style
/// string or a typed value. A string that does not parse is
/// [`Error::InvalidArgument`], and nothing is sent.
pub trait IntoArg<T> {
    /// The argument, or why this value is not one.
    fn into_arg(self) -> Result<T, Error>;
}

fn invalid(what: &str, value: &str) -> Error {
    let mut shown: String = value.chars().take(64).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    Error::InvalidArgument(format!("{what}: {shown:?}"))
}

macro_rules! identity {
    ($($t:ty),*) => {$(
        impl IntoArg<$t> for $t {
            fn into_arg(self) -> Result<$t, Error> { Ok(self) }
        }
    )*};
}
identity!(
    SequenceSet,
    FetchItems,
    SearchCriteria,
    Vec<Flag>,
    Vec<StatusAttribute>,
    Vec<SortCriterion>
);

// Sequence sets: "1:3,6:*", 7, [1, 2, 5], a SequenceSet.
impl IntoArg<SequenceSet> for &str {
    fn into_arg(self) -> Result<SequenceSet, Error> {
        self.parse().map_err(|_| invalid("sequence set", self))
    }
}
impl IntoArg<SequenceSet> for u32 {
    fn into_arg(self) -> Result<SequenceSet, Error> {
        match self {
            0 => Err(invalid("sequence set", "0")),
            n => Ok(SequenceSet::single(n)),
        }
    }
}
impl IntoArg<SequenceSet> for &[u32] {
    fn into_arg(self) -> Result<SequenceSet, Error> {
        if self.is_empty() || self.contains(&0) {
            return Err(invalid("sequence set", &format!("{self:?}")));
        }
        Ok(SequenceSet::from_numbers(self.iter().copied()))
    }
}
impl IntoArg<SequenceSet> for &SequenceSet {
    fn into_arg(self) -> Result<SequenceSet, Error> {
        Ok(self.clone())
    }
}

// FETCH items: "(UID BODY.PEEK[])", "FAST", FetchItem::Uid, a list.
impl IntoArg<FetchItems> for &str {
    fn into_arg(self) -> Result<FetchItems, Error> {
        self.parse().map_err(|_| invalid("fetch items", self))
    }
}
impl IntoArg<FetchItems> for FetchItem {
    fn into_arg(self) -> Result<FetchItems, Error> {
        Ok(self.into())
    }
}
impl IntoArg<FetchItems> for Vec<FetchItem> {
    fn into_arg(self) -> Result<FetchItems, Error> {
        Ok(self.into())
    }
}

// SEARCH criteria: imaplib's string `(FROM "LDJ")`, parsed into typed keys
// (so non-ASCII strings go as literals), or kept raw (checked) when it
// holds keys the core does not know; keys; raw criteria.
impl IntoArg<SearchCriteria> for &str {
    fn into_arg(self) -> Result<SearchCriteria, Error> {
        self.parse::<SearchCriteria>().or_else(|_| {
            let raw = RawCriteria::new(self).map_err(|_| invalid("search criteria", self))?;
            Ok(raw.into())
        })
    }
}
impl IntoArg<SearchCriteria> for SearchKey {
    fn into_arg(self) -> Result<SearchCriteria, Error> {
        Ok(self.into())
    }
}
impl IntoArg<SearchCriteria> for Vec<SearchKey> {
    fn into_arg(self) -> Result<SearchCriteria, Error> {
        Ok(self.into())
    }
}
impl IntoArg<SearchCriteria> for RawCriteria {
    fn into_arg(self) -> Result<SearchCriteria, Error> {
        Ok(self.into())
    }
}

// Flags: r"(\Seen \Deleted)", r"\Deleted", "$Junk", a Flag, a list.
impl IntoArg<Vec<Flag>> for &str {
    fn into_arg(self) -> Result<Vec<Flag>, Error> {
        let inner = self.trim();
        let inner = match inner.strip_prefix('(') {
            Some(rest) => rest
                .strip_suffix(')')
                .ok_or_else(|| invalid("flag list", self))?,
            None => inner,
        };
        Ok(inner.split_ascii_whitespace().map(flag).collect())
    }
}
impl IntoArg<Vec<Flag>> for Flag {
    fn into_arg(self) -> Result<Vec<Flag>, Error> {
        Ok(vec![self])
    }
}
impl IntoArg<Vec<Flag>> for &[Flag] {
    fn into_arg(self) -> Result<Vec<Flag>, Error> {
        Ok(self.to_vec())
    }
}

/// One flag by name; the encoder checks that it is an atom.
fn flag(name: &str) -> Flag {
    let Some(system) = name.strip_prefix('\\') else {
        return Flag::Keyword(name.to_owned().into());
    };
    match system.to_ascii_lowercase().as_str() {
        "seen" => Flag::Seen,
        "answered" => Flag::Answered,
        "flagged" => Flag::Flagged,
        "deleted" => Flag::Deleted,
        "draft" => Flag::Draft,
        "recent" => Flag::Recent,
        _ => Flag::Extension(system.to_owned().into()),
    }
}

// STORE's command: "+FLAGS.SILENT" or a StoreAction (not silent).
impl IntoArg<(StoreAction, bool)> for &str {
    fn into_arg(self) -> Result<(StoreAction, bool), Error> {
        StoreAction::parse(self).ok_or_else(|| invalid("store command", self))
    }
}
impl IntoArg<(StoreAction, bool)> for StoreAction {
    fn into_arg(self) -> Result<(StoreAction, bool), Error> {
        Ok((self, false))
    }
}

// STATUS items: "(MESSAGES UNSEEN)", a list.
impl IntoArg<Vec<StatusAttribute>> for &str {
    fn into_arg(self) -> Result<Vec<StatusAttribute>, Error> {
        const ALL: [StatusAttribute; 8] = [
            StatusAttribute::Messages,
            StatusAttribute::Recent,
            StatusAttribute::UidNext,
            StatusAttribute::UidValidity,
            StatusAttribute::Unseen,
            StatusAttribute::Deleted,
            StatusAttribute::Size,
            StatusAttribute::HighestModSeq,
        ];
        words(self, "status items")?
            .map(|w| {
                ALL.into_iter()
                    .find(|a| a.as_str().eq_ignore_ascii_case(w))
                    .ok_or_else(|| invalid("status item", w))
            })
            .collect()
    }
}
impl IntoArg<Vec<StatusAttribute>> for &[StatusAttribute] {
    fn into_arg(self) -> Result<Vec<StatusAttribute>, Error> {
        Ok(self.to_vec())
    }
}

// SORT criteria: "(REVERSE DATE SUBJECT)", a key, a list.
impl IntoArg<Vec<SortCriterion>> for &str {
    fn into_arg(self) -> Result<Vec<SortCriterion>, Error> {
        const KEYS: [(SortKey, &str); 9] = [
            (SortKey::Arrival, "ARRIVAL"),
            (SortKey::Cc, "CC"),
            (SortKey::Date, "DATE"),
            (SortKey::From, "FROM"),
            (SortKey::Size, "SIZE"),
            (SortKey::Subject, "SUBJECT"),
            (SortKey::To, "TO"),
            (SortKey::DisplayFrom, "DISPLAYFROM"),
            (SortKey::DisplayTo, "DISPLAYTO"),
        ];
        let mut criteria = Vec::new();
        let mut reverse = false;
        for w in words(self, "sort criteria")? {
            if w.eq_ignore_ascii_case("REVERSE") {
                reverse = true;
                continue;
            }
            let (key, _) = KEYS
                .into_iter()
                .find(|(_, name)| name.eq_ignore_ascii_case(w))
                .ok_or_else(|| invalid("sort key", w))?;
            criteria.push(SortCriterion { reverse, key });
            reverse = false;
        }
        if reverse || criteria.is_empty() {
            return Err(invalid("sort criteria", self));
        }
        Ok(criteria)
    }
}
impl IntoArg<Vec<SortCriterion>> for SortKey {
    fn into_arg(self) -> Result<Vec<SortCriterion>, Error> {
        Ok(vec![self.into()])
    }
}

/// The words of `(A B C)` or `A B C`.
fn words<'a>(s: &'a str, what: &str) -> Result<impl Iterator<Item = &'a str>, Error> {
    let t = s.trim();
    let t = match t.strip_prefix('(') {
        Some(rest) => rest.strip_suffix(')').ok_or_else(|| invalid(what, s))?,
        None => t,
    };
    Ok(t.split_ascii_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequence_sets() {
        let set: SequenceSet = "1:3,6".into_arg().unwrap();
        assert_eq!(set.to_string(), "1:3,6");
        assert!(IntoArg::<SequenceSet>::into_arg("1\r\nA LOGOUT").is_err());
        assert!(IntoArg::<SequenceSet>::into_arg(0u32).is_err());
        let set: SequenceSet = (&[1u32, 2, 3, 7][..]).into_arg().unwrap();
        assert_eq!(set.to_string(), "1:3,7");
    }

    #[test]
    fn flags() {
        let flags: Vec<Flag> = r"(\Seen \DELETED $Junk \X-Custom)".into_arg().unwrap();
        assert_eq!(
            flags,
            vec![
                Flag::Seen,
                Flag::Deleted,
                Flag::Keyword("$Junk".into()),
                Flag::Extension("X-Custom".into())
            ]
        );
        let flags: Vec<Flag> = r"\Deleted".into_arg().unwrap();
        assert_eq!(flags, vec![Flag::Deleted]);
        assert!(IntoArg::<Vec<Flag>>::into_arg(r"(\Seen").is_err());
    }

    #[test]
    fn store_status_sort() {
        let (action, silent) = IntoArg::<(StoreAction, bool)>::into_arg("-flags.silent").unwrap();
        assert_eq!((action, silent), (StoreAction::Remove, true));
        assert!(IntoArg::<(StoreAction, bool)>::into_arg("FLAGZ").is_err());
        let items: Vec<StatusAttribute> = "(messages UIDNEXT)".into_arg().unwrap();
        assert_eq!(
            items,
            vec![StatusAttribute::Messages, StatusAttribute::UidNext]
        );
        assert!(IntoArg::<Vec<StatusAttribute>>::into_arg("(MESSAGES BOGUS)").is_err());
        let sort: Vec<SortCriterion> = "(REVERSE DATE subject)".into_arg().unwrap();
        assert_eq!(
            sort,
            vec![
                SortCriterion {
                    reverse: true,
                    key: SortKey::Date
                },
                SortCriterion {
                    reverse: false,
                    key: SortKey::Subject
                }
            ]
        );
        assert!(IntoArg::<Vec<SortCriterion>>::into_arg("(DATE REVERSE)").is_err());
    }

    #[test]
    fn search_and_fetch_strings_are_checked() {
        let typed = IntoArg::<SearchCriteria>::into_arg("(FROM \"LDJ\")").unwrap();
        assert!(matches!(typed, SearchCriteria::Keys(_)));
        let raw = IntoArg::<SearchCriteria>::into_arg("X-GM-RAW \"has:attachment\"").unwrap();
        assert!(matches!(raw, SearchCriteria::Raw(_)));
        assert!(IntoArg::<SearchCriteria>::into_arg("ALL\r\nA1 DELETE INBOX").is_err());
        assert!(IntoArg::<FetchItems>::into_arg("(UID BODY.PEEK[])").is_ok());
        assert!(IntoArg::<FetchItems>::into_arg("(UID\r\n)").is_err());
    }
}
