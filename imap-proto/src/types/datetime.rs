//! `date-time` (RFC 3501 section 9): the INTERNALDATE format
//! `"DD-Mon-YYYY HH:MM:SS +HHMM"`.

use std::fmt;

use crate::response::Snippet;

/// A calendar date-time with the UTC offset it was given with, as used by
/// INTERNALDATE and APPEND. No time zone database is involved.
///
/// ```
/// use imap_proto::types::DateTime;
///
/// let d = DateTime::from_internaldate(b"17-Jul-1996 02:44:25 -0700").unwrap();
/// assert_eq!((d.year, d.month, d.day, d.offset_minutes), (1996, 7, 17, -420));
/// assert_eq!(d.to_unix(), 837_596_665);
/// assert_eq!(d.to_string(), "17-Jul-1996 02:44:25 -0700");
/// assert_eq!(DateTime::from_unix(837_596_665, -420).unwrap(), d);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DateTime {
    /// Year, e.g. 2024.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of month, 1 to 31.
    pub day: u8,
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 60 (a leap second is accepted).
    pub second: u8,
    /// Offset from UTC in minutes, e.g. `-420` for `-0700`.
    pub offset_minutes: i16,
}

/// Why a date-time could not be read, built or converted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateTimeError {
    /// The text is not in the INTERNALDATE form `DD-Mon-YYYY HH:MM:SS +HHMM`.
    #[error("not an INTERNALDATE (expected \"DD-Mon-YYYY HH:MM:SS +HHMM\"): {near}")]
    Format {
        /// The offending bytes.
        near: Snippet,
    },
    /// A field is outside its range (e.g. 31 April, hour 24, year 10000).
    #[error("date-time field {field} out of range")]
    OutOfRange {
        /// The name of the field: `year`, `month`, `day`, `hour`, `minute`,
        /// `second` or `offset`.
        field: &'static str,
    },
    /// A string given to `time2internaldate` is not double-quoted.
    #[error("date_time not of a known type: a string must be double-quoted")]
    NotQuoted,
}

/// The month abbreviations of `date-month`.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Days from 1970-01-01 to 0000-01-01 and to 9999-12-31.
const MIN_DAYS: i64 = -719_528;
const MAX_DAYS: i64 = 2_932_896;
/// Largest offset that `+HHMM` can write.
const MAX_OFFSET: i16 = 99 * 60 + 59;

fn is_leap(y: i64) -> bool {
    y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
}

fn days_in_month(y: i64, m: u8) -> u8 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (valid fields assumed).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `z` days after 1970-01-01, as (year, month, day).
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

impl DateTime {
    /// Builds a date-time, checking every field (see [`DateTime::validate`]).
    ///
    /// ```
    /// use imap_proto::types::DateTime;
    /// assert!(DateTime::new(2024, 2, 29, 12, 0, 0, 60).is_ok());
    /// assert!(DateTime::new(2023, 2, 29, 12, 0, 0, 60).is_err());
    /// ```
    pub fn new(
        year: u16,
        month: u8,
        day: u8,
        hour: u8,
        minute: u8,
        second: u8,
        offset_minutes: i16,
    ) -> Result<Self, DateTimeError> {
        let d = DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset_minutes,
        };
        d.validate()?;
        Ok(d)
    }

    /// Checks that every field is in range: year 0 to 9999, a real day of
    /// the month (leap years included), hour < 24, minute < 60, second <= 60
    /// and an offset that `+HHMM` can write (less than 100 hours).
    pub fn validate(&self) -> Result<(), DateTimeError> {
        let bad = |field| Err(DateTimeError::OutOfRange { field });
        if self.year > 9999 {
            return bad("year");
        }
        if !(1..=12).contains(&self.month) {
            return bad("month");
        }
        if self.day == 0 || self.day > days_in_month(i64::from(self.year), self.month) {
            return bad("day");
        }
        if self.hour > 23 {
            return bad("hour");
        }
        if self.minute > 59 {
            return bad("minute");
        }
        if self.second > 60 {
            return bad("second");
        }
        if !(-MAX_OFFSET..=MAX_OFFSET).contains(&self.offset_minutes) {
            return bad("offset");
        }
        Ok(())
    }

    /// The date-time `secs` seconds after the Unix epoch, expressed at a UTC
    /// offset of `offset_minutes` (e.g. `120` for `+0200`).
    ///
    /// ```
    /// use imap_proto::types::DateTime;
    /// let d = DateTime::from_unix(0, 0).unwrap();
    /// assert_eq!(d.to_string(), "01-Jan-1970 00:00:00 +0000");
    /// let d = DateTime::from_unix(0, -90).unwrap();
    /// assert_eq!(d.to_string(), "31-Dec-1969 22:30:00 -0130");
    /// ```
    pub fn from_unix(secs: i64, offset_minutes: i16) -> Result<Self, DateTimeError> {
        if !(-MAX_OFFSET..=MAX_OFFSET).contains(&offset_minutes) {
            return Err(DateTimeError::OutOfRange { field: "offset" });
        }
        let local = secs
            .checked_add(i64::from(offset_minutes) * 60)
            .ok_or(DateTimeError::OutOfRange { field: "year" })?;
        let days = local.div_euclid(86_400);
        let rem = local.rem_euclid(86_400);
        if !(MIN_DAYS..=MAX_DAYS).contains(&days) {
            return Err(DateTimeError::OutOfRange { field: "year" });
        }
        let (year, month, day) = civil_from_days(days);
        Ok(DateTime {
            year: year as u16,
            month,
            day,
            hour: (rem / 3600) as u8,
            minute: (rem / 60 % 60) as u8,
            second: (rem % 60) as u8,
            offset_minutes,
        })
    }

    /// Seconds since the Unix epoch (UTC). A leap second `:60` counts as
    /// the first second of the next minute.
    pub fn to_unix(&self) -> i64 {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// Reads `date-time` without its double quotes:
    /// `DD-Mon-YYYY HH:MM:SS +HHMM`. The day may be two digits, a space and
    /// a digit (`date-day-fixed`), or (leniently) one digit; the month is
    /// matched ignoring ASCII case. The whole input must be the date-time.
    pub fn from_internaldate(s: &[u8]) -> Result<Self, DateTimeError> {
        match Self::parse_prefix(s) {
            Some((d, [])) => {
                d.validate()?;
                Ok(d)
            }
            _ => Err(DateTimeError::Format {
                near: Snippet::new(s),
            }),
        }
    }

    /// Reads a date-time at the start of `s` (fields not yet range-checked
    /// beyond their digit counts) and returns the rest.
    pub(crate) fn parse_prefix(s: &[u8]) -> Option<(Self, &[u8])> {
        fn digits(s: &[u8], n: usize) -> Option<(u32, &[u8])> {
            let (d, rest) = (s.get(..n)?, s.get(n..)?);
            let mut v = 0u32;
            for &b in d {
                if !b.is_ascii_digit() {
                    return None;
                }
                v = v * 10 + u32::from(b - b'0');
            }
            Some((v, rest))
        }
        fn byte(s: &[u8], b: u8) -> Option<&[u8]> {
            s.strip_prefix(&[b][..])
        }
        let s = s.strip_prefix(b" ").unwrap_or(s);
        let (day, s) = match s {
            [a, b'-', ..] if a.is_ascii_digit() => digits(s, 1)?,
            _ => digits(s, 2)?,
        };
        let s = byte(s, b'-')?;
        let mon = s.get(..3)?;
        let month = MONTHS
            .iter()
            .position(|m| m.as_bytes().eq_ignore_ascii_case(mon))?
            + 1;
        let s = byte(&s[3..], b'-')?;
        let (year, s) = digits(s, 4)?;
        let s = byte(s, b' ')?;
        let (hour, s) = digits(s, 2)?;
        let s = byte(s, b':')?;
        let (minute, s) = digits(s, 2)?;
        let s = byte(s, b':')?;
        let (second, s) = digits(s, 2)?;
        let s = byte(s, b' ')?;
        let (neg, s) = match s.first()? {
            b'+' => (false, &s[1..]),
            b'-' => (true, &s[1..]),
            _ => return None,
        };
        let (zh, s) = digits(s, 2)?;
        let (zm, s) = digits(s, 2)?;
        if zm > 59 {
            return None;
        }
        let off = (zh * 60 + zm) as i16;
        let d = DateTime {
            year: year as u16,
            month: month as u8,
            day: day as u8,
            hour: hour as u8,
            minute: minute as u8,
            second: second as u8,
            offset_minutes: if neg { -off } else { off },
        };
        Some((d, s))
    }
}

impl std::str::FromStr for DateTime {
    type Err = DateTimeError;

    /// Same as [`DateTime::from_internaldate`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::from_internaldate(s.as_bytes())
    }
}

impl fmt::Display for DateTime {
    /// The INTERNALDATE form without quotes: `DD-Mon-YYYY HH:MM:SS +HHMM`,
    /// the day zero-padded (as imaplib's `Time2Internaldate` writes it).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mon = MONTHS
            .get(usize::from(self.month).wrapping_sub(1))
            .unwrap_or(&"???");
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let off = self.offset_minutes.unsigned_abs();
        write!(
            f,
            "{:02}-{}-{:04} {:02}:{:02}:{:02} {}{:02}{:02}",
            self.day,
            mon,
            self.year,
            self.hour,
            self.minute,
            self.second,
            sign,
            off / 60,
            off % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip_over_the_whole_range() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(0, 1, 1), MIN_DAYS);
        assert_eq!(days_from_civil(9999, 12, 31), MAX_DAYS);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        for z in (MIN_DAYS..=MAX_DAYS).step_by(997) {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, i64::from(m), i64::from(d)), z);
        }
    }

    #[test]
    fn unix_conversions() {
        let d = DateTime::from_unix(951_782_400, 0).unwrap(); // 2000-02-29
        assert_eq!((d.year, d.month, d.day), (2000, 2, 29));
        let d = DateTime::from_unix(1_700_000_000, 330).unwrap();
        assert_eq!(d.to_string(), "15-Nov-2023 03:43:20 +0530");
        assert_eq!(d.to_unix(), 1_700_000_000);
        let d = DateTime::from_unix(-1, 0).unwrap();
        assert_eq!(d.to_string(), "31-Dec-1969 23:59:59 +0000");
        assert!(DateTime::from_unix(i64::MAX, 0).is_err());
        assert!(DateTime::from_unix(i64::MIN, -60).is_err());
        assert!(DateTime::from_unix(0, 6000).is_err());
        assert!(DateTime::from_unix(253_402_300_800, 0).is_err()); // year 10000
    }

    #[test]
    fn validation() {
        assert!(DateTime::new(2023, 4, 31, 0, 0, 0, 0).is_err());
        assert!(DateTime::new(1900, 2, 29, 0, 0, 0, 0).is_err());
        assert!(DateTime::new(2000, 2, 29, 23, 59, 60, -720).is_ok());
        assert_eq!(
            DateTime::new(2000, 1, 1, 24, 0, 0, 0),
            Err(DateTimeError::OutOfRange { field: "hour" })
        );
        assert_eq!(
            DateTime::new(2000, 13, 1, 0, 0, 0, 0),
            Err(DateTimeError::OutOfRange { field: "month" })
        );
    }

    #[test]
    fn reads_internaldate_forms() {
        let d: DateTime = " 1-jan-2020 00:00:00 +0000".parse().unwrap();
        assert_eq!((d.year, d.month, d.day), (2020, 1, 1));
        let d: DateTime = "1-Feb-2020 10:11:12 -1230".parse().unwrap();
        assert_eq!((d.month, d.day, d.hour, d.offset_minutes), (2, 1, 10, -750));
        assert_eq!(d.to_string(), "01-Feb-2020 10:11:12 -1230");
        for bad in [
            "01-Foo-2020 00:00:00 +0000",
            "01-Jan-2020 00:00:00 0000",
            "01-Jan-2020 00:00:00 +0000x",
            "01-Jan-20 00:00:00 +0000",
            "01-Jan-2020 00:00:00 +0075",
            "",
        ] {
            assert!(
                matches!(bad.parse::<DateTime>(), Err(DateTimeError::Format { .. })),
                "{bad}"
            );
        }
        assert_eq!(
            "32-Jan-2020 00:00:00 +0000".parse::<DateTime>(),
            Err(DateTimeError::OutOfRange { field: "day" })
        );
    }
}
