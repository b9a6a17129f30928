//! `date-time` (RFC 3501 section 9), the value of INTERNALDATE.

use nom::error::ErrorKind;

use super::core::{error, fail, PResult};
use crate::types::DateTime;

/// `date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE`
///
/// Leniently, the day may also be a single digit without its padding space
/// and the month name is matched ignoring ASCII case. Fields out of range
/// (`31-Apr`, hour 24) are errors.
pub(crate) fn date_time(i: &[u8]) -> PResult<'_, DateTime> {
    let Some(j) = i.strip_prefix(b"\"") else {
        return error(i, ErrorKind::Char);
    };
    if let Some(d) = j.get(..27).and_then(fixed) {
        return match d.validate() {
            Ok(()) => Ok((&j[27..], d)),
            Err(_) => fail(i, ErrorKind::Verify),
        };
    }
    match DateTime::parse_prefix(j) {
        Some((d, rest)) => match rest.strip_prefix(b"\"") {
            Some(rest) if d.validate().is_ok() => Ok((rest, d)),
            _ => fail(i, ErrorKind::Verify),
        },
        None => fail(i, ErrorKind::Verify),
    }
}

/// The common spelling, `dd-Mon-yyyy hh:mm:ss +zzzz"` (day maybe
/// space-padded, month as RFC 3501 writes it), read by position; anything
/// else is left to [`DateTime::parse_prefix`].
#[inline]
fn fixed(s: &[u8]) -> Option<DateTime> {
    let s: &[u8; 27] = s.try_into().ok()?;
    if s[2] != b'-'
        || s[6] != b'-'
        || s[11] != b' '
        || s[14] != b':'
        || s[17] != b':'
        || s[20] != b' '
        || s[26] != b'"'
    {
        return None;
    }
    let two = |a: u8, b: u8| {
        let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
        // Checked before the arithmetic (`then_some` would compute it first
        // and overflow on non-digits).
        if a < 10 && b < 10 {
            Some(a * 10 + b)
        } else {
            None
        }
    };
    let day = if s[0] == b' ' {
        two(b'0', s[1])?
    } else {
        two(s[0], s[1])?
    };
    let month = match [s[3], s[4], s[5]] {
        [b'J', b'a', b'n'] => 1,
        [b'F', b'e', b'b'] => 2,
        [b'M', b'a', b'r'] => 3,
        [b'A', b'p', b'r'] => 4,
        [b'M', b'a', b'y'] => 5,
        [b'J', b'u', b'n'] => 6,
        [b'J', b'u', b'l'] => 7,
        [b'A', b'u', b'g'] => 8,
        [b'S', b'e', b'p'] => 9,
        [b'O', b'c', b't'] => 10,
        [b'N', b'o', b'v'] => 11,
        [b'D', b'e', b'c'] => 12,
        _ => return None,
    };
    let year = u16::from(two(s[7], s[8])?) * 100 + u16::from(two(s[9], s[10])?);
    let negative = match s[21] {
        b'+' => false,
        b'-' => true,
        _ => return None,
    };
    let zone_minutes = two(s[24], s[25])?;
    if zone_minutes > 59 {
        return None;
    }
    let offset = i16::from(two(s[22], s[23])?) * 60 + i16::from(zone_minutes);
    Some(DateTime {
        year,
        month,
        day,
        hour: two(s[12], s[13])?,
        minute: two(s[15], s[16])?,
        second: two(s[18], s[19])?,
        offset_minutes: if negative { -offset } else { offset },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3501_example() {
        let (rest, d) = date_time(b"\"17-Jul-1996 02:44:25 -0700\")").unwrap();
        assert_eq!(rest, b")");
        assert_eq!(d, DateTime::new(1996, 7, 17, 2, 44, 25, -420).unwrap());
    }

    #[test]
    fn non_digits_in_the_fixed_layout_are_an_error_not_an_overflow() {
        // Found by fuzzing: a digit pair was multiplied out before it was
        // checked (a panic in a build with overflow checks).
        for s in [
            &b"\"\xff9-Feb-2024 23:59:59 -0000\""[..],
            b"\"29-Feb-2024 23:59:60 -\x00\x00\x00\"",
            b"\"29-Feb-\xf024 23:59:59 +0000\"",
            b"\"29-Feb-2024 \xf03:59:59 +0000\"",
        ] {
            assert!(date_time(s).is_err(), "{s:?}");
        }
    }

    #[test]
    fn space_padded_and_single_digit_days() {
        let d = date_time(b"\" 5-Mar-2021 23:00:01 +0100\"").unwrap().1;
        assert_eq!((d.day, d.month, d.offset_minutes), (5, 3, 60));
        let d = date_time(b"\"5-MAR-2021 23:00:01 +0000\"").unwrap().1;
        assert_eq!((d.day, d.month), (5, 3));
    }

    #[test]
    fn fixed_layout_agrees_with_the_general_reader() {
        for s in [
            &b"17-Jul-1996 02:44:25 -0700\""[..],
            b" 5-Mar-2021 23:00:01 +0100\"",
            b"29-Feb-2024 00:00:60 +1359\"",
            b"01-Dec-0001 12:34:56 -9959\"",
        ] {
            let general = DateTime::parse_prefix(s).unwrap().0;
            assert_eq!(fixed(s), Some(general));
            assert_eq!(date_time(&[b"\"", s].concat()).unwrap().1, general);
        }
        for s in [
            &b"17-jul-1996 02:44:25 -0700\""[..],
            b"17-Jul-1996 02:44:25 -0760\"",
            b"1x-Jul-1996 02:44:25 -0700\"",
            b"17-Jul-1996 02:44:25 *0700\"",
            b"17-Jul-1996 02:44:25 -0700 ",
        ] {
            assert_eq!(fixed(s), None, "{}", String::from_utf8_lossy(s));
        }
        assert!(date_time(b"\"30-Feb-2024 00:00:00 +0000\"").is_err());
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(date_time(b"17-Jul-1996 02:44:25 -0700").is_err());
        assert!(date_time(b"\"31-Apr-1996 02:44:25 -0700\"").is_err());
        assert!(date_time(b"\"17-Jul-1996 02:44:25 -0700").is_err());
        assert!(date_time(b"\"17-Jul-1996 02:44 -0700\"").is_err());
    }
}
