//! SORT and THREAD (RFC 5256), with SORT=DISPLAY keys (RFC 5957).

use super::encode::{check_atom, EncodeError, Writer};
use super::search::{write_criteria, SearchCriteria};
use crate::response::parse::core::is_atom_char;

/// `[UID] SORT (criteria) charset search-keys`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortCommand {
    /// UID SORT when true.
    pub uid: bool,
    /// Sort criteria (at least one).
    pub criteria: Vec<SortCriterion>,
    /// Charset of the search strings, e.g. `UTF-8` (mandatory in SORT).
    pub charset: bytes::Bytes,
    /// Which messages.
    pub search: SearchCriteria,
}

/// `sort-criterion = ["REVERSE" SP] sort-key`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SortCriterion {
    /// `REVERSE`
    pub reverse: bool,
    /// The key.
    pub key: SortKey,
}

/// `sort-key`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    /// `ARRIVAL`
    Arrival,
    /// `CC`
    Cc,
    /// `DATE`
    Date,
    /// `FROM`
    From,
    /// `SIZE`
    Size,
    /// `SUBJECT`
    Subject,
    /// `TO`
    To,
    /// `DISPLAYFROM` (RFC 5957)
    DisplayFrom,
    /// `DISPLAYTO` (RFC 5957)
    DisplayTo,
}

pub(crate) const SORT_KEYS: [(SortKey, &str); 9] = [
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

impl From<SortKey> for SortCriterion {
    fn from(key: SortKey) -> Self {
        SortCriterion {
            reverse: false,
            key,
        }
    }
}

/// `[UID] THREAD algorithm charset search-keys`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ThreadCommand {
    /// UID THREAD when true.
    pub uid: bool,
    /// `ORDEREDSUBJECT`, `REFERENCES`, `REFS`, ... (an atom).
    pub algorithm: bytes::Bytes,
    /// Charset of the search strings, e.g. `UTF-8`.
    pub charset: bytes::Bytes,
    /// Which messages.
    pub search: SearchCriteria,
}

pub(crate) fn write_sort(w: &mut Writer<'_>, s: &SortCommand) -> Result<(), EncodeError> {
    w.raw(if s.uid { b"UID SORT (" } else { b"SORT (" });
    if s.criteria.is_empty() {
        return Err(EncodeError::Empty {
            argument: "sort criteria",
        });
    }
    for (k, c) in s.criteria.iter().enumerate() {
        if k > 0 {
            w.sp();
        }
        if c.reverse {
            w.raw(b"REVERSE ");
        }
        let name = SORT_KEYS
            .iter()
            .find(|(x, _)| *x == c.key)
            .map_or("", |(_, n)| n);
        w.raw(name.as_bytes());
    }
    w.raw(b") ").astring("charset", &s.charset)?.sp();
    write_criteria(w, &s.search)
}

pub(crate) fn write_thread(w: &mut Writer<'_>, t: &ThreadCommand) -> Result<(), EncodeError> {
    w.raw(if t.uid { b"UID THREAD " } else { b"THREAD " });
    check_atom("thread algorithm", &t.algorithm, is_atom_char)?;
    w.raw(&t.algorithm)
        .sp()
        .astring("charset", &t.charset)?
        .sp();
    write_criteria(w, &t.search)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext, SearchKey};

    #[test]
    fn encodes() {
        let s = Command::uid_sort(
            vec![
                SortCriterion {
                    reverse: true,
                    key: SortKey::Date,
                },
                SortKey::Subject.into(),
            ],
            "UTF-8",
            SearchKey::All,
        );
        let b = s
            .encode(b"a", &EncodeContext::default())
            .unwrap()
            .to_bytes();
        assert_eq!(b, b"a UID SORT (REVERSE DATE SUBJECT) UTF-8 ALL\r\n");
        let t = Command::thread("REFERENCES", "US-ASCII", SearchKey::Seen);
        assert_eq!(
            t.encode(b"a", &EncodeContext::default())
                .unwrap()
                .to_bytes(),
            b"a THREAD REFERENCES US-ASCII SEEN\r\n"
        );
        assert!(Command::thread("REF ERENCES", "UTF-8", SearchKey::All)
            .encode(b"a", &EncodeContext::default())
            .is_err());
        assert!(Command::sort(vec![], "UTF-8", SearchKey::All)
            .encode(b"a", &EncodeContext::default())
            .is_err());
    }
}
