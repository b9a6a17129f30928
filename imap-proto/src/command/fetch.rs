//! FETCH (RFC 3501 6.4.5): fetch items, the ALL / FAST / FULL macros,
//! `BODY[section]<partial>`, BINARY (RFC 3516), CHANGEDSINCE and VANISHED
//! (RFC 7162).

use std::str::FromStr;

use bytes::Bytes;

use super::encode::{check_atom, EncodeError, Writer};
use crate::response::parse::core::is_atom_char;
use crate::types::{Section, SectionText, SequenceSet};

/// `[UID] FETCH set items [(CHANGEDSINCE n [VANISHED])]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchCommand {
    /// UID FETCH when true: `set` holds UIDs.
    pub uid: bool,
    /// The messages.
    pub set: SequenceSet,
    /// What to fetch.
    pub items: FetchItems,
    /// CONDSTORE `CHANGEDSINCE modseq` (RFC 7162).
    pub changed_since: Option<u64>,
    /// QRESYNC `VANISHED` (UID FETCH with CHANGEDSINCE only).
    pub vanished: bool,
}

/// The items of a FETCH: a macro or a list.
///
/// imaplib's string form parses into this type:
///
/// ```
/// use imap_proto::command::{FetchItem, FetchItems};
/// let items: FetchItems = "(UID BODY.PEEK[HEADER.FIELDS (FROM)]<0.100>)".parse().unwrap();
/// assert!(matches!(&items, FetchItems::Items(v) if v[0] == FetchItem::Uid));
/// assert!("(UID\r\nA1 LOGOUT)".parse::<FetchItems>().is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchItems {
    /// `ALL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE
    All,
    /// `FAST`: FLAGS INTERNALDATE RFC822.SIZE
    Fast,
    /// `FULL`: FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY
    Full,
    /// A list of items (at least one).
    Items(Vec<FetchItem>),
}

/// `fetch-att`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FetchItem {
    /// `ENVELOPE`
    Envelope,
    /// `FLAGS`
    Flags,
    /// `INTERNALDATE`
    InternalDate,
    /// `RFC822`
    Rfc822,
    /// `RFC822.HEADER`
    Rfc822Header,
    /// `RFC822.SIZE`
    Rfc822Size,
    /// `RFC822.TEXT`
    Rfc822Text,
    /// `BODY` (structure without extensions)
    Body,
    /// `BODYSTRUCTURE`
    BodyStructure,
    /// `UID`
    Uid,
    /// `MODSEQ` (RFC 7162)
    ModSeq,
    /// `BODY[section]<start.length>` or `BODY.PEEK[...]`.
    BodySection {
        /// The section.
        section: Section,
        /// `<start.length>`, if only part is wanted.
        partial: Option<(u32, u32)>,
        /// `.PEEK`: do not set `\Seen`.
        peek: bool,
    },
    /// `BINARY[part]<start.length>` or `BINARY.PEEK[...]` (RFC 3516).
    Binary {
        /// Part path (empty for the whole message).
        part: Vec<u32>,
        /// `<start.length>`.
        partial: Option<(u32, u32)>,
        /// `.PEEK`.
        peek: bool,
    },
    /// `BINARY.SIZE[part]` (RFC 3516).
    BinarySize {
        /// Part path.
        part: Vec<u32>,
    },
    /// Any other item name (an atom, e.g. `X-GM-MSGID`, `EMAILID`).
    Other(Bytes),
}

impl FetchItems {
    /// Parses imaplib's string form (`"(UID BODY[TEXT])"`, `"RFC822"`, `"ALL"`).
    pub fn parse(s: &str) -> Result<Self, crate::response::ParseError> {
        s.parse()
    }
}

impl FromStr for FetchItems {
    type Err = crate::response::ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        super::parse::parse_fragment(s.as_bytes(), super::parse::fetch_items)
    }
}

impl From<FetchItem> for FetchItems {
    fn from(i: FetchItem) -> Self {
        FetchItems::Items(vec![i])
    }
}

impl From<Vec<FetchItem>> for FetchItems {
    fn from(v: Vec<FetchItem>) -> Self {
        FetchItems::Items(v)
    }
}

pub(crate) fn write_fetch(w: &mut Writer<'_>, f: &FetchCommand) -> Result<(), EncodeError> {
    if f.vanished && !(f.uid && f.changed_since.is_some()) {
        return Err(EncodeError::Invalid {
            argument: "VANISHED",
            reason: "needs UID FETCH with CHANGEDSINCE",
        });
    }
    w.raw(if f.uid { b"UID FETCH " } else { b"FETCH " });
    w.seq_set("message set", &f.set)?.sp();
    match &f.items {
        FetchItems::All => w.raw(b"ALL"),
        FetchItems::Fast => w.raw(b"FAST"),
        FetchItems::Full => w.raw(b"FULL"),
        FetchItems::Items(items) => {
            if items.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "fetch items",
                });
            }
            w.raw(b"(");
            for (k, item) in items.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                write_item(w, item)?;
            }
            w.raw(b")")
        }
    };
    if let Some(m) = f.changed_since {
        check_modseq("CHANGEDSINCE", m)?;
        w.raw(b" (CHANGEDSINCE ").number(m);
        if f.vanished {
            w.raw(b" VANISHED");
        }
        w.raw(b")");
    }
    Ok(())
}

/// A mod-sequence value fits in 63 bits.
pub(crate) fn check_modseq(argument: &'static str, m: u64) -> Result<(), EncodeError> {
    if m > i64::MAX as u64 {
        return Err(EncodeError::Invalid {
            argument,
            reason: "above 2^63-1 (number64)",
        });
    }
    Ok(())
}

fn write_item(w: &mut Writer<'_>, item: &FetchItem) -> Result<(), EncodeError> {
    let name: &[u8] = match item {
        FetchItem::Envelope => b"ENVELOPE",
        FetchItem::Flags => b"FLAGS",
        FetchItem::InternalDate => b"INTERNALDATE",
        FetchItem::Rfc822 => b"RFC822",
        FetchItem::Rfc822Header => b"RFC822.HEADER",
        FetchItem::Rfc822Size => b"RFC822.SIZE",
        FetchItem::Rfc822Text => b"RFC822.TEXT",
        FetchItem::Body => b"BODY",
        FetchItem::BodyStructure => b"BODYSTRUCTURE",
        FetchItem::Uid => b"UID",
        FetchItem::ModSeq => b"MODSEQ",
        FetchItem::Other(a) => {
            check_atom("fetch item", a, is_atom_char)?;
            a
        }
        FetchItem::BodySection {
            section,
            partial,
            peek,
        } => {
            w.raw(if *peek { b"BODY.PEEK[" } else { b"BODY[" });
            write_section(w, section)?;
            w.raw(b"]");
            write_partial(w, partial);
            return Ok(());
        }
        FetchItem::Binary {
            part,
            partial,
            peek,
        } => {
            w.raw(if *peek { b"BINARY.PEEK[" } else { b"BINARY[" });
            write_part(w, part)?;
            w.raw(b"]");
            write_partial(w, partial);
            return Ok(());
        }
        FetchItem::BinarySize { part } => {
            w.raw(b"BINARY.SIZE[");
            write_part(w, part)?;
            w.raw(b"]");
            return Ok(());
        }
    };
    w.raw(name);
    Ok(())
}

fn write_partial(w: &mut Writer<'_>, partial: &Option<(u32, u32)>) {
    if let Some((start, len)) = partial {
        w.raw(b"<")
            .number(u64::from(*start))
            .raw(b".")
            .number(u64::from(*len))
            .raw(b">");
    }
}

fn write_part(w: &mut Writer<'_>, part: &[u32]) -> Result<(), EncodeError> {
    for (k, n) in part.iter().enumerate() {
        if *n == 0 {
            return Err(EncodeError::Invalid {
                argument: "section part",
                reason: "part numbers start at 1",
            });
        }
        if k > 0 {
            w.raw(b".");
        }
        w.number(u64::from(*n));
    }
    Ok(())
}

/// `section-spec` (without the brackets).
pub(crate) fn write_section(w: &mut Writer<'_>, s: &Section) -> Result<(), EncodeError> {
    write_part(w, &s.part)?;
    let Some(text) = &s.text else { return Ok(()) };
    if !s.part.is_empty() {
        w.raw(b".");
    }
    match text {
        SectionText::Header => w.raw(b"HEADER"),
        SectionText::Text => w.raw(b"TEXT"),
        SectionText::Mime if s.part.is_empty() => {
            return Err(EncodeError::Invalid {
                argument: "section",
                reason: "MIME needs a part number",
            })
        }
        SectionText::Mime => w.raw(b"MIME"),
        SectionText::HeaderFields(names) | SectionText::HeaderFieldsNot(names) => {
            let not = matches!(text, SectionText::HeaderFieldsNot(_));
            w.raw(if not {
                b"HEADER.FIELDS.NOT ("
            } else {
                b"HEADER.FIELDS ("
            });
            if names.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "header field names",
                });
            }
            for (k, n) in names.iter().enumerate() {
                if k > 0 {
                    w.sp();
                }
                if n.is_empty() {
                    return Err(EncodeError::Empty {
                        argument: "header field name",
                    });
                }
                w.astring("header field name", n)?;
            }
            w.raw(b")")
        }
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, EncodeContext};

    fn wire(c: &Command) -> String {
        String::from_utf8(
            c.encode(b"a", &EncodeContext::default())
                .unwrap()
                .to_bytes(),
        )
        .unwrap()
    }

    #[test]
    fn encodes_items_and_modifiers() {
        let sec = Section {
            part: vec![1, 2],
            text: Some(SectionText::HeaderFields(vec!["FROM".into(), "X Y".into()])),
        };
        let cmd = Command::Fetch(FetchCommand {
            uid: true,
            set: "1:*".parse().unwrap(),
            items: FetchItems::Items(vec![
                FetchItem::Uid,
                FetchItem::BodySection {
                    section: sec,
                    partial: Some((0, 100)),
                    peek: true,
                },
                FetchItem::Binary {
                    part: vec![],
                    partial: None,
                    peek: false,
                },
            ]),
            changed_since: Some(12345),
            vanished: true,
        });
        assert_eq!(
            wire(&cmd),
            "a UID FETCH 1:* (UID BODY.PEEK[1.2.HEADER.FIELDS (FROM \"X Y\")]<0.100> BINARY[]) (CHANGEDSINCE 12345 VANISHED)\r\n"
        );
        assert_eq!(
            wire(&Command::fetch(SequenceSet::single(3), FetchItems::Full)),
            "a FETCH 3 FULL\r\n"
        );
    }

    #[test]
    fn refuses_invalid() {
        let c = EncodeContext::default();
        let bad =
            |items: FetchItems| Command::fetch(SequenceSet::single(1), items).encode(b"a", &c);
        assert!(bad(FetchItems::Items(vec![])).is_err());
        assert!(bad(FetchItem::Other("X Y".into()).into()).is_err());
        let mime = Section {
            part: vec![],
            text: Some(SectionText::Mime),
        };
        assert!(bad(FetchItem::BodySection {
            section: mime,
            partial: None,
            peek: false
        }
        .into())
        .is_err());
        assert!(bad(FetchItem::BinarySize { part: vec![0] }.into()).is_err());
        let v = FetchCommand {
            uid: false,
            set: SequenceSet::single(1),
            items: FetchItems::All,
            changed_since: Some(1),
            vanished: true,
        };
        assert!(Command::Fetch(v).encode(b"a", &c).is_err());
    }

    #[test]
    fn partial_constructor() {
        let cmd = Command::partial(
            7,
            Section {
                part: vec![2],
                text: Some(SectionText::Text),
            },
            10,
            20,
        );
        assert_eq!(wire(&cmd), "a FETCH 7 (BODY[2.TEXT]<10.20>)\r\n");
    }

    #[test]
    fn parses_imaplib_strings() {
        assert_eq!(
            "RFC822".parse::<FetchItems>().unwrap(),
            FetchItems::Items(vec![FetchItem::Rfc822])
        );
        assert_eq!("fast".parse::<FetchItems>().unwrap(), FetchItems::Fast);
        let v = "(FLAGS BODY[] X-GM-MSGID BINARY.SIZE[1])"
            .parse::<FetchItems>()
            .unwrap();
        assert_eq!(
            v,
            FetchItems::Items(vec![
                FetchItem::Flags,
                FetchItem::BodySection {
                    section: Section::default(),
                    partial: None,
                    peek: false
                },
                FetchItem::Other("X-GM-MSGID".into()),
                FetchItem::BinarySize { part: vec![1] },
            ])
        );
        for bad in [
            "",
            "(",
            "()",
            "(UID",
            "UID)",
            "BODY[",
            "(UID) X",
            "(UID\r\n)",
        ] {
            assert!(bad.parse::<FetchItems>().is_err(), "{bad:?}");
        }
    }
}
