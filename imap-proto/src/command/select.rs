//! SELECT / EXAMINE parameters: CONDSTORE and QRESYNC (RFC 7162).

use super::encode::{EncodeError, Writer};
use super::fetch::check_modseq;
use crate::types::SequenceSet;

/// The optional parameters of SELECT and EXAMINE.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectParams {
    /// `CONDSTORE`: enable mod-sequences for this mailbox.
    pub condstore: bool,
    /// `QRESYNC (...)`: quick resynchronisation.
    pub qresync: Option<QResync>,
}

/// `QRESYNC (uidvalidity modseq [known-uids] [(seqs uids)])`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QResync {
    /// The UIDVALIDITY the client knows.
    pub uidvalidity: u32,
    /// The last HIGHESTMODSEQ the client knows.
    pub modseq: u64,
    /// The UIDs the client knows.
    pub known_uids: Option<SequenceSet>,
    /// Message-number / UID match data: `(seq-set uid-set)`.
    pub seq_match: Option<(SequenceSet, SequenceSet)>,
}

pub(crate) fn write_select_params(w: &mut Writer<'_>, p: &SelectParams) -> Result<(), EncodeError> {
    if !p.condstore && p.qresync.is_none() {
        return Ok(());
    }
    w.raw(b" (");
    if p.condstore {
        w.raw(b"CONDSTORE");
        if p.qresync.is_some() {
            w.sp();
        }
    }
    if let Some(q) = &p.qresync {
        if q.uidvalidity == 0 {
            return Err(EncodeError::Invalid {
                argument: "QRESYNC uidvalidity",
                reason: "must not be 0",
            });
        }
        check_modseq("QRESYNC modseq", q.modseq)?;
        w.raw(b"QRESYNC (")
            .number(u64::from(q.uidvalidity))
            .sp()
            .number(q.modseq);
        if let Some(k) = &q.known_uids {
            w.sp().seq_set("QRESYNC known UIDs", k)?;
        }
        if let Some((s, u)) = &q.seq_match {
            w.raw(b" (")
                .seq_set("QRESYNC sequence match", s)?
                .sp()
                .seq_set("QRESYNC UID match", u)?
                .raw(b")");
        }
        w.raw(b")");
    }
    w.raw(b")");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    #[test]
    fn condstore_and_qresync() {
        let params = SelectParams {
            condstore: true,
            qresync: Some(QResync {
                uidvalidity: 67890007,
                modseq: 20050715194045000,
                known_uids: Some("41,43:211".parse().unwrap()),
                seq_match: Some(("1:3".parse().unwrap(), "41,43,45".parse().unwrap())),
            }),
        };
        let cmd = Command::Select {
            mailbox: "INBOX".into(),
            params,
        };
        let b = cmd
            .encode(b"A02", &EncodeContext::default())
            .unwrap()
            .to_bytes();
        assert_eq!(
            b,
            b"A02 SELECT INBOX (CONDSTORE QRESYNC (67890007 20050715194045000 41,43:211 (1:3 41,43,45)))\r\n"
        );
        let bad = Command::Examine {
            mailbox: "INBOX".into(),
            params: SelectParams {
                condstore: false,
                qresync: Some(QResync {
                    uidvalidity: 0,
                    modseq: 1,
                    known_uids: None,
                    seq_match: None,
                }),
            },
        };
        assert!(bad.encode(b"a", &EncodeContext::default()).is_err());
    }
}
