//! FETCH and STORE arguments (RFC 3501 6.4.5, 6.4.6; RFC 3516; RFC 7162).

use nom::error::ErrorKind;

use super::args::{self as pa, P, R};
use crate::command::*;
use crate::response::parse::core::{error, keyword, number, number64, sp};
use crate::types::{Flag, Section, SectionText};

/// `fetch` arguments after `FETCH SP`: `sequence-set SP items [SP modifiers]`.
pub(crate) fn fetch<'a>(p: &P<'_>, i: &'a [u8], uid: bool) -> R<'a, FetchCommand> {
    let (i, set) = pa::sequence_set(i)?;
    let (i, _) = sp(i)?;
    let (i, items) = fetch_items(p, i)?;
    let mut cmd = FetchCommand {
        uid,
        set,
        items,
        changed_since: None,
        vanished: false,
    };
    let Ok((j, _)) = pa::sp_paren(i) else {
        return Ok((i, cmd));
    };
    let (j, _) = keyword("CHANGEDSINCE")(j)?;
    let (j, _) = sp(j)?;
    let (mut j, m) = number64(j)?;
    cmd.changed_since = Some(m);
    if let Ok((k, _)) = pa::sp_kw(j, "VANISHED") {
        cmd.vanished = true;
        j = k;
    }
    let (j, _) = pa::close(j)?;
    Ok((j, cmd))
}

/// `"ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"`
pub(crate) fn fetch_items<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, FetchItems> {
    if i.first() == Some(&b'(') {
        let (i, v) = pa::paren_list(p, i, fetch_att)?;
        if v.is_empty() {
            return error(i, ErrorKind::Verify);
        }
        return Ok((i, FetchItems::Items(v)));
    }
    for (w, m) in [
        ("ALL", FetchItems::All),
        ("FAST", FetchItems::Fast),
        ("FULL", FetchItems::Full),
    ] {
        if let Ok((j, _)) = pa::whole_kw(i, w) {
            return Ok((j, m));
        }
    }
    let (i, a) = fetch_att(p, i)?;
    Ok((i, FetchItems::Items(vec![a])))
}

/// `fetch-att`
pub(crate) fn fetch_att<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, FetchItem> {
    for (pre, peek) in [("BODY.PEEK[", true), ("BODY[", false)] {
        if let Ok((j, _)) = keyword(pre)(i) {
            let (j, section) = section_spec(p, j)?;
            let (j, partial) = partial(j)?;
            return Ok((
                j,
                FetchItem::BodySection {
                    section,
                    partial,
                    peek,
                },
            ));
        }
    }
    for (pre, peek) in [("BINARY.PEEK[", true), ("BINARY[", false)] {
        if let Ok((j, _)) = keyword(pre)(i) {
            let (j, part) = section_part(j)?;
            let (j, _) = pa::byte(j, b']')?;
            let (j, partial) = partial(j)?;
            return Ok((
                j,
                FetchItem::Binary {
                    part,
                    partial,
                    peek,
                },
            ));
        }
    }
    if let Ok((j, _)) = keyword("BINARY.SIZE[")(i) {
        let (j, part) = section_part(j)?;
        let (j, _) = pa::byte(j, b']')?;
        return Ok((j, FetchItem::BinarySize { part }));
    }
    let (j, name) = pa::atom_bytes(p, i)?;
    let item = match name.to_ascii_uppercase().as_slice() {
        b"ENVELOPE" => FetchItem::Envelope,
        b"FLAGS" => FetchItem::Flags,
        b"INTERNALDATE" => FetchItem::InternalDate,
        b"RFC822" => FetchItem::Rfc822,
        b"RFC822.HEADER" => FetchItem::Rfc822Header,
        b"RFC822.SIZE" => FetchItem::Rfc822Size,
        b"RFC822.TEXT" => FetchItem::Rfc822Text,
        b"BODY" => FetchItem::Body,
        b"BODYSTRUCTURE" => FetchItem::BodyStructure,
        b"UID" => FetchItem::Uid,
        b"MODSEQ" => FetchItem::ModSeq,
        _ => FetchItem::Other(name),
    };
    Ok((j, item))
}

/// `section-part = nz-number *("." nz-number)` (possibly absent).
fn section_part(i: &[u8]) -> R<'_, Vec<u32>> {
    let mut v = Vec::new();
    let mut i = i;
    while let Ok((j, n)) = crate::response::parse::core::nz_number(i) {
        v.push(n);
        match j.strip_prefix(b".") {
            Some(k) if k.first().is_some_and(u8::is_ascii_digit) => i = k,
            _ => return Ok((j, v)),
        }
    }
    Ok((i, v))
}

/// `section-spec "]"`: what follows `BODY[`.
pub(crate) fn section_spec<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Section> {
    let (i, part) = section_part(i)?;
    let i = if part.is_empty() {
        i
    } else {
        i.strip_prefix(b".").unwrap_or(i)
    };
    let mut text = None;
    let mut i = i;
    if i.first() != Some(&b']') {
        let (j, t) = section_text(p, i)?;
        text = Some(t);
        i = j;
    }
    let (i, _) = pa::byte(i, b']')?;
    Ok((i, Section { part, text }))
}

/// `section-msgtext / "MIME"`
fn section_text<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, SectionText> {
    for (w, not) in [("HEADER.FIELDS.NOT", true), ("HEADER.FIELDS", false)] {
        if let Ok((j, _)) = keyword(w)(i) {
            let (j, _) = sp(j)?;
            let (j, names) = pa::paren_list(p, j, |p, k| pa::astring(p, k))?;
            if names.is_empty() {
                return error(j, ErrorKind::Verify);
            }
            return Ok((
                j,
                if not {
                    SectionText::HeaderFieldsNot(names)
                } else {
                    SectionText::HeaderFields(names)
                },
            ));
        }
    }
    for (w, t) in [
        ("HEADER", SectionText::Header),
        ("TEXT", SectionText::Text),
        ("MIME", SectionText::Mime),
    ] {
        if let Ok((j, _)) = keyword(w)(i) {
            return Ok((j, t));
        }
    }
    error(i, ErrorKind::Tag)
}

/// `"<" number "." nz-number ">"`, optional.
fn partial(i: &[u8]) -> R<'_, Option<(u32, u32)>> {
    let Some(j) = i.strip_prefix(b"<") else {
        return Ok((i, None));
    };
    let (j, a) = number(j)?;
    let (j, _) = pa::byte(j, b'.')?;
    let (j, b) = number(j)?;
    let (j, _) = pa::byte(j, b'>')?;
    Ok((j, Some((a, b))))
}

/// `store = "STORE" SP sequence-set [store-modifiers] SP store-att-flags`,
/// from what follows `STORE SP`.
pub(crate) fn store<'a>(p: &P<'_>, i: &'a [u8], uid: bool) -> R<'a, StoreCommand> {
    let (i, set) = pa::sequence_set(i)?;
    let (mut i, _) = sp(i)?;
    let mut unchanged_since = None;
    if let Some(j) = i.strip_prefix(b"(") {
        let (j, _) = keyword("UNCHANGEDSINCE")(j)?;
        let (j, _) = sp(j)?;
        let (j, m) = number64(j)?;
        let (j, _) = pa::close(j)?;
        let (j, _) = sp(j)?;
        unchanged_since = Some(m);
        i = j;
    }
    let (i, action) = match i.first() {
        Some(b'+') => (&i[1..], StoreAction::Add),
        Some(b'-') => (&i[1..], StoreAction::Remove),
        _ => (i, StoreAction::Replace),
    };
    let (i, _) = keyword("FLAGS")(i)?;
    let (i, silent) = match keyword(".SILENT")(i) {
        Ok((j, _)) => (j, true),
        Err(_) => (i, false),
    };
    let (i, _) = sp(i)?;
    let (i, flags) = if i.first() == Some(&b'(') {
        pa::flag_list(p, i)?
    } else {
        // `flag *(SP flag)` without parentheses.
        let mut v = Vec::new();
        let (mut j, f) = pa::flag(p, i)?;
        v.push(f);
        while let Ok((k, f)) = pa::byte(j, b' ').and_then(|(k, _)| pa::flag(p, k)) {
            v.push(f);
            j = k;
        }
        (j, v)
    };
    if flags
        .iter()
        .any(|f| matches!(f, Flag::Recent | Flag::MayCreate))
    {
        return error(i, ErrorKind::Verify);
    }
    Ok((
        i,
        StoreCommand {
            uid,
            set,
            action,
            silent,
            flags,
            unchanged_since,
        },
    ))
}
