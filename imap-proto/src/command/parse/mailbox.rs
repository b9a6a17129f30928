//! LIST, STATUS and SELECT arguments (RFC 3501 6.3; RFC 5258, 5819, 7162).

use nom::error::ErrorKind;

use super::args::{self as pa, P, R};
use crate::command::list::STATUS_NAMES;
use crate::command::*;
use crate::response::parse::core::{atom, error, keyword, number64, nz_number, sp};

/// `status-att`
pub(crate) fn status_att(i: &[u8]) -> R<'_, StatusAttribute> {
    let (j, a) = atom(i)?;
    match STATUS_NAMES
        .iter()
        .find(|(_, n)| a.eq_ignore_ascii_case(n.as_bytes()))
    {
        Some((s, _)) => Ok((j, *s)),
        None => error(i, ErrorKind::Tag),
    }
}

/// `"(" status-att *(SP status-att) ")"`, non-empty.
pub(crate) fn status_atts<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<StatusAttribute>> {
    let (j, v) = pa::paren_list(p, i, |_, k| status_att(k))?;
    if v.is_empty() {
        return error(i, ErrorKind::Many1);
    }
    Ok((j, v))
}

/// `list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]`,
/// from what follows `LIST SP`.
pub(crate) fn list<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, ListCommand> {
    let (i, selection) = if i.first() == Some(&b'(') {
        let (j, v) = pa::paren_list(p, i, |_, k| list_select_opt(k))?;
        let (j, _) = sp(j)?;
        (j, v)
    } else {
        (i, Vec::new())
    };
    let (i, reference) = pa::mailbox(p, i)?;
    let (i, _) = sp(i)?;
    let (i, patterns) = if i.first() == Some(&b'(') {
        let (j, v) = pa::paren_list(p, i, pa::list_mailbox)?;
        if v.is_empty() {
            return error(i, ErrorKind::Many1);
        }
        (j, v)
    } else {
        let (j, m) = pa::list_mailbox(p, i)?;
        (j, vec![m])
    };
    let (i, returns) = match pa::sp_kw(i, "RETURN") {
        Ok((j, _)) => {
            let (j, _) = sp(j)?;
            pa::paren_list(p, j, return_option)?
        }
        Err(_) => (i, Vec::new()),
    };
    Ok((
        i,
        ListCommand {
            reference,
            patterns,
            selection,
            returns,
        },
    ))
}

fn list_select_opt(i: &[u8]) -> R<'_, ListSelect> {
    let (j, a) = atom(i)?;
    let s = match a.to_ascii_uppercase().as_slice() {
        b"SUBSCRIBED" => ListSelect::Subscribed,
        b"REMOTE" => ListSelect::Remote,
        b"RECURSIVEMATCH" => ListSelect::RecursiveMatch,
        b"SPECIAL-USE" => ListSelect::SpecialUse,
        _ => return error(i, ErrorKind::Tag),
    };
    Ok((j, s))
}

fn return_option<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, ListReturn> {
    let (j, a) = atom(i)?;
    let r = match a.to_ascii_uppercase().as_slice() {
        b"SUBSCRIBED" => ListReturn::Subscribed,
        b"CHILDREN" => ListReturn::Children,
        b"SPECIAL-USE" => ListReturn::SpecialUse,
        b"STATUS" => {
            let (j, _) = sp(j)?;
            let (j, v) = status_atts(p, j)?;
            return Ok((j, ListReturn::Status(v)));
        }
        _ => return error(i, ErrorKind::Tag),
    };
    Ok((j, r))
}

/// `[SP "(" select-param *(SP select-param) ")"]`
pub(crate) fn select_params<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, SelectParams> {
    let mut out = SelectParams::default();
    let Ok((j, _)) = pa::byte(i, b' ') else {
        return Ok((i, out));
    };
    let (j, params) = pa::paren_list(p, j, |p, k| select_param(p, k))?;
    for x in params {
        match x {
            None => out.condstore = true,
            Some(q) => out.qresync = Some(q),
        }
    }
    Ok((j, out))
}

/// `"CONDSTORE"` (None) or `"QRESYNC" SP "(" ... ")"` (Some).
fn select_param<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Option<QResync>> {
    if let Ok((j, _)) = pa::whole_kw(i, "CONDSTORE") {
        return Ok((j, None));
    }
    let (j, _) = keyword("QRESYNC")(i)?;
    let (j, _) = sp(j)?;
    let (j, _) = pa::byte(j, b'(')?;
    let (j, uidvalidity) = nz_number(j)?;
    let (j, _) = sp(j)?;
    let (mut j, modseq) = number64(j)?;
    let mut q = QResync {
        uidvalidity,
        modseq,
        known_uids: None,
        seq_match: None,
    };
    if let Ok((k, s)) = pa::byte(j, b' ').and_then(|(k, _)| pa::sequence_set(k)) {
        q.known_uids = Some(s);
        j = k;
    }
    if let Ok((k, _)) = pa::sp_paren(j) {
        let (k, s) = p.ctx.nested(k, pa::sequence_set)?;
        let (k, _) = sp(k)?;
        let (k, u) = pa::sequence_set(k)?;
        let (k, _) = pa::close(k)?;
        q.seq_match = Some((s, u));
        j = k;
    }
    let (j, _) = pa::close(j)?;
    Ok((j, Some(q)))
}
