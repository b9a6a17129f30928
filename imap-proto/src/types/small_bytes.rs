//! [`SmallBytes`]: a byte string kept inline when short, a shared [`Bytes`]
//! slice otherwise.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use bytes::Bytes;

/// How many bytes are held inline: what fits, with the length, beside the
/// non-null pointer of a `Bytes` handle, so that a `SmallBytes` takes no
/// more room than a `Bytes` (a larger one makes every response larger,
/// and moving responses costs more than the reference counts saved).
const INLINE_CAPACITY: usize = 23;

/// A byte string that is usually short: a response's tag and its status or
/// continuation text. Up to [`SmallBytes::INLINE_CAPACITY`] bytes are kept inline,
/// longer ones as a zero-copy [`Bytes`] slice of the receive buffer.
///
/// Why not `Bytes` everywhere: every `Bytes` slice costs two atomic
/// reference-count updates (one to make it, one to drop it), which cost
/// more than copying a dozen bytes. A tagged `A0042 OK NOOP completed`
/// would pay for three handles (the response, its tag, its text); with
/// `SmallBytes` it pays for one. Literal and string data (bodies, mailbox
/// names, envelope fields) stay `Bytes` slices, never copied.
///
/// It derefs to `[u8]`, compares by content (however it is stored) with
/// byte slices, arrays, `str` and `Bytes`, and converts both ways.
///
/// ```
/// use bytes::Bytes;
/// use imap_proto::types::SmallBytes;
///
/// let tag = SmallBytes::from("A0001");
/// assert_eq!(tag, "A0001");
/// assert_eq!(&tag[..], b"A0001");
/// assert!(tag.starts_with(b"A0"));
/// assert_eq!(Bytes::from(tag), Bytes::from_static(b"A0001"));
///
/// let long = SmallBytes::from(Bytes::from(vec![b'x'; 100]));
/// assert_eq!(long.len(), 100);
/// ```
#[derive(Clone)]
pub struct SmallBytes(Repr);

#[derive(Clone)]
enum Repr {
    Inline {
        len: u8,
        data: [u8; INLINE_CAPACITY],
    },
    Shared(Bytes),
}

impl SmallBytes {
    /// How many bytes are held inline; longer byte strings are `Bytes`.
    pub const INLINE_CAPACITY: usize = INLINE_CAPACITY;

    /// The empty byte string.
    pub const fn new() -> Self {
        SmallBytes(Repr::Inline {
            len: 0,
            data: [0; INLINE_CAPACITY],
        })
    }

    /// A copy of `data`: inline when it fits, else in a new `Bytes`.
    #[inline]
    pub fn copy_from_slice(data: &[u8]) -> Self {
        match inline(data) {
            Some(small) => small,
            None => SmallBytes(Repr::Shared(Bytes::copy_from_slice(data))),
        }
    }

    /// `data` kept as it is when it is longer than [`SmallBytes::INLINE_CAPACITY`];
    /// copied inline (and the handle dropped) when it is shorter. `shared`
    /// makes the handle only when it is needed, as the parser does.
    #[inline(always)]
    pub(crate) fn from_slice_or(data: &[u8], shared: impl FnOnce() -> Bytes) -> Self {
        match inline(data) {
            Some(small) => small,
            None => SmallBytes(Repr::Shared(shared())),
        }
    }

    /// The bytes as a `Bytes`: the same slice when shared, a copy when
    /// inline.
    pub fn to_bytes(&self) -> Bytes {
        match &self.0 {
            Repr::Shared(b) => b.clone(),
            Repr::Inline { .. } => Bytes::copy_from_slice(self),
        }
    }

    /// True when the bytes are held inline (short), false when they are a
    /// shared `Bytes` slice.
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline { .. })
    }
}

/// `data` inline, when it fits. Copies of 8 or more bytes are two
/// constant-size copies (the second overlapping the first), inline stores
/// rather than a call to `memcpy`.
#[inline(always)]
fn inline(data: &[u8]) -> Option<SmallBytes> {
    #[inline(always)]
    fn two<const N: usize>(out: &mut [u8; INLINE_CAPACITY], data: &[u8]) {
        let n = data.len();
        out[..N].copy_from_slice(&data[..N]);
        out[n - N..n].copy_from_slice(&data[n - N..]);
    }
    let n = data.len();
    if n > INLINE_CAPACITY {
        return None;
    }
    let mut out = [0; INLINE_CAPACITY];
    if n >= 16 {
        two::<16>(&mut out, data);
    } else if n >= 8 {
        two::<8>(&mut out, data);
    } else if n >= 4 {
        two::<4>(&mut out, data);
    } else {
        out[..n].copy_from_slice(data);
    }
    Some(SmallBytes(Repr::Inline {
        len: n as u8,
        data: out,
    }))
}

impl Deref for SmallBytes {
    type Target = [u8];

    #[inline]
    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Inline { len, data } => &data[..usize::from(*len).min(INLINE_CAPACITY)],
            Repr::Shared(b) => b,
        }
    }
}

impl Default for SmallBytes {
    fn default() -> Self {
        SmallBytes::new()
    }
}

impl AsRef<[u8]> for SmallBytes {
    fn as_ref(&self) -> &[u8] {
        self
    }
}

impl Borrow<[u8]> for SmallBytes {
    fn borrow(&self) -> &[u8] {
        self
    }
}

impl fmt::Debug for SmallBytes {
    /// Like `Bytes`: `b"..."` with non-printable bytes escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "b\"{}\"", self.escape_ascii())
    }
}

impl PartialEq for SmallBytes {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for SmallBytes {}

impl Hash for SmallBytes {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (**self).hash(state);
    }
}

impl PartialOrd for SmallBytes {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SmallBytes {
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for SmallBytes {
            fn eq(&self, other: &$t) -> bool {
                **self == *AsRef::<[u8]>::as_ref(other)
            }
        }
        impl PartialEq<SmallBytes> for $t {
            fn eq(&self, other: &SmallBytes) -> bool {
                *AsRef::<[u8]>::as_ref(self) == **other
            }
        }
    )*};
}

eq_with!([u8], &[u8], str, &str, Bytes, Vec<u8>, String);

impl<const N: usize> PartialEq<[u8; N]> for SmallBytes {
    fn eq(&self, other: &[u8; N]) -> bool {
        **self == other[..]
    }
}

impl<const N: usize> PartialEq<&[u8; N]> for SmallBytes {
    fn eq(&self, other: &&[u8; N]) -> bool {
        **self == other[..]
    }
}

impl From<Bytes> for SmallBytes {
    /// Keeps `b` as it is (shared, not copied), however short.
    fn from(b: Bytes) -> Self {
        SmallBytes(Repr::Shared(b))
    }
}

impl From<SmallBytes> for Bytes {
    /// The same slice when shared; a copy when inline.
    fn from(s: SmallBytes) -> Self {
        match s.0 {
            Repr::Shared(b) => b,
            Repr::Inline { .. } => Bytes::copy_from_slice(&s),
        }
    }
}

impl From<&[u8]> for SmallBytes {
    fn from(s: &[u8]) -> Self {
        SmallBytes::copy_from_slice(s)
    }
}

impl<const N: usize> From<&[u8; N]> for SmallBytes {
    fn from(s: &[u8; N]) -> Self {
        SmallBytes::copy_from_slice(s)
    }
}

impl From<&str> for SmallBytes {
    fn from(s: &str) -> Self {
        SmallBytes::copy_from_slice(s.as_bytes())
    }
}

impl From<Vec<u8>> for SmallBytes {
    /// Inline when short; otherwise the vector becomes the `Bytes`
    /// (no copy).
    fn from(v: Vec<u8>) -> Self {
        match inline(&v) {
            Some(small) => small,
            None => SmallBytes(Repr::Shared(Bytes::from(v))),
        }
    }
}

impl From<String> for SmallBytes {
    fn from(s: String) -> Self {
        SmallBytes::from(s.into_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn takes_the_room_of_a_bytes_handle() {
        assert_eq!(
            std::mem::size_of::<SmallBytes>(),
            std::mem::size_of::<Bytes>()
        );
    }

    #[test]
    fn short_is_inline_long_is_shared_and_both_compare_by_content() {
        let short = SmallBytes::copy_from_slice(b"A0001");
        assert!(short.is_inline());
        assert_eq!(short, SmallBytes::from(Bytes::from_static(b"A0001")));
        assert!(!SmallBytes::from(Bytes::from_static(b"A0001")).is_inline());
        let long = SmallBytes::copy_from_slice(&[b'y'; INLINE_CAPACITY + 1]);
        assert!(!long.is_inline());
        assert_eq!(long.len(), INLINE_CAPACITY + 1);
        assert_eq!(SmallBytes::new(), "");
        assert_eq!(SmallBytes::default().len(), 0);
        assert_eq!(format!("{short:?}"), "b\"A0001\"");
        assert_eq!(
            format!("{:?}", SmallBytes::from("a\r\n\u{e9}")),
            "b\"a\\r\\n\\xc3\\xa9\""
        );
    }

    #[test]
    fn a_long_slice_keeps_the_handle_it_was_given() {
        let base = Bytes::from(vec![b'z'; 100]);
        let sub = base.slice(10..90);
        let small = SmallBytes::from_slice_or(&sub, || sub.clone());
        assert_eq!(small.as_ptr(), sub.as_ptr());
        let short = base.slice(0..5);
        let small = SmallBytes::from_slice_or(&short, || unreachable!());
        assert_ne!(small.as_ptr(), short.as_ptr());
    }

    proptest! {
        #[test]
        fn every_length_round_trips(data in proptest::collection::vec(any::<u8>(), 0..80)) {
            let s = SmallBytes::copy_from_slice(&data);
            prop_assert_eq!(&s[..], &data[..]);
            prop_assert_eq!(s.is_inline(), data.len() <= INLINE_CAPACITY);
            prop_assert_eq!(&Bytes::from(s.clone())[..], &data[..]);
            prop_assert_eq!(&s.to_bytes()[..], &data[..]);
            prop_assert_eq!(SmallBytes::from(data.clone()), s.clone());
            prop_assert_eq!(SmallBytes::from(Bytes::from(data.clone())), s);
        }
    }
}
