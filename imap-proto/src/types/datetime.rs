//! `date-time` (RFC 3501 section 9): the INTERNALDATE format
//! `"DD-Mon-YYYY HH:MM:SS +HHMM"`.

/// A calendar date-time with the UTC offset it was given with, as used by
/// INTERNALDATE and APPEND. No time zone database is involved.
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
