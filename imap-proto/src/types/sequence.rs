//! `sequence-set`, `seq-range`, `seq-number` (RFC 3501 section 9) and
//! `uid-set` (RFC 4315).

/// `seq-number`: a message number or UID, or `*` for the largest in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SeqNumber {
    /// A non-zero number.
    Value(u32),
    /// `*`
    Largest,
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

/// `sequence-set`: one or more comma-separated numbers or ranges, e.g.
/// `1:3,6:9` or `3:*`. Never empty once constructed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SequenceSet(pub Vec<SeqRange>);
