//! Extension arguments: xatom arguments, METADATA, ANNOTATEMORE.

use bytes::Bytes;
use nom::error::ErrorKind;

use super::args::{self as pa, P, R};
use super::{astring_arg, mailbox_arg};
use crate::command::*;
use crate::response::parse::core::{error, keyword, nil, number, number64, parse_u64, sp};

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

/// True for the extension commands [`extension_command`] parses.
pub(super) fn is_extension(name: &[u8]) -> bool {
    const NAMES: [&[u8]; 12] = [
        b"ID",
        b"COMPRESS",
        b"GETQUOTA",
        b"PROXYAUTH",
        b"SETQUOTA",
        b"SETACL",
        b"DELETEACL",
        b"LISTRIGHTS",
        b"GETMETADATA",
        b"SETMETADATA",
        b"GETANNOTATION",
        b"SETANNOTATION",
    ];
    NAMES.contains(&name)
}

/// ID (RFC 2971), COMPRESS (RFC 4978), QUOTA (RFC 9208), ACL (RFC 4314),
/// METADATA (RFC 5464), ANNOTATEMORE and PROXYAUTH, from what follows the
/// command name.
pub(super) fn extension_command<'a>(p: &P<'_>, i: &'a [u8], name: &[u8]) -> R<'a, Command> {
    use Command as C;
    match name {
        b"ID" => id(p, sp(i)?.0),
        b"COMPRESS" => {
            let (i, _) = sp(i)?;
            let (i, a) = pa::atom_bytes(p, i)?;
            Ok((i, C::Compress(a)))
        }
        b"GETQUOTA" => astring_arg(p, i).map(|(i, r)| (i, C::GetQuota(r))),
        b"PROXYAUTH" => astring_arg(p, i).map(|(i, r)| (i, C::ProxyAuth(r))),
        b"SETQUOTA" => {
            let (i, root) = astring_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, limits) = pa::paren_list(p, i, |p, k| {
                let (k, res) = pa::atom_bytes(p, k)?;
                let (k, _) = sp(k)?;
                let (k, n) = number64(k)?;
                Ok((k, (res, n)))
            })?;
            Ok((i, C::SetQuota { root, limits }))
        }
        b"SETACL" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, identifier) = astring_arg(p, i)?;
            let (i, rights) = astring_arg(p, i)?;
            Ok((
                i,
                C::SetAcl {
                    mailbox,
                    identifier,
                    rights,
                },
            ))
        }
        b"DELETEACL" | b"LISTRIGHTS" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, identifier) = astring_arg(p, i)?;
            Ok((
                i,
                if name == b"DELETEACL" {
                    C::DeleteAcl {
                        mailbox,
                        identifier,
                    }
                } else {
                    C::ListRights {
                        mailbox,
                        identifier,
                    }
                },
            ))
        }
        b"GETMETADATA" => {
            let (i, _) = sp(i)?;
            let (i, options) = metadata_options(i)?;
            let (i, mailbox) = pa::mailbox(p, i)?;
            let (i, _) = sp(i)?;
            let (i, entries) = one_or_list(p, i)?;
            Ok((
                i,
                C::GetMetadata {
                    options,
                    mailbox,
                    entries,
                },
            ))
        }
        b"SETMETADATA" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, entries) = entry_values(p, i)?;
            if entries.is_empty() {
                return error(i, ErrorKind::Many1);
            }
            Ok((i, C::SetMetadata { mailbox, entries }))
        }
        b"GETANNOTATION" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, entries) = one_or_list(p, i)?;
            let (i, _) = sp(i)?;
            let (i, attributes) = one_or_list(p, i)?;
            Ok((
                i,
                C::GetAnnotation {
                    mailbox,
                    entries,
                    attributes,
                },
            ))
        }
        b"SETANNOTATION" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, entries) = annotation_entries(p, i)?;
            Ok((i, C::SetAnnotation { mailbox, entries }))
        }
        _ => error(i, ErrorKind::Tag),
    }
}

/// `id = "ID" SP id-params-list`
fn id<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Command> {
    if let Ok((j, _)) = nil(i) {
        return Ok((j, Command::Id(None)));
    }
    let (j, v) = pa::paren_list(p, i, |p, k| {
        let (k, f) = pa::string(p, k)?;
        let (k, _) = sp(k)?;
        let (k, v) = pa::nstring(p, k)?;
        Ok((k, (f, v)))
    })?;
    Ok((j, Command::Id(Some(v))))
}
