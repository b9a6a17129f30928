//! [`Completion`]: what a successful command returns, typed, plus imaplib's
//! raw form.

use bytes::Bytes;

use super::MailboxState;
use crate::response::{
    Code, ESearch, Fetch, ListItem, MailboxStatus, MetadataEntries, Namespaces, Quota,
    SearchResult, Status, Thread, Untagged,
};
use crate::types::{Capability, Mailbox, SequenceSet};

/// The result of a command that ended with a tagged `OK`.
///
/// The typed accessors pick the untagged responses the command asked for;
/// [`Completion::imaplib`] gives imaplib's `(type, data)` form.
///
/// ```
/// # use imap_proto::client::Completion;
/// # fn show(done: &Completion) {
/// for fetch in done.fetches() {
///     println!("message {} has {} attributes", fetch.seq, fetch.attrs.len());
/// }
/// let (typ, data) = done.imaplib();
/// assert_eq!(typ, "OK");
/// # let _ = data;
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Completion {
    /// The command's name as sent, e.g. `UID FETCH`.
    pub command: &'static str,
    /// The tagged `OK`, with its code and text.
    pub status: Status,
    /// The untagged responses that answered this command, in order.
    pub untagged: Vec<Untagged>,
    /// The same responses as received: each one whole, `* ` to the final
    /// CRLF excluded, literals inline.
    pub raw: Vec<Bytes>,
    /// For SELECT and EXAMINE: the mailbox state after the command.
    pub mailbox: Option<Box<MailboxState>>,
}

impl Completion {
    pub(crate) fn new(command: &'static str, status: Status) -> Self {
        Completion {
            command,
            status,
            untagged: Vec::new(),
            raw: Vec::new(),
            mailbox: None,
        }
    }

    /// imaplib's `(type, data)`: `"OK"` and, for each attached response,
    /// its data after the `* ` and the response name (`* SEARCH 1 2` gives
    /// `1 2`, `* 3 FETCH (...)` gives `3 (...)`); the tagged text when the
    /// command had no data.
    pub fn imaplib(&self) -> (&'static str, Vec<Bytes>) {
        let data = if self.raw.is_empty() {
            vec![self.status.text.to_bytes()]
        } else {
            self.raw.iter().map(imaplib_data).collect()
        };
        ("OK", data)
    }

    /// SELECT / EXAMINE: the mailbox state.
    pub fn select(&self) -> Option<&MailboxState> {
        self.mailbox.as_deref()
    }

    /// FETCH, STORE: the `* n FETCH` responses.
    pub fn fetches(&self) -> impl Iterator<Item = &Fetch> {
        self.untagged.iter().filter_map(|u| match u {
            Untagged::Fetch(f) => Some(f),
            _ => None,
        })
    }

    /// SEARCH, SORT: the numbers (message numbers, or UIDs for UID SEARCH),
    /// from `* SEARCH` / `* SORT` lines, in order. ESEARCH answers are in
    /// [`Completion::esearch`].
    pub fn search(&self) -> Vec<u32> {
        self.search_results()
            .flat_map(|r| r.numbers.iter().copied())
            .collect()
    }

    /// SEARCH, SORT: the whole `* SEARCH` / `* SORT` results (with MODSEQ).
    pub fn search_results(&self) -> impl Iterator<Item = &SearchResult> {
        self.untagged.iter().filter_map(|u| match u {
            Untagged::Search(r) | Untagged::Sort(r) => Some(r),
            _ => None,
        })
    }

    /// SEARCH / SORT with RETURN options: the `* ESEARCH` response.
    pub fn esearch(&self) -> Option<&ESearch> {
        self.untagged.iter().find_map(|u| match u {
            Untagged::ESearch(e) => Some(e),
            _ => None,
        })
    }

    /// THREAD: the threads.
    pub fn threads(&self) -> Vec<&Thread> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Thread(t) => Some(t.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// LIST: the mailboxes.
    pub fn list(&self) -> Vec<&ListItem> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::List(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    /// LSUB: the subscribed mailboxes.
    pub fn lsub(&self) -> Vec<&ListItem> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Lsub(l) => Some(l),
                _ => None,
            })
            .collect()
    }

    /// STATUS (and LIST with RETURN (STATUS)): the status items per mailbox.
    pub fn status(&self) -> Vec<&MailboxStatus> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Status_(s) => Some(s),
                _ => None,
            })
            .collect()
    }

    /// GETQUOTA, GETQUOTAROOT: the quotas.
    pub fn quotas(&self) -> Vec<&Quota> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Quota(q) => Some(q),
                _ => None,
            })
            .collect()
    }

    /// GETQUOTAROOT: the mailbox and its quota roots.
    pub fn quota_roots(&self) -> Option<(&Mailbox, &[Bytes])> {
        self.untagged.iter().find_map(|u| match u {
            Untagged::QuotaRoot { mailbox, roots } => Some((mailbox, roots.as_slice())),
            _ => None,
        })
    }

    /// GETACL: `(identifier, rights)` pairs.
    pub fn acl(&self) -> Vec<(&Bytes, &Bytes)> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Acl { entries, .. } => Some(entries.iter().map(|(a, b)| (a, b))),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// MYRIGHTS: the rights.
    pub fn myrights(&self) -> Option<&Bytes> {
        self.untagged.iter().find_map(|u| match u {
            Untagged::MyRights { rights, .. } => Some(rights),
            _ => None,
        })
    }

    /// NAMESPACE: the namespaces.
    pub fn namespace(&self) -> Option<&Namespaces> {
        self.untagged.iter().find_map(|u| match u {
            Untagged::Namespace(n) => Some(n),
            _ => None,
        })
    }

    /// GETMETADATA: the entries and values.
    pub fn metadata(&self) -> Vec<(&Mailbox, &MetadataEntries)> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Metadata { mailbox, entries } => Some((mailbox, entries)),
                _ => None,
            })
            .collect()
    }

    /// CAPABILITY: the capabilities (also from the tagged OK's code).
    pub fn capabilities(&self) -> Option<&[Capability]> {
        let untagged = self.untagged.iter().rev().find_map(|u| match u {
            Untagged::Capability(c) => Some(c.as_slice()),
            _ => None,
        });
        untagged.or(match &self.status.code {
            Some(Code::Capability(c)) => Some(c.as_slice()),
            _ => None,
        })
    }

    /// ENABLE: what the server enabled.
    pub fn enabled(&self) -> Vec<&Capability> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Enabled(c) => Some(c.iter()),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// ID: the server's fields, `None` for `ID NIL`.
    pub fn id(&self) -> Option<&[(Bytes, Option<Bytes>)]> {
        self.untagged.iter().find_map(|u| match u {
            Untagged::Id(Some(fields)) => Some(fields.as_slice()),
            _ => None,
        })
    }

    /// EXPUNGE, MOVE: the message numbers expunged, in the order received.
    pub fn expunged(&self) -> Vec<u32> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Expunge(n) => Some(*n),
                _ => None,
            })
            .collect()
    }

    /// UID EXPUNGE, MOVE under QRESYNC: the `VANISHED` UID sets.
    pub fn vanished(&self) -> Vec<&SequenceSet> {
        self.untagged
            .iter()
            .filter_map(|u| match u {
                Untagged::Vanished { uids, .. } => Some(uids),
                _ => None,
            })
            .collect()
    }

    /// APPEND with UIDPLUS: `(uidvalidity, uids)` from `[APPENDUID]`.
    pub fn append_uid(&self) -> Option<(u32, &SequenceSet)> {
        match &self.status.code {
            Some(Code::AppendUid { uid_validity, uids }) => Some((*uid_validity, uids)),
            _ => None,
        }
    }

    /// COPY / MOVE with UIDPLUS: `(uidvalidity, source, destination)` from `[COPYUID]`.
    pub fn copy_uid(&self) -> Option<(u32, &SequenceSet, &SequenceSet)> {
        let from_tagged = match &self.status.code {
            Some(Code::CopyUid {
                uid_validity,
                source,
                destination,
            }) => Some((*uid_validity, source, destination)),
            _ => None,
        };
        // MOVE sends COPYUID in an untagged OK before the expunges.
        from_tagged.or_else(|| {
            self.untagged.iter().find_map(|u| match u {
                Untagged::Status(Status {
                    code:
                        Some(Code::CopyUid {
                            uid_validity,
                            source,
                            destination,
                        }),
                    ..
                }) => Some((*uid_validity, source, destination)),
                _ => None,
            })
        })
    }
}

/// imaplib's data of one raw untagged response: without `* `, without the
/// response name (kept: a leading number), without the CRLF.
pub(crate) fn imaplib_data(raw: &Bytes) -> Bytes {
    let mut line = raw.clone();
    if line.ends_with(b"\r\n") {
        line.truncate(line.len() - 2);
    }
    if line.starts_with(b"* ") {
        line = line.slice(2..);
    }
    let word_end =
        |b: &Bytes, from: usize| b[from..].iter().position(|&c| c == b' ').map(|p| from + p);
    if line.first().is_some_and(u8::is_ascii_digit) {
        // `n NAME rest` -> `n rest`
        if let Some(sp1) = word_end(&line, 0) {
            let number = line.slice(..sp1);
            return match word_end(&line, sp1 + 1) {
                Some(sp2) => {
                    let mut out = number.to_vec();
                    out.extend_from_slice(&line[sp2..]);
                    Bytes::from(out)
                }
                None => number,
            };
        }
        return line;
    }
    match word_end(&line, 0) {
        Some(sp) => line.slice(sp + 1..),
        None => Bytes::new(),
    }
}

/// imaplib's key of one untagged response: its name in upper case (`FETCH`
/// for `* 3 FETCH ...`, `OK` for `* OK ...`).
pub(crate) fn imaplib_name(raw: &[u8]) -> Option<String> {
    let line = raw.strip_prefix(b"* ")?;
    let mut words = line.split(|&c| c == b' ' || c == b'\r');
    let first = words.next()?;
    let name = if first.first().is_some_and(u8::is_ascii_digit) {
        words.next()?
    } else {
        first
    };
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    Some(String::from_utf8_lossy(name).to_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::response::StatusKind;

    #[test]
    fn imaplib_forms() {
        assert_eq!(
            imaplib_data(&Bytes::from_static(b"* SEARCH 1 2 3\r\n")),
            &b"1 2 3"[..]
        );
        assert_eq!(
            imaplib_data(&Bytes::from_static(b"* 3 FETCH (UID 7)\r\n")),
            &b"3 (UID 7)"[..]
        );
        assert_eq!(
            imaplib_data(&Bytes::from_static(b"* 23 EXISTS\r\n")),
            &b"23"[..]
        );
        assert_eq!(imaplib_data(&Bytes::from_static(b"* SEARCH\r\n")), &b""[..]);
        assert_eq!(
            imaplib_name(b"* 3 FETCH (UID 7)\r\n").as_deref(),
            Some("FETCH")
        );
        assert_eq!(imaplib_name(b"* ok [ALERT] x\r\n").as_deref(), Some("OK"));
        assert_eq!(imaplib_name(b"* 23 EXISTS\r\n").as_deref(), Some("EXISTS"));
        assert_eq!(imaplib_name(b"+ go\r\n"), None);
    }

    #[test]
    fn imaplib_without_data_gives_tagged_text() {
        let status = Status {
            kind: StatusKind::Ok,
            code: None,
            text: Bytes::from_static(b"NOOP done").into(),
        };
        let c = Completion::new("NOOP", status);
        assert_eq!(c.imaplib(), ("OK", vec![Bytes::from_static(b"NOOP done")]));
        assert!(c.search().is_empty() && c.select().is_none());
    }
}
