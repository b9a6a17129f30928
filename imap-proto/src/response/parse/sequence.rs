//! `sequence-set` (RFC 3501 section 9), `uid-set` (RFC 4315) and the
//! `VANISHED` response (RFC 7162). Ranges are kept as written, never
//! expanded: `1:4294967295` is two numbers.

use super::core::{keyword, nz_number, sp, PResult};
use super::raw::{chr, skip_sp};
use crate::response::Untagged;
use crate::types::{SeqNumber, SeqRange, SequenceSet};

/// `seq-number = nz-number / "*"`
pub(crate) fn seq_number(i: &[u8]) -> PResult<'_, SeqNumber> {
    match i.split_first() {
        Some((b'*', rest)) => Ok((rest, SeqNumber::Largest)),
        _ => nz_number(i).map(|(r, n)| (r, SeqNumber::Value(n))),
    }
}

/// `sequence-set = (seq-number / seq-range) ["," sequence-set]`, with
/// `seq-range = seq-number ":" seq-number`. Also parses `uid-set`
/// (RFC 4315), which is the same without `*`. Iterative, so a long set
/// cannot deepen the stack.
pub(crate) fn sequence_set(i: &[u8]) -> PResult<'_, SequenceSet> {
    let mut ranges = Vec::with_capacity(4);
    let mut i = i;
    loop {
        let (rest, start) = seq_number(i)?;
        let (rest, end) = match rest.split_first() {
            Some((b':', r)) => seq_number(r)?,
            _ => (rest, start),
        };
        ranges.push(SeqRange { start, end });
        match rest.split_first() {
            Some((b',', r)) => i = r,
            _ => return Ok((rest, SequenceSet(ranges))),
        }
    }
}

/// `expunged-resp = "VANISHED" [SP "(EARLIER)"] SP known-uids` (RFC 7162),
/// from after the keyword.
pub(crate) fn expunged_resp(i: &[u8]) -> PResult<'_, Untagged> {
    let (i, ()) = sp(i)?;
    let (i, earlier) = if i.first() == Some(&b'(') {
        let (j, ()) = keyword("EARLIER")(skip_sp(&i[1..]))?;
        let (j, ()) = chr(skip_sp(j), b')')?;
        let (j, ()) = sp(j)?;
        (j, true)
    } else {
        (i, false)
    };
    let (i, uids) = sequence_set(i)?;
    Ok((i, Untagged::Vanished { earlier, uids }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(a: u32, b: u32) -> SeqRange {
        SeqRange {
            start: SeqNumber::Value(a),
            end: SeqNumber::Value(b),
        }
    }

    #[test]
    fn set_with_ranges_and_star() {
        let (rest, s) = sequence_set(b"1:3,6,9:* x").unwrap();
        assert_eq!(rest, b" x");
        assert_eq!(
            s,
            SequenceSet(vec![
                r(1, 3),
                r(6, 6),
                SeqRange {
                    start: SeqNumber::Value(9),
                    end: SeqNumber::Largest
                }
            ])
        );
    }

    #[test]
    fn full_range_is_never_expanded() {
        let (_, s) = sequence_set(b"1:4294967295").unwrap();
        assert_eq!(s, SequenceSet(vec![r(1, u32::MAX)]));
    }

    #[test]
    fn zero_and_overflow_are_errors() {
        assert!(sequence_set(b"0").is_err());
        assert!(sequence_set(b"1:4294967296").is_err());
    }

    #[test]
    fn vanished_forms() {
        // RFC 7162 section 3.2.10
        let (_, v) = expunged_resp(b" (EARLIER) 300:310,405,411").unwrap();
        assert_eq!(
            v,
            Untagged::Vanished {
                earlier: true,
                uids: SequenceSet(vec![r(300, 310), r(405, 405), r(411, 411)])
            }
        );
        let (_, v) = expunged_resp(b" 405,407").unwrap();
        assert_eq!(
            v,
            Untagged::Vanished {
                earlier: false,
                uids: SequenceSet(vec![r(405, 405), r(407, 407)])
            }
        );
    }
}
