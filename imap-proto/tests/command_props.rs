//! Properties of the command encoder (issue 3, item 6):
//!
//! - any command built through the API encodes to bytes that
//!   `command::parse_command` parses back to the same command;
//! - no argument ever puts CR, LF or NUL on the wire outside a literal:
//!   every `Fragment::Line` has exactly one CRLF, at its end, and no NUL;
//! - each literal header announces the length and kind of the literal
//!   that follows it;
//! - encoding never panics, whatever the arguments.

use bytes::Bytes;
use imap_proto::command::*;
use imap_proto::types::{
    DateTime, Flag, MailboxName, Section, SectionText, SeqNumber, SeqRange, SequenceSet,
};
use proptest::prelude::*;

// ---- strategies ----

/// Bytes drawn mostly from the ones that matter to the encoder.
fn nasty_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => prop::sample::select(b"aZ09 \"\\{}()[]*%+-&~.:,<>\r\n\t\x7f\x80\xc3\xa9\xff".to_vec()),
        1 => 1u8..=255,
    ]
}

/// Arbitrary bytes without NUL.
fn text() -> impl Strategy<Value = Bytes> {
    prop::collection::vec(nasty_byte(), 0..24).prop_map(Bytes::from)
}

fn nonempty_text() -> impl Strategy<Value = Bytes> {
    prop::collection::vec(nasty_byte(), 1..24).prop_map(Bytes::from)
}

/// An atom (ATOM-CHARs only), starting with a letter so it is never read
/// as a number or `NIL`, and prefixed so it never names a known command or item.
fn x_atom() -> impl Strategy<Value = Bytes> {
    "X[A-Za-z0-9.=+&-]{0,10}".prop_map(Bytes::from)
}

fn plain_atom() -> impl Strategy<Value = Bytes> {
    "[A-Za-z][A-Za-z0-9.=+&!#$'-]{0,10}".prop_map(Bytes::from)
}

fn mailbox() -> impl Strategy<Value = MailboxName> {
    prop_oneof![
        Just(MailboxName::inbox()),
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select("aZ/ .&-~*%\"\\{}()\r\n\u{0}é台北😀".chars().collect::<Vec<_>>()),
                1 => any::<char>(),
            ],
            0..12
        )
        .prop_map(|v| MailboxName::Name(v.into_iter().collect())),
    ]
}

fn nz() -> impl Strategy<Value = u32> {
    prop_oneof![1u32..20, 1u32..=u32::MAX]
}

fn seq_number() -> impl Strategy<Value = SeqNumber> {
    prop_oneof![4 => nz().prop_map(SeqNumber::Value), 1 => Just(SeqNumber::Largest)]
}

fn seq_set() -> impl Strategy<Value = SequenceSet> {
    prop::collection::vec(
        (seq_number(), seq_number()).prop_map(|(start, end)| SeqRange { start, end }),
        1..4,
    )
    .prop_map(SequenceSet)
}

fn flag() -> impl Strategy<Value = Flag> {
    prop_oneof![
        Just(Flag::Seen),
        Just(Flag::Answered),
        Just(Flag::Flagged),
        Just(Flag::Deleted),
        Just(Flag::Draft),
        x_atom().prop_map(Flag::Extension),
        "[A-Za-z$][A-Za-z0-9$\\]\\[_-]{0,8}".prop_map(|s| Flag::Keyword(Bytes::from(s))),
    ]
}

fn modseq() -> impl Strategy<Value = u64> {
    prop_oneof![1u64..1000, 0..=i64::MAX as u64]
}

fn date() -> impl Strategy<Value = SearchDate> {
    (0u16..=9999, 1u8..=12, 1u8..=31).prop_map(|(y, m, d)| SearchDate::new(y, m, d))
}

fn date_time() -> impl Strategy<Value = DateTime> {
    (
        0u16..=9999,
        1u8..=12,
        1u8..=31,
        0u8..24,
        0u8..60,
        0u8..=60,
        -5999i16..=5999,
    )
        .prop_map(
            |(year, month, day, hour, minute, second, offset_minutes)| DateTime {
                year,
                month,
                day,
                hour,
                minute,
                second,
                offset_minutes,
            },
        )
}

fn search_key() -> impl Strategy<Value = SearchKey> {
    use SearchKey as K;
    let leaf = prop_oneof![
        Just(K::All),
        Just(K::Answered),
        Just(K::Deleted),
        Just(K::Draft),
        Just(K::Flagged),
        Just(K::New),
        Just(K::Old),
        Just(K::Recent),
        Just(K::Seen),
        Just(K::Unanswered),
        Just(K::Undeleted),
        Just(K::Undraft),
        Just(K::Unflagged),
        Just(K::Unseen),
        text().prop_map(K::Bcc),
        text().prop_map(K::Body),
        text().prop_map(K::Cc),
        text().prop_map(K::From),
        text().prop_map(K::Subject),
        text().prop_map(K::Text),
        text().prop_map(K::To),
        (text(), text()).prop_map(|(a, b)| K::Header(a, b)),
        plain_atom().prop_map(K::Keyword),
        plain_atom().prop_map(K::Unkeyword),
        date().prop_map(K::Before),
        date().prop_map(K::On),
        date().prop_map(K::Since),
        date().prop_map(K::SentBefore),
        date().prop_map(K::SentOn),
        date().prop_map(K::SentSince),
        any::<u32>().prop_map(K::Larger),
        any::<u32>().prop_map(K::Smaller),
        any::<u32>().prop_map(K::Older),
        any::<u32>().prop_map(K::Younger),
        modseq().prop_map(K::ModSeq),
        seq_set().prop_map(K::Uid),
        seq_set().prop_map(K::SequenceSet),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|k| K::Not(Box::new(k))),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| K::Or(Box::new(a), Box::new(b))),
            prop::collection::vec(inner, 1..4).prop_map(K::And),
        ]
    })
}

fn criteria() -> impl Strategy<Value = SearchCriteria> {
    prop::collection::vec(search_key(), 1..4).prop_map(SearchCriteria::Keys)
}

fn section() -> impl Strategy<Value = Section> {
    let names = || prop::collection::vec(nonempty_text(), 1..3);
    (
        prop::collection::vec(nz(), 0..3),
        prop_oneof![
            Just(None),
            Just(Some(SectionText::Header)),
            Just(Some(SectionText::Text)),
            Just(Some(SectionText::Mime)),
            names().prop_map(|n| Some(SectionText::HeaderFields(n))),
            names().prop_map(|n| Some(SectionText::HeaderFieldsNot(n))),
        ],
    )
        .prop_map(|(part, text)| {
            let text = if part.is_empty() && text == Some(SectionText::Mime) {
                None
            } else {
                text
            };
            Section { part, text }
        })
}

fn fetch_item() -> impl Strategy<Value = FetchItem> {
    use FetchItem as F;
    let partial = prop::option::of((any::<u32>(), any::<u32>()));
    prop_oneof![
        Just(F::Envelope),
        Just(F::Flags),
        Just(F::InternalDate),
        Just(F::Rfc822),
        Just(F::Rfc822Header),
        Just(F::Rfc822Size),
        Just(F::Rfc822Text),
        Just(F::Body),
        Just(F::BodyStructure),
        Just(F::Uid),
        Just(F::ModSeq),
        (section(), partial.clone(), any::<bool>()).prop_map(|(section, partial, peek)| {
            F::BodySection {
                section,
                partial,
                peek,
            }
        }),
        (prop::collection::vec(nz(), 0..3), partial, any::<bool>()).prop_map(
            |(part, partial, peek)| F::Binary {
                part,
                partial,
                peek
            }
        ),
        prop::collection::vec(nz(), 0..3).prop_map(|part| F::BinarySize { part }),
        "X-[A-Z0-9-]{1,8}".prop_map(|s| F::Other(Bytes::from(s))),
    ]
}

fn fetch() -> impl Strategy<Value = FetchCommand> {
    let items = prop_oneof![
        Just(FetchItems::All),
        Just(FetchItems::Fast),
        Just(FetchItems::Full),
        prop::collection::vec(fetch_item(), 1..5).prop_map(FetchItems::Items),
    ];
    (
        any::<bool>(),
        seq_set(),
        items,
        prop::option::of(modseq()),
        any::<bool>(),
    )
        .prop_map(|(uid, set, items, changed_since, vanished)| FetchCommand {
            uid,
            set,
            items,
            vanished: vanished && uid && changed_since.is_some(),
            changed_since,
        })
}

fn status_atts() -> impl Strategy<Value = Vec<StatusAttribute>> {
    use StatusAttribute as S;
    prop::collection::vec(
        prop::sample::select(vec![
            S::Messages,
            S::Recent,
            S::UidNext,
            S::UidValidity,
            S::Unseen,
            S::Deleted,
            S::Size,
            S::HighestModSeq,
        ]),
        1..4,
    )
}

fn list() -> impl Strategy<Value = ListCommand> {
    let sel = prop::collection::vec(
        prop::sample::select(vec![
            ListSelect::Subscribed,
            ListSelect::Remote,
            ListSelect::RecursiveMatch,
            ListSelect::SpecialUse,
        ]),
        0..3,
    );
    let ret = prop::collection::vec(
        prop_oneof![
            Just(ListReturn::Subscribed),
            Just(ListReturn::Children),
            Just(ListReturn::SpecialUse),
            status_atts().prop_map(ListReturn::Status),
        ],
        0..3,
    );
    (mailbox(), prop::collection::vec(mailbox(), 1..3), sel, ret).prop_map(
        |(reference, patterns, selection, returns)| ListCommand {
            reference,
            patterns,
            selection,
            returns,
        },
    )
}

fn select_params() -> impl Strategy<Value = SelectParams> {
    let q = (
        nz(),
        modseq(),
        prop::option::of(seq_set()),
        prop::option::of((seq_set(), seq_set())),
    )
        .prop_map(|(uidvalidity, modseq, known_uids, seq_match)| QResync {
            uidvalidity,
            modseq,
            known_uids,
            seq_match,
        });
    (any::<bool>(), prop::option::of(q))
        .prop_map(|(condstore, qresync)| SelectParams { condstore, qresync })
}

fn arg() -> impl Strategy<Value = Arg> {
    let leaf = prop_oneof![
        x_atom().prop_map(Arg::Atom),
        text().prop_map(Arg::String),
        any::<u64>().prop_map(Arg::Number),
        Just(Arg::Nil),
    ];
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop::collection::vec(inner, 0..3).prop_map(Arg::List)
    })
}

fn entry_values() -> impl Strategy<Value = Vec<(Bytes, Option<Bytes>)>> {
    prop::collection::vec((text(), prop::option::of(text())), 1..3)
}

fn command() -> impl Strategy<Value = Command> {
    use Command as C;
    let a = prop_oneof![
        Just(C::Capability),
        Just(C::Noop),
        Just(C::Logout),
        Just(C::StartTls),
        Just(C::Namespace),
        Just(C::Idle),
        Just(C::Check),
        Just(C::Close),
        Just(C::Unselect),
        Just(C::Expunge),
        prop::option::of(prop::collection::vec(
            (text(), prop::option::of(text())),
            0..4
        ))
        .prop_map(C::Id),
        (
            plain_atom(),
            prop::option::of(prop::collection::vec(any::<u8>(), 0..20))
        )
            .prop_map(|(m, ir)| C::authenticate(m, ir.map(Secret::new))),
        (text(), text()).prop_map(|(u, p)| C::login(u, p)),
        prop::collection::vec(plain_atom(), 1..3).prop_map(C::Enable),
        (mailbox(), select_params()).prop_map(|(mailbox, params)| C::Select { mailbox, params }),
        (mailbox(), select_params()).prop_map(|(mailbox, params)| C::Examine { mailbox, params }),
        mailbox().prop_map(C::Create),
        mailbox().prop_map(C::Delete),
        (mailbox(), mailbox()).prop_map(|(from, to)| C::Rename { from, to }),
        mailbox().prop_map(C::Subscribe),
        mailbox().prop_map(C::Unsubscribe),
        list().prop_map(C::List),
        (mailbox(), mailbox()).prop_map(|(reference, pattern)| C::Lsub { reference, pattern }),
    ];
    let b = prop_oneof![
        (mailbox(), status_atts()).prop_map(|(mailbox, items)| C::Status { mailbox, items }),
        (
            mailbox(),
            prop::collection::vec(flag(), 0..3),
            prop::option::of(date_time()),
            prop::collection::vec(any::<u8>().prop_filter("no NUL", |b| *b != 0), 0..40)
        )
            .prop_map(|(m, f, d, msg)| C::append(m, f, d, msg)),
        plain_atom().prop_map(C::Compress),
        text().prop_map(C::GetQuota),
        mailbox().prop_map(C::GetQuotaRoot),
        (
            text(),
            prop::collection::vec((plain_atom(), 0..=i64::MAX as u64), 0..3)
        )
            .prop_map(|(root, limits)| C::SetQuota { root, limits }),
        mailbox().prop_map(C::GetAcl),
        (mailbox(), text(), text()).prop_map(|(mailbox, identifier, rights)| C::SetAcl {
            mailbox,
            identifier,
            rights
        }),
        (mailbox(), text()).prop_map(|(mailbox, identifier)| C::DeleteAcl {
            mailbox,
            identifier
        }),
        (mailbox(), text()).prop_map(|(mailbox, identifier)| C::ListRights {
            mailbox,
            identifier
        }),
        mailbox().prop_map(C::MyRights),
        (
            prop::option::of(prop::sample::select(vec![
                MetadataDepth::Zero,
                MetadataDepth::One,
                MetadataDepth::Infinity
            ])),
            prop::option::of(any::<u32>()),
            mailbox(),
            prop::collection::vec(text(), 1..3)
        )
            .prop_map(|(depth, max_size, mailbox, entries)| C::GetMetadata {
                options: MetadataOptions { depth, max_size },
                mailbox,
                entries
            }),
        (mailbox(), entry_values())
            .prop_map(|(mailbox, entries)| C::SetMetadata { mailbox, entries }),
        (
            mailbox(),
            prop::collection::vec(text(), 1..3),
            prop::collection::vec(text(), 1..3)
        )
            .prop_map(|(mailbox, entries, attributes)| C::GetAnnotation {
                mailbox,
                entries,
                attributes
            }),
        (
            mailbox(),
            prop::collection::vec((text(), entry_values()), 1..3)
        )
            .prop_map(|(mailbox, e)| {
                let entries = e
                    .into_iter()
                    .map(|(entry, values)| AnnotationEntry { entry, values })
                    .collect();
                C::SetAnnotation { mailbox, entries }
            }),
        text().prop_map(C::ProxyAuth),
    ];
    let c = prop_oneof![
        seq_set().prop_map(C::UidExpunge),
        (
            any::<bool>(),
            prop::option::of(text()),
            criteria(),
            prop::option::of(prop::collection::vec(
                prop::sample::select(vec![
                    SearchReturn::Min,
                    SearchReturn::Max,
                    SearchReturn::All,
                    SearchReturn::Count,
                    SearchReturn::Save
                ]),
                0..3
            ))
        )
            .prop_map(
                |(uid, charset, criteria, returns)| C::Search(SearchCommand {
                    uid,
                    charset,
                    criteria,
                    returns
                })
            ),
        fetch().prop_map(C::Fetch),
        (
            any::<bool>(),
            seq_set(),
            prop::sample::select(vec![
                StoreAction::Replace,
                StoreAction::Add,
                StoreAction::Remove
            ]),
            any::<bool>(),
            prop::collection::vec(flag(), 0..4),
            prop::option::of(modseq())
        )
            .prop_map(
                |(uid, set, action, silent, flags, unchanged_since)| C::Store(StoreCommand {
                    uid,
                    set,
                    action,
                    silent,
                    flags,
                    unchanged_since
                })
            ),
        (any::<bool>(), seq_set(), mailbox()).prop_map(|(uid, set, mailbox)| C::Copy {
            uid,
            set,
            mailbox
        }),
        (any::<bool>(), seq_set(), mailbox()).prop_map(|(uid, set, mailbox)| C::Move {
            uid,
            set,
            mailbox
        }),
        (
            any::<bool>(),
            prop::collection::vec(
                (
                    any::<bool>(),
                    prop::sample::select(vec![
                        SortKey::Arrival,
                        SortKey::Cc,
                        SortKey::Date,
                        SortKey::From,
                        SortKey::Size,
                        SortKey::Subject,
                        SortKey::To,
                        SortKey::DisplayFrom,
                        SortKey::DisplayTo
                    ])
                )
                    .prop_map(|(reverse, key)| SortCriterion { reverse, key }),
                1..3
            ),
            text(),
            criteria()
        )
            .prop_map(|(uid, criteria, charset, search)| C::Sort(SortCommand {
                uid,
                criteria,
                charset,
                search
            })),
        (any::<bool>(), plain_atom(), text(), criteria()).prop_map(
            |(uid, algorithm, charset, search)| {
                C::Thread(ThreadCommand {
                    uid,
                    algorithm,
                    charset,
                    search,
                })
            }
        ),
        (x_atom(), prop::collection::vec(arg(), 0..4))
            .prop_map(|(name, args)| C::XAtom { name, args }),
    ];
    prop_oneof![a, b, c]
}

fn context() -> impl Strategy<Value = EncodeContext> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(literal_plus, literal_minus, utf8_accept, binary)| EncodeContext {
            literal_plus,
            literal_minus,
            utf8_accept,
            binary,
        },
    )
}

// ---- checks ----

/// Lines carry CR LF only at their very end and never NUL; every literal
/// follows a line ending in a header that announces it.
fn check_wire(enc: &Encoded, ctx: &EncodeContext) -> Result<(), TestCaseError> {
    let mut pending: Option<(usize, bool)> = None;
    for (k, f) in enc.fragments.iter().enumerate() {
        match f {
            Fragment::Line(l) => {
                prop_assert!(pending.is_none(), "line where a literal was announced");
                prop_assert!(l.ends_with(b"\r\n"), "line without CRLF: {:?}", l);
                let body = &l[..l.len() - 2];
                prop_assert!(
                    !body.iter().any(|&b| b == b'\r' || b == b'\n' || b == 0),
                    "CR/LF/NUL in line {:?}",
                    l
                );
                if k + 1 == enc.fragments.len() {
                    continue;
                }
                // Not the last line: it must end in a literal header.
                let h = body.strip_suffix(b"}");
                prop_assert!(h.is_some(), "line not ending in a literal header: {:?}", l);
                let h = h.unwrap_or_default();
                let open = h.iter().rposition(|&b| b == b'{');
                prop_assert!(open.is_some(), "no literal header in {:?}", l);
                let open = open.unwrap_or_default();
                let (digits, sync) = match h[open + 1..].strip_suffix(b"+") {
                    Some(d) => (d, false),
                    None => (&h[open + 1..], true),
                };
                let n = std::str::from_utf8(digits)
                    .ok()
                    .and_then(|d| d.parse::<usize>().ok());
                prop_assert!(n.is_some(), "bad literal header in {:?}", l);
                pending = Some((n.unwrap_or_default(), sync));
            }
            Fragment::Literal { data, sync } => {
                let (n, announced_sync) = pending.take().expect("literal without header");
                prop_assert_eq!(n, data.len());
                prop_assert_eq!(*sync, announced_sync);
                let may_skip = ctx.literal_plus || (ctx.literal_minus && n <= LITERAL_MINUS_MAX);
                prop_assert_eq!(*sync, !may_skip);
            }
        }
    }
    prop_assert!(pending.is_none());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn encode_then_parse_is_identity(cmd in command(), ctx in context(), tag in "[A-Za-z0-9]{1,8}") {
        match cmd.encode(tag.as_bytes(), &ctx) {
            Ok(enc) => {
                check_wire(&enc, &ctx)?;
                let wire = Bytes::from(enc.to_bytes());
                let parsed = parse_command(&wire, ctx.utf8_accept)
                    .map_err(|e| TestCaseError::fail(format!("{e} parsing {wire:?}")))?;
                prop_assert_eq!(&parsed.tag[..], tag.as_bytes());
                prop_assert_eq!(parsed.command, cmd, "wire: {:?}", wire);
            }
            Err(e) => {
                // The generators only build valid commands, except mailbox
                // names with NUL, which are refused in both modes.
                prop_assert!(matches!(e, EncodeError::Nul { .. }), "{e}: {cmd:?}");
                prop_assert!(format!("{cmd:?}").contains("\\0"), "{e}: {cmd:?}");
            }
        }
    }

    #[test]
    fn arbitrary_arguments_never_inject(
        user in prop::collection::vec(any::<u8>(), 0..30),
        pass in prop::collection::vec(any::<u8>(), 0..30),
        mbox in prop::collection::vec(any::<u8>(), 0..30),
        raw in prop::collection::vec(nasty_byte(), 0..30),
        ctx in context(),
    ) {
        let cmds = [
            Command::login(&user, &pass),
            Command::select(MailboxName::Wire(Bytes::from(mbox.clone()))),
            Command::select(String::from_utf8_lossy(&mbox).into_owned()),
            Command::search(None, SearchKey::Subject(Bytes::from(raw.clone()))),
            Command::xatom("X", vec![Arg::String(Bytes::from(pass.clone()))]),
        ];
        for c in &cmds {
            if let Ok(enc) = c.encode(b"A1", &ctx) {
                check_wire(&enc, &ctx)?;
            }
        }
        // Raw forms: either refused or free of CR, LF, NUL and literal syntax.
        if let Ok(r) = RawCriteria::new(&raw) {
            if let Ok(enc) = Command::search(None, r).encode(b"A1", &ctx) {
                check_wire(&enc, &ctx)?;
                prop_assert_eq!(enc.fragments.len(), 1);
            }
        }
        if let Ok(r) = RawParenthesized::new(&raw) {
            let enc = Command::xatom("X", vec![Arg::Raw(r)]).encode(b"A1", &ctx).unwrap();
            check_wire(&enc, &ctx)?;
            prop_assert_eq!(enc.fragments.len(), 1);
        }
        // NUL in a password is refused, and the error never shows the password.
        if pass.contains(&0) {
            let e = Command::login("u", &pass).encode(b"A1", &ctx).unwrap_err();
            prop_assert_eq!(e, EncodeError::Nul { argument: "password" });
        }
    }

    #[test]
    fn sequence_set_string_round_trip(set in seq_set()) {
        let s = set.to_string();
        prop_assert_eq!(s.parse::<SequenceSet>().unwrap(), set);
    }

    #[test]
    fn parse_command_never_panics(input in prop::collection::vec(nasty_byte(), 0..80), utf8 in any::<bool>()) {
        let mut v = b"A1 ".to_vec();
        v.extend_from_slice(&input);
        let _ = parse_command(&Bytes::from(v), utf8);
    }
}

proptest! {
    #[test]
    fn utf7_decode_never_panics(input in prop::collection::vec(
        prop_oneof![3 => prop::sample::select(b"&-AZaz09+,/ ~\x00\x7f\x80\xff".to_vec()), 1 => any::<u8>()], 0..40)) {
        if let Ok(s) = imap_proto::types::decode_utf7(&input) {
            // Whatever decodes re-encodes to printable ASCII that decodes the same.
            let e = imap_proto::types::encode_utf7(&s);
            prop_assert!(e.bytes().all(|b| (0x20..0x7f).contains(&b)));
            prop_assert_eq!(imap_proto::types::decode_utf7(e.as_bytes()).unwrap(), s);
        }
    }

    #[test]
    fn utf7_round_trip(s in any::<String>()) {
        let e = imap_proto::types::encode_utf7(&s);
        prop_assert!(e.bytes().all(|b| (0x20..0x7f).contains(&b)));
        prop_assert_eq!(imap_proto::types::decode_utf7(e.as_bytes()).unwrap(), s);
    }

    #[test]
    fn typed_criteria_string_round_trip(c in criteria()) {
        // The encoded criteria, as a string, parse back to the same keys
        // (the imaplib string form is checked as strictly as the typed one).
        let enc = Command::search(None, c.clone()).encode(b"A", &EncodeContext::default()).unwrap();
        if enc.fragments.len() == 1 {
            let line = enc.to_bytes();
            let s = std::str::from_utf8(&line[b"A SEARCH ".len()..line.len() - 2]).unwrap();
            prop_assert_eq!(s.parse::<SearchCriteria>().unwrap(), c);
        }
    }
}
