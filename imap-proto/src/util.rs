//! imaplib's utility functions in Rust, under imaplib's names in
//! snake_case: [`internaldate2tuple`] (`Internaldate2tuple`),
//! [`time2internaldate`] (`Time2Internaldate`), [`parse_flags`]
//! (`ParseFlags`) and [`int2ap`] (`Int2AP`).
//!
//! Unlike imaplib these never read the clock or the local time zone: a
//! date-time keeps the UTC offset it was given with.

use std::time::{SystemTime, UNIX_EPOCH};

use bytes::Bytes;

use crate::response::parse::core::Ctx;
use crate::response::parse::flag::{flag, flag_list};
use crate::types::{DateTime, DateTimeError, Flag};

/// Reads an INTERNALDATE into a [`DateTime`] with its UTC offset.
///
/// Like imaplib's `Internaldate2tuple`, `resp` may be a whole FETCH
/// response (the date is taken from its last `INTERNALDATE "..."`), or the
/// date alone, quoted or not. Where imaplib returns `None` this returns
/// [`DateTimeError::Format`]; an impossible date (`31-Apr`) is
/// [`DateTimeError::OutOfRange`]. Use [`DateTime::to_unix`] for the
/// timestamp imaplib's `time.mktime` of the result would give in UTC.
///
/// ```
/// use imap_proto::util::internaldate2tuple;
///
/// let d = internaldate2tuple(b"* 1 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\")").unwrap();
/// assert_eq!((d.year, d.month, d.day, d.hour, d.offset_minutes), (1996, 7, 17, 2, -420));
/// assert_eq!(d.to_unix(), 837_596_665);
/// assert_eq!(internaldate2tuple(b"\"17-Jul-1996 02:44:25 -0700\"").unwrap(), d);
/// assert_eq!(internaldate2tuple(b"17-Jul-1996 02:44:25 -0700").unwrap(), d);
/// assert!(internaldate2tuple(b"* 1 FETCH (UID 3)").is_err());
/// ```
pub fn internaldate2tuple(resp: &[u8]) -> Result<DateTime, DateTimeError> {
    const KEY: &[u8] = b"INTERNALDATE \"";
    let format_error = || DateTimeError::Format {
        near: crate::response::Snippet::new(resp),
    };
    let found = resp
        .windows(KEY.len())
        .rposition(|w| w.eq_ignore_ascii_case(KEY));
    let (date, quoted) = match found {
        Some(k) => (&resp[k + KEY.len()..], true),
        None => match resp.strip_prefix(b"\"") {
            Some(rest) => (rest, true),
            None => (resp, false),
        },
    };
    let (d, rest) = DateTime::parse_prefix(date).ok_or_else(format_error)?;
    let complete = if found.is_some() {
        rest.first() == Some(&b'"')
    } else if quoted {
        rest == b"\""
    } else {
        rest.is_empty()
    };
    if !complete {
        return Err(format_error());
    }
    d.validate()?;
    Ok(d)
}

/// What [`time2internaldate`] formats: imaplib's `Time2Internaldate`
/// accepts seconds since the epoch, an aware datetime, or a string already
/// in double quotes. Build one with `.into()` from `i64` (Unix seconds,
/// written at UTC), `(i64, i16)` (Unix seconds and an offset in minutes),
/// [`DateTime`], [`SystemTime`] (at UTC) or `&str` (a quoted date-time).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InternalDateInput<'a> {
    /// Seconds since the Unix epoch, written at UTC (`+0000`).
    Unix(i64),
    /// Seconds since the Unix epoch, written at the given UTC offset.
    UnixAt {
        /// Seconds since the Unix epoch.
        secs: i64,
        /// Offset from UTC in minutes, e.g. `120` for `+0200`.
        offset_minutes: i16,
    },
    /// A date-time with its offset, written as it is.
    DateTime(DateTime),
    /// A string already in the form `"DD-Mon-YYYY HH:MM:SS +HHMM"`, double
    /// quotes included: checked and passed through unchanged.
    Quoted(&'a str),
}

impl From<i64> for InternalDateInput<'_> {
    fn from(secs: i64) -> Self {
        InternalDateInput::Unix(secs)
    }
}

impl From<(i64, i16)> for InternalDateInput<'_> {
    fn from((secs, offset_minutes): (i64, i16)) -> Self {
        InternalDateInput::UnixAt {
            secs,
            offset_minutes,
        }
    }
}

impl From<DateTime> for InternalDateInput<'_> {
    fn from(d: DateTime) -> Self {
        InternalDateInput::DateTime(d)
    }
}

impl From<SystemTime> for InternalDateInput<'_> {
    /// Whole seconds (rounded down) since the epoch, at UTC.
    fn from(t: SystemTime) -> Self {
        let secs = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
            Err(e) => {
                let d = e.duration();
                let s = i64::try_from(d.as_secs()).unwrap_or(i64::MAX);
                if d.subsec_nanos() > 0 {
                    -s - 1
                } else {
                    -s
                }
            }
        };
        InternalDateInput::Unix(secs)
    }
}

impl<'a> From<&'a str> for InternalDateInput<'a> {
    fn from(s: &'a str) -> Self {
        InternalDateInput::Quoted(s)
    }
}

/// Formats a date-time as an INTERNALDATE in double quotes, the form APPEND
/// takes: `"DD-Mon-YYYY HH:MM:SS +HHMM"`, as imaplib's `Time2Internaldate`.
///
/// Unix seconds are written at UTC (imaplib uses the local time zone; this
/// crate never reads it): pass `(secs, offset_minutes)` for another offset.
/// A string must already be a double-quoted date-time, as in imaplib; it is
/// checked and returned unchanged ([`DateTimeError::NotQuoted`] if it is
/// not quoted, [`DateTimeError::Format`] if the inside is not a date-time).
///
/// ```
/// use imap_proto::types::DateTime;
/// use imap_proto::util::time2internaldate;
///
/// assert_eq!(time2internaldate(0).unwrap(), "\"01-Jan-1970 00:00:00 +0000\"");
/// assert_eq!(time2internaldate((1_000_000_000, -300)).unwrap(), "\"08-Sep-2001 20:46:40 -0500\"");
/// let d = DateTime::new(2024, 2, 29, 9, 5, 0, 330).unwrap();
/// assert_eq!(time2internaldate(d).unwrap(), "\"29-Feb-2024 09:05:00 +0530\"");
/// let q = "\"17-Jul-1996 02:44:25 -0700\"";
/// assert_eq!(time2internaldate(q).unwrap(), q);
/// assert!(time2internaldate("17-Jul-1996 02:44:25 -0700").is_err());
/// ```
pub fn time2internaldate<'a>(
    date_time: impl Into<InternalDateInput<'a>>,
) -> Result<String, DateTimeError> {
    let d = match date_time.into() {
        InternalDateInput::Unix(secs) => DateTime::from_unix(secs, 0)?,
        InternalDateInput::UnixAt {
            secs,
            offset_minutes,
        } => DateTime::from_unix(secs, offset_minutes)?,
        InternalDateInput::DateTime(d) => {
            d.validate()?;
            d
        }
        InternalDateInput::Quoted(s) => {
            let inner = s
                .strip_prefix('"')
                .and_then(|s| s.strip_suffix('"'))
                .ok_or(DateTimeError::NotQuoted)?;
            DateTime::from_internaldate(inner.as_bytes())?;
            return Ok(s.to_owned());
        }
    };
    Ok(format!("\"{d}\""))
}

/// The flags of a FLAGS response or FETCH response, as imaplib's
/// `ParseFlags`: the list after the last `FLAGS (` in `resp`, up to the
/// next `)`. No such list gives an empty vector (imaplib returns an empty
/// tuple). A list the response parser would reject is split on whitespace,
/// as imaplib splits every list, so one odd token never loses the others.
///
/// ```
/// use imap_proto::types::Flag;
/// use imap_proto::util::parse_flags;
///
/// let flags = parse_flags(b"* 3 FETCH (UID 7 FLAGS (\\Seen $Forwarded))");
/// assert_eq!(flags, vec![Flag::Seen, Flag::Keyword("$Forwarded".into())]);
/// assert!(parse_flags(b"* 3 FETCH (UID 7)").is_empty());
/// ```
pub fn parse_flags(resp: &[u8]) -> Vec<Flag> {
    const KEY: &[u8] = b"FLAGS (";
    let Some(k) = resp
        .windows(KEY.len())
        .rposition(|w| w.eq_ignore_ascii_case(KEY))
    else {
        return Vec::new();
    };
    let list = &resp[k + KEY.len() - 1..];
    let Some(end) = memchr::memchr(b')', list) else {
        return Vec::new();
    };
    let buf = Bytes::copy_from_slice(&list[..=end]);
    let ctx = Ctx::new(&buf, 4);
    match flag_list(&ctx, &buf) {
        Ok((_, flags)) => flags,
        // Not a list the parser takes (a lone `\`, a stray `(` or quote):
        // split on whitespace as imaplib does, rather than lose every flag.
        Err(_) => buf[1..buf.len() - 1]
            .split(u8::is_ascii_whitespace)
            .filter(|t| !t.is_empty())
            .map(|t| flag_token(&buf.slice_ref(t)))
            .collect(),
    }
}

/// One whitespace-separated token of a FLAGS list as a [`Flag`]: the
/// parser's reading when it takes the whole token, else the raw bytes.
fn flag_token(t: &Bytes) -> Flag {
    let ctx = Ctx::new(t, 1);
    match flag(&ctx, t) {
        Ok(([], f)) => f,
        _ => match t.strip_prefix(b"\\") {
            Some(rest) => Flag::Extension(t.slice_ref(rest)),
            None => Flag::Keyword(t.clone()),
        },
    }
}

/// imaplib's `Int2AP`: `num` in base 16 with the digits written `A` to `P`
/// (imaplib builds its tag prefix this way). 0 gives the empty string, as
/// in imaplib.
///
/// ```
/// use imap_proto::util::int2ap;
/// assert_eq!(int2ap(0), "");
/// assert_eq!(int2ap(1), "B");
/// assert_eq!(int2ap(16), "BA");
/// assert_eq!(int2ap(0xBEEF), "LOOP");
/// ```
pub fn int2ap(num: u64) -> String {
    const AP: &[u8; 16] = b"ABCDEFGHIJKLMNOP";
    let mut out = Vec::with_capacity(16);
    let mut n = num;
    while n > 0 {
        out.push(AP[(n % 16) as usize]);
        n /= 16;
    }
    out.reverse();
    out.into_iter().map(char::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internaldate2tuple_like_imaplib() {
        // imaplib's own test vector (test_imaplib.py) and its UTC value.
        let d = internaldate2tuple(b"25 (INTERNALDATE \"01-Jan-2000 00:00:00 +0000\")").unwrap();
        assert_eq!(d.to_unix(), 946_684_800);
        let d = internaldate2tuple(b"25 (INTERNALDATE \"01-Jan-2000 11:30:00 +1130\")").unwrap();
        assert_eq!(d.to_unix(), 946_684_800);
        let d = internaldate2tuple(b"25 (INTERNALDATE \"31-Dec-1999 12:30:00 -1130\")").unwrap();
        assert_eq!(d.to_unix(), 946_684_800);
        // Space-padded day, lowercase keyword, the last occurrence wins.
        let d =
            internaldate2tuple(b"* 1 FETCH (internaldate \" 2-Feb-2022 01:02:03 +0100\")").unwrap();
        assert_eq!((d.day, d.month), (2, 2));
        let d =
            internaldate2tuple(b"INTERNALDATE \"x\" INTERNALDATE \"03-Mar-2003 00:00:00 +0000\"")
                .unwrap();
        assert_eq!(d.day, 3);
    }

    #[test]
    fn internaldate2tuple_errors() {
        for bad in [
            &b""[..],
            b"INTERNALDATE \"01-Jan-2000 00:00:00\"",
            b"INTERNALDATE \"01-Jan-2000 00:00:00 +0000",
            b"\"01-Jan-2000 00:00:00 +0000",
            b"01-Jan-2000 00:00:00 +0000 trailing",
            b"01-Jnu-2000 00:00:00 +0000",
        ] {
            assert!(
                matches!(internaldate2tuple(bad), Err(DateTimeError::Format { .. })),
                "{bad:?}"
            );
        }
        assert_eq!(
            internaldate2tuple(b"29-Feb-2001 00:00:00 +0000"),
            Err(DateTimeError::OutOfRange { field: "day" })
        );
        let msg = internaldate2tuple(b"garbage").unwrap_err().to_string();
        assert!(
            msg.contains("DD-Mon-YYYY") && msg.contains("garbage"),
            "{msg}"
        );
    }

    #[test]
    fn time2internaldate_like_imaplib() {
        // imaplib's own vectors: 2000-01-01 00:00 UTC in several forms.
        assert_eq!(
            time2internaldate(946_684_800).unwrap(),
            "\"01-Jan-2000 00:00:00 +0000\""
        );
        assert_eq!(
            time2internaldate((946_684_800, 690)).unwrap(),
            "\"01-Jan-2000 11:30:00 +1130\""
        );
        assert_eq!(
            time2internaldate((2_000_000_000, 120)).unwrap(),
            "\"18-May-2033 05:33:20 +0200\""
        );
        assert_eq!(
            time2internaldate((946_684_800, -690)).unwrap(),
            "\"31-Dec-1999 12:30:00 -1130\""
        );
        let t = UNIX_EPOCH + std::time::Duration::from_millis(946_684_800_500);
        assert_eq!(
            time2internaldate(t).unwrap(),
            "\"01-Jan-2000 00:00:00 +0000\""
        );
        let t = UNIX_EPOCH - std::time::Duration::from_millis(500);
        assert_eq!(
            time2internaldate(t).unwrap(),
            "\"31-Dec-1969 23:59:59 +0000\""
        );
        // Round trip through internaldate2tuple.
        let s = time2internaldate((1_234_567_890, 60)).unwrap();
        assert_eq!(
            internaldate2tuple(s.as_bytes()).unwrap().to_unix(),
            1_234_567_890
        );
    }

    #[test]
    fn time2internaldate_errors() {
        assert_eq!(
            time2internaldate("01-Jan-2000 00:00:00 +0000"),
            Err(DateTimeError::NotQuoted)
        );
        assert_eq!(time2internaldate("\""), Err(DateTimeError::NotQuoted));
        assert!(matches!(
            time2internaldate("\"yesterday\""),
            Err(DateTimeError::Format { .. })
        ));
        assert!(time2internaldate(i64::MAX).is_err());
        assert!(time2internaldate((0, 10_000)).is_err());
        let bad = DateTime {
            year: 2000,
            month: 2,
            day: 30,
            hour: 0,
            minute: 0,
            second: 0,
            offset_minutes: 0,
        };
        assert_eq!(
            time2internaldate(bad),
            Err(DateTimeError::OutOfRange { field: "day" })
        );
    }

    #[test]
    fn parse_flags_like_imaplib() {
        assert_eq!(
            parse_flags(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)"),
            vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft
            ]
        );
        assert_eq!(parse_flags(b"* 1 FETCH (FLAGS ())"), vec![]);
        assert!(parse_flags(b"* OK [UIDVALIDITY 3]").is_empty());
        assert!(parse_flags(b"FLAGS (\\Seen").is_empty());
    }

    #[test]
    fn parse_flags_splits_what_the_parser_rejects() {
        // imaplib: (b'\\Seen', b'\\', b'(x', b'$Y')
        assert_eq!(
            parse_flags(b"* 1 FETCH (FLAGS (\\Seen \\ (x $Y))"),
            vec![
                Flag::Seen,
                Flag::Extension(Bytes::new()),
                Flag::Keyword("(x".into()),
                Flag::Keyword("$Y".into())
            ]
        );
        assert_eq!(
            parse_flags(b"FLAGS (\"a \\Draft\t$Z)"),
            vec![
                Flag::Keyword("\"a".into()),
                Flag::Draft,
                Flag::Keyword("$Z".into())
            ]
        );
    }

    #[test]
    fn int2ap_like_imaplib() {
        assert_eq!(int2ap(15), "P");
        assert_eq!(int2ap(255), "PP");
        assert_eq!(int2ap(256), "BAA");
        assert_eq!(int2ap(0x1234), "BCDE");
        assert_eq!(int2ap(u64::MAX), "P".repeat(16));
    }
}
