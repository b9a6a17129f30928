//! SEARCH, SORT and THREAD arguments (RFC 3501 6.4.4; RFC 4731; RFC 5256).

use bytes::Bytes;
use nom::error::ErrorKind;

use super::args::{self as pa, P, R};
use crate::command::sort::SORT_KEYS;
use crate::command::*;
use crate::response::parse::core::{atom, error, number, number64, sp};

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
