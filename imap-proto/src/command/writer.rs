//! The writer behind [`super::Command::encode`]: each argument becomes an
//! atom, a quoted string or a literal, chosen by its content (RFC 3501
//! sections 4.3 and 9; RFC 7888 for `{n+}`; RFC 3516 for `~{n}`).

use bytes::Bytes;

use super::encode::{EncodeContext, EncodeError, Encoded, Fragment, LITERAL_MINUS_MAX};
use crate::response::parse::core::{is_astring_char, is_atom_char};
use crate::response::Snippet;
use crate::types::{DateTime, Flag, MailboxName, SequenceSet};

/// Longest string sent quoted; longer ones go as literals.
const QUOTED_MAX: usize = 1024;

/// Builds the fragments of one command.
pub(crate) struct Writer<'c> {
    ctx: &'c EncodeContext,
    frags: Vec<Fragment>,
    line: Vec<u8>,
}

impl<'c> Writer<'c> {
    pub(crate) fn new(ctx: &'c EncodeContext) -> Self {
        Writer {
            ctx,
            frags: Vec::new(),
            line: Vec::with_capacity(64),
        }
    }

    pub(crate) fn ctx(&self) -> &EncodeContext {
        self.ctx
    }

    /// Protocol syntax written by the encoder itself (never user data).
    pub(crate) fn raw(&mut self, b: &[u8]) -> &mut Self {
        self.line.extend_from_slice(b);
        self
    }

    pub(crate) fn sp(&mut self) -> &mut Self {
        self.raw(b" ")
    }

    pub(crate) fn number(&mut self, n: u64) -> &mut Self {
        self.raw(n.to_string().as_bytes())
    }

    /// An `atom`, validated.
    pub(crate) fn atom(
        &mut self,
        argument: &'static str,
        v: &[u8],
    ) -> Result<&mut Self, EncodeError> {
        check_atom(argument, v, is_atom_char)?;
        Ok(self.raw(v))
    }

    /// A `string` (quoted or literal): for values where an atom would be
    /// read differently (`nstring`, `string`).
    pub(crate) fn string(
        &mut self,
        argument: &'static str,
        v: &[u8],
    ) -> Result<&mut Self, EncodeError> {
        if v.contains(&0) {
            return Err(EncodeError::Nul { argument });
        }
        if self.quotable(v) {
            self.quoted(v);
        } else {
            self.literal(v, false);
        }
        Ok(self)
    }

    /// An `astring`: an atom when every byte is an ASTRING-CHAR, else a
    /// string.
    pub(crate) fn astring(
        &mut self,
        argument: &'static str,
        v: &[u8],
    ) -> Result<&mut Self, EncodeError> {
        // A leading `~` is quoted: some parsers take it for literal8.
        if !v.is_empty() && v[0] != b'~' && v.iter().all(|&b| is_astring_char(b)) {
            Ok(self.raw(v))
        } else {
            self.string(argument, v)
        }
    }

    /// `nstring`: `NIL` for `None`.
    pub(crate) fn nstring(
        &mut self,
        argument: &'static str,
        v: Option<&[u8]>,
    ) -> Result<&mut Self, EncodeError> {
        match v {
            None => Ok(self.raw(b"NIL")),
            Some(v) => self.string(argument, v),
        }
    }

    /// A string that may go as a literal8 when it holds NUL and the
    /// server has BINARY (APPEND messages, metadata values).
    pub(crate) fn string_or_literal8(
        &mut self,
        argument: &'static str,
        v: &[u8],
        force_literal: bool,
    ) -> Result<&mut Self, EncodeError> {
        if v.contains(&0) {
            if !self.ctx.binary {
                return Err(EncodeError::Nul { argument });
            }
            self.literal(v, true);
            Ok(self)
        } else if force_literal {
            self.literal(v, false);
            Ok(self)
        } else {
            self.string(argument, v)
        }
    }

    /// A mailbox name (`mailbox`, an astring).
    pub(crate) fn mailbox(
        &mut self,
        argument: &'static str,
        m: &MailboxName,
    ) -> Result<&mut Self, EncodeError> {
        let b = checked_wire_bytes(argument, m, self.ctx.utf8_accept)?;
        self.astring(argument, &b)
    }

    /// A LIST pattern (`list-mailbox`: 1*list-char or string).
    pub(crate) fn list_mailbox(
        &mut self,
        argument: &'static str,
        m: &MailboxName,
    ) -> Result<&mut Self, EncodeError> {
        let b = checked_wire_bytes(argument, m, self.ctx.utf8_accept)?;
        if !b.is_empty()
            && b[0] != b'~'
            && b.iter()
                .all(|&c| is_astring_char(c) || c == b'%' || c == b'*')
        {
            Ok(self.raw(&b))
        } else {
            self.string(argument, &b)
        }
    }

    /// A `sequence-set`, checked.
    pub(crate) fn seq_set(
        &mut self,
        argument: &'static str,
        s: &SequenceSet,
    ) -> Result<&mut Self, EncodeError> {
        if s.0.is_empty() {
            return Err(EncodeError::Empty { argument });
        }
        if !s.is_valid() {
            return Err(EncodeError::Invalid {
                argument,
                reason: "0 is not a message number or UID",
            });
        }
        Ok(self.raw(s.to_string().as_bytes()))
    }

    /// A `flag` to store or append (no `\Recent`, no `\*`).
    pub(crate) fn flag(&mut self, f: &Flag) -> Result<&mut Self, EncodeError> {
        const ARG: &str = "flag";
        match f {
            Flag::Seen => Ok(self.raw(b"\\Seen")),
            Flag::Answered => Ok(self.raw(b"\\Answered")),
            Flag::Flagged => Ok(self.raw(b"\\Flagged")),
            Flag::Deleted => Ok(self.raw(b"\\Deleted")),
            Flag::Draft => Ok(self.raw(b"\\Draft")),
            Flag::Recent | Flag::MayCreate => Err(EncodeError::Invalid {
                argument: ARG,
                reason: "\\Recent and \\* cannot be stored",
            }),
            Flag::Extension(x) => {
                check_atom(ARG, x, is_atom_char)?;
                Ok(self.raw(b"\\").raw(x))
            }
            // imaplib lets keywords contain `]` (Gmail creates such flags).
            Flag::Keyword(k) => {
                check_atom(ARG, k, is_astring_char)?;
                Ok(self.raw(k))
            }
        }
    }

    /// `"(" flag *(SP flag) ")"`, possibly empty.
    pub(crate) fn flag_list(&mut self, flags: &[Flag]) -> Result<&mut Self, EncodeError> {
        self.raw(b"(");
        for (i, f) in flags.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            self.flag(f)?;
        }
        Ok(self.raw(b")"))
    }

    /// `date-time` in quotes: `"DD-Mon-YYYY HH:MM:SS +HHMM"`.
    pub(crate) fn date_time(&mut self, d: &DateTime) -> Result<&mut Self, EncodeError> {
        const ARG: &str = "date-time";
        let ok = (1..=12).contains(&d.month)
            && (1..=31).contains(&d.day)
            && d.hour < 24
            && d.minute < 60
            && d.second <= 60
            && d.year <= 9999
            && d.offset_minutes.abs() < 100 * 60;
        if !ok {
            return Err(EncodeError::Invalid {
                argument: ARG,
                reason: "a field is out of range",
            });
        }
        let sign = if d.offset_minutes < 0 { '-' } else { '+' };
        let off = d.offset_minutes.unsigned_abs();
        let s = format!(
            "\"{:2}-{}-{:04} {:02}:{:02}:{:02} {}{:02}{:02}\"",
            d.day,
            MONTHS[usize::from(d.month - 1)],
            d.year,
            d.hour,
            d.minute,
            d.second,
            sign,
            off / 60,
            off % 60
        );
        Ok(self.raw(s.as_bytes()))
    }

    fn quotable(&self, v: &[u8]) -> bool {
        if v.len() > QUOTED_MAX || v.iter().any(|&b| b == b'\r' || b == b'\n' || b == 0) {
            return false;
        }
        v.is_ascii() || (self.ctx.utf8_accept && std::str::from_utf8(v).is_ok())
    }

    fn quoted(&mut self, v: &[u8]) {
        self.line.push(b'"');
        for &b in v {
            if b == b'"' || b == b'\\' {
                self.line.push(b'\\');
            }
            self.line.push(b);
        }
        self.line.push(b'"');
    }

    /// Ends the current line with a literal header and queues the literal.
    pub(crate) fn literal(&mut self, v: &[u8], literal8: bool) {
        let sync =
            !(self.ctx.literal_plus || (self.ctx.literal_minus && v.len() <= LITERAL_MINUS_MAX));
        let header = format!(
            "{}{{{}{}}}\r\n",
            if literal8 { "~" } else { "" },
            v.len(),
            if sync { "" } else { "+" }
        );
        self.line.extend_from_slice(header.as_bytes());
        self.frags
            .push(Fragment::Line(Bytes::from(std::mem::take(&mut self.line))));
        self.frags.push(Fragment::Literal {
            data: Bytes::copy_from_slice(v),
            sync,
        });
    }

    /// Ends the command with CRLF.
    pub(crate) fn finish(mut self) -> Encoded {
        self.line.extend_from_slice(b"\r\n");
        self.frags.push(Fragment::Line(Bytes::from(self.line)));
        Encoded {
            fragments: self.frags,
        }
    }
}

/// The wire bytes of a mailbox name. A name with U+0000 is refused in
/// both modes: modified UTF-7 could carry it (`&AAA-`), but no server
/// accepts it, and the rule is the same as for UTF-8 (NUL is refused).
fn checked_wire_bytes(
    argument: &'static str,
    m: &MailboxName,
    utf8: bool,
) -> Result<Bytes, EncodeError> {
    match m {
        MailboxName::Name(n) if n.contains('\0') => Err(EncodeError::Nul { argument }),
        _ => Ok(m.wire_bytes(utf8)),
    }
}

/// Month names of `date` and `date-time`.
pub(crate) const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Checks that `v` is a non-empty run of bytes accepted by `ok`.
pub(crate) fn check_atom(
    argument: &'static str,
    v: &[u8],
    ok: fn(u8) -> bool,
) -> Result<(), EncodeError> {
    if v.is_empty() {
        return Err(EncodeError::Empty { argument });
    }
    if v.contains(&0) {
        return Err(EncodeError::Nul { argument });
    }
    if !v.iter().all(|&b| ok(b)) {
        return Err(EncodeError::InvalidAtom {
            argument,
            value: Snippet::new(v),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests;
