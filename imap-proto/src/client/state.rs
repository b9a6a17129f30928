//! The session's state as the server reported it: the connection state
//! ([`SessionState`]), and the selected mailbox ([`MailboxState`]), kept
//! current from EXISTS, RECENT, FLAGS, EXPUNGE, VANISHED and the response
//! codes PERMANENTFLAGS, UIDVALIDITY, UIDNEXT, UNSEEN, HIGHESTMODSEQ,
//! READ-ONLY and READ-WRITE.

use crate::response::{Code, Untagged};
use crate::types::{Flag, Mailbox, SeqNumber, SequenceSet};

pub use crate::command::SessionState;

/// What the client knows about the selected (or being selected) mailbox.
///
/// Every field is `None` (or empty) until the server reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct MailboxState {
    /// The mailbox name as sent in SELECT or EXAMINE (raw wire form).
    pub name: Option<Mailbox>,
    /// `* n EXISTS`, lowered by EXPUNGE and VANISHED.
    pub exists: Option<u32>,
    /// `* n RECENT`
    pub recent: Option<u32>,
    /// `* FLAGS (...)`: the flags defined in the mailbox.
    pub flags: Vec<Flag>,
    /// `[PERMANENTFLAGS (...)]`: the flags the client can change for good.
    pub permanent_flags: Vec<Flag>,
    /// `[UIDVALIDITY n]`
    pub uid_validity: Option<u32>,
    /// `[UIDNEXT n]`
    pub uid_next: Option<u32>,
    /// `[UNSEEN n]`: the number of the first unseen message.
    pub unseen: Option<u32>,
    /// `[HIGHESTMODSEQ n]` (RFC 7162)
    pub highest_modseq: Option<u64>,
    /// `[NOMODSEQ]` was sent: the mailbox has no mod-sequences.
    pub no_modseq: bool,
    /// True when selected with EXAMINE, or the server said `[READ-ONLY]`.
    pub read_only: bool,
}

/// What an untagged response did to a [`MailboxState`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum MailboxChange {
    /// Nothing of the mailbox's state.
    None,
    /// Some field changed.
    Updated,
    /// `[READ-ONLY]` arrived while the mailbox was writable.
    BecameReadOnly,
}

impl MailboxState {
    /// Applies one untagged response; `selecting` is true while the SELECT
    /// or EXAMINE that opens this mailbox is in flight.
    pub(crate) fn apply(&mut self, response: &Untagged, selecting: bool) -> MailboxChange {
        match response {
            Untagged::Exists(n) => self.exists = Some(*n),
            Untagged::Recent(n) => self.recent = Some(*n),
            Untagged::Flags(flags) => self.flags = flags.clone(),
            Untagged::Expunge(_) => {
                self.exists = self.exists.map(|n| n.saturating_sub(1));
            }
            Untagged::Vanished {
                earlier: false,
                uids,
            } => {
                let gone = set_size(uids);
                self.exists = self.exists.map(|n| n.saturating_sub(gone));
            }
            Untagged::Status(status) => match &status.code {
                Some(code) => return self.apply_code(code, selecting),
                None => return MailboxChange::None,
            },
            _ => return MailboxChange::None,
        }
        MailboxChange::Updated
    }

    /// Applies a response code (of an untagged status, or of the tagged OK
    /// of SELECT / EXAMINE).
    pub(crate) fn apply_code(&mut self, code: &Code, selecting: bool) -> MailboxChange {
        match code {
            Code::PermanentFlags(flags) => self.permanent_flags = flags.clone(),
            Code::UidValidity(n) => self.uid_validity = Some(*n),
            Code::UidNext(n) => self.uid_next = Some(*n),
            Code::Unseen(n) => self.unseen = Some(*n),
            Code::HighestModSeq(n) => {
                self.highest_modseq = Some(*n);
                self.no_modseq = false;
            }
            Code::NoModSeq => self.no_modseq = true,
            Code::ReadWrite => self.read_only = false,
            Code::ReadOnly => {
                let was_writable = !self.read_only;
                self.read_only = true;
                if was_writable && !selecting {
                    return MailboxChange::BecameReadOnly;
                }
            }
            _ => return MailboxChange::None,
        }
        MailboxChange::Updated
    }
}

/// How many numbers a set names, counting `*` as one and never expanding
/// anything into memory; saturates at `u32::MAX`.
fn set_size(set: &SequenceSet) -> u32 {
    let mut total: u32 = 0;
    for range in &set.0 {
        let n = match (range.start, range.end) {
            (SeqNumber::Value(a), SeqNumber::Value(b)) => a.abs_diff(b).saturating_add(1),
            _ => 1,
        };
        total = total.saturating_add(n);
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::{Status, StatusKind};
    use crate::types::SeqRange;

    fn ok(code: Code) -> Untagged {
        Untagged::Status(Status {
            kind: StatusKind::Ok,
            code: Some(code),
            text: crate::types::SmallBytes::new(),
        })
    }

    #[test]
    fn tracks_counts_and_codes() {
        let mut m = MailboxState::default();
        assert_eq!(m.apply(&Untagged::Exists(10), true), MailboxChange::Updated);
        m.apply(&Untagged::Recent(2), true);
        m.apply(&ok(Code::UidValidity(77)), true);
        m.apply(&ok(Code::UidNext(100)), true);
        m.apply(&ok(Code::HighestModSeq(5)), true);
        m.apply(&Untagged::Expunge(3), false);
        let v = |a, b| SeqRange {
            start: SeqNumber::Value(a),
            end: SeqNumber::Value(b),
        };
        m.apply(
            &Untagged::Vanished {
                earlier: false,
                uids: SequenceSet(vec![v(4, 6)]),
            },
            false,
        );
        m.apply(
            &Untagged::Vanished {
                earlier: true,
                uids: SequenceSet(vec![v(1, 100)]),
            },
            false,
        );
        assert_eq!(m.exists, Some(6));
        assert_eq!(
            (m.recent, m.uid_validity, m.uid_next),
            (Some(2), Some(77), Some(100))
        );
        assert_eq!(m.highest_modseq, Some(5));
    }

    #[test]
    fn read_only_while_writable_is_reported() {
        let mut m = MailboxState::default();
        assert_eq!(m.apply(&ok(Code::ReadOnly), true), MailboxChange::Updated);
        m.apply(&ok(Code::ReadWrite), true);
        assert!(!m.read_only);
        assert_eq!(
            m.apply(&ok(Code::ReadOnly), false),
            MailboxChange::BecameReadOnly
        );
        assert!(m.read_only);
        assert_eq!(m.apply(&ok(Code::ReadOnly), false), MailboxChange::Updated);
    }

    #[test]
    fn set_size_never_expands() {
        let r = SeqRange {
            start: SeqNumber::Value(1),
            end: SeqNumber::Value(u32::MAX),
        };
        assert_eq!(set_size(&SequenceSet(vec![r, r])), u32::MAX);
        let star = SeqRange {
            start: SeqNumber::Value(5),
            end: SeqNumber::Largest,
        };
        assert_eq!(set_size(&SequenceSet(vec![star])), 1);
    }
}
