//! Keywords matched without copying, allocating or backtracking: a word
//! is folded to upper case and packed into three integers by [`key`],
//! built in registers, so `match key(word) { EXISTS => .. }` compares a few
//! integers per arm.

/// A word of at most 23 bytes, upper-cased and packed with its length.
pub(crate) type Key = [u64; 3];

/// The key of `word`, for keyword constants (see [`key`]).
pub(crate) const fn key_const(word: &[u8]) -> Key {
    if word.len() > 23 {
        return [u64::MAX; 3];
    }
    let mut k = [0u64; 3];
    let mut i = 0;
    while i < word.len() {
        k[i / 8] |= (word[i].to_ascii_uppercase() as u64) << ((i % 8) * 8);
        i += 1;
    }
    k[2] |= (word.len() as u64) << 56;
    k
}

/// The key of `word`; words longer than any keyword get a key that
/// matches none. Loads the word eight bytes at a time straight from the
/// input and upper-cases it with integer arithmetic, so nothing goes
/// through memory. Equal to [`key_const`].
#[inline]
pub(crate) fn key(word: &[u8]) -> Key {
    let n = word.len();
    // Most keywords (OK, FETCH, EXISTS, UID, FLAGS, UIDNEXT...) are
    // shorter than eight bytes: one word.
    if n < 8 {
        return [upper8(load_tail(word)), 0, (n as u64) << 56];
    }
    key_long(word)
}

/// [`key`] of a word of eight bytes or more.
#[inline]
fn key_long(word: &[u8]) -> Key {
    let n = word.len();
    if n > 23 {
        return [u64::MAX; 3];
    }
    let mut k = [0u64; 3];
    let mut chunks = word.chunks_exact(8);
    let mut c = 0;
    for chunk in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        k[c] = upper8(u64::from_le_bytes(b));
        c += 1;
    }
    let tail = chunks.remainder();
    if let Some(slot) = k.get_mut(c) {
        *slot = upper8(load_tail(tail));
    }
    k[2] |= (n as u64) << 56;
    k
}

/// Up to 7 bytes as a little-endian integer, with overlapping loads.
#[inline]
fn load_tail(t: &[u8]) -> u64 {
    match *t {
        [] => 0,
        [a] => u64::from(a),
        [a, b] => u64::from(u16::from_le_bytes([a, b])),
        [a, b, c] => u64::from(u16::from_le_bytes([a, b])) | u64::from(c) << 16,
        [a, b, c, d, ..] => {
            let lo = u64::from(u32::from_le_bytes([a, b, c, d]));
            let n = t.len();
            let hi_bytes = [t[n - 4], t[n - 3], t[n - 2], t[n - 1]];
            lo | u64::from(u32::from_le_bytes(hi_bytes)) << ((n - 4) * 8)
        }
    }
}

/// ASCII upper case of eight packed bytes; bytes >= 0x80 are unchanged.
#[inline]
fn upper8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let low7 = x & !HIGH;
    let ge_a = low7 + ONES * (0x80 - 0x61);
    let gt_z = low7 + ONES * (0x80 - 0x7b);
    let lower = ge_a & !gt_z & !x & HIGH;
    x - (lower >> 2)
}

/// Declares the keyword constants.
macro_rules! keywords {
    ($($name:ident = $word:literal;)*) => {
        $(
            #[doc = concat!("The key of `", stringify!($name), "`.")]
            pub(crate) const $name: Key = key_const($word);
        )*
    };
}

keywords! {
    ACL = b"ACL";
    ALERT = b"ALERT";
    ALL = b"ALL";
    ALREADYEXISTS = b"ALREADYEXISTS";
    ANNOTATION = b"ANNOTATION";
    ANSWERED = b"ANSWERED";
    APPENDUID = b"APPENDUID";
    ARCHIVE = b"ARCHIVE";
    AUTHENTICATIONFAILED = b"AUTHENTICATIONFAILED";
    AUTHORIZATIONFAILED = b"AUTHORIZATIONFAILED";
    BAD = b"BAD";
    BADCHARSET = b"BADCHARSET";
    BYE = b"BYE";
    CANNOT = b"CANNOT";
    CAPABILITY = b"CAPABILITY";
    CHILDINFO = b"CHILDINFO";
    CLIENTBUG = b"CLIENTBUG";
    CLOSED = b"CLOSED";
    COMPRESSIONACTIVE = b"COMPRESSIONACTIVE";
    CONTACTADMIN = b"CONTACTADMIN";
    COPYUID = b"COPYUID";
    CORRUPTION = b"CORRUPTION";
    COUNT = b"COUNT";
    DELETED = b"DELETED";
    DRAFT = b"DRAFT";
    DRAFTS = b"DRAFTS";
    ENABLED = b"ENABLED";
    ESEARCH = b"ESEARCH";
    EXISTS = b"EXISTS";
    EXPIRED = b"EXPIRED";
    EXPUNGE = b"EXPUNGE";
    EXPUNGEISSUED = b"EXPUNGEISSUED";
    FETCH = b"FETCH";
    FLAGGED = b"FLAGGED";
    FLAGS = b"FLAGS";
    HASCHILDREN = b"HASCHILDREN";
    HASNOCHILDREN = b"HASNOCHILDREN";
    HIGHESTMODSEQ = b"HIGHESTMODSEQ";
    ID = b"ID";
    IMPORTANT = b"IMPORTANT";
    INUSE = b"INUSE";
    JUNK = b"JUNK";
    LIMIT = b"LIMIT";
    LIST = b"LIST";
    LISTRIGHTS = b"LISTRIGHTS";
    LSUB = b"LSUB";
    MARKED = b"MARKED";
    MAX = b"MAX";
    MESSAGES = b"MESSAGES";
    METADATA = b"METADATA";
    MIN = b"MIN";
    MODIFIED = b"MODIFIED";
    MODSEQ = b"MODSEQ";
    MYRIGHTS = b"MYRIGHTS";
    NAMESPACE = b"NAMESPACE";
    NO = b"NO";
    NOINFERIORS = b"NOINFERIORS";
    NOMODSEQ = b"NOMODSEQ";
    NONEXISTENT = b"NONEXISTENT";
    NOPERM = b"NOPERM";
    NOSELECT = b"NOSELECT";
    OK = b"OK";
    OLDNAME = b"OLDNAME";
    OVERQUOTA = b"OVERQUOTA";
    PARSE = b"PARSE";
    PERMANENTFLAGS = b"PERMANENTFLAGS";
    PREAUTH = b"PREAUTH";
    PRIVACYREQUIRED = b"PRIVACYREQUIRED";
    QUOTA = b"QUOTA";
    QUOTAROOT = b"QUOTAROOT";
    READ_ONLY = b"READ-ONLY";
    READ_WRITE = b"READ-WRITE";
    RECENT = b"RECENT";
    REMOTE = b"REMOTE";
    SEARCH = b"SEARCH";
    SEEN = b"SEEN";
    SENT = b"SENT";
    SERVERBUG = b"SERVERBUG";
    SIZE = b"SIZE";
    SORT = b"SORT";
    STATUS = b"STATUS";
    SUBSCRIBED = b"SUBSCRIBED";
    THREAD = b"THREAD";
    TRASH = b"TRASH";
    TRYCREATE = b"TRYCREATE";
    UID = b"UID";
    UIDNEXT = b"UIDNEXT";
    UIDNOTSTICKY = b"UIDNOTSTICKY";
    UIDVALIDITY = b"UIDVALIDITY";
    UNAVAILABLE = b"UNAVAILABLE";
    UNKNOWN_CTE = b"UNKNOWN-CTE";
    UNMARKED = b"UNMARKED";
    UNSEEN = b"UNSEEN";
    VANISHED = b"VANISHED";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_and_length_matters() {
        assert_eq!(key(b"exists"), EXISTS);
        assert_eq!(key(b"ExIsTs"), EXISTS);
        assert_ne!(key(b"EXIST"), EXISTS);
        assert_ne!(key(b"EXISTSS"), EXISTS);
        assert_eq!(key(b"authenticationfailed"), AUTHENTICATIONFAILED);
        assert_ne!(key(&[b'A'; 40]), key(&[b'A'; 41]).map(|x| !x));
        assert_ne!(key(b"OK\0"), OK);
    }

    #[test]
    fn runtime_key_equals_const_key() {
        for len in 0..30u8 {
            for start in 0u8..=255 {
                let w: Vec<u8> = (0..len)
                    .map(|i| start.wrapping_add(i.wrapping_mul(37)))
                    .collect();
                assert_eq!(key(&w), key_const(&w), "{w:?}");
            }
        }
        let w = "\u{fc}-{}[]`@_~az AZ".as_bytes();
        assert_eq!(key(w), key_const(w));
    }
}
