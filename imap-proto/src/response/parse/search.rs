//! `SEARCH` and `SORT` data with CONDSTORE's `(MODSEQ n)` (RFC 3501, 5256,
//! 7162), `ESEARCH` (RFC 4731, 9051) and `THREAD` (RFC 5256).

use super::core::{
    astring, atom, keyword, number, number64, opt_sp, short_number, sp, Ctx, PResult,
};
use super::kw;
use super::raw::{chr, raw_value, skip_sp};
use super::sequence::sequence_set;
use crate::response::{ESearch, ESearchItem, SearchResult, Thread};

/// `mailbox-data =/ "SEARCH" *(SP nz-number) [SP "(" "MODSEQ" SP
/// mod-sequence-value ")"]` (RFC 3501, 7162), from after the keyword; also
/// `sort-data` (RFC 5256), which is the same after `SORT`.
///
/// The numbers are read into a vector sized by counting the spaces first
/// (memchr), so a million numbers cost one allocation of just their size.
/// (Sized from the line's length instead, it was larger than needed, and
/// an allocation that size came from fresh pages more often: a SEARCH of a
/// million numbers on a new connection went from 1,200 to 800 MB/s.)
/// Extra and trailing spaces are tolerated; 0 is accepted.
pub(crate) fn search_data(i: &[u8]) -> PResult<'_, SearchResult> {
    // `i` is the rest of one framed response: its spaces bound the count
    // of numbers (no separate search for the line end).
    let mut numbers = Vec::with_capacity(memchr::memchr_iter(b' ', i).count());
    let k = spaced_numbers(i, &mut numbers);
    let (rest, modseq) = search_tail(&i[k..], &mut numbers)?;
    Ok((rest, SearchResult { numbers, modseq }))
}

/// What [`spaced_numbers`] left (the last bytes of the line, or a token
/// that is no number, a `(` say): numbers, then the `(MODSEQ n)`, if any.
fn search_tail<'a>(mut i: &'a [u8], numbers: &mut Vec<u32>) -> PResult<'a, Option<u64>> {
    loop {
        i = skip_sp(i);
        match i.first() {
            Some(c) if c.is_ascii_digit() => {
                let (rest, n) = number(i)?;
                numbers.push(n);
                i = rest;
            }
            Some(b'(') => return search_modseq(i).map(|(rest, m)| (rest, Some(m))),
            _ => return Ok((i, None)),
        }
    }
}

/// Reads the numbers that end at a space, from the start of `i`, into
/// `numbers`, up to the first token that is not one (a `(`, say) or the
/// last eight bytes; returns where it stopped (the start of a token).
///
/// The spaces are found eight bytes at a time, apart from the numbers, so
/// that where a number starts never waits on reading the one before: the
/// reads of successive numbers overlap (a loop that reads a number to find
/// where the next starts is bound by that chain's latency).
fn spaced_numbers(i: &[u8], numbers: &mut Vec<u32>) -> usize {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let mut start = 0;
    let mut base = 0;
    while let Some(word) = i.get(base..base + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        // The high bit of each byte of `w` that is a space (exact: no
        // borrow crosses bytes).
        let x = w ^ 0x2020_2020_2020_2020;
        let mut spaces = !(((x & LOW7) + LOW7) | x) & !LOW7;
        while spaces != 0 {
            let end = base + (spaces.trailing_zeros() / 8) as usize;
            spaces &= spaces - 1;
            if end > start {
                // The token must be a number that ends at the space: up to
                // seven digits in one word, longer ones through `number`.
                match i.get(start..start + 8).and_then(short_number) {
                    Some((n, len)) if start + len == end => numbers.push(n),
                    _ => match number(&i[start..]) {
                        Ok((rest, n)) if i.len() - rest.len() == end => numbers.push(n),
                        _ => return start,
                    },
                }
            }
            start = end + 1;
        }
        base += 8;
    }
    start
}

/// `"(" "MODSEQ" SP mod-sequence-value ")"` (RFC 7162).
fn search_modseq(i: &[u8]) -> PResult<'_, u64> {
    let (i, ()) = chr(i, b'(')?;
    let (i, ()) = keyword("MODSEQ")(skip_sp(i))?;
    let (i, ()) = sp(i)?;
    let (i, n) = number64(i)?;
    let (i, ()) = chr(skip_sp(i), b')')?;
    Ok((i, n))
}

/// `esearch-response = "ESEARCH" [search-correlator] [SP "UID"]
/// *(SP search-return-data)` (RFC 4731, 9051), from after the keyword, with
/// `search-correlator = SP "(" "TAG" SP tag-string ")"`. Items other than
/// MIN, MAX, ALL, COUNT and MODSEQ are kept raw.
pub(crate) fn esearch_response<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, ESearch> {
    let mut out = ESearch {
        tag: None,
        uid: false,
        items: Vec::new(),
    };
    let mut i = i;
    let j = skip_sp(i);
    if j.first() == Some(&b'(') {
        let (r, tag) = search_correlator(ctx, j)?;
        out.tag = Some(tag);
        i = r;
    }
    loop {
        let j = skip_sp(i);
        if j.len() == i.len() {
            return Ok((i, out));
        }
        let Ok((r, name)) = atom(j) else {
            return Ok((i, out));
        };
        let key = kw::key(name);
        if key == kw::UID {
            out.uid = true;
            i = r;
            continue;
        }
        let (r, ()) = sp(r)?;
        let (r, item) = match key {
            kw::MIN => number(r).map(|(r, n)| (r, ESearchItem::Min(n)))?,
            kw::MAX => number(r).map(|(r, n)| (r, ESearchItem::Max(n)))?,
            kw::COUNT => number(r).map(|(r, n)| (r, ESearchItem::Count(n)))?,
            kw::ALL => sequence_set(r).map(|(r, s)| (r, ESearchItem::All(s)))?,
            kw::MODSEQ => number64(r).map(|(r, n)| (r, ESearchItem::ModSeq(n)))?,
            _ => {
                let (r, v) = raw_value(r)?;
                (
                    r,
                    ESearchItem::Other {
                        name: ctx.bytes(name),
                        value: ctx.bytes(v),
                    },
                )
            }
        };
        out.items.push(item);
        i = r;
    }
}

/// `search-correlator = SP "(" "TAG" SP tag-string ")"`, from the `(`.
fn search_correlator<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, bytes::Bytes> {
    let (i, ()) = chr(i, b'(')?;
    let (i, ()) = keyword("TAG")(skip_sp(i))?;
    let (i, ()) = sp(i)?;
    let (i, tag) = astring(ctx, i)?;
    let (i, ()) = chr(skip_sp(i), b')')?;
    Ok((i, tag))
}

/// `thread-data = "THREAD" [SP 1*thread-list]` (RFC 5256), from after the
/// keyword. Spaces between thread lists are tolerated.
pub(crate) fn thread_data<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Thread>> {
    let mut threads = Vec::new();
    let mut i = i;
    loop {
        let j = skip_sp(i);
        if j.first() != Some(&b'(') {
            return Ok((i, threads));
        }
        let (r, t) = thread_list(ctx, j)?;
        threads.push(t);
        i = r;
    }
}

/// `thread-list = "(" (thread-members / thread-nested) ")"` with
/// `thread-members = nz-number *(SP nz-number) [SP thread-nested]` and
/// `thread-nested = 2*thread-list`. Recursive, through `ctx.nested`, so
/// the depth is bounded by [`crate::Limits::max_depth`].
pub(crate) fn thread_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Thread> {
    let (i, ()) = chr(i, b'(')?;
    ctx.nested(i, |i| {
        let mut t = Thread::default();
        let mut i = skip_sp(i);
        while i.first().is_some_and(u8::is_ascii_digit) {
            let (r, n) = number(i)?;
            t.messages.push(n);
            i = skip_sp(r);
        }
        while i.first() == Some(&b'(') {
            let (r, child) = thread_list(ctx, i)?;
            t.children.push(child);
            i = skip_sp(r);
        }
        let (i, ()) = opt_sp(i)?;
        let (i, ()) = chr(i, b')')?;
        Ok((i, t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{SeqNumber, SeqRange, SequenceSet};
    use bytes::Bytes;

    fn search(s: &[u8]) -> (SearchResult, &[u8]) {
        let (rest, v) = search_data(s).unwrap();
        (v, rest)
    }

    #[test]
    fn rfc3501_search() {
        // RFC 3501 7.2.5
        let (r, rest) = search(b" 2 3 6\r\n");
        assert_eq!(
            r,
            SearchResult {
                numbers: vec![2, 3, 6],
                modseq: None
            }
        );
        assert_eq!(rest, b"\r\n");
        assert_eq!(search(b"\r\n").0, SearchResult::default());
    }

    /// The numbers of `line` read one byte at a time: the reference.
    fn naive(line: &[u8]) -> Option<Vec<u32>> {
        let body = line.strip_suffix(b"\r\n")?;
        let body = match body.iter().position(|&b| b == b'(') {
            Some(p) => &body[..p],
            None => body,
        };
        body.split(|&b| b == b' ')
            .filter(|t| !t.is_empty())
            .map(|t| std::str::from_utf8(t).ok()?.parse::<u32>().ok())
            .collect()
    }

    proptest::proptest! {
        /// The word-at-a-time reading gives what reading byte by byte
        /// gives, whatever the lengths, spacing and an 8-bit or too large
        /// number in the middle.
        #[test]
        fn numbers_read_like_the_reference(
            tokens in proptest::collection::vec(
                (
                    proptest::prop_oneof![
                        60 => 0u64..10_000_000,
                        30 => 0u64..=u64::from(u32::MAX),
                        1 => 0u64..20_000_000_000,
                    ],
                    1usize..4,
                    0u8..200,
                ),
                0..40,
            ),
            modseq in proptest::option::of(0u64..1 << 40),
        ) {
            let mut line = Vec::new();
            for (n, spaces, odd) in &tokens {
                line.extend(std::iter::repeat_n(b' ', *spaces));
                match odd {
                    0 => line.extend_from_slice(b"12\xe93"),
                    1..=9 => line.extend_from_slice(format!("000{n}").as_bytes()),
                    _ => line.extend_from_slice(n.to_string().as_bytes()),
                }
            }
            if let Some(m) = modseq {
                line.extend_from_slice(format!(" (MODSEQ {m})").as_bytes());
            }
            line.extend_from_slice(b"\r\n");
            let got = search_data(&line);
            match naive(&line) {
                Some(numbers) => {
                    let (rest, r) = got.unwrap();
                    proptest::prop_assert_eq!(rest, b"\r\n");
                    proptest::prop_assert_eq!(r.numbers, numbers);
                    proptest::prop_assert_eq!(r.modseq, modseq);
                }
                // An 8-bit byte stops the numbers short (the caller fails
                // on what is left), a number past u32 is an error.
                None => proptest::prop_assert!(got.is_err() || got.unwrap().0 != b"\r\n"),
            }
        }
    }

    #[test]
    fn search_quirks() {
        assert_eq!(search(b" 2  84 882 \r\n").0.numbers, vec![2, 84, 882]);
        assert_eq!(search(b" 4294967295\r\n").0.numbers, vec![u32::MAX]);
        assert!(search_data(b" 4294967296\r\n").is_err());
    }

    #[test]
    fn search_with_modseq() {
        // RFC 7162 section 3.1.5
        let (r, rest) = search(b" 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n");
        assert_eq!(r.numbers, vec![2, 5, 6, 7, 11, 12, 18, 19, 20, 23]);
        assert_eq!(r.modseq, Some(917162500));
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn numbers_of_every_length() {
        assert_eq!(
            search_data(b" 1 22 333 4444 55555 666666 7777777 88888888 999999999 4294967295\r\n")
                .unwrap()
                .1
                .numbers,
            [
                1,
                22,
                333,
                4444,
                55555,
                666666,
                7777777,
                88888888,
                999999999,
                u32::MAX
            ]
        );
    }

    #[test]
    fn big_search() {
        let mut line = Vec::new();
        for n in 1..=100_000u32 {
            line.extend_from_slice(format!(" {n}").as_bytes());
        }
        line.extend_from_slice(b"\r\n");
        let (r, _) = search(&line);
        assert_eq!(r.numbers.len(), 100_000);
        assert_eq!(r.numbers.capacity(), 100_000);
        assert_eq!(r.numbers[99_999], 100_000);
    }

    fn esearch(s: &'static [u8]) -> ESearch {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, v) = esearch_response(&ctx, s).unwrap();
        assert_eq!(skip_sp(rest), b"\r\n");
        v
    }

    fn set(pairs: &[(u32, u32)]) -> SequenceSet {
        SequenceSet(
            pairs
                .iter()
                .map(|&(a, b)| SeqRange {
                    start: SeqNumber::Value(a),
                    end: SeqNumber::Value(b),
                })
                .collect(),
        )
    }

    #[test]
    fn rfc4731_and_9051_esearch() {
        assert_eq!(
            esearch(b" (TAG \"A282\") MIN 2 COUNT 3\r\n"),
            ESearch {
                tag: Some(Bytes::from_static(b"A282")),
                uid: false,
                items: vec![ESearchItem::Min(2), ESearchItem::Count(3)]
            }
        );
        assert_eq!(
            esearch(b" (TAG \"A283\") ALL 2,10:11\r\n"),
            ESearch {
                tag: Some(Bytes::from_static(b"A283")),
                uid: false,
                items: vec![ESearchItem::All(set(&[(2, 2), (10, 11)]))]
            }
        );
        assert_eq!(
            esearch(b" (TAG \"A285\") UID MIN 7 MAX 3800\r\n"),
            ESearch {
                tag: Some(Bytes::from_static(b"A285")),
                uid: true,
                items: vec![ESearchItem::Min(7), ESearchItem::Max(3800)]
            }
        );
        assert_eq!(esearch(b" (TAG \"A284\")\r\n").items, vec![]);
        assert_eq!(
            esearch(b"\r\n"),
            ESearch {
                tag: None,
                uid: false,
                items: vec![]
            }
        );
    }

    #[test]
    fn esearch_modseq_range_and_unknown() {
        let e = esearch(b" (tag A1) uid all 1:4294967295 modseq 12345 PARTIAL (1:10 1,3) \r\n");
        assert!(e.uid);
        assert_eq!(
            e.items,
            vec![
                ESearchItem::All(set(&[(1, u32::MAX)])),
                ESearchItem::ModSeq(12345),
                ESearchItem::Other {
                    name: Bytes::from_static(b"PARTIAL"),
                    value: Bytes::from_static(b"(1:10 1,3)")
                }
            ]
        );
    }

    fn thread(s: &'static [u8]) -> Vec<Thread> {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 100);
        let (rest, v) = thread_data(&ctx, s).unwrap();
        assert_eq!(rest, b"\r\n");
        v
    }

    fn t(messages: &[u32], children: Vec<Thread>) -> Thread {
        Thread {
            messages: messages.to_vec(),
            children,
        }
    }

    #[test]
    fn rfc5256_thread() {
        // RFC 5256 section 4
        assert_eq!(
            thread(b" (2)(3 6 (4 23)(44 7 96))\r\n"),
            vec![
                t(&[2], vec![]),
                t(&[3, 6], vec![t(&[4, 23], vec![]), t(&[44, 7, 96], vec![])])
            ]
        );
        assert_eq!(
            thread(b" ((3)(5))\r\n"),
            vec![t(&[], vec![t(&[3], vec![]), t(&[5], vec![])])]
        );
        assert_eq!(thread(b"\r\n"), vec![]);
        assert_eq!(
            thread(b" (1) (2 )\r\n"),
            vec![t(&[1], vec![]), t(&[2], vec![])]
        );
    }

    #[test]
    fn deep_thread_is_bounded() {
        let mut s = b" ".to_vec();
        s.extend(std::iter::repeat_n(b'(', 200));
        let b = Bytes::from(s);
        let ctx = Ctx::new(&b, 100);
        assert!(thread_data(&ctx, &b).is_err());
        assert!(ctx.too_deep.get());
    }
}
