//! The client state machine never panics: an arbitrary sequence of commands,
//! then arbitrary server bytes in arbitrary chunks, with the clock moving
//! and the caller answering IDLE and SASL challenges.
#![no_main]

use std::time::{Duration, Instant};

use imap_proto::client::{Client, ClientOptions, Event, Sasl};
use imap_proto::command::{Command, FetchItem, SearchKey};
use imap_proto::types::SequenceSet;
use libfuzzer_sys::fuzz_target;

fn command(n: u8, client: &mut Client) {
    let _ = match n % 18 {
        0 => client.enqueue(Command::noop()),
        1 => client.enqueue(Command::login("joe", "pw")),
        2 => client.enqueue(Command::select("INBOX")),
        3 => client.enqueue(Command::examine("INBOX")),
        4 => client.enqueue(Command::fetch(SequenceSet::range(1, 3), FetchItem::Flags)),
        5 => client.enqueue(Command::search(None, SearchKey::All)),
        6 => client.enqueue(Command::idle()),
        7 => client.enqueue(Command::append("INBOX", vec![], None, &b"Subject: x\r\n\r\nbody"[..])),
        8 => client.authenticate(Sasl::plain("joe", "pw")),
        9 => client.authenticate(Sasl::scram_sha256("joe", "pw")),
        10 => client.authenticate(Sasl::custom("X-CUSTOM")),
        11 => client.enqueue(Command::starttls()),
        12 => client.enqueue(Command::logout()),
        13 => client.enqueue(Command::list("", "*")),
        14 => client.enqueue(Command::compress_deflate()),
        15 => client.enqueue(Command::capability()),
        16 => client.enqueue(Command::enable(["UTF8=ACCEPT"])),
        _ => client.enqueue(Command::expunge()),
    };
}

const GREETINGS: [&[u8]; 4] = [
    b"",
    b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE STARTTLS] hi\r\n",
    b"* PREAUTH [CAPABILITY IMAP4rev2 IDLE] hi\r\n",
    b"* OK hi\r\n",
];

fuzz_target!(|data: &[u8]| {
    let [setup, chunk, ncmd, rest @ ..] = data else { return };
    let ncmd = usize::from(*ncmd % 8).min(rest.len());
    let (commands, server) = rest.split_at(ncmd);
    let mut options = ClientOptions::default();
    options.transport_encrypted = setup & 4 != 0;
    options.allow_plaintext_auth = setup & 8 != 0;
    options.scram_max_iterations = 16;
    options.limits.max_queued_events = 64;
    let mut client = Client::new(options);
    let mut now = Instant::now();
    client.handle_input(GREETINGS[usize::from(setup & 3)]);
    for &c in commands {
        command(c, &mut client);
    }
    let chunk = usize::from(*chunk % 32) + 1;
    for (i, part) in server.chunks(chunk).enumerate() {
        client.handle_input(part);
        while client.poll_transmit().is_some() {}
        while let Some(event) = client.poll_event() {
            match event {
                Event::AuthChallenge { handle, data } => {
                    let _ = client.auth_respond(handle, (data.len() % 2 == 0).then(|| data.to_vec()));
                }
                Event::StartTls => client.tls_established(),
                Event::IdleStarted { .. } if i % 3 == 0 => {
                    let _ = client.idle_done();
                }
                _ => {}
            }
        }
        now += Duration::from_secs(600);
        client.handle_timeout(now);
        if let Some(&c) = part.first() {
            if c % 7 == 0 {
                command(c / 7, &mut client);
            }
        }
        let _ = (client.state(), client.selected().cloned(), client.poll_timeout());
        let _ = client.response("FETCH");
    }
    client.handle_eof();
    while client.poll_event().is_some() {}
});
