//! STORE (RFC 3501 6.4.6) with UNCHANGEDSINCE (RFC 7162).

use super::encode::{EncodeError, Writer};
use super::fetch::check_modseq;
use crate::types::{Flag, SequenceSet};

/// `FLAGS`, `+FLAGS` or `-FLAGS`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StoreAction {
    /// `FLAGS`: replace the flags.
    Replace,
    /// `+FLAGS`: add flags.
    Add,
    /// `-FLAGS`: remove flags.
    Remove,
}

/// `[UID] STORE set [(UNCHANGEDSINCE n)] [+|-]FLAGS[.SILENT] (flags)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreCommand {
    /// UID STORE when true.
    pub uid: bool,
    /// The messages.
    pub set: SequenceSet,
    /// Replace, add or remove.
    pub action: StoreAction,
    /// `.SILENT`: no untagged FETCH in reply.
    pub silent: bool,
    /// The flags (may be empty to clear with [`StoreAction::Replace`]).
    pub flags: Vec<Flag>,
    /// CONDSTORE `UNCHANGEDSINCE modseq`.
    pub unchanged_since: Option<u64>,
}

impl StoreAction {
    /// Parses imaplib's `command` argument: `FLAGS`, `+FLAGS`, `-FLAGS`,
    /// each optionally with `.SILENT` (case-insensitive). Returns the action
    /// and whether it is silent.
    ///
    /// ```
    /// use imap_proto::command::StoreAction;
    /// assert_eq!(StoreAction::parse("+FLAGS.SILENT"), Some((StoreAction::Add, true)));
    /// assert_eq!(StoreAction::parse("FLAGS\r\n"), None);
    /// ```
    pub fn parse(s: &str) -> Option<(StoreAction, bool)> {
        let u = s.to_ascii_uppercase();
        let (base, silent) = match u.strip_suffix(".SILENT") {
            Some(b) => (b, true),
            None => (u.as_str(), false),
        };
        let a = match base {
            "FLAGS" => StoreAction::Replace,
            "+FLAGS" => StoreAction::Add,
            "-FLAGS" => StoreAction::Remove,
            _ => return None,
        };
        Some((a, silent))
    }
}

pub(crate) fn write_store(w: &mut Writer<'_>, s: &StoreCommand) -> Result<(), EncodeError> {
    w.raw(if s.uid { b"UID STORE " } else { b"STORE " });
    w.seq_set("message set", &s.set)?.sp();
    if let Some(m) = s.unchanged_since {
        check_modseq("UNCHANGEDSINCE", m)?;
        w.raw(b"(UNCHANGEDSINCE ").number(m).raw(b") ");
    }
    w.raw(match s.action {
        StoreAction::Replace => b"FLAGS",
        StoreAction::Add => b"+FLAGS",
        StoreAction::Remove => b"-FLAGS",
    });
    if s.silent {
        w.raw(b".SILENT");
    }
    w.sp().flag_list(&s.flags)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    #[test]
    fn encodes() {
        let s = StoreCommand {
            uid: true,
            set: "1:3".parse().unwrap(),
            action: StoreAction::Add,
            silent: true,
            flags: vec![Flag::Deleted, Flag::Keyword("$Junk".into())],
            unchanged_since: Some(7),
        };
        let b = Command::Store(s)
            .encode(b"a", &EncodeContext::default())
            .unwrap()
            .to_bytes();
        assert_eq!(
            b,
            b"a UID STORE 1:3 (UNCHANGEDSINCE 7) +FLAGS.SILENT (\\Deleted $Junk)\r\n"
        );
        let inj = Command::store(
            SequenceSet::single(1),
            StoreAction::Add,
            vec![Flag::Keyword("x)\r\nA1 DELETE INBOX".into())],
        );
        assert!(inj.encode(b"a", &EncodeContext::default()).is_err());
    }

    #[test]
    fn imaplib_action_strings() {
        assert_eq!(
            StoreAction::parse("flags"),
            Some((StoreAction::Replace, false))
        );
        assert_eq!(
            StoreAction::parse("-FLAGS.silent"),
            Some((StoreAction::Remove, true))
        );
        assert_eq!(StoreAction::parse("FLAGS.NOISY"), None);
    }
}
