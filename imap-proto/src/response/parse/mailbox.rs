//! `mailbox`, `mailbox-list` for LIST and LSUB with LIST-EXTENDED (RFC
//! 5258) and SPECIAL-USE (RFC 6154) attributes, and `STATUS` data
//! (RFC 3501, 7162, 8438, 9051).

use bytes::Bytes;
use nom::bytes::complete::take_while1;
use nom::error::ErrorKind;

use super::core::{astring, error, nil, number, number64, sp, string, Ctx, PResult};
use super::kw;
use super::raw::{chr, raw_value, skip_sp};
use crate::response::{ListExtendedItem, ListItem, MailboxAttribute, MailboxStatus, StatusItem};
use crate::types::Mailbox;

/// A byte of an unquoted mailbox name, leniently: `ASTRING-CHAR`, plus
/// `%`, `*`, `\` and 8-bit bytes (UTF8=ACCEPT servers send them raw).
fn is_mailbox_char(b: u8) -> bool {
    b > 0x20 && b != 0x7f && !matches!(b, b'(' | b')' | b'"' | b'{')
}

/// `mailbox = "INBOX" / astring`. The name is kept raw (modified UTF-7 or
/// UTF-8); `INBOX` in any case is recognised by [`Mailbox::is_inbox`].
pub(crate) fn mailbox<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Mailbox> {
    match i {
        [b'"', ..] | [b'{', ..] | [b'~', b'{', ..] => string(ctx, i).map(|(r, s)| (r, Mailbox(s))),
        _ => {
            let (rest, name) = take_while1(is_mailbox_char)(i)?;
            Ok((rest, Mailbox(ctx.bytes(name))))
        }
    }
}

/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE /
/// nil) SP mailbox [SP mbox-list-extended]`, from after `LIST`/`LSUB` and
/// its space.
pub(crate) fn mailbox_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, ListItem> {
    let (i, attributes) = mbx_list_flags(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, delimiter) = delimiter(i)?;
    let (i, ()) = sp(i)?;
    let (i, mailbox) = mailbox(ctx, i)?;
    let j = skip_sp(i);
    let (i, extended) = if j.first() == Some(&b'(') {
        mbox_list_extended(ctx, j)?
    } else {
        (i, Vec::new())
    };
    Ok((
        i,
        ListItem {
            attributes,
            delimiter,
            mailbox,
            extended,
        },
    ))
}

/// `"(" [mbx-list-flags] ")"` with `mbx-list-flags = *(mbx-list-oflag SP)
/// mbx-list-sflag *(SP mbx-list-oflag) / mbx-list-oflag *(SP
/// mbx-list-oflag)`: any attributes in any order, case-insensitively.
pub(crate) fn mbx_list_flags<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<MailboxAttribute>> {
    let (mut i, ()) = chr(i, b'(')?;
    let mut attrs = Vec::with_capacity(2);
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, attrs));
        }
        let n = i
            .iter()
            .take_while(|&&b| !matches!(b, b' ' | b'(' | b')' | b'\r' | b'\n'))
            .count();
        if n == 0 {
            return error(i, ErrorKind::Char);
        }
        attrs.push(mbx_list_flag(ctx, &i[..n]));
        i = &i[n..];
    }
}

/// `mbx-list-flag` / `mbx-list-oflag` / RFC 6154 `use-attr`, one token.
fn mbx_list_flag(ctx: &Ctx<'_>, token: &[u8]) -> MailboxAttribute {
    use MailboxAttribute as A;
    let Some(name) = token.strip_prefix(b"\\") else {
        return A::Other(ctx.bytes(token));
    };
    // The spellings of RFC 3501 and 5258 that nearly every LIST line
    // carries, compared as they are; any case through `kw::key`.
    match name {
        b"HasNoChildren" => return A::HasNoChildren,
        b"HasChildren" => return A::HasChildren,
        b"Noselect" => return A::NoSelect,
        _ => {}
    }
    match kw::key(name) {
        kw::NOINFERIORS => A::NoInferiors,
        kw::NOSELECT => A::NoSelect,
        kw::MARKED => A::Marked,
        kw::UNMARKED => A::Unmarked,
        kw::NONEXISTENT => A::NonExistent,
        kw::SUBSCRIBED => A::Subscribed,
        kw::REMOTE => A::Remote,
        kw::HASCHILDREN => A::HasChildren,
        kw::HASNOCHILDREN => A::HasNoChildren,
        kw::ALL => A::All,
        kw::ARCHIVE => A::Archive,
        kw::DRAFTS => A::Drafts,
        kw::FLAGGED => A::Flagged,
        kw::JUNK => A::Junk,
        kw::SENT => A::Sent,
        kw::TRASH => A::Trash,
        kw::IMPORTANT => A::Important,
        _ => A::Other(ctx.bytes(token)),
    }
}

/// The hierarchy delimiter: `DQUOTE QUOTED-CHAR DQUOTE / nil`, read
/// without building a string. `""` is taken as NIL.
pub(crate) fn delimiter(i: &[u8]) -> PResult<'_, Option<u8>> {
    match i {
        [b'"', b'\\', c, b'"', rest @ ..] => Ok((rest, Some(*c))),
        [b'"', b'"', rest @ ..] => Ok((rest, None)),
        [b'"', c, b'"', rest @ ..] if *c != b'\\' && *c != b'\r' && *c != b'\n' => {
            Ok((rest, Some(*c)))
        }
        _ => nil(i).map(|(rest, ())| (rest, None)),
    }
}

/// `mbox-list-extended = "(" [mbox-list-extended-item *(SP
/// mbox-list-extended-item)] ")"` with `mbox-list-extended-item =
/// mbox-list-extended-item-tag SP tagged-ext-val` (RFC 5258).
pub(crate) fn mbox_list_extended<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
) -> PResult<'a, Vec<ListExtendedItem>> {
    let (mut i, ()) = chr(i, b'(')?;
    let mut items = Vec::new();
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, items));
        }
        let (rest, tag) = astring(ctx, i)?;
        let (rest, ()) = sp(rest)?;
        let (rest, item) = match kw::key(&tag) {
            kw::CHILDINFO => {
                let (r, v) = string_list(ctx, rest)?;
                (r, ListExtendedItem::ChildInfo(v))
            }
            kw::OLDNAME => {
                let (r, ()) = chr(rest, b'(')?;
                let (r, m) = mailbox(ctx, skip_sp(r))?;
                let (r, ()) = chr(skip_sp(r), b')')?;
                (r, ListExtendedItem::OldName(m))
            }
            _ => {
                let (r, v) = raw_value(rest)?;
                (
                    r,
                    ListExtendedItem::Other {
                        tag,
                        value: ctx.bytes(v),
                    },
                )
            }
        };
        items.push(item);
        i = rest;
    }
}

/// `"(" astring *(SP astring) ")"`, e.g. CHILDINFO's `("SUBSCRIBED")`.
fn string_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Bytes>> {
    let (mut i, ()) = chr(i, b'(')?;
    let mut v = Vec::new();
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, v));
        }
        let (rest, s) = astring(ctx, i)?;
        v.push(s);
        i = rest;
    }
}

/// `"STATUS" SP mailbox SP "(" [status-att-list] ")"`, from after the
/// keyword's space; the list may be empty.
pub(crate) fn status_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, MailboxStatus> {
    let (i, mailbox) = mailbox(ctx, i)?;
    let (mut i, ()) = chr(skip_sp(i), b'(')?;
    let mut items = Vec::with_capacity(8);
    loop {
        i = skip_sp(i);
        if let Some(rest) = i.strip_prefix(b")") {
            return Ok((rest, MailboxStatus { mailbox, items }));
        }
        let (rest, item) = status_att_val(ctx, i)?;
        items.push(item);
        i = rest;
    }
}

/// `status-att-val = ("MESSAGES" SP number) / ("UIDNEXT" SP nz-number) /
/// ("UIDVALIDITY" SP nz-number) / ("UNSEEN" SP number) / ("DELETED" SP
/// number) / ("SIZE" SP number64) / ("HIGHESTMODSEQ" SP mod-sequence-value)
/// / ("RECENT" SP number)`; any other `atom SP number64` is kept as
/// [`StatusItem::Other`].
fn status_att_val<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, StatusItem> {
    let (i, name) = super::core::atom(i)?;
    let (i, ()) = sp(i)?;
    let small = match kw::key(name) {
        kw::MESSAGES => StatusItem::Messages,
        kw::RECENT => StatusItem::Recent,
        kw::UIDNEXT => StatusItem::UidNext,
        kw::UIDVALIDITY => StatusItem::UidValidity,
        kw::UNSEEN => StatusItem::Unseen,
        kw::DELETED => StatusItem::Deleted,
        kw::SIZE => return number64(i).map(|(r, n)| (r, StatusItem::Size(n))),
        kw::HIGHESTMODSEQ => return number64(i).map(|(r, n)| (r, StatusItem::HighestModSeq(n))),
        _ => {
            return number64(i).map(|(r, value)| {
                (
                    r,
                    StatusItem::Other {
                        name: ctx.bytes(name),
                        value,
                    },
                )
            })
        }
    };
    number(i).map(|(r, n)| (r, small(n)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use MailboxAttribute as A;

    fn with<T>(
        s: &'static [u8],
        f: impl FnOnce(&Ctx<'_>, &'static [u8]) -> PResult<'static, T>,
    ) -> (T, &'static [u8]) {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, v) = f(&ctx, s).unwrap();
        (v, rest)
    }

    fn mb(s: &'static str) -> Mailbox {
        Mailbox(Bytes::from_static(s.as_bytes()))
    }

    fn list(s: &'static [u8]) -> ListItem {
        with(s, mailbox_list).0
    }

    #[test]
    fn rfc3501_list_and_lsub() {
        // RFC 3501 7.2.2 / 7.2.3
        assert_eq!(
            list(b"(\\Noselect) \"/\" ~/Mail/foo\r\n"),
            ListItem {
                attributes: vec![A::NoSelect],
                delimiter: Some(b'/'),
                mailbox: mb("~/Mail/foo"),
                extended: vec![]
            }
        );
        assert_eq!(
            list(b"() \".\" #news.comp.mail.misc\r\n"),
            ListItem {
                attributes: vec![],
                delimiter: Some(b'.'),
                mailbox: mb("#news.comp.mail.misc"),
                extended: vec![]
            }
        );
        // RFC 3501 6.3.8
        assert_eq!(list(b"(\\Noselect) \"/\" \"\"\r\n").mailbox, mb(""));
        assert_eq!(list(b"(\\Noselect) \".\" #news.\r\n").mailbox, mb("#news."));
        assert_eq!(list(b"() \"\\\\\" INBOX\r\n").delimiter, Some(b'\\'));
    }

    #[test]
    fn nil_delimiter_and_case_insensitive_attributes() {
        let l = list(b"(\\noinferiors \\HASNOCHILDREN \\Marked \\unmarked) NIL INBOX\r\n");
        assert_eq!(l.delimiter, None);
        assert_eq!(
            l.attributes,
            vec![A::NoInferiors, A::HasNoChildren, A::Marked, A::Unmarked]
        );
        assert!(l.mailbox.is_inbox());
        assert_eq!(list(b"() nil inbox\r\n").delimiter, None);
    }

    #[test]
    fn special_use_attributes() {
        // RFC 6154 section 5.1
        let l = list(b"(\\all \\ARCHIVE \\Drafts \\Flagged \\Junk \\Sent \\Trash \\Important \\X-Other) \"/\" x\r\n");
        assert_eq!(
            l.attributes,
            vec![
                A::All,
                A::Archive,
                A::Drafts,
                A::Flagged,
                A::Junk,
                A::Sent,
                A::Trash,
                A::Important,
                A::Other(Bytes::from_static(b"\\X-Other"))
            ]
        );
        let l = list(b"(\\HasNoChildren \\Sent) \"/\" \"[Gmail]/Sent Mail\"\r\n");
        assert_eq!(l.mailbox, mb("[Gmail]/Sent Mail"));
        let l = list(b"(\\HasChildren) \"/\" [Gmail]\r\n");
        assert_eq!(l.mailbox, mb("[Gmail]"));
    }

    #[test]
    fn list_extended_items() {
        // RFC 5258 section 6 and RFC 9051 OLDNAME
        let l = list(b"(\\NonExistent \\Subscribed \\Remote) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n");
        assert_eq!(l.attributes, vec![A::NonExistent, A::Subscribed, A::Remote]);
        assert_eq!(
            l.extended,
            vec![ListExtendedItem::ChildInfo(vec![Bytes::from_static(
                b"SUBSCRIBED"
            )])]
        );
        let l = list(b"() \"/\" \"NewName\" (\"OLDNAME\" (\"OldName\"))\r\n");
        assert_eq!(l.extended, vec![ListExtendedItem::OldName(mb("OldName"))]);
        let l = list(b"() \"/\" x (X-FOO (1 (2)) childinfo (subscribed))\r\n");
        assert_eq!(
            l.extended,
            vec![
                ListExtendedItem::Other {
                    tag: Bytes::from_static(b"X-FOO"),
                    value: Bytes::from_static(b"(1 (2))")
                },
                ListExtendedItem::ChildInfo(vec![Bytes::from_static(b"subscribed")])
            ]
        );
    }

    #[test]
    fn literal_and_8bit_names() {
        let l = list(b"() \"/\" {5}\r\nab cd\r\n");
        assert_eq!(l.mailbox, mb("ab cd"));
        let l = list("() \"/\" \"Entw\u{fc}rfe\"\r\n".as_bytes().to_vec().leak());
        assert_eq!(l.mailbox.0, "Entw\u{fc}rfe".as_bytes());
    }

    #[test]
    fn rfc3501_status() {
        // RFC 3501 7.2.4
        let (s, rest) = with(b"blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n", status_data);
        assert_eq!(
            s,
            MailboxStatus {
                mailbox: mb("blurdybloop"),
                items: vec![StatusItem::Messages(231), StatusItem::UidNext(44292)]
            }
        );
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn every_status_item() {
        let (s, _) = with(
            b"INBOX (messages 1 RECENT 2 UIDNEXT 0 UIDVALIDITY 0 UNSEEN 0 DELETED 5 SIZE 9000000000 HIGHESTMODSEQ 7011231777 X-FOO 3 )\r\n",
            status_data,
        );
        assert_eq!(
            s.items,
            vec![
                StatusItem::Messages(1),
                StatusItem::Recent(2),
                StatusItem::UidNext(0),
                StatusItem::UidValidity(0),
                StatusItem::Unseen(0),
                StatusItem::Deleted(5),
                StatusItem::Size(9_000_000_000),
                StatusItem::HighestModSeq(7_011_231_777),
                StatusItem::Other {
                    name: Bytes::from_static(b"X-FOO"),
                    value: 3
                },
            ]
        );
    }

    #[test]
    fn empty_status_list() {
        let (s, rest) = with(b"INBOX ()\r\n", status_data);
        assert_eq!(
            s,
            MailboxStatus {
                mailbox: mb("INBOX"),
                items: vec![]
            }
        );
        assert_eq!(rest, b"\r\n");
    }
}
