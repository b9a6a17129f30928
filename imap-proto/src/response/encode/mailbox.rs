//! `mailbox-data` (RFC 3501, 5258, 6154, 7162, 9051): LIST/LSUB, STATUS,
//! SEARCH/SORT, ESEARCH, THREAD, VANISHED.

use super::core::{astring, delimiter, number, paren_list, sequence_set, spaced, string};
use crate::response::{
    ESearch, ESearchItem, ListExtendedItem, ListItem, MailboxAttribute, MailboxStatus,
    SearchResult, StatusItem, Thread,
};
use crate::types::SequenceSet;

/// `mbx-list-flag` / `mbx-list-oflag` and the SPECIAL-USE attributes,
/// spelled as in their RFCs.
fn mbx_list_flag(out: &mut Vec<u8>, a: &MailboxAttribute) {
    let name: &[u8] = match a {
        MailboxAttribute::NoInferiors => b"\\Noinferiors",
        MailboxAttribute::NoSelect => b"\\Noselect",
        MailboxAttribute::Marked => b"\\Marked",
        MailboxAttribute::Unmarked => b"\\Unmarked",
        MailboxAttribute::NonExistent => b"\\NonExistent",
        MailboxAttribute::Subscribed => b"\\Subscribed",
        MailboxAttribute::Remote => b"\\Remote",
        MailboxAttribute::HasChildren => b"\\HasChildren",
        MailboxAttribute::HasNoChildren => b"\\HasNoChildren",
        MailboxAttribute::All => b"\\All",
        MailboxAttribute::Archive => b"\\Archive",
        MailboxAttribute::Drafts => b"\\Drafts",
        MailboxAttribute::Flagged => b"\\Flagged",
        MailboxAttribute::Junk => b"\\Junk",
        MailboxAttribute::Sent => b"\\Sent",
        MailboxAttribute::Trash => b"\\Trash",
        MailboxAttribute::Important => b"\\Important",
        MailboxAttribute::Other(o) => o,
    };
    out.extend_from_slice(name);
}

/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
/// SP mailbox [SP mbox-list-extended]`, after `name SP` (LIST or LSUB).
pub(super) fn mailbox_list(out: &mut Vec<u8>, name: &[u8], item: &ListItem) {
    out.extend_from_slice(name);
    out.push(b' ');
    paren_list(out, &item.attributes, mbx_list_flag);
    out.push(b' ');
    delimiter(out, item.delimiter);
    out.push(b' ');
    astring(out, item.mailbox.as_bytes());
    if !item.extended.is_empty() {
        out.push(b' ');
        paren_list(out, &item.extended, mbox_list_extended_item);
    }
}

/// `mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val`.
fn mbox_list_extended_item(out: &mut Vec<u8>, item: &ListExtendedItem) {
    match item {
        ListExtendedItem::ChildInfo(opts) => {
            out.extend_from_slice(b"CHILDINFO ");
            paren_list(out, opts, |o, s| string(o, s));
        }
        ListExtendedItem::OldName(m) => {
            out.extend_from_slice(b"OLDNAME (");
            astring(out, m.as_bytes());
            out.push(b')');
        }
        ListExtendedItem::Other { tag, value } => {
            // The tag is an astring: quoted when it is no atom.
            astring(out, tag);
            out.push(b' ');
            out.extend_from_slice(value);
        }
    }
}

/// `"STATUS" SP mailbox SP "(" [status-att-list] ")"`.
pub(super) fn status_data(out: &mut Vec<u8>, s: &MailboxStatus) {
    out.extend_from_slice(b"STATUS ");
    astring(out, s.mailbox.as_bytes());
    out.push(b' ');
    paren_list(out, &s.items, status_att_val);
}

/// `status-att-val`.
fn status_att_val(out: &mut Vec<u8>, item: &StatusItem) {
    let (name, value): (&[u8], u64) = match item {
        StatusItem::Messages(n) => (b"MESSAGES", (*n).into()),
        StatusItem::Recent(n) => (b"RECENT", (*n).into()),
        StatusItem::UidNext(n) => (b"UIDNEXT", (*n).into()),
        StatusItem::UidValidity(n) => (b"UIDVALIDITY", (*n).into()),
        StatusItem::Unseen(n) => (b"UNSEEN", (*n).into()),
        StatusItem::Deleted(n) => (b"DELETED", (*n).into()),
        StatusItem::Size(n) => (b"SIZE", *n),
        StatusItem::HighestModSeq(n) => (b"HIGHESTMODSEQ", *n),
        StatusItem::Other { name, value } => (name, *value),
    };
    out.extend_from_slice(name);
    out.push(b' ');
    number(out, value);
}

/// `"SEARCH" *(SP nz-number) [SP search-sort-mod-seq]` (and the same for
/// SORT), after the name.
pub(super) fn search_data(out: &mut Vec<u8>, name: &[u8], s: &SearchResult) {
    out.extend_from_slice(name);
    for &n in &s.numbers {
        out.push(b' ');
        number(out, n.into());
    }
    if let Some(m) = s.modseq {
        out.extend_from_slice(b" (MODSEQ ");
        number(out, m);
        out.push(b')');
    }
}

/// `esearch-response = "ESEARCH" [search-correlator] [SP "UID"] *(SP search-return-data)`.
pub(super) fn esearch_response(out: &mut Vec<u8>, e: &ESearch) {
    out.extend_from_slice(b"ESEARCH");
    if let Some(tag) = &e.tag {
        out.extend_from_slice(b" (TAG ");
        string(out, tag);
        out.push(b')');
    }
    if e.uid {
        out.extend_from_slice(b" UID");
    }
    for item in &e.items {
        out.push(b' ');
        search_return_data(out, item);
    }
}

/// `search-return-data`.
fn search_return_data(out: &mut Vec<u8>, item: &ESearchItem) {
    let named = |out: &mut Vec<u8>, name: &[u8], n: u64| {
        out.extend_from_slice(name);
        out.push(b' ');
        number(out, n);
    };
    match item {
        ESearchItem::Min(n) => named(out, b"MIN", (*n).into()),
        ESearchItem::Max(n) => named(out, b"MAX", (*n).into()),
        ESearchItem::Count(n) => named(out, b"COUNT", (*n).into()),
        ESearchItem::ModSeq(n) => named(out, b"MODSEQ", *n),
        ESearchItem::All(set) => {
            out.extend_from_slice(b"ALL ");
            sequence_set(out, set);
        }
        ESearchItem::Other { name, value } => {
            out.extend_from_slice(name);
            out.push(b' ');
            out.extend_from_slice(value);
        }
    }
}

/// `thread-data = "THREAD" [SP 1*thread-list]`.
pub(super) fn thread_data(out: &mut Vec<u8>, threads: &[Thread]) {
    out.extend_from_slice(b"THREAD");
    if !threads.is_empty() {
        out.push(b' ');
        for t in threads {
            thread_list(out, t);
        }
    }
}

/// `thread-list = "(" (thread-members / thread-nested) ")"`, where
/// `thread-members = nz-number *(SP nz-number) [SP thread-nested]` and
/// `thread-nested = 2*thread-list`. Recursion depth follows the value,
/// which the caller built.
fn thread_list(out: &mut Vec<u8>, t: &Thread) {
    out.push(b'(');
    spaced(out, &t.messages, |o, &n| number(o, n.into()));
    if !t.children.is_empty() {
        if !t.messages.is_empty() {
            out.push(b' ');
        }
        for c in &t.children {
            thread_list(out, c);
        }
    }
    out.push(b')');
}

/// `expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids` (RFC 7162).
pub(super) fn vanished(out: &mut Vec<u8>, earlier: bool, uids: &SequenceSet) {
    out.extend_from_slice(if earlier {
        b"VANISHED (EARLIER) "
    } else {
        b"VANISHED "
    });
    sequence_set(out, uids);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Mailbox;

    #[test]
    fn list_line() {
        let item = ListItem {
            attributes: vec![
                MailboxAttribute::HasNoChildren,
                MailboxAttribute::Other("\\X".into()),
            ],
            delimiter: Some(b'\\'),
            mailbox: Mailbox("Sent Items".into()),
            extended: vec![ListExtendedItem::ChildInfo(vec!["SUBSCRIBED".into()])],
        };
        let mut out = Vec::new();
        mailbox_list(&mut out, b"LIST", &item);
        assert_eq!(
            out,
            b"LIST (\\HasNoChildren \\X) \"\\\\\" \"Sent Items\" (CHILDINFO (\"SUBSCRIBED\"))"
        );
    }

    #[test]
    fn extended_item_tags_that_are_no_atom_are_quoted() {
        // Found by fuzzing: a tag `" "` was written bare and did not parse.
        let item = ListItem {
            attributes: vec![],
            delimiter: None,
            mailbox: Mailbox("a".into()),
            extended: vec![
                ListExtendedItem::Other {
                    tag: " ".into(),
                    value: "1".into(),
                },
                ListExtendedItem::Other {
                    tag: "X-A".into(),
                    value: "(b)".into(),
                },
            ],
        };
        let mut out = Vec::new();
        mailbox_list(&mut out, b"LIST", &item);
        assert_eq!(out, b"LIST () NIL a (\" \" 1 X-A (b))");
    }

    #[test]
    fn threads() {
        let leaf = |v: Vec<u32>| Thread {
            messages: v,
            children: vec![],
        };
        let t = Thread {
            messages: vec![3, 6],
            children: vec![leaf(vec![4, 23]), leaf(vec![44, 7, 96])],
        };
        let mut out = Vec::new();
        thread_data(&mut out, &[leaf(vec![2]), t]);
        assert_eq!(out, b"THREAD (2)(3 6 (4 23)(44 7 96))");
    }

    #[test]
    fn search_with_modseq() {
        let mut out = Vec::new();
        search_data(
            &mut out,
            b"SEARCH",
            &SearchResult {
                numbers: vec![2, 5],
                modseq: Some(917162500),
            },
        );
        assert_eq!(out, b"SEARCH 2 5 (MODSEQ 917162500)");
    }
}
