//! `resp-cond-state`, `resp-cond-auth`, `resp-cond-bye`, `resp-text` and
//! `resp-text-code` (RFC 3501, 9051, 4315, 7162, 5530, 3516, 4978).

use super::capability::capability_list;
use super::core::{astring, atom, number, sp, Ctx, PResult};
use super::flag::flag_list;
use super::kw;
use super::raw::{chr, line_rest, raw_code_data, skip_sp};
use super::sequence::sequence_set;
use crate::response::Code;
use crate::types::SmallBytes;

/// `resp-text = ["[" resp-text-code "]" SP] text`. The rest starts at
/// the CRLF. A `[` that does not open a well-formed code is text.
pub(crate) fn resp_text<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, (Option<Code>, SmallBytes)> {
    if let Some(inner) = i.strip_prefix(b"[") {
        if let Ok((rest, code)) = resp_text_code(ctx, inner) {
            if let Ok((rest, ())) = chr(rest, b']') {
                let (rest, text) = line_rest(skip_sp(rest));
                return Ok((rest, (Some(code), ctx.small_bytes(text))));
            }
        }
    }
    let (rest, text) = line_rest(i);
    Ok((rest, (None, ctx.small_bytes(text))))
}

/// `resp-text-code`, from after `[`; the rest starts at the closing `]`.
/// A code whose arguments do not parse as its RFC says is kept as
/// [`Code::Other`] with its raw data rather than failing the response.
pub(crate) fn resp_text_code<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Code> {
    let (rest, name) = atom(i)?;
    if let Ok((r, code)) = known_code(ctx, name, rest) {
        let r = skip_sp(r);
        if r.first() == Some(&b']') {
            return Ok((r, code));
        }
    }
    let rest = skip_sp(rest);
    if rest.first() == Some(&b']') {
        return Ok((
            rest,
            Code::Other {
                name: ctx.bytes(name),
                data: None,
            },
        ));
    }
    let (rest, data) = raw_code_data(rest)?;
    Ok((
        rest,
        Code::Other {
            name: ctx.bytes(name),
            data: Some(ctx.bytes(data)),
        },
    ))
}

/// The typed codes: `name` is the code's atom, `i` what follows it.
fn known_code<'a>(ctx: &Ctx<'_>, name: &[u8], i: &'a [u8]) -> PResult<'a, Code> {
    let simple = match kw::key(name) {
        kw::ALERT => Code::Alert,
        kw::PARSE => Code::Parse,
        kw::READ_ONLY => Code::ReadOnly,
        kw::READ_WRITE => Code::ReadWrite,
        kw::TRYCREATE => Code::TryCreate,
        kw::UIDNOTSTICKY => Code::UidNotSticky,
        kw::NOMODSEQ => Code::NoModSeq,
        kw::CLOSED => Code::Closed,
        kw::UNAVAILABLE => Code::Unavailable,
        kw::AUTHENTICATIONFAILED => Code::AuthenticationFailed,
        kw::AUTHORIZATIONFAILED => Code::AuthorizationFailed,
        kw::EXPIRED => Code::Expired,
        kw::PRIVACYREQUIRED => Code::PrivacyRequired,
        kw::CONTACTADMIN => Code::ContactAdmin,
        kw::NOPERM => Code::NoPerm,
        kw::INUSE => Code::InUse,
        kw::EXPUNGEISSUED => Code::ExpungeIssued,
        kw::CORRUPTION => Code::Corruption,
        kw::SERVERBUG => Code::ServerBug,
        kw::CLIENTBUG => Code::ClientBug,
        kw::CANNOT => Code::Cannot,
        kw::LIMIT => Code::Limit,
        kw::OVERQUOTA => Code::OverQuota,
        kw::ALREADYEXISTS => Code::AlreadyExists,
        kw::NONEXISTENT => Code::NonExistent,
        kw::HASCHILDREN => Code::HasChildren,
        kw::UNKNOWN_CTE => Code::UnknownCte,
        kw::COMPRESSIONACTIVE => Code::CompressionActive,
        kw::BADCHARSET => return badcharset(ctx, i),
        kw::CAPABILITY => {
            let (i, caps) = capability_list(ctx, i)?;
            return Ok((i, Code::Capability(caps)));
        }
        kw::PERMANENTFLAGS => {
            // Leniently without the space, as BADCHARSET: `[PERMANENTFLAGS(`
            // is no other code.
            let (i, flags) = flag_list(ctx, skip_sp(i))?;
            return Ok((i, Code::PermanentFlags(flags)));
        }
        kw::UIDNEXT => return number_arg(i).map(|(i, n)| (i, Code::UidNext(n))),
        kw::UIDVALIDITY => return number_arg(i).map(|(i, n)| (i, Code::UidValidity(n))),
        kw::UNSEEN => return number_arg(i).map(|(i, n)| (i, Code::Unseen(n))),
        kw::HIGHESTMODSEQ => {
            let (i, ()) = sp(i)?;
            let (i, n) = super::fetch::modseq_value(i)?;
            return Ok((i, Code::HighestModSeq(n)));
        }
        kw::MODIFIED => {
            // Leniently without the space too: `[MODIFIED*` is no other
            // code (`*` ends the atom).
            let (i, set) = sequence_set(skip_sp(i))?;
            return Ok((i, Code::Modified(set)));
        }
        kw::APPENDUID => {
            let (i, uid_validity) = number_arg(i)?;
            let (i, ()) = sp(i)?;
            let (i, uids) = sequence_set(i)?;
            return Ok((i, Code::AppendUid { uid_validity, uids }));
        }
        kw::COPYUID => {
            let (i, uid_validity) = number_arg(i)?;
            let (i, ()) = sp(i)?;
            let (i, source) = sequence_set(i)?;
            let (i, ()) = sp(i)?;
            let (i, destination) = sequence_set(i)?;
            return Ok((
                i,
                Code::CopyUid {
                    uid_validity,
                    source,
                    destination,
                },
            ));
        }
        _ => return super::core::error(i, nom::error::ErrorKind::Tag),
    };
    Ok((i, simple))
}

/// `SP number`: UIDNEXT, UIDVALIDITY, UNSEEN and the UIDVALIDITY of
/// APPENDUID/COPYUID. RFC 3501 says `nz-number`; zero is accepted (servers
/// send `[UIDVALIDITY 0]`).
fn number_arg(i: &[u8]) -> PResult<'_, u32> {
    let (i, ()) = sp(i)?;
    number(i)
}

/// `"BADCHARSET" [SP "(" charset *(SP charset) ")"]`, from after the atom.
fn badcharset<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Code> {
    let j = skip_sp(i);
    let Some(mut j) = j.strip_prefix(b"(") else {
        return Ok((i, Code::BadCharset(Vec::new())));
    };
    let mut charsets = Vec::new();
    loop {
        j = skip_sp(j);
        if let Some(rest) = j.strip_prefix(b")") {
            return Ok((rest, Code::BadCharset(charsets)));
        }
        let (rest, c) = astring(ctx, j)?;
        charsets.push(c);
        j = rest;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Capability, Flag, SeqNumber, SeqRange, SequenceSet};
    use bytes::Bytes;

    fn text(s: &'static [u8]) -> (Option<Code>, SmallBytes, &'static [u8]) {
        let b = Bytes::from_static(s);
        let ctx = Ctx::new(&b, 10);
        let (rest, (code, t)) = resp_text(&ctx, s).unwrap();
        (code, t, rest)
    }

    fn code(s: &'static [u8]) -> Code {
        text(s).0.unwrap()
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
    fn text_without_code() {
        let (c, t, rest) = text(b"IMAP4rev1 Service Ready\r\n");
        assert_eq!(c, None);
        assert_eq!(&t[..], b"IMAP4rev1 Service Ready");
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn code_without_text() {
        let (c, t, rest) = text(b"[READ-WRITE]\r\n");
        assert_eq!(c, Some(Code::ReadWrite));
        assert!(t.is_empty());
        assert_eq!(rest, b"\r\n");
    }

    #[test]
    fn rfc3501_codes() {
        assert_eq!(
            code(b"[ALERT] System shutdown in 10 minutes\r\n"),
            Code::Alert
        );
        assert_eq!(
            code(b"[UNSEEN 12] Message 12 is first unseen\r\n"),
            Code::Unseen(12)
        );
        assert_eq!(
            code(b"[UIDVALIDITY 3857529045] UIDs valid\r\n"),
            Code::UidValidity(3857529045)
        );
        assert_eq!(
            code(b"[UIDNEXT 4392] Predicted next UID\r\n"),
            Code::UidNext(4392)
        );
        assert_eq!(
            code(b"[PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"),
            Code::PermanentFlags(vec![Flag::Deleted, Flag::Seen, Flag::MayCreate])
        );
        // Without the space (found by fuzzing: as `Other`, it was written
        // back with a space and came back typed).
        assert_eq!(
            code(b"[PERMANENTFLAGS(\\Seen)] x\r\n"),
            Code::PermanentFlags(vec![Flag::Seen])
        );
        assert_eq!(
            code(b"[MODIFIED*] x\r\n"),
            Code::Modified(SequenceSet(vec![SeqRange {
                start: SeqNumber::Largest,
                end: SeqNumber::Largest
            }]))
        );
        assert_eq!(code(b"[READ-ONLY] EXAMINE completed\r\n"), Code::ReadOnly);
        assert_eq!(code(b"[TRYCREATE] No such mailbox\r\n"), Code::TryCreate);
        assert_eq!(code(b"[PARSE] bad header\r\n"), Code::Parse);
        assert_eq!(
            code(b"[CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] ready\r\n"),
            Code::Capability(vec![
                Capability(Bytes::from_static(b"IMAP4rev1")),
                Capability(Bytes::from_static(b"LITERAL+")),
                Capability(Bytes::from_static(b"SASL-IR")),
            ])
        );
        assert_eq!(
            code(b"[BADCHARSET (UTF-8 \"US-ASCII\")] x\r\n"),
            Code::BadCharset(vec![
                Bytes::from_static(b"UTF-8"),
                Bytes::from_static(b"US-ASCII")
            ])
        );
        assert_eq!(code(b"[BADCHARSET] x\r\n"), Code::BadCharset(vec![]));
    }

    #[test]
    fn uidplus_codes() {
        // RFC 4315 / RFC 9051 examples
        assert_eq!(
            code(b"[APPENDUID 38505 3955] APPEND completed\r\n"),
            Code::AppendUid {
                uid_validity: 38505,
                uids: set(&[(3955, 3955)])
            }
        );
        assert_eq!(
            code(b"[COPYUID 38505 304,319:320 3956:3958] Done\r\n"),
            Code::CopyUid {
                uid_validity: 38505,
                source: set(&[(304, 304), (319, 320)]),
                destination: set(&[(3956, 3958)])
            }
        );
        assert_eq!(
            code(b"[COPYUID 1 1:4294967295 1:4294967295] Done\r\n"),
            Code::CopyUid {
                uid_validity: 1,
                source: set(&[(1, u32::MAX)]),
                destination: set(&[(1, u32::MAX)])
            }
        );
        assert_eq!(
            code(b"[UIDNOTSTICKY] Non-persistent UIDs\r\n"),
            Code::UidNotSticky
        );
    }

    #[test]
    fn condstore_codes() {
        assert_eq!(
            code(b"[HIGHESTMODSEQ 715194045007] Highest\r\n"),
            Code::HighestModSeq(715194045007)
        );
        assert_eq!(code(b"[HIGHESTMODSEQ -1] x\r\n"), Code::HighestModSeq(0));
        assert_eq!(code(b"[NOMODSEQ] Sorry\r\n"), Code::NoModSeq);
        assert_eq!(
            code(b"[MODIFIED 7,9] Conditional STORE failed\r\n"),
            Code::Modified(set(&[(7, 7), (9, 9)]))
        );
        assert_eq!(code(b"[CLOSED] Previous mailbox closed\r\n"), Code::Closed);
    }

    #[test]
    fn rfc5530_and_other_simple_codes() {
        let all: [(&'static [u8], Code); 21] = [
            (b"[UNAVAILABLE] x\r\n", Code::Unavailable),
            (b"[AUTHENTICATIONFAILED] x\r\n", Code::AuthenticationFailed),
            (b"[AUTHORIZATIONFAILED] x\r\n", Code::AuthorizationFailed),
            (b"[EXPIRED] x\r\n", Code::Expired),
            (b"[PRIVACYREQUIRED] x\r\n", Code::PrivacyRequired),
            (b"[CONTACTADMIN] x\r\n", Code::ContactAdmin),
            (b"[NOPERM] x\r\n", Code::NoPerm),
            (b"[INUSE] x\r\n", Code::InUse),
            (b"[EXPUNGEISSUED] x\r\n", Code::ExpungeIssued),
            (b"[CORRUPTION] x\r\n", Code::Corruption),
            (b"[SERVERBUG] x\r\n", Code::ServerBug),
            (b"[CLIENTBUG] x\r\n", Code::ClientBug),
            (b"[CANNOT] x\r\n", Code::Cannot),
            (b"[LIMIT] x\r\n", Code::Limit),
            (b"[OVERQUOTA] x\r\n", Code::OverQuota),
            (b"[ALREADYEXISTS] x\r\n", Code::AlreadyExists),
            (b"[NONEXISTENT] x\r\n", Code::NonExistent),
            (b"[HASCHILDREN] x\r\n", Code::HasChildren),
            (b"[UNKNOWN-CTE] x\r\n", Code::UnknownCte),
            (b"[COMPRESSIONACTIVE] x\r\n", Code::CompressionActive),
            (b"[read-write] x\r\n", Code::ReadWrite),
        ];
        for (s, c) in all {
            let (got, t, _) = text(s);
            assert_eq!(got, Some(c));
            assert_eq!(&t[..], b"x");
        }
    }

    #[test]
    fn zero_numbers_are_accepted() {
        assert_eq!(code(b"[UIDVALIDITY 0] x\r\n"), Code::UidValidity(0));
        assert_eq!(code(b"[UIDNEXT 0] x\r\n"), Code::UidNext(0));
        assert_eq!(code(b"[UNSEEN 0]\r\n"), Code::Unseen(0));
    }

    #[test]
    fn unknown_codes_are_kept_raw() {
        assert_eq!(
            code(b"[X-GM-THING 1 (a ]b)] text\r\n"),
            Code::Other {
                name: Bytes::from_static(b"X-GM-THING"),
                data: Some(Bytes::from_static(b"1 (a ]b)"))
            }
        );
        assert_eq!(
            code(b"[NOTSAVED] x\r\n"),
            Code::Other {
                name: Bytes::from_static(b"NOTSAVED"),
                data: None
            }
        );
        // a known code with arguments it should not have is kept raw too
        assert_eq!(
            code(b"[UIDNEXT soon] x\r\n"),
            Code::Other {
                name: Bytes::from_static(b"UIDNEXT"),
                data: Some(Bytes::from_static(b"soon"))
            }
        );
    }

    #[test]
    fn gmail_permanentflags_with_brackets() {
        let (c, t, _) =
            text(b"[PERMANENTFLAGS (\\Seen OIB-Seen-[Gmail]/Trash \\*)] Flags permitted.\r\n");
        assert_eq!(
            c,
            Some(Code::PermanentFlags(vec![
                Flag::Seen,
                Flag::Keyword(Bytes::from_static(b"OIB-Seen-[Gmail]/Trash")),
                Flag::MayCreate
            ]))
        );
        assert_eq!(&t[..], b"Flags permitted.");
    }

    #[test]
    fn unclosed_bracket_is_text() {
        let (c, t, _) = text(b"[oops no end\r\n");
        assert_eq!(c, None);
        assert_eq!(&t[..], b"[oops no end");
    }
}
