//! `envelope` and `address` (RFC 3501 section 9).

use nom::error::ErrorKind;

use bytes::Bytes;

use super::core::{error, fail, literal_raw, nil, opt_sp, quoted_raw, sp, unescape, Ctx, PResult};
use crate::response::envelope::{EnvelopeParts, Span};
use crate::response::Envelope;

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
/// env-message-id ")"`, read in place: one [`Bytes`] of the envelope and
/// the place of each string in it (see [`Envelope`]), boxed (a FETCH
/// attribute and a MESSAGE/RFC822 body part hold it boxed).
pub(crate) fn envelope<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Box<Envelope>> {
    let base = i;
    let mut p = Places {
        base,
        owned: Vec::new(),
    };
    let (i, ()) = open(i)?;
    let (i, date) = p.nstring(i)?;
    let (i, ()) = sp(i)?;
    let (mut i, subject) = p.nstring(i)?;
    let mut addresses = Vec::with_capacity(8);
    let mut lists = [(0u32, 0u32); 6];
    let mut from_raw: &[u8] = &[];
    for k in 0..6 {
        let (j, ()) = sp(i)?;
        // Sender and Reply-To are mostly From again, byte for byte: then
        // they are the same range of addresses, not parsed again.
        if k == 1 || k == 2 {
            if let Some(rest) = same(j, from_raw) {
                lists[k] = lists[0];
                i = rest;
                continue;
            }
        }
        let start = addresses.len();
        let (rest, ()) = p.address_list(j, &mut addresses)?;
        if k == 0 {
            from_raw = &j[..j.len() - rest.len()];
        }
        lists[k] = (index(start), index(addresses.len()));
        i = rest;
    }
    let (i, ()) = sp(i)?;
    let (i, in_reply_to) = p.nstring(i)?;
    let (i, ()) = sp(i)?;
    let (i, message_id) = p.nstring(i)?;
    let (i, ()) = close(i)?;
    let parts = EnvelopeParts {
        raw: ctx.bytes(&base[..base.len() - i.len()]),
        strings: [date, subject, in_reply_to, message_id],
        addresses,
        lists,
        owned: p.owned,
    };
    Ok((i, Box::new(Envelope::from_parts(parts))))
}

/// An address count as stored (an envelope cannot hold 2^32 of them: each
/// takes more than one byte of a response).
fn index(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// `i` after `list` when it starts with the same bytes (and `list` is not
/// empty); most lists that differ do so in their first bytes.
#[inline]
fn same<'a>(i: &'a [u8], list: &[u8]) -> Option<&'a [u8]> {
    let head = match (i.get(..8), list.get(..8)) {
        (Some(a), Some(b)) => a == b,
        _ => !list.is_empty(),
    };
    if head {
        i.strip_prefix(list)
    } else {
        None
    }
}

/// Finds where the strings of an envelope are.
struct Places<'b> {
    /// The envelope's first byte on.
    base: &'b [u8],
    /// Strings that are not a range of the input (unescaped).
    owned: Vec<Bytes>,
}

impl Places<'_> {
    /// The place of `sub`, a slice of the input (copied when it does not
    /// fit a span: a string of 4 GiB, say).
    #[inline(always)]
    fn place(&mut self, sub: &[u8]) -> Span {
        let start = (sub.as_ptr() as usize).wrapping_sub(self.base.as_ptr() as usize);
        let inside = start <= self.base.len() && sub.len() <= self.base.len() - start;
        match Span::range(start, sub.len()) {
            Some(span) if inside => span,
            _ => self.keep(Bytes::copy_from_slice(sub)),
        }
    }

    #[cold]
    fn keep(&mut self, value: Bytes) -> Span {
        self.owned.push(value);
        Span::owned(self.owned.len() - 1)
    }

    /// `nstring`: its place, or [`Span::NIL`].
    #[inline(always)]
    fn nstring<'a>(&mut self, i: &'a [u8]) -> PResult<'a, Span> {
        match i.first() {
            Some(b'"') => {
                let (rest, (raw, escaped)) = quoted_raw(i)?;
                let span = if escaped {
                    self.keep(Bytes::from(unescape(raw)))
                } else {
                    self.place(raw)
                };
                Ok((rest, span))
            }
            Some(b'{' | b'~') => {
                let (rest, data) = literal_raw(i)?;
                Ok((rest, self.place(data)))
            }
            _ => {
                let (rest, ()) = nil(i)?;
                Ok((rest, Span::NIL))
            }
        }
    }

    /// `env-from = "(" 1*address ")" / nil` (and likewise the other lists),
    /// appending to `out`. Quirks: `NIL` members and spaces between
    /// addresses are skipped; `()` is an empty list.
    fn address_list<'a>(&mut self, i: &'a [u8], out: &mut Vec<[Span; 4]>) -> PResult<'a, ()> {
        if let Ok((rest, ())) = nil(i) {
            return Ok((rest, ()));
        }
        let (mut i, ()) = open(i)?;
        loop {
            let (j, ()) = opt_sp(i)?;
            i = j;
            match i.first() {
                Some(b')') => return Ok((&i[1..], ())),
                Some(b'(') => {
                    let (j, a) = self.address(i)?;
                    out.push(a);
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
    #[inline]
    fn address<'a>(&mut self, i: &'a [u8]) -> PResult<'a, [Span; 4]> {
        let (i, ()) = open(i)?;
        let (i, name) = self.nstring(i)?;
        let (i, ()) = sp(i)?;
        let (i, adl) = self.nstring(i)?;
        let (i, ()) = sp(i)?;
        let (i, mailbox) = self.nstring(i)?;
        let (i, ()) = sp(i)?;
        let (i, host) = self.nstring(i)?;
        let (i, ()) = close(i)?;
        Ok((i, [name, adl, mailbox, host]))
    }
}

#[cfg(test)]
pub(super) mod tests {
    use bytes::Bytes;

    use super::*;
    use crate::response::{Address, EnvelopeFields};

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

    fn parse(s: &'static [u8]) -> EnvelopeFields {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 100);
        let (rest, e) = envelope(&ctx, &buf).unwrap();
        assert_eq!(rest, b"");
        e.to_fields()
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
            EnvelopeFields {
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
    fn escaped_strings_are_unescaped_and_the_rest_read_in_place() {
        let buf = Bytes::from_static(
            b"(\"d\" \"say \\\"hi\\\"\" ((\"A \\\\ B\" NIL \"a\" \"x\")) NIL NIL NIL NIL NIL NIL NIL)",
        );
        let ctx = Ctx::new(&buf, 100);
        let (_, e) = envelope(&ctx, &buf).unwrap();
        assert_eq!(e.subject(), Some(&b"say \"hi\""[..]));
        let from = e.from_list().next().unwrap();
        assert_eq!(from.name(), Some(&b"A \\ B"[..]));
        let at = buf.windows(3).position(|w| w == b"\"a\"").unwrap() + 1;
        assert_eq!(from.mailbox().unwrap().as_ptr(), buf[at..].as_ptr());
        assert_eq!(e.date().unwrap().as_ptr(), buf[2..].as_ptr());
        // Sender and Reply-To equal to From share its addresses.
        let e = parse(b"(NIL NIL ((NIL NIL \"a\" \"x\")) ((NIL NIL \"a\" \"x\")) ((NIL NIL \"a\" \"x\")) NIL NIL NIL NIL NIL)");
        assert_eq!(e.sender, e.from);
        assert_eq!(e.reply_to, e.from);
    }

    #[test]
    fn truncated_envelope_is_an_error() {
        let buf = Bytes::from_static(b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
        let ctx = Ctx::new(&buf, 100);
        assert!(envelope(&ctx, &buf).is_err());
    }
}
