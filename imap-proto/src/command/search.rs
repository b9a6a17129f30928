//! SEARCH (RFC 3501 6.4.4): a typed search-key builder, a validated raw
//! form for imaplib-style strings, ESEARCH returns (RFC 4731) and MODSEQ
//! (RFC 7162).

use bytes::Bytes;

use super::encode::{check_atom, EncodeError, Writer, MONTHS};
use super::raw::{check_raw, RawCriteria};
use crate::response::parse::core::is_atom_char;
use crate::types::SequenceSet;

/// `[UID] SEARCH [RETURN (...)] [CHARSET c] criteria`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchCommand {
    /// UID SEARCH when true.
    pub uid: bool,
    /// `CHARSET`, e.g. `UTF-8`; must be `None` after ENABLE UTF8=ACCEPT.
    pub charset: Option<Bytes>,
    /// What to search for.
    pub criteria: SearchCriteria,
    /// ESEARCH `RETURN (...)` options; `None` for a plain SEARCH.
    pub returns: Option<Vec<SearchReturn>>,
}

/// `search-return-opt` (RFC 4731, 5182).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SearchReturn {
    /// `MIN`
    Min,
    /// `MAX`
    Max,
    /// `ALL`
    All,
    /// `COUNT`
    Count,
    /// `SAVE` (SEARCHRES)
    Save,
}

/// Search criteria: typed keys (ANDed together), or a validated raw string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchCriteria {
    /// One or more keys, all of which must match.
    Keys(Vec<SearchKey>),
    /// An imaplib-style string such as `(FROM "LDJ" SINCE 1-Feb-1994)`.
    Raw(RawCriteria),
}

impl std::str::FromStr for SearchCriteria {
    type Err = crate::response::ParseError;

    /// Parses an imaplib-style criteria string into typed keys, so it is
    /// checked as thoroughly as a built one. Strings with keys this crate
    /// does not know can go through [`RawCriteria`] instead.
    ///
    /// ```
    /// use imap_proto::command::{SearchCriteria, SearchKey};
    /// let c: SearchCriteria = r#"(FROM "LDJ") UNSEEN"#.parse().unwrap();
    /// assert_eq!(c, SearchCriteria::Keys(vec![
    ///     SearchKey::And(vec![SearchKey::From("LDJ".into())]),
    ///     SearchKey::Unseen,
    /// ]));
    /// assert!("UNSEEN\r\nA1 DELETE INBOX".parse::<SearchCriteria>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let spaced = format!(" {s}");
        super::parse::parse_fragment(spaced.as_bytes(), super::parse::search_keys)
            .map(SearchCriteria::Keys)
    }
}

impl From<SearchKey> for SearchCriteria {
    fn from(k: SearchKey) -> Self {
        SearchCriteria::Keys(vec![k])
    }
}

impl From<Vec<SearchKey>> for SearchCriteria {
    fn from(k: Vec<SearchKey>) -> Self {
        SearchCriteria::Keys(k)
    }
}

impl From<RawCriteria> for SearchCriteria {
    fn from(r: RawCriteria) -> Self {
        SearchCriteria::Raw(r)
    }
}

/// A `date` for SEARCH (no time): `1-Feb-1994`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SearchDate {
    /// Year, four digits.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day, 1 to 31.
    pub day: u8,
}

impl SearchDate {
    /// A date; checked when encoded.
    pub fn new(year: u16, month: u8, day: u8) -> Self {
        SearchDate { year, month, day }
    }
}

/// `search-key` (RFC 3501; MODSEQ from RFC 7162; OLDER/YOUNGER from RFC 5032).
///
/// ```
/// use imap_proto::command::{SearchKey, SearchDate};
/// let k = SearchKey::Or(
///     Box::new(SearchKey::From("LDJ".into())),
///     Box::new(SearchKey::Since(SearchDate::new(1994, 2, 1))),
/// );
/// # let _ = k;
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SearchKey {
    /// `ALL`
    All,
    /// `ANSWERED`
    Answered,
    /// `BCC string`
    Bcc(Bytes),
    /// `BEFORE date`
    Before(SearchDate),
    /// `BODY string`
    Body(Bytes),
    /// `CC string`
    Cc(Bytes),
    /// `DELETED`
    Deleted,
    /// `DRAFT`
    Draft,
    /// `FLAGGED`
    Flagged,
    /// `FROM string`
    From(Bytes),
    /// `HEADER field-name string`
    Header(Bytes, Bytes),
    /// `KEYWORD flag-keyword`
    Keyword(Bytes),
    /// `LARGER n`
    Larger(u32),
    /// `NEW`
    New,
    /// `NOT key`
    Not(Box<SearchKey>),
    /// `OLD`
    Old,
    /// `ON date`
    On(SearchDate),
    /// `OR key key`
    Or(Box<SearchKey>, Box<SearchKey>),
    /// `RECENT`
    Recent,
    /// `SEEN`
    Seen,
    /// `SENTBEFORE date`
    SentBefore(SearchDate),
    /// `SENTON date`
    SentOn(SearchDate),
    /// `SENTSINCE date`
    SentSince(SearchDate),
    /// `SINCE date`
    Since(SearchDate),
    /// `SMALLER n`
    Smaller(u32),
    /// `SUBJECT string`
    Subject(Bytes),
    /// `TEXT string`
    Text(Bytes),
    /// `TO string`
    To(Bytes),
    /// `UID set`
    Uid(SequenceSet),
    /// `UNANSWERED`
    Unanswered,
    /// `UNDELETED`
    Undeleted,
    /// `UNDRAFT`
    Undraft,
    /// `UNFLAGGED`
    Unflagged,
    /// `UNKEYWORD flag-keyword`
    Unkeyword(Bytes),
    /// `UNSEEN`
    Unseen,
    /// A bare sequence set: those message numbers.
    SequenceSet(SequenceSet),
    /// `(key key ...)`: all must match.
    And(Vec<SearchKey>),
    /// `MODSEQ n` (RFC 7162)
    ModSeq(u64),
    /// `OLDER seconds` (RFC 5032)
    Older(u32),
    /// `YOUNGER seconds` (RFC 5032)
    Younger(u32),
}

pub(crate) fn write_search(w: &mut Writer<'_>, s: &SearchCommand) -> Result<(), EncodeError> {
    w.raw(if s.uid { b"UID SEARCH" } else { b"SEARCH" });
    if let Some(r) = &s.returns {
        w.raw(b" RETURN (");
        for (k, x) in r.iter().enumerate() {
            if k > 0 {
                w.sp();
            }
            w.raw(match x {
                SearchReturn::Min => b"MIN",
                SearchReturn::Max => b"MAX",
                SearchReturn::All => b"ALL",
                SearchReturn::Count => b"COUNT",
                SearchReturn::Save => b"SAVE",
            });
        }
        w.raw(b")");
    }
    if let Some(c) = &s.charset {
        w.raw(b" CHARSET ").astring("charset", c)?;
    }
    w.sp();
    write_criteria(w, &s.criteria)
}

/// Criteria: keys separated by spaces, or the raw string.
pub(crate) fn write_criteria(w: &mut Writer<'_>, c: &SearchCriteria) -> Result<(), EncodeError> {
    match c {
        SearchCriteria::Raw(r) => {
            check_raw("search criteria", r.as_bytes(), w.ctx().utf8_accept, false)?;
            w.raw(r.as_bytes());
        }
        SearchCriteria::Keys(keys) => {
            if keys.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "search criteria",
                });
            }
            write_keys(w, keys)?;
        }
    }
    Ok(())
}

fn write_keys(w: &mut Writer<'_>, keys: &[SearchKey]) -> Result<(), EncodeError> {
    for (k, key) in keys.iter().enumerate() {
        if k > 0 {
            w.sp();
        }
        write_key(w, key)?;
    }
    Ok(())
}

fn write_date(w: &mut Writer<'_>, d: &SearchDate) -> Result<(), EncodeError> {
    if !(1..=12).contains(&d.month) || !(1..=31).contains(&d.day) || d.year > 9999 {
        return Err(EncodeError::Invalid {
            argument: "search date",
            reason: "a field is out of range",
        });
    }
    w.raw(
        format!(
            "{}-{}-{:04}",
            d.day,
            MONTHS[usize::from(d.month - 1)],
            d.year
        )
        .as_bytes(),
    );
    Ok(())
}

fn write_key(w: &mut Writer<'_>, key: &SearchKey) -> Result<(), EncodeError> {
    use SearchKey as K;
    let (name, s): (&[u8], Option<&Bytes>) = match key {
        K::Bcc(s) => (b"BCC ", Some(s)),
        K::Body(s) => (b"BODY ", Some(s)),
        K::Cc(s) => (b"CC ", Some(s)),
        K::From(s) => (b"FROM ", Some(s)),
        K::Subject(s) => (b"SUBJECT ", Some(s)),
        K::Text(s) => (b"TEXT ", Some(s)),
        K::To(s) => (b"TO ", Some(s)),
        _ => (b"", None),
    };
    if let Some(s) = s {
        w.raw(name).astring("search string", s)?;
        return Ok(());
    }
    let dated: Option<(&[u8], &SearchDate)> = match key {
        K::Before(d) => Some((b"BEFORE ", d)),
        K::On(d) => Some((b"ON ", d)),
        K::Since(d) => Some((b"SINCE ", d)),
        K::SentBefore(d) => Some((b"SENTBEFORE ", d)),
        K::SentOn(d) => Some((b"SENTON ", d)),
        K::SentSince(d) => Some((b"SENTSINCE ", d)),
        _ => None,
    };
    if let Some((n, d)) = dated {
        w.raw(n);
        return write_date(w, d);
    }
    match key {
        K::All => w.raw(b"ALL"),
        K::Answered => w.raw(b"ANSWERED"),
        K::Deleted => w.raw(b"DELETED"),
        K::Draft => w.raw(b"DRAFT"),
        K::Flagged => w.raw(b"FLAGGED"),
        K::New => w.raw(b"NEW"),
        K::Old => w.raw(b"OLD"),
        K::Recent => w.raw(b"RECENT"),
        K::Seen => w.raw(b"SEEN"),
        K::Unanswered => w.raw(b"UNANSWERED"),
        K::Undeleted => w.raw(b"UNDELETED"),
        K::Undraft => w.raw(b"UNDRAFT"),
        K::Unflagged => w.raw(b"UNFLAGGED"),
        K::Unseen => w.raw(b"UNSEEN"),
        K::Header(n, v) => {
            w.raw(b"HEADER ")
                .astring("header field name", n)?
                .sp()
                .astring("search string", v)?;
            w
        }
        K::Keyword(k) | K::Unkeyword(k) => {
            check_atom("keyword", k, is_atom_char)?;
            w.raw(if matches!(key, K::Keyword(_)) {
                b"KEYWORD "
            } else {
                b"UNKEYWORD "
            })
            .raw(k)
        }
        K::Larger(n) => w.raw(b"LARGER ").number(u64::from(*n)),
        K::Smaller(n) => w.raw(b"SMALLER ").number(u64::from(*n)),
        K::Older(n) => w.raw(b"OLDER ").number(u64::from(*n)),
        K::Younger(n) => w.raw(b"YOUNGER ").number(u64::from(*n)),
        K::ModSeq(m) => {
            super::fetch::check_modseq("MODSEQ", *m)?;
            w.raw(b"MODSEQ ").number(*m)
        }
        K::Not(k) => {
            w.raw(b"NOT ");
            return write_key(w, k);
        }
        K::Or(a, b) => {
            w.raw(b"OR ");
            write_key(w, a)?;
            w.sp();
            return write_key(w, b);
        }
        K::Uid(s) => w.raw(b"UID ").seq_set("UID set", s)?,
        K::SequenceSet(s) => w.seq_set("message set", s)?,
        K::And(keys) => {
            if keys.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "search key list",
                });
            }
            w.raw(b"(");
            write_keys(w, keys)?;
            w.raw(b")")
        }
        _ => {
            return Err(EncodeError::Invalid {
                argument: "search key",
                reason: "unsupported",
            })
        }
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    use crate::command::test_wire as wire;

    #[test]
    fn typed_keys_encode() {
        let keys = vec![
            SearchKey::Or(
                Box::new(SearchKey::From("LDJ".into())),
                Box::new(SearchKey::Not(Box::new(SearchKey::Seen))),
            ),
            SearchKey::Since(SearchDate::new(1994, 2, 1)),
            SearchKey::Header("X-Tag".into(), "a b".into()),
            SearchKey::And(vec![
                SearchKey::Uid("1:*".parse().unwrap()),
                SearchKey::Larger(10),
            ]),
        ];
        let cmd = Command::uid_search(Some("UTF-8"), keys);
        assert_eq!(
            wire(&cmd),
            b"a UID SEARCH CHARSET UTF-8 OR FROM LDJ NOT SEEN SINCE 1-Feb-1994 HEADER X-Tag \"a b\" (UID 1:* LARGER 10)\r\n"
        );
    }

    #[test]
    fn injection_in_search_string_is_a_literal() {
        let cmd = Command::search(None, SearchKey::Subject("x\r\nA1 DELETE INBOX".into()));
        let enc = cmd.encode(b"a", &EncodeContext::default()).unwrap();
        assert_eq!(
            enc.fragments[0],
            crate::command::Fragment::Line("a SEARCH SUBJECT {18}\r\n".into())
        );
        assert!(Command::search(None, SearchKey::Keyword("a b".into()))
            .encode(b"a", &EncodeContext::default())
            .is_err());
        assert!(Command::search(None, SearchKey::And(vec![]))
            .encode(b"a", &EncodeContext::default())
            .is_err());
        assert!(
            Command::search(None, SearchKey::On(SearchDate::new(2000, 13, 1)))
                .encode(b"a", &EncodeContext::default())
                .is_err()
        );
    }

    #[test]
    fn raw_criteria_are_checked() {
        for ok in [
            "ALL",
            r#"(FROM "LDJ")"#,
            r#"SUBJECT "a ) \" (""#,
            "(OR SEEN (FLAGGED))",
        ] {
            assert!(RawCriteria::new(ok).is_ok(), "{ok}");
        }
        for bad in ["", "(", ")(", "a\nb", "\"open", "x\0", "{3}", "(a))"] {
            assert!(RawCriteria::new(bad).is_err(), "{bad:?}");
        }
        let cmd = Command::search(None, RawCriteria::new("SUBJECT \"é\"").unwrap());
        assert!(cmd.encode(b"a", &EncodeContext::default()).is_err());
        let utf8 = EncodeContext {
            utf8_accept: true,
            ..Default::default()
        };
        assert!(cmd.encode(b"a", &utf8).is_ok());
        let ret = SearchCommand {
            uid: false,
            charset: None,
            criteria: RawCriteria::new(r#"(FROM "LDJ")"#).unwrap().into(),
            returns: Some(vec![SearchReturn::Min, SearchReturn::Count]),
        };
        assert_eq!(
            wire(&Command::Search(ret)),
            b"a SEARCH RETURN (MIN COUNT) (FROM \"LDJ\")\r\n"
        );
    }
}
