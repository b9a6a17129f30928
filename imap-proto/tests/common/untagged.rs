//! Strategies for `Untagged` other than FETCH.

use bytes::Bytes;
use proptest::collection::vec;
use proptest::prelude::*;

use imap_proto::response::*;

use super::*;

pub(crate) fn mailbox_attribute() -> BoxedStrategy<MailboxAttribute> {
    prop_oneof![
        prop_oneof![
            Just(MailboxAttribute::NoInferiors),
            Just(MailboxAttribute::NoSelect),
            Just(MailboxAttribute::Marked),
            Just(MailboxAttribute::Unmarked),
            Just(MailboxAttribute::NonExistent),
            Just(MailboxAttribute::Subscribed),
            Just(MailboxAttribute::Remote),
            Just(MailboxAttribute::HasChildren),
            Just(MailboxAttribute::HasNoChildren),
        ],
        prop_oneof![
            Just(MailboxAttribute::All),
            Just(MailboxAttribute::Archive),
            Just(MailboxAttribute::Drafts),
            Just(MailboxAttribute::Flagged),
            Just(MailboxAttribute::Junk),
            Just(MailboxAttribute::Sent),
            Just(MailboxAttribute::Trash),
            Just(MailboxAttribute::Important),
        ],
        "\\\\X-[A-Za-z0-9]{1,8}".prop_map(|s| MailboxAttribute::Other(Bytes::from(s))),
    ]
    .boxed()
}

pub(crate) fn list_extended_item() -> BoxedStrategy<ListExtendedItem> {
    prop_oneof![
        vec(any_bytes(), 1..3).prop_map(ListExtendedItem::ChildInfo),
        mailbox().prop_map(ListExtendedItem::OldName),
        (unknown_name(), raw_value())
            .prop_map(|(tag, value)| ListExtendedItem::Other { tag, value }),
    ]
    .boxed()
}

pub(crate) fn list_item() -> BoxedStrategy<ListItem> {
    (
        vec(mailbox_attribute(), 0..4),
        prop::option::of(0x20u8..0x7f),
        mailbox(),
        vec(list_extended_item(), 0..3),
    )
        .prop_map(|(attributes, delimiter, mailbox, extended)| ListItem {
            attributes,
            delimiter,
            mailbox,
            extended,
        })
        .boxed()
}

pub(crate) fn status_item() -> BoxedStrategy<StatusItem> {
    prop_oneof![
        num32().prop_map(StatusItem::Messages),
        num32().prop_map(StatusItem::Recent),
        num32().prop_map(StatusItem::UidNext),
        num32().prop_map(StatusItem::UidValidity),
        num32().prop_map(StatusItem::Unseen),
        num32().prop_map(StatusItem::Deleted),
        num64().prop_map(StatusItem::Size),
        num64().prop_map(StatusItem::HighestModSeq),
        (unknown_name(), num64()).prop_map(|(name, value)| StatusItem::Other { name, value }),
    ]
    .boxed()
}

pub(crate) fn search_result() -> BoxedStrategy<SearchResult> {
    prop_oneof![
        vec(nz(), 0..6).prop_map(|numbers| SearchResult {
            numbers,
            modseq: None
        }),
        (vec(nz(), 1..6), num64()).prop_map(|(numbers, m)| SearchResult {
            numbers,
            modseq: Some(m)
        }),
    ]
    .boxed()
}

pub(crate) fn esearch() -> BoxedStrategy<ESearch> {
    let item = prop_oneof![
        nz().prop_map(ESearchItem::Min),
        nz().prop_map(ESearchItem::Max),
        sequence_set(false).prop_map(ESearchItem::All),
        num32().prop_map(ESearchItem::Count),
        num64().prop_map(ESearchItem::ModSeq),
        (unknown_name(), raw_value()).prop_map(|(name, value)| ESearchItem::Other { name, value }),
    ];
    (
        prop::option::of(any_bytes()),
        any::<bool>(),
        vec(item, 0..4),
    )
        .prop_map(|(tag, uid, items)| ESearch { tag, uid, items })
        .boxed()
}

/// A thread: messages with 0 or 2+ children, or 2+ children alone.
pub(crate) fn thread() -> BoxedStrategy<Thread> {
    let leaf = vec(nz(), 1..4).prop_map(|messages| Thread {
        messages,
        children: vec![],
    });
    leaf.prop_recursive(3, 16, 3, |inner| {
        prop_oneof![
            (vec(nz(), 1..3), vec(inner.clone(), 2..4))
                .prop_map(|(messages, children)| Thread { messages, children }),
            vec(inner, 2..4).prop_map(|children| Thread {
                messages: vec![],
                children
            }),
        ]
    })
    .boxed()
}

pub(crate) fn namespace() -> BoxedStrategy<Namespace> {
    let ext = (any_bytes(), vec(any_bytes(), 1..3));
    (any_bytes(), prop::option::of(0x20u8..0x7f), vec(ext, 0..2))
        .prop_map(|(prefix, delimiter, extensions)| Namespace {
            prefix,
            delimiter,
            extensions,
        })
        .boxed()
}

pub(crate) fn namespaces() -> BoxedStrategy<Namespaces> {
    (
        vec(namespace(), 0..3),
        vec(namespace(), 0..2),
        vec(namespace(), 0..2),
    )
        .prop_map(|(personal, other_users, shared)| Namespaces {
            personal,
            other_users,
            shared,
        })
        .boxed()
}

pub(crate) fn quota() -> BoxedStrategy<Quota> {
    let resource = (
        b("[A-Z][A-Z0-9-]{0,8}".prop_map(String::from)),
        num64(),
        num64(),
    )
        .prop_map(|(name, usage, limit)| QuotaResource { name, usage, limit });
    (any_bytes(), vec(resource, 0..3))
        .prop_map(|(root, resources)| Quota { root, resources })
        .boxed()
}

pub(crate) fn pairs() -> BoxedStrategy<Vec<(Bytes, Option<Bytes>)>> {
    vec((any_bytes(), nstring()), 0..3).boxed()
}

pub(crate) fn untagged() -> BoxedStrategy<Untagged> {
    let basic = prop_oneof![
        status(status_kind()).prop_map(Untagged::Status),
        vec(capability(), 1..5).prop_map(Untagged::Capability),
        vec(capability(), 0..3).prop_map(Untagged::Enabled),
        num32().prop_map(Untagged::Exists),
        num32().prop_map(Untagged::Recent),
        nz().prop_map(Untagged::Expunge),
        flags().prop_map(Untagged::Flags),
        list_item().prop_map(Untagged::List),
        list_item().prop_map(Untagged::Lsub),
        (mailbox(), vec(status_item(), 0..4))
            .prop_map(|(mailbox, items)| Untagged::Status_(MailboxStatus { mailbox, items })),
        search_result().prop_map(Untagged::Search),
        search_result().prop_map(Untagged::Sort),
        esearch().prop_map(Untagged::ESearch),
        vec(thread(), 0..3).prop_map(Untagged::Thread),
    ];
    let ext = prop_oneof![
        namespaces().prop_map(Untagged::Namespace),
        quota().prop_map(Untagged::Quota),
        (mailbox(), vec(any_bytes(), 0..3))
            .prop_map(|(mailbox, roots)| Untagged::QuotaRoot { mailbox, roots }),
        (mailbox(), vec((any_bytes(), any_bytes()), 0..3))
            .prop_map(|(mailbox, entries)| Untagged::Acl { mailbox, entries }),
        (mailbox(), any_bytes(), any_bytes(), vec(any_bytes(), 0..3)).prop_map(
            |(mailbox, identifier, required, optional)| Untagged::ListRights {
                mailbox,
                identifier,
                required,
                optional
            }
        ),
        (mailbox(), any_bytes())
            .prop_map(|(mailbox, rights)| Untagged::MyRights { mailbox, rights }),
        (any_bytes(), vec((any_bytes(), nstring()), 1..3)).prop_map(|(m, v)| Untagged::Metadata {
            mailbox: Mailbox(m),
            entries: MetadataEntries::Values(v)
        }),
        (any_bytes(), vec(any_bytes(), 1..3)).prop_map(|(m, n)| Untagged::Metadata {
            mailbox: Mailbox(m),
            entries: MetadataEntries::Names(n)
        }),
        (mailbox(), any_bytes(), vec((any_bytes(), nstring()), 1..3)).prop_map(
            |(mailbox, entry, attributes)| Untagged::Annotation {
                mailbox,
                entry,
                attributes
            }
        ),
        prop::option::of(pairs()).prop_map(Untagged::Id),
        (any::<bool>(), sequence_set(false))
            .prop_map(|(earlier, uids)| Untagged::Vanished { earlier, uids }),
        (unknown_name(), prop::option::of("[!-~][ -~]{0,20}")).prop_map(|(name, rest)| {
            let raw = match rest {
                Some(r) => Bytes::from([&name[..], b" ", r.as_bytes()].concat()),
                None => name.clone(),
            };
            Untagged::Other { name, raw }
        }),
    ];
    prop_oneof![4 => basic.boxed(), 3 => ext.boxed(), 3 => fetch().prop_map(Untagged::Fetch).boxed()].boxed().boxed()
}
