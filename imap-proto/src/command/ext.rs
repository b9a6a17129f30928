//! Extension arguments: METADATA (RFC 5464), ANNOTATEMORE (Cyrus), ID
//! (RFC 2971), and imaplib's `xatom` with typed arguments and a safe
//! equivalent of its "parenthesised argument is sent unquoted" escape hatch.

use bytes::Bytes;
use nom::error::ErrorKind;

use super::encode::{check_atom, EncodeError, Writer};
use super::parse_args::{self as pa, P, R};
use super::search::check_raw;
use crate::response::parse::core::{error, is_atom_char, keyword, nil, number, parse_u64, sp};
use crate::types::{MailboxName, SequenceSet};

/// GETMETADATA options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MetadataOptions {
    /// `DEPTH 0 / 1 / infinity`: `None` sends nothing (0), `Some(u32::MAX)`
    /// sends `infinity`.
    pub depth: Option<u32>,
    /// `MAXSIZE n`.
    pub max_size: Option<u32>,
}

/// One entry of SETANNOTATION: an entry name and its attribute values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationEntry {
    /// Entry name, e.g. `/comment`.
    pub entry: Bytes,
    /// `(attribute value)` pairs, e.g. `value.priv`; `None` is NIL.
    pub values: Vec<(Bytes, Option<Bytes>)>,
}

/// A parenthesised argument sent as written, after checks: it is one
/// balanced list, with no CR, LF, NUL, `{` or 8-bit byte.
///
/// ```
/// use imap_proto::command::RawParenthesized;
/// assert!(RawParenthesized::new(r"(\Deleted \Seen)").is_ok());
/// assert!(RawParenthesized::new("(a) (b)").is_err());
/// assert!(RawParenthesized::new("(a\r\nA1 LOGOUT)").is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawParenthesized(Bytes);

impl RawParenthesized {
    /// Checks and wraps `s`.
    pub fn new(s: impl AsRef<[u8]>) -> Result<Self, EncodeError> {
        check_raw("parenthesized argument", s.as_ref(), false, true)?;
        Ok(RawParenthesized(Bytes::copy_from_slice(s.as_ref())))
    }

    /// The text.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }
}

/// An argument of [`super::Command::XAtom`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// An atom, checked.
    Atom(Bytes),
    /// A string: always quoted or a literal (never read as an atom).
    String(Bytes),
    /// A number.
    Number(u64),
    /// `NIL`
    Nil,
    /// A sequence set.
    SequenceSet(SequenceSet),
    /// A mailbox name (modified UTF-7 or UTF-8, as for every command).
    Mailbox(MailboxName),
    /// `(arg arg ...)`
    List(Vec<Arg>),
    /// imaplib's escape hatch, made safe.
    Raw(RawParenthesized),
}

pub(crate) fn write_arg(w: &mut Writer<'_>, a: &Arg) -> Result<(), EncodeError> {
    match a {
        Arg::Atom(x) => {
            check_atom("xatom argument", x, is_atom_char)?;
            w.raw(x);
        }
        Arg::String(s) => {
            w.string("xatom argument", s)?;
        }
        Arg::Number(n) => {
            w.number(*n);
        }
        Arg::Nil => {
            w.raw(b"NIL");
        }
        Arg::SequenceSet(s) => {
            w.seq_set("xatom argument", s)?;
        }
        Arg::Mailbox(m) => {
            w.mailbox("xatom argument", m)?;
        }
        Arg::List(v) => {
            w.raw(b"(");
            for (k, x) in v.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                write_arg(w, x)?;
            }
            w.raw(b")");
        }
        Arg::Raw(r) => {
            check_raw("parenthesized argument", &r.0, false, true)?;
            w.raw(&r.0);
        }
    }
    Ok(())
}

/// `"(" astring *(SP astring) ")"` or a single astring when there is one.
pub(crate) fn write_one_or_list(
    w: &mut Writer<'_>,
    argument: &'static str,
    v: &[Bytes],
) -> Result<(), EncodeError> {
    match v {
        [] => return Err(EncodeError::Empty { argument }),
        [one] => {
            w.astring(argument, one)?;
        }
        many => {
            w.raw(b"(");
            for (k, x) in many.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                w.astring(argument, x)?;
            }
            w.raw(b")");
        }
    }
    Ok(())
}

pub(crate) fn write_metadata_options(w: &mut Writer<'_>, o: &MetadataOptions) {
    if o.depth.is_none() && o.max_size.is_none() {
        return;
    }
    w.raw(b"(");
    if let Some(m) = o.max_size {
        w.raw(b"MAXSIZE ").number(u64::from(m));
        if o.depth.is_some() {
            w.sp();
        }
    }
    match o.depth {
        Some(u32::MAX) => {
            w.raw(b"DEPTH infinity");
        }
        Some(d) => {
            w.raw(b"DEPTH ").number(u64::from(d));
        }
        None => {}
    }
    w.raw(b") ");
}

pub(crate) fn write_id(
    w: &mut Writer<'_>,
    params: &Option<Vec<(Bytes, Option<Bytes>)>>,
) -> Result<(), EncodeError> {
    w.raw(b"ID ");
    match params {
        None => {
            w.raw(b"NIL");
        }
        Some(v) => {
            if v.len() > 30 {
                return Err(EncodeError::Invalid {
                    argument: "ID parameters",
                    reason: "at most 30 pairs (RFC 2971)",
                });
            }
            w.raw(b"(");
            for (k, (f, val)) in v.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                w.string("ID field", f)?
                    .sp()
                    .nstring("ID value", val.as_deref())?;
            }
            w.raw(b")");
        }
    }
    Ok(())
}

// ---- parsing (server side) ----

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
            let (k, d) = match keyword("infinity")(k) {
                Ok((k, _)) => (k, u32::MAX),
                Err(_) => number(k)?,
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
    fn xatom_args_are_safe() {
        let c = Command::xatom(
            "XAPPLEPUSHSERVICE",
            vec![
                Arg::Atom("aps-version".into()),
                Arg::String("two words".into()),
                Arg::Number(2),
                Arg::List(vec![Arg::Nil, Arg::Mailbox("台北".into())]),
                Arg::Raw(RawParenthesized::new(r"(\Seen)").unwrap()),
            ],
        );
        assert_eq!(
            wire(&c),
            "a XAPPLEPUSHSERVICE aps-version \"two words\" 2 (NIL &U,BTFw-) (\\Seen)\r\n"
                .as_bytes()
        );
        let bad = Command::xatom("X", vec![Arg::Atom("a\r\nA1 LOGOUT".into())]);
        assert!(bad.encode(b"a", &EncodeContext::default()).is_err());
        assert!(Command::xatom("X Y", vec![])
            .encode(b"a", &EncodeContext::default())
            .is_err());
        let lit = Command::xatom("X", vec![Arg::String("a\r\nA1 LOGOUT".into())]);
        assert_eq!(
            lit.encode(b"a", &EncodeContext::default())
                .unwrap()
                .fragments
                .len(),
            3
        );
    }

    #[test]
    fn metadata_and_id() {
        let g = Command::GetMetadata {
            options: MetadataOptions {
                depth: Some(u32::MAX),
                max_size: Some(1024),
            },
            mailbox: "".into(),
            entries: vec!["/shared/comment".into(), "/private/x".into()],
        };
        assert_eq!(
            wire(&g),
            b"a GETMETADATA (MAXSIZE 1024 DEPTH infinity) \"\" (/shared/comment /private/x)\r\n"
        );
        let s = Command::setmetadata(
            "INBOX",
            vec![
                ("/private/comment".into(), Some("hi there".into())),
                ("/x".into(), None),
            ],
        );
        assert_eq!(
            wire(&s),
            b"a SETMETADATA INBOX (/private/comment \"hi there\" /x NIL)\r\n"
        );
        let id = Command::id(Some(vec![
            ("name".into(), Some("imap-rs".into())),
            ("os".into(), None),
        ]));
        assert_eq!(wire(&id), b"a ID (\"name\" \"imap-rs\" \"os\" NIL)\r\n");
        assert_eq!(wire(&Command::id(None)), b"a ID NIL\r\n");
    }

    #[test]
    fn annotations() {
        let g = Command::getannotation("INBOX", "/comment", "value.priv");
        assert_eq!(wire(&g), b"a GETANNOTATION INBOX /comment value.priv\r\n");
        let s = Command::SetAnnotation {
            mailbox: "INBOX".into(),
            entries: vec![AnnotationEntry {
                entry: "/comment".into(),
                values: vec![("value.priv".into(), Some("My comment".into()))],
            }],
        };
        assert_eq!(
            wire(&s),
            b"a SETANNOTATION INBOX /comment (value.priv \"My comment\")\r\n"
        );
    }
}
