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
    match DateTime::parse_prefix(j) {
        Some((d, rest)) => match rest.strip_prefix(b"\"") {
            Some(rest) if d.validate().is_ok() => Ok((rest, d)),
            _ => fail(i, ErrorKind::Verify),
        },
        None => fail(i, ErrorKind::Verify),
    }
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
    fn space_padded_and_single_digit_days() {
        let d = date_time(b"\" 5-Mar-2021 23:00:01 +0100\"").unwrap().1;
        assert_eq!((d.day, d.month, d.offset_minutes), (5, 3, 60));
        let d = date_time(b"\"5-MAR-2021 23:00:01 +0000\"").unwrap().1;
        assert_eq!((d.day, d.month), (5, 3));
    }

    #[test]
    fn rejects_bad_dates() {
        assert!(date_time(b"17-Jul-1996 02:44:25 -0700").is_err());
        assert!(date_time(b"\"31-Apr-1996 02:44:25 -0700\"").is_err());
        assert!(date_time(b"\"17-Jul-1996 02:44:25 -0700").is_err());
        assert!(date_time(b"\"17-Jul-1996 02:44 -0700\"").is_err());
    }
}
