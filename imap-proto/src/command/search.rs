//! SEARCH (RFC 3501 6.4.4): a typed search-key builder, a validated raw
//! form for imaplib-style strings, ESEARCH returns (RFC 4731) and MODSEQ
//! (RFC 7162).

use bytes::Bytes;
use nom::error::ErrorKind;

use super::encode::{check_atom, EncodeError, Writer, MONTHS};
use super::parse_args::{self as pa, P, R};
use crate::response::parse::core::{error, is_atom_char, number, number64, sp};
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
            check_raw("search criteria", &r.0, w.ctx().utf8_accept, false)?;
            w.raw(&r.0);
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

// ---- parsing (server side) ----

/// `search = "SEARCH" [search-return-opts] [SP "CHARSET" SP astring] 1*(SP search-key)`,
/// from what follows `SEARCH`.
pub(crate) fn search<'a>(p: &P<'_>, i: &'a [u8], uid: bool) -> R<'a, SearchCommand> {
    let mut i = i;
    let mut returns = None;
    if let Ok((j, _)) = pa::sp_kw(i, "RETURN") {
        let (j, _) = sp(j)?;
        let (j, r) = pa::paren_list(p, j, |_, k| search_return(k))?;
        returns = Some(r);
        i = j;
    }
    let mut charset = None;
    if let Ok((j, _)) = pa::sp_kw(i, "CHARSET") {
        let (j, _) = sp(j)?;
        let (j, c) = pa::astring(p, j)?;
        charset = Some(c);
        i = j;
    }
    let (i, keys) = search_keys(p, i)?;
    Ok((
        i,
        SearchCommand {
            uid,
            charset,
            criteria: SearchCriteria::Keys(keys),
            returns,
        },
    ))
}

/// `1*(SP search-key)`
pub(crate) fn search_keys<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<SearchKey>> {
    let mut keys = Vec::new();
    let mut i = i;
    while let Some(j) = i.strip_prefix(b" ") {
        let (k, key) = search_key(p, j)?;
        keys.push(key);
        i = k;
    }
    if keys.is_empty() {
        return error(i, ErrorKind::Many1);
    }
    Ok((i, keys))
}

fn search_return(i: &[u8]) -> R<'_, SearchReturn> {
    let (j, a) = crate::response::parse::core::atom(i)?;
    let r = match a.to_ascii_uppercase().as_slice() {
        b"MIN" => SearchReturn::Min,
        b"MAX" => SearchReturn::Max,
        b"ALL" => SearchReturn::All,
        b"COUNT" => SearchReturn::Count,
        b"SAVE" => SearchReturn::Save,
        _ => return error(i, ErrorKind::Tag),
    };
    Ok((j, r))
}

/// `search-key`
pub(crate) fn search_key<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, SearchKey> {
    use SearchKey as K;
    if i.first() == Some(&b'(') {
        let (j, v) = pa::paren_list(p, i, search_key)?;
        if v.is_empty() {
            return error(i, ErrorKind::Many1);
        }
        return Ok((j, K::And(v)));
    }
    if i.first().is_some_and(|b| b.is_ascii_digit() || *b == b'*') {
        let (j, s) = pa::sequence_set(i)?;
        return Ok((j, K::SequenceSet(s)));
    }
    let (j, name) = crate::response::parse::core::atom(i)?;
    let name = name.to_ascii_uppercase();
    let simple = match name.as_slice() {
        b"ALL" => Some(K::All),
        b"ANSWERED" => Some(K::Answered),
        b"DELETED" => Some(K::Deleted),
        b"DRAFT" => Some(K::Draft),
        b"FLAGGED" => Some(K::Flagged),
        b"NEW" => Some(K::New),
        b"OLD" => Some(K::Old),
        b"RECENT" => Some(K::Recent),
        b"SEEN" => Some(K::Seen),
        b"UNANSWERED" => Some(K::Unanswered),
        b"UNDELETED" => Some(K::Undeleted),
        b"UNDRAFT" => Some(K::Undraft),
        b"UNFLAGGED" => Some(K::Unflagged),
        b"UNSEEN" => Some(K::Unseen),
        _ => None,
    };
    if let Some(k) = simple {
        return Ok((j, k));
    }
    let (j, _) = sp(j)?;
    let string = |f: fn(Bytes) -> SearchKey| {
        let (k, s) = pa::astring(p, j)?;
        Ok((k, f(s)))
    };
    let date = |f: fn(SearchDate) -> SearchKey| {
        let q = j.strip_prefix(b"\"");
        let (k, (year, month, day)) = pa::date_text(q.unwrap_or(j))?;
        let k = if q.is_some() { pa::byte(k, b'"')?.0 } else { k };
        Ok((k, f(SearchDate { year, month, day })))
    };
    let num = |f: fn(u32) -> SearchKey| {
        let (k, n) = number(j)?;
        Ok((k, f(n)))
    };
    match name.as_slice() {
        b"BCC" => string(K::Bcc),
        b"BODY" => string(K::Body),
        b"CC" => string(K::Cc),
        b"FROM" => string(K::From),
        b"SUBJECT" => string(K::Subject),
        b"TEXT" => string(K::Text),
        b"TO" => string(K::To),
        b"BEFORE" => date(K::Before),
        b"ON" => date(K::On),
        b"SINCE" => date(K::Since),
        b"SENTBEFORE" => date(K::SentBefore),
        b"SENTON" => date(K::SentOn),
        b"SENTSINCE" => date(K::SentSince),
        b"LARGER" => num(K::Larger),
        b"SMALLER" => num(K::Smaller),
        b"OLDER" => num(K::Older),
        b"YOUNGER" => num(K::Younger),
        b"KEYWORD" | b"UNKEYWORD" => {
            let (k, a) = pa::atom_bytes(p, j)?;
            Ok((
                k,
                if name == b"KEYWORD" {
                    K::Keyword(a)
                } else {
                    K::Unkeyword(a)
                },
            ))
        }
        b"HEADER" => {
            let (k, n) = pa::astring(p, j)?;
            let (k, _) = sp(k)?;
            let (k, v) = pa::astring(p, k)?;
            Ok((k, K::Header(n, v)))
        }
        b"MODSEQ" => {
            let (k, m) = number64(j)?;
            Ok((k, K::ModSeq(m)))
        }
        b"UID" => {
            let (k, s) = pa::sequence_set(j)?;
            Ok((k, K::Uid(s)))
        }
        b"NOT" => {
            let (k, a) = p.ctx.nested(j, |j| search_key(p, j))?;
            Ok((k, K::Not(Box::new(a))))
        }
        b"OR" => {
            let (k, a) = p.ctx.nested(j, |j| search_key(p, j))?;
            let (k, _) = sp(k)?;
            let (k, b) = p.ctx.nested(k, |k| search_key(p, k))?;
            Ok((k, K::Or(Box::new(a), Box::new(b))))
        }
        _ => error(i, ErrorKind::Tag),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    fn wire(c: &Command) -> Vec<u8> {
        c.encode(b"a", &EncodeContext::default())
            .unwrap()
            .to_bytes()
    }

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
