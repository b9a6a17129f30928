//! The client state machine never panics: an arbitrary sequence of commands,
//! then arbitrary server bytes in arbitrary chunks, with the clock moving
//! and the caller answering IDLE and SASL challenges.
#![no_main]

use std::time::{Duration, Instant};

use imap_proto::client::{Client, ClientOptions, Event, Sasl};
use imap_proto::command::{
    Arg, Command, FetchCommand, FetchItem, SearchKey, SortCriterion, SortKey, StatusAttribute,
    StoreAction,
};
use imap_proto::types::{Flag, SequenceSet};
use libfuzzer_sys::fuzz_target;

fn command(n: u8, client: &mut Client) {
    let set = SequenceSet::range(1, 3);
    let _ = match n % 34 {
        0 => client.enqueue(Command::noop()),
        1 => client.enqueue(Command::login("joe", "pw")),
        2 => client.enqueue(Command::select("INBOX")),
        3 => client.enqueue(Command::examine("INBOX")),
        4 => client.enqueue(Command::fetch(set, FetchItem::Flags)),
        5 => client.enqueue(Command::search(None, SearchKey::All)),
        6 => client.enqueue(Command::idle()),
        7 => client.enqueue(Command::append(
            "INBOX",
            vec![],
            None,
            &b"Subject: x\r\n\r\nbody"[..],
        )),
        8 => client.authenticate(Sasl::plain("joe", "pw")),
        9 => client.authenticate(Sasl::scram_sha256("joe", "pw")),
        10 => client.authenticate(Sasl::custom("X-CUSTOM")),
        11 => client.enqueue(Command::starttls()),
        12 => client.enqueue(Command::logout()),
        13 => client.enqueue(Command::list("", "*")),
        14 => client.enqueue(Command::compress_deflate()),
        15 => client.enqueue(Command::capability()),
        16 => client.enqueue(Command::enable(["UTF8=ACCEPT"])),
        17 => client.enqueue(Command::expunge()),
        18 => client.login_cram_md5("joe", "pw"),
        19 => client.authenticate(Sasl::login("joe", "pw")),
        20 => client.authenticate(Sasl::xoauth2("joe", "tok")),
        21 => client.authenticate(Sasl::oauthbearer("joe", "tok")),
        22 => client.enqueue(Command::status("INBOX", vec![StatusAttribute::Messages])),
        23 => client.enqueue(Command::getquotaroot("INBOX")),
        24 => client.enqueue(Command::Fetch(FetchCommand {
            uid: true,
            set,
            items: FetchItem::Flags.into(),
            changed_since: Some(1),
            vanished: true,
        })),
        25 => client.enqueue(Command::uid_sort(
            vec![SortCriterion {
                reverse: false,
                key: SortKey::Date,
            }],
            "UTF-8",
            SearchKey::All,
        )),
        26 => client.enqueue(Command::uid_thread("REFERENCES", "UTF-8", SearchKey::All)),
        27 => client.enqueue(Command::uid_move(set, "Trash")),
        28 => client.enqueue(Command::namespace()),
        29 => client.enqueue(Command::id(None)),
        30 => client.enqueue(Command::close()),
        31 => client.enqueue(Command::getmetadata(
            "INBOX",
            vec!["/private/comment".into()],
        )),
        32 => client.enqueue(Command::xatom("XFOO", vec![Arg::Number(1)])),
        _ => client.enqueue(Command::uid_store(set, StoreAction::Add, vec![Flag::Seen])),
    };
}

const GREETINGS: [&[u8]; 4] = [
    b"",
    b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR IDLE STARTTLS] hi\r\n",
    b"* PREAUTH [CAPABILITY IMAP4rev2 IDLE] hi\r\n",
    b"* OK hi\r\n",
];

fuzz_target!(|data: &[u8]| {
    let [setup, chunk, ncmd, rest @ ..] = data else {
        return;
    };
    let ncmd = usize::from(*ncmd % 12).min(rest.len());
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
                    let _ =
                        client.auth_respond(handle, (data.len() % 2 == 0).then(|| data.to_vec()));
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
        let _ = (
            client.state(),
            client.selected().cloned(),
            client.poll_timeout(),
        );
        let _ = client.response("FETCH");
    }
    client.handle_eof();
    while client.poll_event().is_some() {}
});
