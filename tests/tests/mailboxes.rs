//! Mailbox methods against a real Dovecot over every transport: create,
//! list, lsub, subscribe, unsubscribe, status, list_status, rename, delete,
//! select/examine, namespace, special-use, and non-ASCII names.

mod common;

use common::{messages, open, Kind};
use imap_blocking::proto::response::MailboxAttribute;
use imap_blocking::Error;
use imap_tests::{Dovecot, ALICE};

fn names(items: &[imap_blocking::proto::response::ListItem]) -> Vec<String> {
    items
        .iter()
        .map(|i| i.mailbox.name().expect("modified UTF-7 name"))
        .collect()
}

fn mailboxes(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);

    s.create("Projects").unwrap();
    s.create("Projects.2024").unwrap();
    let all = s.list("", "*").unwrap();
    let listed = names(&all);
    for name in [
        "INBOX",
        "Projects",
        "Projects.2024",
        "Sent",
        "Drafts",
        "Trash",
        "Junk",
        "Archive",
    ] {
        assert!(listed.iter().any(|n| n == name), "{name} not in {listed:?}");
    }
    assert!(all.iter().all(|i| i.delimiter == Some(b'.')), "{all:?}");
    let children = s.list("Projects.", "%").unwrap();
    assert_eq!(names(&children), vec!["Projects.2024"]);

    // SPECIAL-USE attributes come with a plain LIST on Dovecot.
    let uses = [
        ("Sent", MailboxAttribute::Sent),
        ("Drafts", MailboxAttribute::Drafts),
        ("Trash", MailboxAttribute::Trash),
        ("Junk", MailboxAttribute::Junk),
        ("Archive", MailboxAttribute::Archive),
    ];
    for (name, attribute) in uses {
        let item = all
            .iter()
            .find(|i| i.mailbox.name().ok().as_deref() == Some(name))
            .unwrap();
        assert!(
            item.attributes.contains(&attribute),
            "{name}: {:?}",
            item.attributes
        );
    }

    // Subscriptions (the special-use mailboxes are auto-subscribed).
    s.subscribe("Projects").unwrap();
    let subscribed = names(&s.lsub("", "*").unwrap());
    assert!(
        subscribed.contains(&"Projects".to_string()),
        "{subscribed:?}"
    );
    assert!(subscribed.contains(&"Sent".to_string()), "{subscribed:?}");
    s.unsubscribe("Projects").unwrap();
    assert!(!names(&s.lsub("", "*").unwrap()).contains(&"Projects".to_string()));

    // STATUS and LIST-STATUS.
    s.append("Projects", "", None, common::message("status probe"))
        .unwrap();
    let status = s.status("Projects", "(MESSAGES UIDNEXT UNSEEN)").unwrap();
    assert_eq!(messages(&status), Some(1));
    let with_status = s.list_status("", "Projects", "(MESSAGES)").unwrap();
    assert_eq!(with_status.len(), 1, "{with_status:?}");
    assert_eq!(with_status[0].1.as_ref().and_then(messages), Some(1));

    // SELECT / EXAMINE.
    let state = s.select("Projects", false).unwrap();
    assert_eq!(state.exists, Some(1));
    assert!(!state.read_only);
    assert!(state.uid_validity.is_some());
    let state = s.examine("Projects").unwrap();
    assert!(state.read_only);

    // RENAME and DELETE (a mailbox with children cannot go first).
    s.unselect().unwrap();
    s.rename("Projects.2024", "Projects.2025").unwrap();
    let after = names(&s.list("", "Projects*").unwrap());
    assert!(after.contains(&"Projects.2025".to_string()), "{after:?}");
    assert!(!after.contains(&"Projects.2024".to_string()), "{after:?}");
    s.delete("Projects.2025").unwrap();
    s.delete("Projects").unwrap();
    assert!(names(&s.list("", "Projects*").unwrap()).is_empty());
    match s.delete("Projects") {
        Err(Error::No(_)) => {}
        other => panic!("deleting a missing mailbox: {other:?}"),
    }
    assert!(!s.is_closed(), "a NO must not end the session");

    // NAMESPACE.
    let ns = s.namespace().unwrap();
    assert_eq!(ns.personal.len(), 1, "{ns:?}");
    assert_eq!(ns.personal[0].delimiter, Some(b'.'));
    s.logout().unwrap();
}
per_transport!(mailboxes);

fn non_ascii_names(kind: Kind) {
    let server = Dovecot::start().unwrap();
    let mut s = open(&server, kind, ALICE);
    let names_in = [
        "Entwürfe",
        "日本語",
        "Ελληνικά",
        "Entwürfe.Ünter",
        "emoji 📬",
    ];
    for name in names_in {
        s.create(name)
            .unwrap_or_else(|e| panic!("create {name}: {e}"));
    }
    let listed = names(&s.list("", "*").unwrap());
    for name in names_in {
        assert!(listed.iter().any(|n| n == name), "{name} not in {listed:?}");
    }
    // On the wire the names are modified UTF-7 (no UTF8=ACCEPT on Dovecot 2.3).
    let raw = s.list("", "Entw*").unwrap();
    assert!(
        raw.iter().any(|i| i.mailbox.as_bytes() == b"Entw&APw-rfe"),
        "{raw:?}"
    );

    s.append("日本語", "", None, common::message("nihongo"))
        .unwrap();
    let state = s.select("日本語", false).unwrap();
    assert_eq!(state.exists, Some(1));
    let status = s.status("Ελληνικά", "(MESSAGES)").unwrap();
    assert_eq!(messages(&status), Some(0));
    assert_eq!(status.mailbox.name().unwrap(), "Ελληνικά");
    s.close().unwrap();

    s.rename("日本語", "日本語・改").unwrap();
    s.rename("Entwürfe.Ünter", "Entwürfe.Über").unwrap();
    let listed = names(&s.list("", "*").unwrap());
    assert!(listed.contains(&"日本語・改".to_string()), "{listed:?}");
    assert!(!listed.contains(&"日本語".to_string()), "{listed:?}");
    assert!(listed.contains(&"Entwürfe.Über".to_string()), "{listed:?}");
    let moved = s.select("日本語・改", true).unwrap();
    assert_eq!(moved.exists, Some(1));
    s.unselect().unwrap();

    for name in [
        "日本語・改",
        "Ελληνικά",
        "Entwürfe.Über",
        "Entwürfe",
        "emoji 📬",
    ] {
        s.delete(name)
            .unwrap_or_else(|e| panic!("delete {name}: {e}"));
    }
    let left = names(&s.list("", "*").unwrap());
    assert!(left.iter().all(|n| n.is_ascii()), "{left:?}");
}
per_transport!(non_ascii_names);
