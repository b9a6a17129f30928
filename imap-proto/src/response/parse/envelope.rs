//! `envelope` and `address` (RFC 3501 section 9).

use nom::error::ErrorKind;

use super::core::{error, fail, nil, nstring, nstring_inline, opt_sp, sp, Ctx, PResult};
use crate::response::{Address, Envelope};

/// `"(" ... ")"` around a rule: the opening parenthesis.
fn open(i: &[u8]) -> PResult<'_, ()> {
    match i.strip_prefix(b"(") {
        Some(rest) => Ok((rest, ())),
        None => error(i, ErrorKind::Char),
    }
}

/// Optional spaces, then the closing parenthesis (quirk: `(UID 1 )`).
pub(crate) fn close(i: &[u8]) -> PResult<'_, ()> {
    let (i, ()) = opt_sp(i)?;
    match i.strip_prefix(b")") {
        Some(rest) => Ok((rest, ())),
        None => fail(i, ErrorKind::Char),
    }
}

/// `envelope = "(" env-date SP env-subject SP env-from SP env-sender SP
/// env-reply-to SP env-to SP env-cc SP env-bcc SP env-in-reply-to SP
/// env-message-id ")"`, built straight into its box (a FETCH attribute
/// and a MESSAGE/RFC822 body part hold it boxed).
pub(crate) fn envelope<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Box<Envelope>> {
    let (i, ()) = open(i)?;
    let (i, date) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, subject) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (rest, from) = address_list(ctx, i)?;
    let from_raw = &i[..i.len() - rest.len()];
    let (i, ()) = sp(rest)?;
    let (i, sender) = same_list(ctx, i, from_raw, &from)?;
    let (i, ()) = sp(i)?;
    let (i, reply_to) = same_list(ctx, i, from_raw, &from)?;
    let (i, ()) = sp(i)?;
    let (i, to) = address_list(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, cc) = address_list(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, bcc) = address_list(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, in_reply_to) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, message_id) = nstring(ctx, i)?;
    let (i, ()) = close(i)?;
    let env = Box::new(Envelope {
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
    });
    Ok((i, env))
}

/// `env-sender` / `env-reply-to`, which servers mostly send byte for byte
/// as `env-from`: when `i` starts with `from_raw`, the bytes `from` was
/// parsed from, its value is `from` again (an equal value, without parsing
/// the same bytes twice); otherwise [`address_list`].
#[inline]
fn same_list<'a>(
    ctx: &Ctx<'_>,
    i: &'a [u8],
    from_raw: &[u8],
    from: &[Address],
) -> PResult<'a, Vec<Address>> {
    // Most lists that differ do so in their first bytes: look at those
    // inline before comparing the whole list.
    let same_head = match (i.get(..8), from_raw.get(..8)) {
        (Some(a), Some(b)) => a == b,
        _ => !from_raw.is_empty(),
    };
    if same_head {
        if let Some(rest) = i.strip_prefix(from_raw) {
            return Ok((rest, from.to_vec()));
        }
    }
    address_list(ctx, i)
}

/// `env-from = "(" 1*address ")" / nil` (and likewise `env-sender`,
/// `env-reply-to`, `env-to`, `env-cc`, `env-bcc`). Quirks: `NIL` members and
/// spaces between addresses are skipped; `()` is an empty list.
pub(crate) fn address_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Address>> {
    if let Ok((rest, ())) = nil(i) {
        return Ok((rest, Vec::new()));
    }
    let (mut i, ()) = open(i)?;
    let mut list = Vec::with_capacity(4);
    loop {
        let (j, ()) = opt_sp(i)?;
        i = j;
        match i.first() {
            Some(b')') => return Ok((&i[1..], list)),
            Some(b'(') => {
                let (j, a) = address(ctx, i)?;
                list.push(a);
                i = j;
            }
            _ => {
                let (j, ()) = nil(i)?;
                i = j;
            }
        }
    }
}

/// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`
pub(crate) fn address<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Address> {
    let (i, ()) = open(i)?;
    let (i, name) = nstring_inline(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, adl) = nstring(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, mailbox) = nstring_inline(ctx, i)?;
    let (i, ()) = sp(i)?;
    let (i, host) = nstring_inline(ctx, i)?;
    let (i, ()) = close(i)?;
    Ok((
        i,
        Address {
            name,
            adl,
            mailbox,
            host,
        },
    ))
}

#[cfg(test)]
pub(super) mod tests {
    use bytes::Bytes;

    use super::*;

    fn b(s: &str) -> Option<Bytes> {
        Some(Bytes::copy_from_slice(s.as_bytes()))
    }

    fn addr(name: Option<&str>, mailbox: &str, host: &str) -> Address {
        Address {
            name: name.and_then(b),
            adl: None,
            mailbox: b(mailbox),
            host: b(host),
        }
    }

    #[test]
    fn sender_and_reply_to_equal_to_from_are_taken_from_it() {
        let e = parse(b"(NIL NIL ((\"A\" NIL \"a\" \"x\")) ((\"A\" NIL \"a\" \"x\")) ((\"A\" NIL \"a\" \"x\")(\"B\" NIL \"b\" \"y\")) NIL NIL NIL NIL NIL)");
        assert_eq!(e.from, vec![addr(Some("A"), "a", "x")]);
        assert_eq!(e.sender, e.from);
        assert_eq!(
            e.reply_to,
            vec![addr(Some("A"), "a", "x"), addr(Some("B"), "b", "y")]
        );
        let e = parse(b"(NIL NIL NIL NIL ((\"A\" NIL \"a\" \"x\")) NIL NIL NIL NIL NIL)");
        assert!(e.from.is_empty() && e.sender.is_empty());
        assert_eq!(e.reply_to, vec![addr(Some("A"), "a", "x")]);
    }

    fn parse(s: &'static [u8]) -> Envelope {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 100);
        let (rest, e) = envelope(&ctx, &buf).unwrap();
        assert_eq!(rest, b"");
        *e
    }

    /// The ENVELOPE of the FETCH example in RFC 3501 section 7.4.2.
    pub(crate) const RFC3501_ENVELOPE: &[u8] =
        b"(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((NIL NIL \"imap\" \"cac.washington.edu\")) \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \
\"<B27397-0100000@cac.washington.edu>\")";

    #[test]
    fn rfc3501_example() {
        let e = parse(RFC3501_ENVELOPE);
        let gray = addr(Some("Terry Gray"), "gray", "cac.washington.edu");
        assert_eq!(
            e,
            Envelope {
                date: b("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"),
                subject: b("IMAP4rev1 WG mtg summary and minutes"),
                from: vec![gray.clone()],
                sender: vec![gray.clone()],
                reply_to: vec![gray],
                to: vec![addr(None, "imap", "cac.washington.edu")],
                cc: vec![
                    addr(None, "minutes", "CNRI.Reston.VA.US"),
                    addr(Some("John Klensin"), "KLENSIN", "MIT.EDU"),
                ],
                bcc: vec![],
                in_reply_to: None,
                message_id: b("<B27397-0100000@cac.washington.edu>"),
            }
        );
    }

    #[test]
    fn nil_members_and_groups() {
        let e = parse(
            b"(NIL NIL (NIL (\"A\" NIL \"a\" \"x.org\") NIL) NIL NIL \
((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) () NIL NIL NIL)",
        );
        assert_eq!(e.from, vec![addr(Some("A"), "a", "x.org")]);
        assert_eq!(
            e.to,
            vec![
                Address {
                    mailbox: b("undisclosed-recipients"),
                    ..Default::default()
                },
                Address::default(),
            ]
        );
        assert!(e.sender.is_empty() && e.cc.is_empty() && e.date.is_none());
    }

    #[test]
    fn eight_bit_and_literal_subject() {
        let e =
            parse(b"(NIL {5}\r\nh\xc3\xa9l\xff NIL NIL NIL NIL NIL NIL NIL \"<\xe2\x9c\x93>\")");
        assert_eq!(e.subject.as_deref(), Some(&b"h\xc3\xa9l\xff"[..]));
        assert_eq!(e.message_id.as_deref(), Some(&b"<\xe2\x9c\x93>"[..]));
    }

    #[test]
    fn truncated_envelope_is_an_error() {
        let buf = Bytes::from_static(b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        let ctx = Ctx::new(&buf, 100);
        assert!(envelope(&ctx, &buf).is_err());
    }
}
