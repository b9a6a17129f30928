//! Message methods against a real Dovecot over every transport: append,
//! search, fetch, partial, store, copy, move, expunge (and their UID forms),
//! sort, thread, check, close, recent, response; plus a 20 MB APPEND and
//! FETCH compared byte for byte.

mod common;

use common::{body, flags, open, uid, Kind};
use imap_blocking::proto::types::{Flag, Section};
use imap_blocking::Error;
use imap_tests::{sample_message, Dovecot, ALICE};

fn messages(kind: Kind) {
    let server = Dovecot::start().unwrap();
    server.fill(ALICE, "INBOX", 1, 20).unwrap();
    let mut s = open(&server, kind, ALICE);

    // APPEND with flags: APPENDUID (UIDPLUS).
    let appended = s
        .append(
            "INBOX",
            r"(\Flagged)",
            None,
            common::message("appended one"),
        )
        .unwrap();
    let (validity, uids) = appended.expect("APPENDUID");
    let state = s.select("INBOX", false).unwrap();
    assert_eq!(state.exists, Some(21));
    assert_eq!(state.uid_validity, Some(validity));
    let new_uid: u32 = uids.to_string().parse().unwrap();

    // SEARCH / UID SEARCH.
    let seen = s.search(None, "SEEN").unwrap();
    assert_eq!(seen, vec![3, 6, 9, 12, 15, 18]);
    let flagged = s.uid_search(None, "FLAGGED").unwrap();
    assert!(flagged.contains(&new_uid), "{flagged:?}");
    let subject = s
        .search(Some("UTF-8"), r#"SUBJECT "appended one""#)
        .unwrap();
    assert_eq!(subject, vec![21]);

    // FETCH / UID FETCH: bodies byte for byte.
    let fetched = s.fetch("2:3", "(UID FLAGS BODY.PEEK[])").unwrap();
    assert_eq!(fetched.len(), 2);
    assert_eq!(body(&fetched[0]), Some(sample_message(2).as_slice()));
    assert_eq!(body(&fetched[1]), Some(sample_message(3).as_slice()));
    assert!(flags(&fetched[1]).unwrap().contains(&Flag::Seen));
    let by_uid = s
        .uid_fetch(new_uid, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        .unwrap();
    assert_eq!(by_uid.len(), 1);
    assert_eq!(uid(&by_uid[0]), Some(new_uid));
    assert_eq!(
        body(&by_uid[0]),
        Some(&b"Subject: appended one\r\n\r\n"[..])
    );

    // imaplib's generic uid(command, args...): the command by its name.
    let done = s
        .uid("fetch", &[&new_uid.to_string(), "(UID FLAGS)"])
        .unwrap();
    assert_eq!(done.fetches().count(), 1);
    let (typ, data) = done.imaplib();
    assert_eq!(typ, "OK");
    assert!(!data.is_empty());
    let done = s.uid("SEARCH", &["FLAGGED"]).unwrap();
    assert!(done.search().contains(&new_uid));

    // PARTIAL (imaplib's; sent as a FETCH of a byte range).
    let part = s.partial(1, Section::default(), 0, 10).unwrap();
    assert_eq!(body(&part[0]), Some(&sample_message(1)[..10]));

    // STORE / UID STORE.
    let stored = s.store("1", "+FLAGS", r"(\Answered $Custom)").unwrap();
    let now = flags(&stored[0]).unwrap();
    assert!(now.contains(&Flag::Answered) && now.contains(&Flag::Keyword("$Custom".into())));
    let silent = s
        .uid_store(new_uid, "-FLAGS.SILENT", r"(\Flagged)")
        .unwrap();
    assert!(silent.iter().all(|f| flags(f).is_none()), "{silent:?}");
    assert!(!s.uid_search(None, "FLAGGED").unwrap().contains(&new_uid));

    // COPY / UID COPY / MOVE / UID MOVE with COPYUID.
    let copied = s.copy("1:2", "Archive").unwrap().expect("COPYUID");
    assert_eq!(
        copied.1.to_string().split([',', ':']).count(),
        2,
        "{copied:?}"
    );
    s.uid_copy(new_uid, "Archive").unwrap().expect("COPYUID");
    let moved = s
        .move_messages("20", "Trash")
        .unwrap()
        .expect("COPYUID on MOVE");
    assert_eq!(moved.1.to_string(), "20");
    s.uid_move(new_uid, "Junk").unwrap();
    assert_eq!(s.selected().and_then(|m| m.exists), Some(19));
    let archive = s.status("Archive", "(MESSAGES)").unwrap();
    assert_eq!(common::messages(&archive), Some(3));

    // SORT / UID SORT, THREAD / UID THREAD.
    let by_subject = s.sort("SUBJECT", "UTF-8", "ALL").unwrap();
    assert_eq!(by_subject.len(), 19);
    assert_eq!(
        by_subject[..3],
        [1, 10, 11],
        "Sample message 1, 10, 11, ..."
    );
    let reversed = s.sort("REVERSE ARRIVAL", "UTF-8", "ALL").unwrap();
    assert_eq!(reversed, (1..=19).rev().collect::<Vec<u32>>());
    let uid_sorted = s.uid_sort("DATE", "UTF-8", "ALL").unwrap();
    assert_eq!(uid_sorted.len(), 19);
    let threads = s.thread("REFERENCES", "UTF-8", "ALL").unwrap();
    assert!(
        threads.len() < 19,
        "In-Reply-To chains must group: {threads:?}"
    );
    let uid_threads = s.uid_thread("ORDEREDSUBJECT", "UTF-8", "ALL").unwrap();
    assert!(!uid_threads.is_empty());

    // EXPUNGE / UID EXPUNGE, CHECK, RECENT, response().
    s.store("1:2", "+FLAGS.SILENT", r"(\Deleted)").unwrap();
    let expunged = s.expunge().unwrap();
    assert_eq!(expunged.len(), 2, "{expunged:?}");
    let last = s.fetch("17", "(UID)").unwrap();
    let last_uid = uid(&last[0]).unwrap();
    s.uid_store(last_uid, "+FLAGS.SILENT", r"(\Deleted)")
        .unwrap();
    assert_eq!(s.uid_expunge(last_uid).unwrap(), vec![17]);
    s.check().unwrap();
    s.recent().unwrap();
    s.noop().unwrap();
    let _ = s.response("EXISTS");
    assert_eq!(s.selected().and_then(|m| m.exists), Some(16));

    // CLOSE expunges silently; a later FETCH is a usage error or NO/BAD.
    s.store("1", "+FLAGS.SILENT", r"(\Deleted)").unwrap();
    s.close().unwrap();
    assert!(s.selected().is_none());
    let status = s.status("INBOX", "(MESSAGES)").unwrap();
    assert_eq!(common::messages(&status), Some(15));
    assert!(matches!(
        s.fetch("1", "(UID)"),
        Err(Error::Usage(_) | Error::Bad(_))
    ));
    s.logout().unwrap();
}
per_transport!(messages);

/// A message of about `size` bytes: headers, then base64-like lines.
fn big_message(size: usize) -> Vec<u8> {
    let mut m = b"From: big@example.org\r\nSubject: twenty megabytes\r\n\r\n".to_vec();
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut i = 0usize;
    while m.len() < size {
        for _ in 0..76 {
            m.push(alphabet[i % 64]);
            i = i.wrapping_mul(31).wrapping_add(7) % 1_000_003;
        }
        m.extend_from_slice(b"\r\n");
    }
    m
}

fn twenty_megabytes(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);
    let message = big_message(20 * 1024 * 1024);
    let (_, uids) = s
        .append("INBOX", "", None, message.clone())
        .unwrap()
        .expect("APPENDUID");
    s.select("INBOX", true).unwrap();
    let fetched = s.uid_fetch(&uids, "(RFC822.SIZE BODY.PEEK[])").unwrap();
    assert_eq!(fetched.len(), 1);
    let got = body(&fetched[0]).expect("body");
    assert_eq!(got.len(), message.len());
    assert!(got == message.as_slice(), "20 MB body differs");
    s.logout().unwrap();
}
per_transport!(twenty_megabytes);
