//! Extension arguments: xatom arguments, METADATA, ANNOTATEMORE.

use bytes::Bytes;
use nom::error::ErrorKind;

use super::args::{self as pa, P, R};
use crate::command::*;
use crate::response::parse::core::{error, keyword, nil, number, parse_u64, sp};

/// A generic argument of an unknown command.
pub(crate) fn arg<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Arg> {
    match i.first() {
        Some(b'(') => {
            let (j, v) = pa::paren_list(p, i, arg)?;
            Ok((j, Arg::List(v)))
        }
        Some(b'"') | Some(b'{') | Some(b'~') => {
            let (j, s) = pa::string(p, i)?;
            Ok((j, Arg::String(s)))
        }
        _ => {
            if let Ok((j, _)) = nil(i) {
                return Ok((j, Arg::Nil));
            }
            let (j, a) = pa::atom_bytes(p, i)?;
            if a.iter().all(u8::is_ascii_digit) {
                if let Some(n) = parse_u64(&a) {
                    return Ok((j, Arg::Number(n)));
                }
            }
            Ok((j, Arg::Atom(a)))
        }
    }
}

/// `astring / "(" astring *(SP astring) ")"`
pub(crate) fn one_or_list<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<Bytes>> {
    if i.first() == Some(&b'(') {
        let (j, v) = pa::paren_list(p, i, pa::astring)?;
        if v.is_empty() {
            return error(i, ErrorKind::Many1);
        }
        Ok((j, v))
    } else {
        let (j, a) = pa::astring(p, i)?;
        Ok((j, vec![a]))
    }
}

/// `getmetadata-options SP` (optional), from after `GETMETADATA SP`.
pub(crate) fn metadata_options(i: &[u8]) -> R<'_, MetadataOptions> {
    let mut o = MetadataOptions::default();
    let Some(mut j) = i.strip_prefix(b"(") else {
        return Ok((i, o));
    };
    loop {
        if let Ok((k, _)) = keyword("MAXSIZE ")(j) {
            let (k, n) = number(k)?;
            o.max_size = Some(n);
            j = k;
        } else if let Ok((k, _)) = keyword("DEPTH ")(j) {
            let (k, d) = if let Ok((k, _)) = keyword("infinity")(k) {
                (k, MetadataDepth::Infinity)
            } else if let Some(k) = k.strip_prefix(b"0") {
                (k, MetadataDepth::Zero)
            } else if let Some(k) = k.strip_prefix(b"1") {
                (k, MetadataDepth::One)
            } else {
                return error(k, ErrorKind::Digit);
            };
            o.depth = Some(d);
            j = k;
        } else {
            return error(j, ErrorKind::Tag);
        }
        if let Ok((k, _)) = pa::close(j) {
            let (k, _) = sp(k)?;
            return Ok((k, o));
        }
        j = sp(j)?.0;
    }
}

/// `"(" entry SP value *(SP entry SP value) ")"`
pub(crate) fn entry_values<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<(Bytes, Option<Bytes>)>> {
    let (i, flat) = pa::paren_list(p, i, |p, k| {
        let (k, e) = pa::astring(p, k)?;
        let (k, _) = sp(k)?;
        let (k, v) = pa::nstring(p, k)?;
        Ok((k, (e, v)))
    })?;
    Ok((i, flat))
}

/// `entry-att *(SP entry-att)` or `"(" ... ")"` for SETANNOTATION.
pub(crate) fn annotation_entries<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Vec<AnnotationEntry>> {
    let one = |p: &P<'_>, k: &'a [u8]| -> R<'a, AnnotationEntry> {
        let (k, entry) = pa::astring(p, k)?;
        let (k, _) = sp(k)?;
        let (k, values) = entry_values(p, k)?;
        Ok((k, AnnotationEntry { entry, values }))
    };
    if i.first() == Some(&b'(') {
        let (j, v) = pa::paren_list(p, i, one)?;
        if v.is_empty() {
            return error(i, ErrorKind::Many1);
        }
        Ok((j, v))
    } else {
        let (j, e) = one(p, i)?;
        Ok((j, vec![e]))
    }
}
