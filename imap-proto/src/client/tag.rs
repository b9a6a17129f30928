//! Command tags: an unpredictable per-connection prefix, as imaplib's
//! `Int2AP` of a random number, followed by a counter.
//!
//! imaplib draws a random number and writes it with the letters `A` to `P`
//! (one letter per nibble). Here the number comes from
//! [`ClientOptions::random_seed`](super::ClientOptions::random_seed), hashed
//! so that the seed itself never appears on the wire. A server (or anyone
//! injecting bytes into a plaintext connection) cannot guess the tag of a
//! command it has not seen yet.

use sha2::{Digest, Sha256};

/// Hands out the tags of one connection: `<prefix><counter>`, e.g.
/// `KJBPNAGD1`: 8 letters from `A` to `P` (31 random bits), then a decimal
/// counter from 1.
#[derive(Clone, Debug)]
pub(crate) struct TagGenerator {
    prefix: String,
    next: u64,
}

impl TagGenerator {
    /// A generator whose prefix is derived from `seed`.
    pub(crate) fn new(seed: &[u8; 32]) -> Self {
        let digest = Sha256::new()
            .chain_update(b"imap-proto tag prefix")
            .chain_update(seed)
            .finalize();
        let random = u32::from_be_bytes([digest[0], digest[1], digest[2], digest[3]]);
        // The top bit set: always eight letters.
        TagGenerator {
            prefix: int2ap(u64::from(random | 0x8000_0000)),
            next: 1,
        }
    }

    /// The next tag.
    pub(crate) fn next_tag(&mut self) -> String {
        let n = self.next;
        self.next = self.next.wrapping_add(1);
        format!("{}{n}", self.prefix)
    }

    /// The per-connection prefix.
    #[cfg(test)]
    pub(crate) fn prefix(&self) -> &[u8] {
        self.prefix.as_bytes()
    }
}

/// imaplib's `Int2AP` digit: 0 is `A`, 15 is `P`.
fn int2ap_letter(nibble: u8) -> u8 {
    b"ABCDEFGHIJKLMNOP"[usize::from(nibble & 0x0f)]
}

/// imaplib's `Int2AP(num)`: the number written in base 16 with the digits
/// `A` to `P`, most significant first (`0` is the empty string, as in imaplib).
pub(crate) fn int2ap(mut num: u64) -> String {
    let mut out = Vec::new();
    while num > 0 {
        out.push(int2ap_letter((num & 0x0f) as u8));
        num >>= 4;
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int2ap_matches_imaplib() {
        // imaplib.Int2AP(0x1234) == b'BCDE'
        assert_eq!(int2ap(0x1234), "BCDE");
        assert_eq!(int2ap(15), "P");
        assert_eq!(int2ap(0), "");
    }

    #[test]
    fn prefix_depends_on_seed_and_counter_increments() {
        let mut a = TagGenerator::new(&[1; 32]);
        let b = TagGenerator::new(&[2; 32]);
        assert_ne!(a.prefix(), b.prefix());
        assert!(a.prefix().iter().all(|c| (b'A'..=b'P').contains(c)));
        let t1 = a.next_tag();
        let t2 = a.next_tag();
        assert!(t1.ends_with('1') && t2.ends_with('2'));
        assert_eq!(&t1.as_bytes()[..8], a.prefix());
        // The seed itself is not the prefix.
        assert_eq!(a.prefix().len(), 8);
    }
}
