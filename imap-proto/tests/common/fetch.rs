//! Strategies for FETCH: attributes, sections, envelopes, BODYSTRUCTURE.

use bytes::Bytes;
use proptest::collection::vec;
use proptest::prelude::*;

use imap_proto::response::*;
use imap_proto::types::*;

use super::*;

pub(crate) fn section() -> BoxedStrategy<Section> {
    let msgtext = prop_oneof![
        Just(SectionText::Header),
        vec(any_bytes(), 1..3).prop_map(SectionText::HeaderFields),
        vec(any_bytes(), 1..3).prop_map(SectionText::HeaderFieldsNot),
        Just(SectionText::Text),
    ];
    let text = prop_oneof![msgtext.clone(), Just(SectionText::Mime)];
    prop_oneof![
        prop::option::of(msgtext).prop_map(|text| Section { part: vec![], text }),
        (vec(nz(), 1..4), prop::option::of(text)).prop_map(|(part, text)| Section { part, text }),
    ]
    .boxed()
}

pub(crate) fn address() -> BoxedStrategy<Address> {
    (nstring(), nstring(), nstring(), nstring())
        .prop_map(|(name, adl, mailbox, host)| Address {
            name,
            adl,
            mailbox,
            host,
        })
        .boxed()
}

pub(crate) fn envelope() -> BoxedStrategy<Envelope> {
    let list = || vec(address(), 0..3);
    (
        (nstring(), nstring(), list(), list(), list()),
        (list(), list(), list(), nstring(), nstring()),
        any::<(bool, bool)>(),
    )
        .prop_map(
            |(
                (date, subject, from, sender, reply_to),
                (to, cc, bcc, in_reply_to, message_id),
                (sender_is_from, reply_to_is_from),
            )| {
                // Servers mostly send Sender and Reply-To equal to From.
                let sender = if sender_is_from { from.clone() } else { sender };
                let reply_to = if reply_to_is_from {
                    from.clone()
                } else {
                    reply_to
                };
                EnvelopeFields {
                    date,
                    subject,
                    from,
                    sender,
                    reply_to,
                    to,
                    cc,
                    bcc,
                    in_reply_to,
                    message_id,
                }
                .into()
            },
        )
        .boxed()
}

fn params() -> BoxedStrategy<Vec<(Bytes, Bytes)>> {
    vec((any_bytes(), any_bytes()), 0..3).boxed()
}

pub(crate) fn body_fields() -> BoxedStrategy<BodyFields> {
    (params(), nstring(), nstring(), any_bytes(), num32())
        .prop_map(|(params, id, description, encoding, octets)| BodyFields {
            params,
            id,
            description,
            encoding,
            octets: octets.into(),
        })
        .boxed()
}

pub(crate) fn body_extension() -> BoxedStrategy<BodyExtension> {
    let leaf = prop_oneof![
        nstring().prop_map(BodyExtension::NString),
        num32().prop_map(|n| BodyExtension::Number(n.into())),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        vec(inner, 1..3).prop_map(BodyExtension::List)
    })
    .boxed()
}

pub(crate) fn disposition() -> BoxedStrategy<Disposition> {
    (any_bytes(), params())
        .prop_map(|(kind, params)| Disposition { kind, params })
        .boxed()
}

/// The shared optional tail: disposition, languages, location, extensions.
type Tail = (
    Option<Disposition>,
    Vec<Bytes>,
    Option<Bytes>,
    Vec<BodyExtension>,
);

fn ext_tail() -> BoxedStrategy<Tail> {
    (
        prop::option::of(disposition()),
        vec(any_bytes(), 0..3),
        nstring(),
        vec(body_extension(), 0..3),
    )
        .boxed()
}

pub(crate) fn single_part_ext() -> BoxedStrategy<SinglePartExt> {
    (nstring(), ext_tail())
        .prop_map(
            |(md5, (disposition, language, location, extension))| SinglePartExt {
                md5,
                disposition,
                language,
                location,
                extension,
            },
        )
        .boxed()
}

pub(crate) fn multipart_ext() -> BoxedStrategy<MultipartExt> {
    (params(), ext_tail())
        .prop_map(
            |(params, (disposition, language, location, extension))| MultipartExt {
                params,
                disposition,
                language,
                location,
                extension,
            },
        )
        .boxed()
}

/// A media type that parses as `Basic`: never `TEXT` or `MESSAGE`.
fn basic_media_type() -> BoxedStrategy<Bytes> {
    any_bytes()
        .prop_filter("TEXT and MESSAGE are not basic", |t| {
            !t.eq_ignore_ascii_case(b"TEXT") && !t.eq_ignore_ascii_case(b"MESSAGE")
        })
        .boxed()
}

pub(crate) fn body_structure() -> BoxedStrategy<BodyStructure> {
    let ext1 = || prop::option::of(single_part_ext());
    let leaf = prop_oneof![
        (basic_media_type(), any_bytes(), body_fields(), ext1()).prop_map(
            |(media_type, subtype, fields, ext)| BodyStructure::Basic {
                media_type,
                subtype,
                fields,
                ext
            }
        ),
        (any_bytes(), body_fields(), num32(), ext1()).prop_map(|(subtype, fields, lines, ext)| {
            BodyStructure::Text {
                subtype,
                fields,
                lines: lines.into(),
                ext,
            }
        }),
    ];
    leaf.prop_recursive(3, 12, 3, move |inner| {
        prop_oneof![
            (
                prop_oneof![Just("RFC822"), Just("GLOBAL")],
                body_fields(),
                envelope(),
                inner.clone(),
                num32(),
                ext1()
            )
                .prop_map(|(subtype, fields, envelope, body, lines, ext)| {
                    BodyStructure::Message {
                        subtype: Bytes::from_static(subtype.as_bytes()),
                        fields,
                        envelope: Box::new(envelope),
                        body: Box::new(body),
                        lines: lines.into(),
                        ext,
                    }
                }),
            (
                vec(inner, 1..3),
                any_bytes(),
                prop::option::of(multipart_ext())
            )
                .prop_map(|(parts, subtype, ext)| BodyStructure::Multipart {
                    parts,
                    subtype,
                    ext
                }),
        ]
    })
    .boxed()
}

pub(crate) fn fetch_attr() -> BoxedStrategy<FetchAttr> {
    let part = || vec(nz(), 0..3);
    prop_oneof![
        flags().prop_map(FetchAttr::Flags),
        nz().prop_map(FetchAttr::Uid),
        date_time().prop_map(FetchAttr::InternalDate),
        num64().prop_map(FetchAttr::Rfc822Size),
        nstring().prop_map(FetchAttr::Rfc822),
        nstring().prop_map(FetchAttr::Rfc822Header),
        nstring().prop_map(FetchAttr::Rfc822Text),
        (section(), prop::option::of(num32()), nstring()).prop_map(|(section, origin, data)| {
            FetchAttr::BodySection {
                section,
                origin,
                data,
            }
        }),
        (part(), prop::option::of(num32()), nstring()).prop_map(|(section, origin, data)| {
            FetchAttr::Binary {
                section,
                origin,
                data,
            }
        }),
        (part(), num64()).prop_map(|(section, size)| FetchAttr::BinarySize { section, size }),
        envelope().prop_map(|e| FetchAttr::Envelope(Box::new(e))),
        body_structure().prop_map(|b| FetchAttr::Body(Box::new(b))),
        body_structure().prop_map(|b| FetchAttr::BodyStructure(Box::new(b))),
        num64().prop_map(FetchAttr::ModSeq),
        (unknown_name(), raw_value()).prop_map(|(name, value)| FetchAttr::Other { name, value }),
    ]
    .boxed()
}

pub(crate) fn fetch() -> BoxedStrategy<Fetch> {
    (nz(), vec(fetch_attr(), 1..4))
        .prop_map(|(seq, attrs)| Fetch { seq, attrs })
        .boxed()
}
