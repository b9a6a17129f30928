//! Issue 3 item 5, results: typed results per command, imaplib's raw form,
//! and the three error kinds.

mod client_support;

use bytes::Bytes;
use client_support::{completion_in, Conn};
use imap_proto::client::{CommandError, ProtocolError};
use imap_proto::command::{Command, FetchItem, SearchKey, StatusAttribute};
use imap_proto::response::{Code, FetchAttr, StatusItem};
use imap_proto::types::SequenceSet;

/// Sends `command`, answers with `server` (where `{tag}` is the tag), and
/// returns the result.
fn run(
    c: &mut Conn,
    command: Command,
    server: &str,
) -> Result<imap_proto::client::Completion, CommandError> {
    let h = c.client.enqueue(command).unwrap();
    let sent = c.take_sent();
    let tag = sent.split(' ').next().unwrap().to_string();
    c.server(&server.replace("{tag}", &tag));
    completion_in(&c.take_events(), h)
}

#[test]
fn select_returns_the_mailbox_state() {
    let mut c = Conn::authenticated("IMAP4rev1 CONDSTORE");
    let done = run(
        &mut c,
        Command::select("INBOX"),
        "* 172 EXISTS\r\n* 1 RECENT\r\n* OK [UNSEEN 12] u\r\n* OK [UIDVALIDITY 3857529045] v\r\n\
         * OK [UIDNEXT 4392] n\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n\
         * OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] p\r\n* OK [HIGHESTMODSEQ 715194045007] h\r\n\
         {tag} OK [READ-WRITE] SELECT completed\r\n",
    )
    .unwrap();
    let m = done.select().unwrap();
    assert_eq!(
        (m.exists, m.recent, m.unseen),
        (Some(172), Some(1), Some(12))
    );
    assert_eq!(
        (m.uid_validity, m.uid_next, m.highest_modseq),
        (Some(3857529045), Some(4392), Some(715194045007))
    );
    assert_eq!(m.permanent_flags.len(), 3);
    assert_eq!(m.name.as_ref().unwrap().as_bytes(), b"INBOX");
    assert!(!m.read_only);
    // imaplib's select() data: the EXISTS count.
    assert_eq!(
        c.client.response("EXISTS"),
        vec![Bytes::from_static(b"172")]
    );
}

#[test]
fn fetch_returns_the_items_per_message() {
    let mut c = Conn::selected("IMAP4rev1");
    let done = run(
        &mut c,
        Command::uid_fetch(SequenceSet::range(1, 2), vec![FetchItem::Flags, FetchItem::Rfc822Size]),
        "* 1 FETCH (UID 1 FLAGS (\\Seen) RFC822.SIZE 44)\r\n* 2 FETCH (UID 2 FLAGS () RFC822.SIZE 12)\r\n{tag} OK\r\n",
    )
    .unwrap();
    let sizes: Vec<u64> = done
        .fetches()
        .flat_map(|f| f.attrs.iter())
        .filter_map(|a| match a {
            FetchAttr::Rfc822Size(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(sizes, vec![44, 12]);
    let (typ, data) = done.imaplib();
    assert_eq!(typ, "OK");
    assert_eq!(
        data[0],
        Bytes::from_static(b"1 (UID 1 FLAGS (\\Seen) RFC822.SIZE 44)")
    );
}

#[test]
fn search_returns_the_numbers() {
    let mut c = Conn::selected("IMAP4rev1");
    let done = run(
        &mut c,
        Command::search(None, SearchKey::All),
        "* SEARCH 2 3 6\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.search(), vec![2, 3, 6]);
    assert_eq!(done.imaplib().1, vec![Bytes::from_static(b"2 3 6")]);
    let done = run(
        &mut c,
        Command::uid_search(None, SearchKey::All),
        "* SEARCH\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert!(done.search().is_empty());
}

#[test]
fn list_returns_the_mailboxes() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let done = run(
        &mut c,
        Command::list("", "*"),
        "* LIST (\\HasNoChildren) \"/\" INBOX\r\n* LIST (\\Noselect) \"/\" \"Public Folders\"\r\n{tag} OK\r\n",
    )
    .unwrap();
    let names: Vec<&[u8]> = done.list().iter().map(|l| l.mailbox.as_bytes()).collect();
    assert_eq!(names, vec![&b"INBOX"[..], b"Public Folders"]);
    assert_eq!(done.list()[1].delimiter, Some(b'/'));
}

#[test]
fn status_returns_the_items() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let done = run(
        &mut c,
        Command::status(
            "blurdybloop",
            vec![StatusAttribute::Messages, StatusAttribute::UidNext],
        ),
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n{tag} OK STATUS completed\r\n",
    )
    .unwrap();
    let status = done.status();
    assert_eq!(
        status[0].items,
        vec![StatusItem::Messages(231), StatusItem::UidNext(44292)]
    );
}

#[test]
fn getquotaroot_returns_roots_and_quotas() {
    let mut c = Conn::authenticated("IMAP4rev1 QUOTA");
    let done = run(
        &mut c,
        Command::getquotaroot("INBOX"),
        "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 10 512)\r\n{tag} OK Getquota completed\r\n",
    )
    .unwrap();
    let (mailbox, roots) = done.quota_roots().unwrap();
    assert_eq!(mailbox.as_bytes(), b"INBOX");
    assert_eq!(roots, &[Bytes::new()]);
    let quotas = done.quotas();
    assert_eq!(quotas[0].resources[0].usage, 10);
    assert_eq!(quotas[0].resources[0].limit, 512);
}

#[test]
fn other_typed_results() {
    let mut c = Conn::authenticated("IMAP4rev1 ACL NAMESPACE ID ENABLE");
    let done = run(
        &mut c,
        Command::myrights("INBOX"),
        "* MYRIGHTS INBOX rwiptsldaex\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.myrights(), Some(&Bytes::from_static(b"rwiptsldaex")));
    let done = run(
        &mut c,
        Command::getacl("INBOX"),
        "* ACL INBOX Fred rwipsldexta\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(
        done.acl(),
        vec![(
            &Bytes::from_static(b"Fred"),
            &Bytes::from_static(b"rwipsldexta")
        )]
    );
    let done = run(
        &mut c,
        Command::namespace(),
        "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.namespace().unwrap().personal.len(), 1);
    let done = run(
        &mut c,
        Command::id(None),
        "* ID (\"name\" \"Dovecot\")\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.id().unwrap()[0].0, Bytes::from_static(b"name"));
    let done = run(
        &mut c,
        Command::capability(),
        "* CAPABILITY IMAP4rev1 MOVE\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.capabilities().unwrap().len(), 2);
    assert!(c.client.has_capability("MOVE"));
    let done = run(
        &mut c,
        Command::enable(["UTF8=ACCEPT"]),
        "* ENABLED UTF8=ACCEPT\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.enabled().len(), 1);
    assert!(c.client.utf8_enabled());
}

#[test]
fn expunge_and_move_results() {
    let mut c = Conn::selected("IMAP4rev1 UIDPLUS MOVE");
    let done = run(
        &mut c,
        Command::expunge(),
        "* 3 EXPUNGE\r\n* 3 EXPUNGE\r\n{tag} OK\r\n",
    )
    .unwrap();
    assert_eq!(done.expunged(), vec![3, 3]);
    assert_eq!(c.client.selected().unwrap().exists, Some(1));
    let done = run(
        &mut c,
        Command::uid_move(SequenceSet::single(5), "Trash"),
        "* OK [COPYUID 7 5 10] moved\r\n* 1 EXPUNGE\r\n{tag} OK done\r\n",
    )
    .unwrap();
    assert_eq!(done.copy_uid().map(|(v, _, _)| v), Some(7));
    assert_eq!(done.expunged(), vec![1]);
}

#[test]
fn imaplib_form_without_data_is_the_tagged_text() {
    let mut c = Conn::selected("IMAP4rev1");
    let done = run(
        &mut c,
        Command::noop(),
        "{tag} OK Nothing Accomplished. d25if65hy903weo.87\r\n",
    )
    .unwrap();
    assert_eq!(
        done.imaplib(),
        (
            "OK",
            vec![Bytes::from_static(
                b"Nothing Accomplished. d25if65hy903weo.87"
            )]
        )
    );
    assert_eq!(done.command, "NOOP");
}

#[test]
fn errors_keep_imaplibs_three_kinds() {
    let mut c = Conn::authenticated("IMAP4rev1");
    let err = run(
        &mut c,
        Command::create("INBOX"),
        "{tag} NO [ALREADYEXISTS] exists\r\n",
    )
    .unwrap_err();
    assert_eq!(err.kind(), "error");
    let status = err.status().unwrap();
    assert_eq!(status.code, Some(Code::AlreadyExists));
    assert_eq!(status.text, Bytes::from_static(b"exists"));
    let err = run(&mut c, Command::delete("x"), "{tag} BAD syntax\r\n").unwrap_err();
    assert!(matches!(err, CommandError::Bad(_)) && err.kind() == "error");

    let h = c.client.enqueue(Command::noop()).unwrap();
    c.take_sent();
    c.client.handle_eof();
    let err = completion_in(&c.take_events(), h).unwrap_err();
    assert_eq!(err, CommandError::Abort(ProtocolError::UnexpectedEof));
    assert_eq!(err.kind(), "abort");
    assert_eq!(CommandError::ReadOnly.kind(), "readonly");
}
