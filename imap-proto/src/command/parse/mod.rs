//! The server side: parses one complete command (`tag SP command CRLF`,
//! literals inline) back into a [`Command`]. For test servers, and for the
//! encode → parse round-trip property.

use base64::Engine as _;
use bytes::Bytes;
use nom::error::ErrorKind;
use nom::Err;

mod args;
mod ext;
mod fetch;
mod mailbox;
mod search;

pub(crate) use args::{P, R};
pub(crate) use fetch::fetch_items;
pub(crate) use search::search_keys;

use self::args as pa;
use self::ext::arg;
use self::mailbox::{list, select_params, status_atts};
use super::{AppendCommand, Command, SelectParams};
use crate::response::parse::core::{self, atom, crlf, error, sp, Ctx};
use crate::response::{ParseError, Snippet};
use crate::types::MailboxName;
use crate::Limits;

/// A command as a server receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedCommand {
    /// The client's tag.
    pub tag: Bytes,
    /// The command.
    pub command: Command,
}

/// Parses one complete command: `tag SP command CRLF`, with every literal's
/// bytes inline after its `{n}CRLF` header (what [`super::Encoded::to_bytes`]
/// gives). `utf8_accept` says whether mailbox names are UTF-8 (after
/// `ENABLE UTF8=ACCEPT`) rather than modified UTF-7. Nesting is bounded by
/// [`Limits::max_depth`]'s default.
///
/// ```
/// use imap_proto::command::{parse_command, Command};
/// let p = parse_command(&"A1 SELECT &U,BTFw-\r\n".into(), false).unwrap();
/// assert_eq!(&p.tag[..], b"A1");
/// assert_eq!(p.command, Command::select("台北"));
/// ```
pub fn parse_command(input: &Bytes, utf8_accept: bool) -> Result<ParsedCommand, ParseError> {
    let p = P {
        ctx: Ctx::new(input, Limits::default().max_depth),
        utf8: utf8_accept,
    };
    let r = command(&p, input).and_then(|(rest, c)| {
        if rest.is_empty() {
            Ok((rest, c))
        } else {
            error(rest, ErrorKind::Eof)
        }
    });
    r.map(|(_, c)| c).map_err(|e| to_error(input, &p, e))
}

/// Runs `f` over all of `s` (for `FromStr` of argument types).
pub(crate) fn parse_fragment<T>(
    s: &[u8],
    f: impl for<'a> Fn(&P<'_>, &'a [u8]) -> R<'a, T>,
) -> Result<T, ParseError> {
    let input = Bytes::copy_from_slice(s);
    let p = P {
        ctx: Ctx::new(&input, Limits::default().max_depth),
        utf8: false,
    };
    let r = f(&p, &input).and_then(|(rest, v)| {
        if rest.is_empty() {
            Ok((rest, v))
        } else {
            error(rest, ErrorKind::Eof)
        }
    });
    r.map(|(_, v)| v).map_err(|e| to_error(&input, &p, e))
}

fn to_error(input: &[u8], p: &P<'_>, e: Err<nom::error::Error<&[u8]>>) -> ParseError {
    if p.ctx.too_deep.get() {
        return ParseError::TooDeep {
            limit: Limits::default().max_depth,
        };
    }
    match e {
        Err::Error(e) | Err::Failure(e) => {
            let offset = input.len().saturating_sub(e.input.len());
            if e.code == ErrorKind::TooLarge {
                ParseError::NumberOutOfRange {
                    near: Snippet::new(e.input),
                }
            } else {
                ParseError::Syntax {
                    offset,
                    near: Snippet::new(e.input),
                }
            }
        }
        Err::Incomplete(_) => ParseError::Syntax {
            offset: input.len(),
            near: Snippet::new(b""),
        },
    }
}

/// `tag = 1*<any ASTRING-CHAR except "+">`
fn tag<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Bytes> {
    let n = i
        .iter()
        .take_while(|&&b| core::is_astring_char(b) && b != b'+')
        .count();
    if n == 0 {
        return error(i, ErrorKind::TakeWhile1);
    }
    Ok((&i[n..], p.ctx.bytes(&i[..n])))
}

/// `command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF`
fn command<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, ParsedCommand> {
    let (i, t) = tag(p, i)?;
    let (i, _) = pa::byte(i, b' ')?;
    let (i, raw_name) = atom(i)?;
    let name = raw_name.to_ascii_uppercase();
    let (i, c) = if name == b"UID" {
        let (i, _) = sp(i)?;
        let (i, sub) = atom(i)?;
        uid_command(p, i, &sub.to_ascii_uppercase())?
    } else {
        command_body(p, i, &name, raw_name)?
    };
    let (i, _) = crlf(i)?;
    Ok((i, ParsedCommand { tag: t, command: c }))
}

/// `uid = "UID" SP (copy / move / fetch / search / store / sort / thread / "EXPUNGE" SP sequence-set)`
fn uid_command<'a>(p: &P<'_>, i: &'a [u8], name: &[u8]) -> R<'a, Command> {
    if name == b"SEARCH" {
        let (i, s) = search::search(p, i, true)?;
        return Ok((i, Command::Search(s)));
    }
    let (i, _) = sp(i)?;
    match name {
        b"FETCH" => fetch::fetch(p, i, true).map(|(i, f)| (i, Command::Fetch(f))),
        b"STORE" => fetch::store(p, i, true).map(|(i, s)| (i, Command::Store(s))),
        b"SORT" => search::sort(p, i, true).map(|(i, s)| (i, Command::Sort(s))),
        b"THREAD" => search::thread(p, i, true).map(|(i, t)| (i, Command::Thread(t))),
        b"EXPUNGE" => pa::sequence_set(i).map(|(i, s)| (i, Command::UidExpunge(s))),
        b"COPY" | b"MOVE" => {
            let (i, set) = pa::sequence_set(i)?;
            let (i, _) = sp(i)?;
            let (i, mailbox) = pa::mailbox(p, i)?;
            let c = if name == b"COPY" {
                Command::Copy {
                    uid: true,
                    set,
                    mailbox,
                }
            } else {
                Command::Move {
                    uid: true,
                    set,
                    mailbox,
                }
            };
            Ok((i, c))
        }
        _ => error(i, ErrorKind::Tag),
    }
}

pub(super) fn mailbox_arg<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, MailboxName> {
    let (i, _) = sp(i)?;
    pa::mailbox(p, i)
}

pub(super) fn astring_arg<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Bytes> {
    let (i, _) = sp(i)?;
    pa::astring(p, i)
}

fn command_body<'a>(p: &P<'_>, i: &'a [u8], name: &[u8], raw_name: &[u8]) -> R<'a, Command> {
    use Command as C;
    let simple = match name {
        b"CAPABILITY" => Some(C::Capability),
        b"NOOP" => Some(C::Noop),
        b"LOGOUT" => Some(C::Logout),
        b"STARTTLS" => Some(C::StartTls),
        b"NAMESPACE" => Some(C::Namespace),
        b"IDLE" => Some(C::Idle),
        b"CHECK" => Some(C::Check),
        b"CLOSE" => Some(C::Close),
        b"UNSELECT" => Some(C::Unselect),
        b"EXPUNGE" => Some(C::Expunge),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok((i, c));
    }
    let one_mailbox: Option<fn(MailboxName) -> Command> = match name {
        b"CREATE" => Some(C::Create),
        b"DELETE" => Some(C::Delete),
        b"SUBSCRIBE" => Some(C::Subscribe),
        b"UNSUBSCRIBE" => Some(C::Unsubscribe),
        b"GETQUOTAROOT" => Some(C::GetQuotaRoot),
        b"GETACL" => Some(C::GetAcl),
        b"MYRIGHTS" => Some(C::MyRights),
        _ => None,
    };
    if ext::is_extension(name) {
        return ext::extension_command(p, i, name);
    }
    if let Some(f) = one_mailbox {
        let (i, m) = mailbox_arg(p, i)?;
        return Ok((i, f(m)));
    }
    match name {
        b"SEARCH" => search::search(p, i, false).map(|(i, s)| (i, C::Search(s))),
        b"FETCH" => fetch::fetch(p, sp(i)?.0, false).map(|(i, f)| (i, C::Fetch(f))),
        b"STORE" => fetch::store(p, sp(i)?.0, false).map(|(i, s)| (i, C::Store(s))),
        b"SORT" => search::sort(p, sp(i)?.0, false).map(|(i, s)| (i, C::Sort(s))),
        b"THREAD" => search::thread(p, sp(i)?.0, false).map(|(i, t)| (i, C::Thread(t))),
        b"LIST" => list(p, sp(i)?.0).map(|(i, l)| (i, C::List(l))),
        b"COPY" | b"MOVE" => {
            let (i, _) = sp(i)?;
            let (i, set) = pa::sequence_set(i)?;
            let (i, mailbox) = mailbox_arg(p, i)?;
            Ok((
                i,
                if name == b"COPY" {
                    C::Copy {
                        uid: false,
                        set,
                        mailbox,
                    }
                } else {
                    C::Move {
                        uid: false,
                        set,
                        mailbox,
                    }
                },
            ))
        }
        b"SELECT" | b"EXAMINE" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, params): (_, SelectParams) = select_params(p, i)?;
            Ok((
                i,
                if name == b"SELECT" {
                    C::Select { mailbox, params }
                } else {
                    C::Examine { mailbox, params }
                },
            ))
        }
        b"LOGIN" => {
            let (i, username) = astring_arg(p, i)?;
            let (i, password) = astring_arg(p, i)?;
            Ok((
                i,
                C::Login {
                    username,
                    password: password.into(),
                },
            ))
        }
        b"AUTHENTICATE" => authenticate(p, i),
        b"ENABLE" => {
            let mut caps = Vec::new();
            let mut i = i;
            while let Ok((j, a)) = sp(i).and_then(|(j, _)| pa::atom_bytes(p, j)) {
                caps.push(a);
                i = j;
            }
            if caps.is_empty() {
                return error(i, ErrorKind::Many1);
            }
            Ok((i, C::Enable(caps)))
        }
        b"RENAME" => {
            let (i, from) = mailbox_arg(p, i)?;
            let (i, to) = mailbox_arg(p, i)?;
            Ok((i, C::Rename { from, to }))
        }
        b"LSUB" => {
            let (i, reference) = mailbox_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, pattern) = pa::list_mailbox(p, i)?;
            Ok((i, C::Lsub { reference, pattern }))
        }
        b"STATUS" => {
            let (i, mailbox) = mailbox_arg(p, i)?;
            let (i, _) = sp(i)?;
            let (i, items) = status_atts(p, i)?;
            Ok((i, C::Status { mailbox, items }))
        }
        b"APPEND" => append(p, i),
        _ => {
            let name = p.ctx.bytes(raw_name);
            let mut args = Vec::new();
            let mut i = i;
            while let Some(j) = i.strip_prefix(b" ") {
                let (k, a) = arg(p, j)?;
                args.push(a);
                i = k;
            }
            Ok((i, C::XAtom { name, args }))
        }
    }
}

/// `authenticate = "AUTHENTICATE" SP auth-type [SP (base64 / "=")]`
fn authenticate<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Command> {
    let (i, _) = sp(i)?;
    let (i, mechanism) = pa::atom_bytes(p, i)?;
    let Ok((j, ir)) = pa::byte(i, b' ').and_then(|(j, _)| atom(j)) else {
        return Ok((
            i,
            Command::Authenticate {
                mechanism,
                initial_response: None,
            },
        ));
    };
    let data = if ir == b"=" {
        Vec::new()
    } else {
        match base64::engine::general_purpose::STANDARD.decode(ir) {
            Ok(d) => d,
            Err(_) => return error(j, ErrorKind::Verify),
        }
    };
    Ok((
        j,
        Command::Authenticate {
            mechanism,
            initial_response: Some(super::Secret::new(data)),
        },
    ))
}

/// `append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal`
fn append<'a>(p: &P<'_>, i: &'a [u8]) -> R<'a, Command> {
    let (i, mailbox) = mailbox_arg(p, i)?;
    let (mut i, _) = sp(i)?;
    let mut flags = Vec::new();
    if i.first() == Some(&b'(') {
        let (j, f) = pa::flag_list(p, i)?;
        flags = f;
        i = sp(j)?.0;
    }
    let mut date = None;
    if let Ok((j, d)) = pa::date_time(i) {
        date = Some(d);
        i = sp(j)?.0;
    }
    let (i, message) = pa::string(p, i)?;
    Ok((
        i,
        Command::Append(AppendCommand {
            mailbox,
            flags,
            date,
            message,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{EncodeContext, FetchItems, SearchKey};

    fn round_trip(c: &Command) {
        let bytes = Bytes::from(
            c.encode(b"T1", &EncodeContext::default())
                .unwrap()
                .to_bytes(),
        );
        let parsed = parse_command(&bytes, false).unwrap_or_else(|e| panic!("{e} in {bytes:?}"));
        assert_eq!(&parsed.command, c, "{bytes:?}");
        assert_eq!(&parsed.tag[..], b"T1");
    }

    #[test]
    fn round_trips() {
        round_trip(&Command::login("fred", "x\r\ny\"z"));
        round_trip(&Command::select("台北"));
        round_trip(&Command::append("INBOX", vec![], None, "hello\r\n"));
        round_trip(&Command::uid_fetch("1:*".parse().unwrap(), FetchItems::All));
        round_trip(&Command::search(
            Some("UTF-8"),
            vec![SearchKey::Not(Box::new(SearchKey::Text("é".into())))],
        ));
        round_trip(&Command::id(None));
        round_trip(&Command::authenticate(
            "PLAIN",
            Some(crate::command::Secret::new("\0a\0b")),
        ));
    }

    #[test]
    fn rejects_garbage() {
        for bad in [
            &b""[..],
            b"A1\r\n",
            b"A1 SELECT\r\n",
            b"A1 NOOP",
            b"A1 NOOP x\r\n",
            b"+ NOOP\r\n",
            b"A1 UID FOO 1\r\n",
        ] {
            assert!(
                parse_command(&Bytes::copy_from_slice(bad), false).is_err(),
                "{bad:?}"
            );
        }
        let deep = format!("A1 SEARCH {}ALL{}\r\n", "(".repeat(500), ")".repeat(500));
        assert!(matches!(
            parse_command(&deep.into(), false),
            Err(ParseError::TooDeep { .. })
        ));
        let not = format!("A1 SEARCH {}ALL\r\n", "NOT ".repeat(100_000));
        assert!(parse_command(&not.into(), false).is_err());
    }
}
