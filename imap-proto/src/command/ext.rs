//! Extension arguments: METADATA (RFC 5464), ANNOTATEMORE (Cyrus), ID
//! (RFC 2971), and imaplib's `xatom` with typed arguments and a safe
//! equivalent of its "parenthesised argument is sent unquoted" escape hatch.

use bytes::Bytes;

use super::encode::{check_atom, EncodeError, Writer};
use super::raw::{check_raw, RawParenthesized};
use super::Command;
use crate::response::parse::core::is_atom_char;
use crate::types::{MailboxName, SequenceSet};

/// GETMETADATA options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MetadataOptions {
    /// `DEPTH`; `None` sends nothing (the server then uses 0).
    pub depth: Option<MetadataDepth>,
    /// `MAXSIZE n`.
    pub max_size: Option<u32>,
}

/// `DEPTH 0 / 1 / infinity` of GETMETADATA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MetadataDepth {
    /// `0`: the entry only.
    Zero,
    /// `1`: the entry and its children.
    One,
    /// `infinity`: the whole subtree.
    Infinity,
}

/// One entry of SETANNOTATION: an entry name and its attribute values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationEntry {
    /// Entry name, e.g. `/comment`.
    pub entry: Bytes,
    /// `(attribute value)` pairs, e.g. `value.priv`; `None` is NIL.
    pub values: Vec<(Bytes, Option<Bytes>)>,
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
            check_raw("parenthesized argument", r.as_bytes(), false, true)?;
            w.raw(r.as_bytes());
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
        Some(MetadataDepth::Zero) => {
            w.raw(b"DEPTH 0");
        }
        Some(MetadataDepth::One) => {
            w.raw(b"DEPTH 1");
        }
        Some(MetadataDepth::Infinity) => {
            w.raw(b"DEPTH infinity");
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

/// QUOTA, ACL, METADATA and ANNOTATEMORE commands, after the tag.
pub(crate) fn write_ext_command(w: &mut Writer<'_>, c: &Command) -> Result<(), EncodeError> {
    use Command as C;
    match c {
        C::SetQuota { root, limits } => {
            w.raw(b"SETQUOTA ").astring("quota root", root)?.raw(b" (");
            for (k, (res, limit)) in limits.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                super::fetch::check_modseq("quota limit", *limit)?;
                w.atom("quota resource", res)?.sp().number(*limit);
            }
            w.raw(b")");
        }
        C::SetAcl {
            mailbox,
            identifier,
            rights,
        } => {
            w.raw(b"SETACL ")
                .mailbox("mailbox", mailbox)?
                .sp()
                .astring("identifier", identifier)?;
            w.sp().astring("rights", rights)?;
        }
        C::DeleteAcl {
            mailbox,
            identifier,
        }
        | C::ListRights {
            mailbox,
            identifier,
        } => {
            w.raw(super::write::command_name(c).as_bytes())
                .sp()
                .mailbox("mailbox", mailbox)?
                .sp()
                .astring("identifier", identifier)?;
        }
        C::GetMetadata {
            options,
            mailbox,
            entries,
        } => {
            w.raw(b"GETMETADATA ");
            write_metadata_options(w, options);
            w.mailbox("mailbox", mailbox)?.sp();
            write_one_or_list(w, "metadata entry", entries)?;
        }
        C::SetMetadata { mailbox, entries } => {
            if entries.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "metadata entries",
                });
            }
            w.raw(b"SETMETADATA ")
                .mailbox("mailbox", mailbox)?
                .raw(b" (");
            for (k, (e, v)) in entries.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                w.astring("metadata entry", e)?.sp();
                match v {
                    None => w.raw(b"NIL"),
                    Some(v) => w.string_or_literal8("metadata value", v, false)?,
                };
            }
            w.raw(b")");
        }
        C::GetAnnotation {
            mailbox,
            entries,
            attributes,
        } => {
            w.raw(b"GETANNOTATION ").mailbox("mailbox", mailbox)?.sp();
            write_one_or_list(w, "annotation entry", entries)?;
            w.sp();
            write_one_or_list(w, "annotation attribute", attributes)?;
        }
        C::SetAnnotation { mailbox, entries } => {
            w.raw(b"SETANNOTATION ").mailbox("mailbox", mailbox)?.sp();
            if entries.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "annotation entries",
                });
            }
            let many = entries.len() > 1;
            if many {
                w.raw(b"(");
            }
            for (k, e) in entries.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                if e.values.is_empty() {
                    return Err(EncodeError::Empty {
                        argument: "annotation values",
                    });
                }
                w.astring("annotation entry", &e.entry)?.raw(b" (");
                for (n, (a, v)) in e.values.iter().enumerate() {
                    if n > 0 {
                        w.sp();
                    }
                    w.astring("annotation attribute", a)?
                        .sp()
                        .nstring("annotation value", v.as_deref())?;
                }
                w.raw(b")");
            }
            if many {
                w.raw(b")");
            }
        }
        _ => {
            return Err(EncodeError::Invalid {
                argument: "command",
                reason: "not an extension command",
            })
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    use crate::command::test_wire as wire;

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
                depth: Some(MetadataDepth::Infinity),
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
