//! [`Envelope`]: a message's ENVELOPE, read in place from its received
//! bytes.

use std::fmt;
use std::ops::Range;

use bytes::Bytes;

use super::{Address, EnvelopeFields};

/// Where a string of an [`Envelope`] is: `NIL`, a range of its received
/// bytes, or (high bit of `start` set) an index into its owned strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    len: u32,
}

impl Span {
    /// `NIL`.
    pub(crate) const NIL: Span = Span {
        start: u32::MAX,
        len: u32::MAX,
    };
    const OWNED: u32 = 1 << 31;

    /// The range `start..start + len` of the received bytes, when it fits.
    pub(crate) fn range(start: usize, len: usize) -> Option<Span> {
        match (u32::try_from(start), u32::try_from(len)) {
            (Ok(start), Ok(len)) if start < Self::OWNED && len < u32::MAX => {
                Some(Span { start, len })
            }
            _ => None,
        }
    }

    /// The index of the owned string this span names, if it names one.
    fn owned_index(self) -> Option<usize> {
        (self != Self::NIL && self.start & Self::OWNED != 0)
            .then_some((self.start & !Self::OWNED) as usize)
    }

    /// The owned string at `index`.
    pub(crate) fn owned(index: usize) -> Span {
        Span {
            start: Self::OWNED | (index as u32 & !Self::OWNED),
            len: 0,
        }
    }
}

/// `envelope` (RFC 3501 section 7.4.2): date, subject, the six address
/// lists, In-Reply-To and Message-ID.
///
/// Parsing keeps one [`Bytes`] of the envelope as received and the place
/// of each string in it, instead of a `Bytes` and an allocation per string
/// and list (the metadata benchmark, 20,000 envelopes with their body
/// structures, parses about a fifth faster). The accessors return the
/// values (`None` for `NIL`), quoted strings with their escapes undone;
/// [`Envelope::to_fields`] gives them all as owned [`EnvelopeFields`], and
/// an `Envelope` is built from those with `into()`.
/// Two envelopes are equal when their values are.
///
/// ```
/// use bytes::Bytes;
/// use imap_proto::response::{Address, Envelope, EnvelopeFields};
///
/// let envelope: Envelope = EnvelopeFields {
///     subject: Some(Bytes::from_static(b"Lunch?")),
///     from: vec![Address {
///         name: Some(Bytes::from_static(b"Ann")),
///         mailbox: Some(Bytes::from_static(b"ann")),
///         host: Some(Bytes::from_static(b"example.org")),
///         ..Address::default()
///     }],
///     ..EnvelopeFields::default()
/// }
/// .into();
/// assert_eq!(envelope.subject(), Some(&b"Lunch?"[..]));
/// assert_eq!(envelope.date(), None);
/// let from = envelope.from_list().next().unwrap();
/// assert_eq!(from.host(), Some(&b"example.org"[..]));
/// assert!(envelope.to_list().is_empty());
/// ```
#[derive(Clone)]
pub struct Envelope {
    /// The envelope as received (empty when built from fields).
    raw: Bytes,
    /// Date, subject, In-Reply-To, Message-ID.
    strings: [Span; 4],
    /// Every address of the six lists, in order.
    addresses: Vec<[Span; 4]>,
    /// From, Sender, Reply-To, To, Cc, Bcc: ranges of `addresses`.
    lists: [(u32, u32); 6],
    /// Strings that are not a range of `raw` (unescaped ones, built ones).
    owned: Vec<Bytes>,
}

/// The parts of an [`Envelope`] as the parser finds them.
pub(crate) struct EnvelopeParts {
    pub(crate) raw: Bytes,
    pub(crate) strings: [Span; 4],
    pub(crate) addresses: Vec<[Span; 4]>,
    pub(crate) lists: [(u32, u32); 6],
    pub(crate) owned: Vec<Bytes>,
}

impl Envelope {
    /// An envelope from what the parser found.
    pub(crate) fn from_parts(p: EnvelopeParts) -> Self {
        Envelope {
            raw: p.raw,
            strings: p.strings,
            addresses: p.addresses,
            lists: p.lists,
            owned: p.owned,
        }
    }

    /// The value at `span`: `None` for `NIL`; a place outside the
    /// envelope reads as empty, never a panic.
    fn get(&self, span: Span) -> Option<&[u8]> {
        if span == Span::NIL {
            return None;
        }
        Some(match span.owned_index() {
            Some(index) => self.owned.get(index).map_or(&[][..], |b| &b[..]),
            None => {
                let start = span.start as usize;
                let end = start.saturating_add(span.len as usize);
                self.raw.get(start..end).unwrap_or_default()
            }
        })
    }

    /// The same value as a [`Bytes`]: a slice of the received envelope.
    fn get_bytes(&self, span: Span) -> Option<Bytes> {
        match span.owned_index() {
            Some(index) => Some(self.owned.get(index).cloned().unwrap_or_default()),
            // `get` gives a part of `raw` or an empty slice.
            None => self.get(span).map(|value| self.raw.slice_ref(value)),
        }
    }

    fn list(&self, k: usize) -> Addresses<'_> {
        let (start, end) = self.lists[k];
        Addresses {
            envelope: self,
            range: start as usize..end as usize,
        }
    }

    /// `env-date`: the `Date:` header, unparsed.
    pub fn date(&self) -> Option<&[u8]> {
        self.get(self.strings[0])
    }

    /// `env-subject`: the `Subject:` header, unparsed (it may hold RFC 2047
    /// encoded words or raw 8-bit bytes).
    pub fn subject(&self) -> Option<&[u8]> {
        self.get(self.strings[1])
    }

    /// `env-from`.
    pub fn from_list(&self) -> Addresses<'_> {
        self.list(0)
    }

    /// `env-sender`.
    pub fn sender_list(&self) -> Addresses<'_> {
        self.list(1)
    }

    /// `env-reply-to`.
    pub fn reply_to_list(&self) -> Addresses<'_> {
        self.list(2)
    }

    /// `env-to`.
    pub fn to_list(&self) -> Addresses<'_> {
        self.list(3)
    }

    /// `env-cc`.
    pub fn cc_list(&self) -> Addresses<'_> {
        self.list(4)
    }

    /// `env-bcc`.
    pub fn bcc_list(&self) -> Addresses<'_> {
        self.list(5)
    }

    /// `env-in-reply-to`: the `In-Reply-To:` header.
    pub fn in_reply_to(&self) -> Option<&[u8]> {
        self.get(self.strings[2])
    }

    /// `env-message-id`: the `Message-ID:` header.
    pub fn message_id(&self) -> Option<&[u8]> {
        self.get(self.strings[3])
    }

    /// Every value, owned (the strings are [`Bytes`] slices of the received
    /// envelope, not copies).
    pub fn to_fields(&self) -> EnvelopeFields {
        let list = |k: usize| self.list(k).map(|a| a.to_address()).collect();
        EnvelopeFields {
            date: self.get_bytes(self.strings[0]),
            subject: self.get_bytes(self.strings[1]),
            from: list(0),
            sender: list(1),
            reply_to: list(2),
            to: list(3),
            cc: list(4),
            bcc: list(5),
            in_reply_to: self.get_bytes(self.strings[2]),
            message_id: self.get_bytes(self.strings[3]),
        }
    }
}

impl Default for Envelope {
    /// An envelope of `NIL`s.
    fn default() -> Self {
        Envelope {
            raw: Bytes::new(),
            strings: [Span::NIL; 4],
            addresses: Vec::new(),
            lists: [(0, 0); 6],
            owned: Vec::new(),
        }
    }
}

impl From<EnvelopeFields> for Envelope {
    fn from(f: EnvelopeFields) -> Self {
        let mut owned = Vec::new();
        let mut keep = |value: Option<Bytes>| match value {
            None => Span::NIL,
            Some(b) => {
                owned.push(b);
                Span::owned(owned.len() - 1)
            }
        };
        let strings = [
            keep(f.date),
            keep(f.subject),
            keep(f.in_reply_to),
            keep(f.message_id),
        ];
        let mut addresses = Vec::new();
        let mut lists = [(0, 0); 6];
        for (k, list) in [f.from, f.sender, f.reply_to, f.to, f.cc, f.bcc]
            .into_iter()
            .enumerate()
        {
            let start = addresses.len() as u32;
            for a in list {
                addresses.push([keep(a.name), keep(a.adl), keep(a.mailbox), keep(a.host)]);
            }
            lists[k] = (start, addresses.len() as u32);
        }
        Envelope {
            raw: Bytes::new(),
            strings,
            addresses,
            lists,
            owned,
        }
    }
}

impl From<Envelope> for EnvelopeFields {
    fn from(e: Envelope) -> Self {
        e.to_fields()
    }
}

impl PartialEq for Envelope {
    fn eq(&self, other: &Self) -> bool {
        (0..4).all(|k| self.get(self.strings[k]) == other.get(other.strings[k]))
            && (0..6).all(|k| self.list(k).eq(other.list(k)))
    }
}

impl Eq for Envelope {}

impl fmt::Debug for Envelope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_fields(), f)
    }
}

/// One list of an [`Envelope`] ([`Envelope::from_list`], ...): an iterator over its
/// addresses, which knows its length.
#[derive(Clone)]
pub struct Addresses<'a> {
    envelope: &'a Envelope,
    range: Range<usize>,
}

impl<'a> Addresses<'a> {
    /// True when the list is `NIL` (or holds only `NIL` members).
    pub fn is_empty(&self) -> bool {
        self.range.is_empty()
    }

    /// The `k`th address left in the list.
    pub fn get(&self, k: usize) -> Option<AddressRef<'a>> {
        let index = self.range.start.checked_add(k)?;
        if index >= self.range.end {
            return None;
        }
        self.envelope.addresses.get(index).map(|spans| AddressRef {
            envelope: self.envelope,
            spans,
        })
    }
}

impl<'a> Iterator for Addresses<'a> {
    type Item = AddressRef<'a>;
    fn next(&mut self) -> Option<AddressRef<'a>> {
        let first = self.get(0)?;
        self.range.start += 1;
        Some(first)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.range.len(), Some(self.range.len()))
    }
}

impl ExactSizeIterator for Addresses<'_> {}

impl fmt::Debug for Addresses<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}

/// An `address` of an [`Envelope`]: display name, source route, mailbox
/// and host, `None` for `NIL`. A group start has no host and the group
/// name as mailbox; a group end has neither.
#[derive(Clone, Copy)]
pub struct AddressRef<'a> {
    envelope: &'a Envelope,
    spans: &'a [Span; 4],
}

impl<'a> AddressRef<'a> {
    /// `addr-name`: the display name.
    pub fn name(&self) -> Option<&'a [u8]> {
        self.envelope.get(self.spans[0])
    }

    /// `addr-adl`: the source route (obsolete).
    pub fn adl(&self) -> Option<&'a [u8]> {
        self.envelope.get(self.spans[1])
    }

    /// `addr-mailbox`: the local part, or a group's name.
    pub fn mailbox(&self) -> Option<&'a [u8]> {
        self.envelope.get(self.spans[2])
    }

    /// `addr-host`: the domain.
    pub fn host(&self) -> Option<&'a [u8]> {
        self.envelope.get(self.spans[3])
    }

    /// The address, owned (slices of the received envelope, not copies).
    pub fn to_address(&self) -> Address {
        let get = |k: usize| self.envelope.get_bytes(self.spans[k]);
        Address {
            name: get(0),
            adl: get(1),
            mailbox: get(2),
            host: get(3),
        }
    }

    fn values(&self) -> [Option<&'a [u8]>; 4] {
        [self.name(), self.adl(), self.mailbox(), self.host()]
    }
}

impl PartialEq for AddressRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.values() == other.values()
    }
}

impl PartialEq<Address> for AddressRef<'_> {
    fn eq(&self, other: &Address) -> bool {
        let theirs = [&other.name, &other.adl, &other.mailbox, &other.host].map(|v| v.as_deref());
        self.values() == theirs
    }
}

impl fmt::Debug for AddressRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.to_address(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &str) -> Option<Bytes> {
        Some(Bytes::copy_from_slice(s.as_bytes()))
    }

    fn fields() -> EnvelopeFields {
        let ann = Address {
            name: b("Ann"),
            adl: None,
            mailbox: b("ann"),
            host: b("x.org"),
        };
        let group = Address {
            mailbox: b("team"),
            ..Address::default()
        };
        EnvelopeFields {
            date: b("Mon, 1 Jan 2024 10:00:00 +0000"),
            subject: b(""),
            from: vec![ann.clone()],
            sender: vec![ann.clone()],
            reply_to: vec![],
            to: vec![group, Address::default(), ann],
            cc: vec![],
            bcc: vec![],
            in_reply_to: None,
            message_id: b("<1@x.org>"),
        }
    }

    #[test]
    fn built_from_fields_gives_them_back() {
        let f = fields();
        let e = Envelope::from(f.clone());
        assert_eq!(e.to_fields(), f);
        assert_eq!(e.subject(), Some(&b""[..]));
        assert_eq!(e.in_reply_to(), None);
        assert_eq!(e.to_list().len(), 3);
        assert_eq!(e.to_list().get(0).unwrap().host(), None);
        assert_eq!(e.to_list().get(0).unwrap().mailbox(), Some(&b"team"[..]));
        assert!(e.to_list().get(3).is_none());
        assert_eq!(e.from_list().next().unwrap(), f.from[0]);
        assert!(e.reply_to_list().is_empty());
        assert_eq!(format!("{e:?}"), format!("{f:?}"));
    }

    #[test]
    fn equality_is_by_value() {
        let e = Envelope::from(fields());
        assert_eq!(e, Envelope::from(fields()));
        let mut other = fields();
        other.to[2].host = b("y.org");
        assert_ne!(e, Envelope::from(other));
        let mut other = fields();
        other.subject = None;
        assert_ne!(e, Envelope::from(other));
        assert_eq!(
            Envelope::default(),
            Envelope::from(EnvelopeFields::default())
        );
    }

    #[test]
    fn spans_out_of_range_are_refused() {
        assert_eq!(Span::range(1 << 31, 1), None);
        assert_eq!(Span::range(0, u32::MAX as usize), None);
        assert_eq!(Span::range(5, 3), Some(Span { start: 5, len: 3 }));
    }
}
