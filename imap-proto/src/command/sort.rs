//! SORT and THREAD (RFC 5256), with SORT=DISPLAY keys (RFC 5957).

use nom::error::ErrorKind;

use super::encode::{check_atom, EncodeError, Writer};
use super::parse_args::{self as pa, P, R};
use super::search::{search_keys, write_criteria, SearchCriteria};
use crate::response::parse::core::{atom, error, is_atom_char, sp};

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

const SORT_KEYS: [(SortKey, &str); 9] = [
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

// ---- parsing (server side) ----

fn sort_criterion(i: &[u8]) -> R<'_, SortCriterion> {
    let (i, reverse) = match pa::whole_kw(i, "REVERSE") {
        Ok((j, _)) => (sp(j)?.0, true),
        Err(_) => (i, false),
    };
    let (j, a) = atom(i)?;
    match SORT_KEYS
        .iter()
        .find(|(_, n)| a.eq_ignore_ascii_case(n.as_bytes()))
    {
        Some((key, _)) => Ok((j, SortCriterion { reverse, key: *key })),
        None => error(i, ErrorKind::Tag),
    }
}

/// `sort = ["UID" SP] "SORT" SP sort-criteria SP search-criteria`, from
/// what follows `SORT SP`.
pub(crate) fn sort<'a>(p: &P<'_>, i: &'a [u8], uid: bool) -> R<'a, SortCommand> {
    let (i, criteria) = pa::paren_list(p, i, |_, k| sort_criterion(k))?;
    if criteria.is_empty() {
        return error(i, ErrorKind::Many1);
    }
    let (i, _) = sp(i)?;
    let (i, charset) = pa::astring(p, i)?;
    let (i, keys) = search_keys(p, i)?;
    Ok((
        i,
        SortCommand {
            uid,
            criteria,
            charset,
            search: SearchCriteria::Keys(keys),
        },
    ))
}

/// `thread = ["UID" SP] "THREAD" SP thread-alg SP search-charset 1*(SP search-key)`,
/// from what follows `THREAD SP`.
pub(crate) fn thread<'a>(p: &P<'_>, i: &'a [u8], uid: bool) -> R<'a, ThreadCommand> {
    let (i, algorithm) = pa::atom_bytes(p, i)?;
    let (i, _) = sp(i)?;
    let (i, charset) = pa::astring(p, i)?;
    let (i, keys) = search_keys(p, i)?;
    Ok((
        i,
        ThreadCommand {
            uid,
            algorithm,
            charset,
            search: SearchCriteria::Keys(keys),
        },
    ))
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
