//! Unit tests of `waiter`.

use std::time::{Duration, Instant};

use super::{Step, Until, Waiter};
use crate::client::{Client, ClientOptions, Event, ProtocolError};
use crate::command::Command;
use crate::response::Untagged;

fn client() -> Client {
    Client::new(ClientOptions {
        random_seed: [3; 32],
        ..ClientOptions::default()
    })
}

/// The server's bytes, as a driver reads them.
fn feed(waiter: &mut Waiter, client: &mut Client, data: &str, now: Instant) {
    client.recv_buf(data.len())[..data.len()].copy_from_slice(data.as_bytes());
    waiter.handle_read(client, data.len(), now);
}

/// Polls until the waiter wants a read, returning what was written.
fn write_all(waiter: &mut Waiter, client: &mut Client, now: Instant) -> String {
    let mut written = String::new();
    loop {
        match waiter.poll(client, now) {
            Step::Transmit(bytes) => written.push_str(std::str::from_utf8(&bytes).unwrap()),
            Step::Flush => {}
            Step::Read { .. } => return written,
            other => panic!("unexpected {other:?}"),
        }
    }
}

fn greeted(waiter: &mut Waiter, now: Instant) -> Client {
    let mut client = client();
    waiter.begin(Until::Greeting, None, None, now);
    assert!(matches!(
        waiter.poll(&mut client, now),
        Step::Read { deadline: None }
    ));
    feed(
        waiter,
        &mut client,
        "* PREAUTH [CAPABILITY IMAP4rev1 IDLE] hi\r\n",
        now,
    );
    assert!(matches!(
        waiter.poll(&mut client, now),
        Step::Done(Event::Greeting(_))
    ));
    client
}

#[test]
fn a_command_is_written_flushed_then_its_completion_returned() {
    let now = Instant::now();
    let mut waiter = Waiter::default();
    let mut client = greeted(&mut waiter, now);
    let noop = client.enqueue(Command::noop()).unwrap();
    waiter.begin(Until::Completed(noop), None, None, now);
    let Step::Transmit(bytes) = waiter.poll(&mut client, now) else {
        panic!("the NOOP first");
    };
    assert!(bytes.ends_with(b" NOOP\r\n"));
    assert!(matches!(waiter.poll(&mut client, now), Step::Flush));
    assert!(matches!(waiter.poll(&mut client, now), Step::Read { .. }));
    let tag = std::str::from_utf8(&bytes)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    let reply = format!("* 4 EXISTS\r\n* OK [ALERT] down at 5\r\n{tag} OK done\r\n");
    feed(&mut waiter, &mut client, &reply, now);
    match waiter.poll(&mut client, now) {
        Step::Done(Event::Completed { handle, result }) => {
            assert_eq!(handle, noop);
            assert_eq!(result.unwrap().status.text, "done");
        }
        other => panic!("{other:?}"),
    }
    let unsolicited = waiter.take_unsolicited();
    assert_eq!(unsolicited.len(), 2, "EXISTS and the status with the alert");
    assert_eq!(unsolicited[0], Untagged::Exists(4));
    assert_eq!(waiter.take_alerts(), vec![bytes::Bytes::from("down at 5")]);
    assert!(waiter.take_unsolicited().is_empty());
}

#[test]
fn a_silent_server_times_out_but_an_idle_waits_for_its_caller() {
    let now = Instant::now();
    let second = Duration::from_secs(1);
    let mut waiter = Waiter::default();
    let mut client = greeted(&mut waiter, now);
    let noop = client.enqueue(Command::noop()).unwrap();
    waiter.begin(Until::Completed(noop), None, Some(second), now);
    write_all(&mut waiter, &mut client, now);
    match waiter.poll(&mut client, now) {
        Step::Read { deadline } => assert_eq!(deadline, Some(now + second)),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        waiter.poll(&mut client, now + second),
        Step::TimedOut
    ));

    // The events of an IDLE: the caller's deadline only.
    waiter.begin(
        Until::IdleEvent(noop),
        Some(now + 5 * second),
        Some(second),
        now,
    );
    assert!(matches!(
        waiter.poll(&mut client, now + 2 * second),
        Step::Read { .. }
    ));
    assert!(matches!(
        waiter.poll(&mut client, now + 5 * second),
        Step::Elapsed
    ));
}

#[test]
fn idle_events_come_one_at_a_time_and_extra_ones_are_kept() {
    let now = Instant::now();
    let mut waiter = Waiter::default();
    let mut client = greeted(&mut waiter, now);
    let idle = client.enqueue(Command::Idle).unwrap();
    waiter.begin(Until::IdleStarted(idle), None, None, now);
    write_all(&mut waiter, &mut client, now);
    feed(
        &mut waiter,
        &mut client,
        "+ idling\r\n* 2 EXISTS\r\n* 3 EXISTS\r\n",
        now,
    );
    assert!(matches!(
        waiter.poll(&mut client, now),
        Step::Done(Event::IdleStarted { .. })
    ));
    for n in [2, 3] {
        waiter.begin(Until::IdleEvent(idle), None, None, now);
        match waiter.poll(&mut client, now) {
            Step::Done(Event::Unsolicited(u)) => assert_eq!(u, Untagged::Exists(n)),
            other => panic!("{other:?}"),
        }
    }
    waiter.begin(Until::IdleEvent(idle), None, None, now);
    assert!(matches!(waiter.poll(&mut client, now), Step::Read { .. }));
}

#[test]
fn kept_events_are_bounded_oldest_dropped() {
    let now = Instant::now();
    let mut waiter = Waiter::new(2);
    let mut client = greeted(&mut waiter, now);
    let noop = client.enqueue(Command::noop()).unwrap();
    waiter.begin(Until::Completed(noop), None, None, now);
    write_all(&mut waiter, &mut client, now);
    feed(
        &mut waiter,
        &mut client,
        "* 1 EXISTS\r\n* 2 EXISTS\r\n* 3 EXISTS\r\n",
        now,
    );
    assert!(matches!(waiter.poll(&mut client, now), Step::Read { .. }));
    let kept = waiter.take_unsolicited();
    assert_eq!(kept, vec![Untagged::Exists(2), Untagged::Exists(3)]);
}

#[test]
fn a_failure_closes_the_client_and_keeps_the_reason() {
    let now = Instant::now();
    let mut waiter = Waiter::default();
    let mut client = greeted(&mut waiter, now);
    let noop = client.enqueue(Command::noop()).unwrap();
    waiter.begin(Until::Completed(noop), None, None, now);
    write_all(&mut waiter, &mut client, now);
    waiter.fail(&mut client);
    assert!(client.is_closed());
    assert_eq!(waiter.closed_reason(), Some(ProtocolError::UnexpectedEof));
    waiter.begin(Until::Completed(noop), None, None, now);
    assert!(matches!(
        waiter.poll(&mut client, now),
        Step::Closed(Some(ProtocolError::UnexpectedEof))
    ));
}

#[test]
fn starttls_stops_everything_until_the_handshake() {
    let now = Instant::now();
    let mut waiter = Waiter::default();
    let mut client = client();
    waiter.begin(Until::Greeting, None, None, now);
    feed(
        &mut waiter,
        &mut client,
        "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n",
        now,
    );
    assert!(matches!(waiter.poll(&mut client, now), Step::Done(_)));
    let starttls = client.enqueue(Command::StartTls).unwrap();
    waiter.begin(Until::Completed(starttls), None, None, now);
    let written = write_all(&mut waiter, &mut client, now);
    let tag = written.split(' ').next().unwrap().to_owned();
    feed(&mut waiter, &mut client, &format!("{tag} OK go\r\n"), now);
    assert!(matches!(waiter.poll(&mut client, now), Step::StartTls));
    client.tls_established();
    // The capabilities are asked again before STARTTLS completes.
    let Step::Transmit(bytes) = waiter.poll(&mut client, now) else {
        panic!("CAPABILITY");
    };
    assert!(bytes.ends_with(b" CAPABILITY\r\n"));
}
