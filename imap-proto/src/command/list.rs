//! LIST (RFC 3501 6.3.8) with LIST-EXTENDED selection and return options
//! (RFC 5258), SPECIAL-USE (RFC 6154) and LIST-STATUS (RFC 5819); STATUS
//! attributes (RFC 3501 6.3.10, 7162, 8438, 9051).

use super::encode::{EncodeError, Writer};
use crate::types::MailboxName;

/// `LIST [(selection)] reference patterns [RETURN (options)]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListCommand {
    /// Reference name (often empty).
    pub reference: MailboxName,
    /// One or more patterns with `*` / `%` wildcards.
    pub patterns: Vec<MailboxName>,
    /// Selection options (empty: none sent).
    pub selection: Vec<ListSelect>,
    /// Return options (empty: no RETURN).
    pub returns: Vec<ListReturn>,
}

/// `list-select-opt`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ListSelect {
    /// `SUBSCRIBED`
    Subscribed,
    /// `REMOTE`
    Remote,
    /// `RECURSIVEMATCH`
    RecursiveMatch,
    /// `SPECIAL-USE` (RFC 6154)
    SpecialUse,
}

/// `return-option`
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListReturn {
    /// `SUBSCRIBED`
    Subscribed,
    /// `CHILDREN`
    Children,
    /// `SPECIAL-USE` (RFC 6154)
    SpecialUse,
    /// `STATUS (items)` (RFC 5819)
    Status(Vec<StatusAttribute>),
}

/// `status-att`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatusAttribute {
    /// `MESSAGES`
    Messages,
    /// `RECENT`
    Recent,
    /// `UIDNEXT`
    UidNext,
    /// `UIDVALIDITY`
    UidValidity,
    /// `UNSEEN`
    Unseen,
    /// `DELETED` (RFC 9051)
    Deleted,
    /// `SIZE` (RFC 8438)
    Size,
    /// `HIGHESTMODSEQ` (RFC 7162)
    HighestModSeq,
}

pub(crate) const STATUS_NAMES: [(StatusAttribute, &str); 8] = [
    (StatusAttribute::Messages, "MESSAGES"),
    (StatusAttribute::Recent, "RECENT"),
    (StatusAttribute::UidNext, "UIDNEXT"),
    (StatusAttribute::UidValidity, "UIDVALIDITY"),
    (StatusAttribute::Unseen, "UNSEEN"),
    (StatusAttribute::Deleted, "DELETED"),
    (StatusAttribute::Size, "SIZE"),
    (StatusAttribute::HighestModSeq, "HIGHESTMODSEQ"),
];

impl StatusAttribute {
    /// The attribute's name on the wire.
    pub fn as_str(self) -> &'static str {
        STATUS_NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("", |(_, n)| n)
    }
}

/// `"(" status-att *(SP status-att) ")"`
pub(crate) fn write_status_atts(
    w: &mut Writer<'_>,
    items: &[StatusAttribute],
) -> Result<(), EncodeError> {
    if items.is_empty() {
        return Err(EncodeError::Empty {
            argument: "status items",
        });
    }
    w.raw(b"(");
    for (k, a) in items.iter().enumerate() {
        if k > 0 {
            w.sp();
        }
        w.raw(a.as_str().as_bytes());
    }
    w.raw(b")");
    Ok(())
}

pub(crate) fn write_list(w: &mut Writer<'_>, l: &ListCommand) -> Result<(), EncodeError> {
    w.raw(b"LIST ");
    if !l.selection.is_empty() {
        w.raw(b"(");
        for (k, s) in l.selection.iter().enumerate() {
            if k > 0 {
                w.sp();
            }
            w.raw(match s {
                ListSelect::Subscribed => b"SUBSCRIBED",
                ListSelect::Remote => b"REMOTE",
                ListSelect::RecursiveMatch => b"RECURSIVEMATCH",
                ListSelect::SpecialUse => b"SPECIAL-USE",
            });
        }
        w.raw(b") ");
    }
    w.mailbox("reference", &l.reference)?.sp();
    match l.patterns.as_slice() {
        [] => {
            return Err(EncodeError::Empty {
                argument: "list pattern",
            })
        }
        [one] => {
            w.list_mailbox("list pattern", one)?;
        }
        many => {
            w.raw(b"(");
            for (k, m) in many.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                w.list_mailbox("list pattern", m)?;
            }
            w.raw(b")");
        }
    }
    if !l.returns.is_empty() {
        w.raw(b" RETURN (");
        for (k, r) in l.returns.iter().enumerate() {
            if k > 0 {
                w.sp();
            }
            match r {
                ListReturn::Subscribed => {
                    w.raw(b"SUBSCRIBED");
                }
                ListReturn::Children => {
                    w.raw(b"CHILDREN");
                }
                ListReturn::SpecialUse => {
                    w.raw(b"SPECIAL-USE");
                }
                ListReturn::Status(items) => {
                    w.raw(b"STATUS ");
                    write_status_atts(w, items)?;
                }
            }
        }
        w.raw(b")");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    use crate::command::test_wire as wire;

    #[test]
    fn plain_and_extended() {
        assert_eq!(wire(&Command::list("", "*")), b"a LIST \"\" *\r\n");
        assert_eq!(wire(&Command::lsub("", "%")), b"a LSUB \"\" %\r\n");
        let l = ListCommand {
            reference: "".into(),
            patterns: vec!["INBOX".into(), "Archive/%".into()],
            selection: vec![ListSelect::SpecialUse],
            returns: vec![
                ListReturn::Children,
                ListReturn::Status(vec![StatusAttribute::Messages, StatusAttribute::Unseen]),
            ],
        };
        assert_eq!(
            wire(&Command::List(l)),
            b"a LIST (SPECIAL-USE) \"\" (INBOX Archive/%) RETURN (CHILDREN STATUS (MESSAGES UNSEEN))\r\n"
        );
    }

    #[test]
    fn pattern_with_unicode_and_crlf() {
        assert_eq!(
            wire(&Command::list("", "台北/*")),
            b"a LIST \"\" &U,BTFw-/*\r\n"
        );
        let utf8 = EncodeContext {
            utf8_accept: true,
            ..Default::default()
        };
        let e = Command::list("", "a\r\nb").encode(b"a", &utf8).unwrap();
        assert_eq!(e.fragments.len(), 3);
        let bad = Command::List(ListCommand {
            reference: "".into(),
            patterns: vec![],
            selection: vec![],
            returns: vec![],
        });
        assert!(bad.encode(b"a", &EncodeContext::default()).is_err());
        assert!(Command::status("INBOX", vec![])
            .encode(b"a", &EncodeContext::default())
            .is_err());
    }
}
