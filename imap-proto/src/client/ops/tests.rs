//! The operations' commands and extractors, over completions a client
//! built from a server's bytes.

use super::*;
use crate::client::{Client, ClientOptions, Completion, Event};
use crate::command::Command;

/// Runs `op` on a client with INBOX selected, the server answering with
/// `reply` (`$TAG` stands for the command's tag); returns the completion.
fn complete<T>(op: &Op<T>, reply: &str) -> Completion {
    let mut client = Client::new(ClientOptions {
        random_seed: [5; 32],
        ..ClientOptions::default()
    });
    client.handle_input(b"* PREAUTH [CAPABILITY IMAP4rev1 LITERAL+] hi\r\n");
    answer(
        &mut client,
        select("INBOX", false).command,
        "$TAG OK [READ-WRITE] in\r\n",
    );
    answer(&mut client, op.command.clone(), reply)
}

fn answer(client: &mut Client, command: Command, reply: &str) -> Completion {
    let handle = client.enqueue(command).unwrap();
    let sent = client.poll_transmit().unwrap();
    while client.poll_transmit().is_some() {}
    let tag = std::str::from_utf8(&sent)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    client.handle_input(reply.replace("$TAG", tag).as_bytes());
    while let Some(event) = client.poll_event() {
        if let Event::Completed { handle: h, result } = event {
            assert_eq!(h, handle);
            return result.unwrap();
        }
    }
    panic!("no completion");
}

#[test]
fn string_arguments_are_checked_before_anything_is_built() {
    let err = fetch("1\r\nA1 DELETE INBOX", "(FLAGS)").unwrap_err();
    assert_eq!(err.what, "sequence set");
    assert!(store("1", "+FLAGS", r"(\Seen").is_err());
    assert!(matches!(
        search(None, "ALL").unwrap().command,
        Command::Search(_)
    ));
}

#[test]
fn status_and_myrights_need_their_response() {
    let op = status("INBOX", "(MESSAGES)").unwrap();
    let done = complete(&op, "* STATUS INBOX (MESSAGES 3)\r\n$TAG OK\r\n");
    assert_eq!(op.extract(&done).unwrap().items.len(), 1);
    let done = complete(&op, "$TAG OK\r\n");
    assert_eq!(
        op.extract(&done),
        Err(MissingResponse { command: "STATUS" })
    );
    let op = myrights("INBOX");
    let missing = op.extract(&complete(&op, "$TAG OK\r\n")).unwrap_err();
    assert_eq!(
        missing.to_string(),
        "the server's answer to MYRIGHTS lacks its data"
    );
}

#[test]
fn results_are_typed() {
    let op = uid_search(None, "ALL").unwrap();
    let done = complete(&op, "* SEARCH 4 9\r\n$TAG OK\r\n");
    assert_eq!(op.extract(&done).unwrap(), vec![4, 9]);

    let op = copy("1:2", "Archive").unwrap();
    let done = complete(&op, "$TAG OK [COPYUID 7 1:2 10:11] copied\r\n");
    let (validity, from, to) = op.extract(&done).unwrap().unwrap();
    assert_eq!(
        (validity, from.to_string(), to.to_string()),
        (7, "1:2".into(), "10:11".into())
    );

    let op = list_status("", "*", "(MESSAGES)").unwrap();
    let reply = "* LIST () \"/\" INBOX\r\n* LIST () \"/\" Sent\r\n\
                 * STATUS INBOX (MESSAGES 2)\r\n$TAG OK\r\n";
    let listed = op.extract(&complete(&op, reply)).unwrap();
    assert_eq!(listed.len(), 2);
    assert!(listed[0].1.is_some() && listed[1].1.is_none());

    let op = logout();
    let bye = op.extract(&complete(&op, "* BYE see you\r\n$TAG OK\r\n"));
    assert_eq!(bye.unwrap().unwrap().text, "see you");
    let op = getquotaroot("INBOX");
    let reply = "* QUOTAROOT INBOX \"\"\r\n* QUOTA \"\" (STORAGE 10 512)\r\n$TAG OK\r\n";
    let (roots, quotas) = op.extract(&complete(&op, reply)).unwrap();
    assert_eq!((roots.len(), quotas.len()), (1, 1));
}
