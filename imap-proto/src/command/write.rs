//! [`Command::encode`]: the command line of every variant (RFC 3501
//! section 6 and the extensions' RFCs).

use base64::Engine as _;

use super::encode::{check_atom, EncodeContext, EncodeError, Encoded, Writer};
use super::ext::{write_arg, write_ext_command, write_id};
use super::fetch::write_fetch;
use super::list::{write_list, write_status_atts};
use super::search::write_search;
use super::select::write_select_params;
use super::sort::{write_sort, write_thread};
use super::store::write_store;
use super::Command;
use crate::response::parse::core::{is_astring_char, is_atom_char};

/// `tag = 1*<any ASTRING-CHAR except "+">`
fn check_tag(tag: &[u8]) -> Result<(), EncodeError> {
    check_atom("tag", tag, |b| is_astring_char(b) && b != b'+')
}

pub(crate) fn command_name(c: &Command) -> &'static str {
    use Command as C;
    let uid = |u: bool, a: &'static str, b: &'static str| if u { a } else { b };
    match c {
        C::Capability => "CAPABILITY",
        C::Noop => "NOOP",
        C::Logout => "LOGOUT",
        C::Id(_) => "ID",
        C::StartTls => "STARTTLS",
        C::Authenticate { .. } => "AUTHENTICATE",
        C::Login { .. } => "LOGIN",
        C::Enable(_) => "ENABLE",
        C::Select { .. } => "SELECT",
        C::Examine { .. } => "EXAMINE",
        C::Create(_) => "CREATE",
        C::Delete(_) => "DELETE",
        C::Rename { .. } => "RENAME",
        C::Subscribe(_) => "SUBSCRIBE",
        C::Unsubscribe(_) => "UNSUBSCRIBE",
        C::List(_) => "LIST",
        C::Lsub { .. } => "LSUB",
        C::Namespace => "NAMESPACE",
        C::Status { .. } => "STATUS",
        C::Append(_) => "APPEND",
        C::Idle => "IDLE",
        C::Compress(_) => "COMPRESS",
        C::GetQuota(_) => "GETQUOTA",
        C::GetQuotaRoot(_) => "GETQUOTAROOT",
        C::SetQuota { .. } => "SETQUOTA",
        C::GetAcl(_) => "GETACL",
        C::SetAcl { .. } => "SETACL",
        C::DeleteAcl { .. } => "DELETEACL",
        C::ListRights { .. } => "LISTRIGHTS",
        C::MyRights(_) => "MYRIGHTS",
        C::GetMetadata { .. } => "GETMETADATA",
        C::SetMetadata { .. } => "SETMETADATA",
        C::GetAnnotation { .. } => "GETANNOTATION",
        C::SetAnnotation { .. } => "SETANNOTATION",
        C::ProxyAuth(_) => "PROXYAUTH",
        C::Check => "CHECK",
        C::Close => "CLOSE",
        C::Unselect => "UNSELECT",
        C::Expunge => "EXPUNGE",
        C::UidExpunge(_) => "UID EXPUNGE",
        C::Search(s) => uid(s.uid, "UID SEARCH", "SEARCH"),
        C::Fetch(f) => uid(f.uid, "UID FETCH", "FETCH"),
        C::Store(s) => uid(s.uid, "UID STORE", "STORE"),
        C::Copy { uid: u, .. } => uid(*u, "UID COPY", "COPY"),
        C::Move { uid: u, .. } => uid(*u, "UID MOVE", "MOVE"),
        C::Sort(s) => uid(s.uid, "UID SORT", "SORT"),
        C::Thread(t) => uid(t.uid, "UID THREAD", "THREAD"),
        C::XAtom { .. } => "XATOM",
    }
}

pub(crate) fn encode_command(
    c: &Command,
    tag: &[u8],
    ctx: &EncodeContext,
) -> Result<Encoded, EncodeError> {
    use Command as C;
    check_tag(tag)?;
    let mut w = Writer::new(ctx);
    w.raw(tag).sp();
    match c {
        C::Capability
        | C::Noop
        | C::Logout
        | C::StartTls
        | C::Namespace
        | C::Idle
        | C::Check
        | C::Close
        | C::Unselect
        | C::Expunge => {
            w.raw(command_name(c).as_bytes());
        }
        C::Id(params) => write_id(&mut w, params)?,
        C::Authenticate {
            mechanism,
            initial_response,
        } => {
            w.raw(b"AUTHENTICATE ").atom("SASL mechanism", mechanism)?;
            if let Some(ir) = initial_response {
                let b64 = base64::engine::general_purpose::STANDARD.encode(ir.expose());
                w.sp()
                    .raw(if b64.is_empty() { b"=" } else { b64.as_bytes() });
            }
        }
        C::Login { username, password } => {
            w.raw(b"LOGIN ")
                .astring("user name", username)?
                .sp()
                .astring("password", password.expose())?;
        }
        C::Enable(caps) => {
            if caps.is_empty() {
                return Err(EncodeError::Empty {
                    argument: "capabilities to enable",
                });
            }
            w.raw(b"ENABLE");
            for cap in caps {
                w.sp().atom("capability", cap)?;
            }
        }
        C::Select { mailbox, params } | C::Examine { mailbox, params } => {
            w.raw(command_name(c).as_bytes())
                .sp()
                .mailbox("mailbox", mailbox)?;
            write_select_params(&mut w, params)?;
        }
        C::Create(m)
        | C::Delete(m)
        | C::Subscribe(m)
        | C::Unsubscribe(m)
        | C::GetQuotaRoot(m)
        | C::GetAcl(m)
        | C::MyRights(m) => {
            w.raw(command_name(c).as_bytes())
                .sp()
                .mailbox("mailbox", m)?;
        }
        C::Rename { from, to } => {
            w.raw(b"RENAME ")
                .mailbox("existing mailbox", from)?
                .sp()
                .mailbox("new mailbox", to)?;
        }
        C::List(l) => write_list(&mut w, l)?,
        C::Lsub { reference, pattern } => {
            w.raw(b"LSUB ")
                .mailbox("reference", reference)?
                .sp()
                .list_mailbox("list pattern", pattern)?;
        }
        C::Status { mailbox, items } => {
            w.raw(b"STATUS ").mailbox("mailbox", mailbox)?.sp();
            write_status_atts(&mut w, items)?;
        }
        C::Append(a) => {
            w.raw(b"APPEND ").mailbox("mailbox", &a.mailbox)?;
            if !a.flags.is_empty() {
                w.sp().flag_list(&a.flags)?;
            }
            if let Some(d) = &a.date {
                w.sp().date_time(d)?;
            }
            w.sp().string_or_literal8("message", &a.message, true)?;
        }
        C::Compress(mech) => {
            w.raw(b"COMPRESS ").atom("compression mechanism", mech)?;
        }
        C::GetQuota(root) => {
            w.raw(b"GETQUOTA ").astring("quota root", root)?;
        }
        C::SetQuota { .. }
        | C::SetAcl { .. }
        | C::DeleteAcl { .. }
        | C::ListRights { .. }
        | C::GetMetadata { .. }
        | C::SetMetadata { .. }
        | C::GetAnnotation { .. }
        | C::SetAnnotation { .. } => write_ext_command(&mut w, c)?,
        C::ProxyAuth(user) => {
            w.raw(b"PROXYAUTH ").astring("user name", user)?;
        }
        C::UidExpunge(set) => {
            w.raw(b"UID EXPUNGE ").seq_set("UID set", set)?;
        }
        C::Search(s) => write_search(&mut w, s)?,
        C::Fetch(f) => write_fetch(&mut w, f)?,
        C::Store(s) => write_store(&mut w, s)?,
        C::Copy { set, mailbox, .. } | C::Move { set, mailbox, .. } => {
            w.raw(command_name(c).as_bytes())
                .sp()
                .seq_set("message set", set)?
                .sp()
                .mailbox("mailbox", mailbox)?;
        }
        C::Sort(s) => write_sort(&mut w, s)?,
        C::Thread(t) => write_thread(&mut w, t)?,
        C::XAtom { name, args } => {
            check_atom("command name", name, is_atom_char)?;
            w.raw(name);
            for a in args {
                w.sp();
                write_arg(&mut w, a)?;
            }
        }
    }
    Ok(w.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{AppendCommand, Fragment, Secret};
    use crate::types::{DateTime, Flag};

    fn wire(c: &Command) -> Vec<u8> {
        c.encode(b"A1", &EncodeContext::default())
            .unwrap()
            .to_bytes()
    }

    #[test]
    fn simple_commands() {
        assert_eq!(wire(&Command::capability()), b"A1 CAPABILITY\r\n");
        assert_eq!(wire(&Command::select("INBOX")), b"A1 SELECT INBOX\r\n");
        assert_eq!(wire(&Command::examine("a b")), b"A1 EXAMINE \"a b\"\r\n");
        assert_eq!(wire(&Command::rename("a", "R&D")), b"A1 RENAME a R&-D\r\n");
        assert_eq!(
            wire(&Command::uid_expunge("3:5".parse().unwrap())),
            b"A1 UID EXPUNGE 3:5\r\n"
        );
        assert_eq!(
            wire(&Command::uid_move("1".parse().unwrap(), "Trash")),
            b"A1 UID MOVE 1 Trash\r\n"
        );
        assert_eq!(
            wire(&Command::enable(["UTF8=ACCEPT"])),
            b"A1 ENABLE UTF8=ACCEPT\r\n"
        );
        assert_eq!(
            wire(&Command::setquota("", vec![("STORAGE".into(), 512)])),
            b"A1 SETQUOTA \"\" (STORAGE 512)\r\n"
        );
        assert_eq!(
            wire(&Command::compress_deflate()),
            b"A1 COMPRESS DEFLATE\r\n"
        );
        assert_eq!(
            wire(&Command::setacl("INBOX", "fred", "+rw")),
            b"A1 SETACL INBOX fred +rw\r\n"
        );
    }

    #[test]
    fn bad_tags_refused() {
        for t in [&b""[..], b"A+1", b"A 1", b"A\r\n"] {
            assert!(Command::Noop.encode(t, &EncodeContext::default()).is_err());
        }
    }

    #[test]
    fn login_injection_and_secrets() {
        let c = Command::login("fred", "pw\r\nA2 DELETE INBOX");
        let e = c.encode(b"A1", &EncodeContext::default()).unwrap();
        assert_eq!(
            e.fragments[0],
            Fragment::Line("A1 LOGIN fred {19}\r\n".into())
        );
        assert_eq!(e.fragments[2], Fragment::Line("\r\n".into()));
        let err = Command::login("fred", "a\0b")
            .encode(b"A1", &EncodeContext::default())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "password contains a NUL byte, which cannot be sent here"
        );
        assert!(!format!("{c:?}").contains("DELETE"));
        let auth = Command::authenticate("PLAIN", Some(Secret::new("\0fred\0pw")));
        assert_eq!(wire(&auth), b"A1 AUTHENTICATE PLAIN AGZyZWQAcHc=\r\n");
        let empty = Command::authenticate("EXTERNAL", Some(Secret::new("")));
        assert_eq!(wire(&empty), b"A1 AUTHENTICATE EXTERNAL =\r\n");
    }

    #[test]
    fn mailbox_injection_never_breaks_the_line() {
        let c = Command::create("x\r\nA2 DELETE INBOX");
        // Modified UTF-7 turns CR LF into base64.
        assert_eq!(wire(&c), b"A1 CREATE \"x&AA0ACg-A2 DELETE INBOX\"\r\n");
        let utf8 = EncodeContext {
            utf8_accept: true,
            ..Default::default()
        };
        let e = c.encode(b"A1", &utf8).unwrap();
        assert_eq!(e.fragments[0], Fragment::Line("A1 CREATE {18}\r\n".into()));
        let e = Command::select("Entwürfe").encode(b"A1", &utf8).unwrap();
        assert_eq!(e.to_bytes(), "A1 SELECT \"Entwürfe\"\r\n".as_bytes());
    }

    #[test]
    fn append_literals() {
        let d = DateTime {
            year: 1994,
            month: 2,
            day: 7,
            hour: 21,
            minute: 52,
            second: 25,
            offset_minutes: -480,
        };
        let a = Command::append(
            "saved-messages",
            vec![Flag::Seen],
            Some(d),
            "Subject: hi\r\n\r\nbody\r\n",
        );
        let e = a.encode(b"A003", &EncodeContext::default()).unwrap();
        assert_eq!(
            e.fragments[0],
            Fragment::Line(
                "A003 APPEND saved-messages (\\Seen) \" 7-Feb-1994 21:52:25 -0800\" {21}\r\n"
                    .into()
            )
        );
        assert!(
            matches!(&e.fragments[1], Fragment::Literal { sync: true, data } if data.len() == 21)
        );
        assert_eq!(e.fragments[2], Fragment::Line("\r\n".into()));
        let bin = Command::Append(AppendCommand {
            mailbox: "x".into(),
            flags: vec![],
            date: None,
            message: "a\0b".into(),
        });
        assert!(bin.encode(b"A1", &EncodeContext::default()).is_err());
        let ctx = EncodeContext {
            binary: true,
            literal_plus: true,
            ..Default::default()
        };
        assert_eq!(
            bin.encode(b"A1", &ctx).unwrap().fragments[0],
            Fragment::Line("A1 APPEND x ~{3+}\r\n".into())
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            Command::uid_fetch("1".parse().unwrap(), crate::command::FetchItems::All).name(),
            "UID FETCH"
        );
        assert_eq!(Command::examine("x").name(), "EXAMINE");
    }
}
