//! `sequence-set`, `seq-range`, `seq-number` (RFC 3501 section 9) and
//! `uid-set` (RFC 4315).

use std::fmt;
use std::str::FromStr;

/// `seq-number`: a message number or UID, or `*` for the largest in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SeqNumber {
    /// A non-zero number.
    Value(u32),
    /// `*`
    Largest,
}

impl SeqNumber {
    /// The number, with `*` standing for `largest`.
    pub fn resolve(self, largest: u32) -> u32 {
        match self {
            SeqNumber::Value(n) => n,
            SeqNumber::Largest => largest,
        }
    }
}

impl fmt::Display for SeqNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SeqNumber::Value(n) => write!(f, "{n}"),
            SeqNumber::Largest => f.write_str("*"),
        }
    }
}

/// `seq-range` or a single number (then `start == end`). Ranges are kept as
/// sent: `1:4294967295` is two numbers, never expanded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SeqRange {
    /// First end of the range as written.
    pub start: SeqNumber,
    /// Second end of the range as written (equal to `start` for a single number).
    pub end: SeqNumber,
}

impl SeqRange {
    /// A single number.
    pub fn single(n: u32) -> Self {
        SeqRange {
            start: SeqNumber::Value(n),
            end: SeqNumber::Value(n),
        }
    }

    /// `start:end`.
    pub fn range(start: u32, end: u32) -> Self {
        SeqRange {
            start: SeqNumber::Value(start),
            end: SeqNumber::Value(end),
        }
    }

    /// `start:*`.
    pub fn starting_at(start: u32) -> Self {
        SeqRange {
            start: SeqNumber::Value(start),
            end: SeqNumber::Largest,
        }
    }

    /// The lowest and highest number covered, `*` standing for `largest`.
    pub fn bounds(&self, largest: u32) -> (u32, u32) {
        let (a, b) = (self.start.resolve(largest), self.end.resolve(largest));
        (a.min(b), a.max(b))
    }

    /// True when `n` lies in the range.
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        let (a, b) = self.bounds(largest);
        a <= n && n <= b
    }

    fn has_zero(&self) -> bool {
        self.start == SeqNumber::Value(0) || self.end == SeqNumber::Value(0)
    }
}

impl fmt::Display for SeqRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.start == self.end {
            write!(f, "{}", self.start)
        } else {
            write!(f, "{}:{}", self.start, self.end)
        }
    }
}

/// `sequence-set`: one or more comma-separated numbers or ranges, e.g.
/// `1:3,6:9` or `3:*`. Never empty once constructed.
///
/// ```
/// use imap_proto::types::SequenceSet;
/// let set: SequenceSet = "1:3,6,9:*".parse().unwrap();
/// assert_eq!(set.to_string(), "1:3,6,9:*");
/// assert_eq!(set.iter(10).collect::<Vec<_>>(), [1, 2, 3, 6, 9, 10]);
/// assert!("1,,2".parse::<SequenceSet>().is_err());
/// assert_eq!(SequenceSet::from_numbers([1, 2, 3, 7]).to_string(), "1:3,7");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SequenceSet(pub Vec<SeqRange>);

/// Why a string is not a valid sequence set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid sequence set at byte {offset}")]
pub struct SequenceSetError {
    /// Where the problem is.
    pub offset: usize,
}

impl SequenceSet {
    /// One number.
    pub fn single(n: u32) -> Self {
        SequenceSet(vec![SeqRange::single(n)])
    }

    /// `start:end`.
    pub fn range(start: u32, end: u32) -> Self {
        SequenceSet(vec![SeqRange::range(start, end)])
    }

    /// `start:*`.
    pub fn starting_at(start: u32) -> Self {
        SequenceSet(vec![SeqRange::starting_at(start)])
    }

    /// `1:*`: every message.
    pub fn all() -> Self {
        Self::starting_at(1)
    }

    /// The shortest set of ranges for `numbers` taken in order (runs of
    /// consecutive numbers become ranges).
    pub fn from_numbers(numbers: impl IntoIterator<Item = u32>) -> Self {
        let mut out: Vec<SeqRange> = Vec::new();
        for n in numbers {
            if let Some(last) = out.last_mut() {
                if let (SeqNumber::Value(a), SeqNumber::Value(b)) = (last.start, last.end) {
                    if b.checked_add(1) == Some(n) && a <= b {
                        last.end = SeqNumber::Value(n);
                        continue;
                    }
                }
            }
            out.push(SeqRange::single(n));
        }
        SequenceSet(out)
    }

    /// The ranges, as written.
    pub fn ranges(&self) -> &[SeqRange] {
        &self.0
    }

    /// True when the set is valid to send: not empty, no 0.
    pub fn is_valid(&self) -> bool {
        !self.0.is_empty() && !self.0.iter().any(SeqRange::has_zero)
    }

    /// True when `n` is in the set, `*` standing for `largest`.
    pub fn contains(&self, n: u32, largest: u32) -> bool {
        self.0.iter().any(|r| r.contains(n, largest))
    }

    /// The numbers, range by range in the order written, each range
    /// ascending, `*` standing for `largest` (a range with `*` is empty when
    /// `largest` is 0). Lazy: `1:4294967295` costs nothing until iterated.
    /// Numbers are not deduplicated.
    pub fn iter(&self, largest: u32) -> impl Iterator<Item = u32> + '_ {
        self.0.iter().flat_map(move |r| {
            let star = r.start == SeqNumber::Largest || r.end == SeqNumber::Largest;
            let (a, b) = r.bounds(largest);
            // With `*` in an empty mailbox the range is empty.
            let skip = star && largest == 0;
            (a..=b).take(if skip { 0 } else { usize::MAX })
        })
    }
}

impl From<u32> for SequenceSet {
    fn from(n: u32) -> Self {
        SequenceSet::single(n)
    }
}

impl From<SeqRange> for SequenceSet {
    fn from(r: SeqRange) -> Self {
        SequenceSet(vec![r])
    }
}

impl fmt::Display for SequenceSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, r) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{r}")?;
        }
        Ok(())
    }
}

fn seq_number(s: &str, offset: usize) -> Result<SeqNumber, SequenceSetError> {
    if s == "*" {
        return Ok(SeqNumber::Largest);
    }
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(SequenceSetError { offset });
    }
    match s.parse::<u32>() {
        Ok(n) if n > 0 => Ok(SeqNumber::Value(n)),
        _ => Err(SequenceSetError { offset }),
    }
}

impl FromStr for SequenceSet {
    type Err = SequenceSetError;

    /// Parses `1`, `2:4`, `1:3,6:9`, `3:*`: no spaces, no 0, no empty item.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut ranges = Vec::new();
        let mut offset = 0;
        for item in s.split(',') {
            let range = match item.split_once(':') {
                Some((a, b)) => SeqRange {
                    start: seq_number(a, offset)?,
                    end: seq_number(b, offset + a.len() + 1)?,
                },
                None => {
                    let n = seq_number(item, offset)?;
                    SeqRange { start: n, end: n }
                }
            };
            ranges.push(range);
            offset += item.len() + 1;
        }
        Ok(SequenceSet(ranges))
    }
}

impl TryFrom<&str> for SequenceSet {
    type Error = SequenceSetError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_imaplib_forms() {
        for s in ["1", "2:4", "1:3,6:9", "3:*", "*", "*:4", "4294967295"] {
            let set: SequenceSet = s.parse().unwrap();
            assert!(set.is_valid());
            assert_eq!(set.to_string(), s);
        }
        assert_eq!(
            "2:4".parse::<SequenceSet>().unwrap(),
            SequenceSet::range(2, 4)
        );
        assert_eq!(
            "3:*".parse::<SequenceSet>().unwrap(),
            SequenceSet::starting_at(3)
        );
    }

    #[test]
    fn rejects_bad_forms() {
        for s in [
            "",
            "0",
            "1:0",
            "1,",
            ",1",
            "1::2",
            "a",
            "1 2",
            "-1",
            "+1",
            "4294967296",
            "1:2:3",
            "1\r\n",
        ] {
            assert!(s.parse::<SequenceSet>().is_err(), "{s:?}");
        }
        assert_eq!("1,x".parse::<SequenceSet>().unwrap_err().offset, 2);
    }

    #[test]
    fn iterates_lazily() {
        let huge = SequenceSet::range(1, u32::MAX);
        assert_eq!(huge.iter(0).take(3).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(
            SequenceSet::range(4, 2).iter(0).collect::<Vec<_>>(),
            [2, 3, 4]
        );
        assert_eq!(SequenceSet::all().iter(0).count(), 0);
        assert!(huge.contains(u32::MAX, 0));
        assert!(!SequenceSet::starting_at(5).contains(4, 10));
        assert!(SequenceSet::starting_at(5).contains(10, 10));
    }

    #[test]
    fn from_numbers_compresses() {
        assert_eq!(
            SequenceSet::from_numbers([5, 6, 7, 1, u32::MAX]).to_string(),
            "5:7,1,4294967295"
        );
        assert!(!SequenceSet::from_numbers([]).is_valid());
        assert!(!SequenceSet::single(0).is_valid());
    }
}
