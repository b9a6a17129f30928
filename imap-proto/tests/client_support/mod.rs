//! A scripted server for the client state machine: bytes in, bytes and
//! events out, a virtual clock. Shared by `session.rs` and `client_*.rs`.
#![allow(dead_code, unreachable_pub)]

use std::time::{Duration, Instant};

use imap_proto::client::{Client, ClientOptions, CommandError, CommandHandle, Completion, Event};

/// A client with the server side scripted by the test.
pub struct Conn {
    pub client: Client,
    /// Everything the client wrote, not yet taken.
    pub sent: Vec<u8>,
    /// Every event, not yet taken.
    pub events: Vec<Event>,
    /// The virtual clock.
    pub now: Instant,
}

/// Options for an encrypted transport (LOGIN allowed) with a fixed seed.
pub fn options() -> ClientOptions {
    let mut o = ClientOptions::default();
    o.random_seed = [42; 32];
    o.transport_encrypted = true;
    o
}

impl Conn {
    pub fn new() -> Self {
        Conn::with(options())
    }

    pub fn with(options: ClientOptions) -> Self {
        let now = Instant::now();
        let mut conn = Conn {
            client: Client::new(options),
            sent: Vec::new(),
            events: Vec::new(),
            now,
        };
        conn.client.handle_timeout(now);
        conn
    }

    /// A connection past a greeting that lists `caps`.
    pub fn greeted(caps: &str) -> Self {
        let mut conn = Conn::new();
        conn.server(&format!("* OK [CAPABILITY {caps}] ready\r\n"));
        conn.take_events();
        conn
    }

    /// A connection logged in (through a scripted LOGIN), capabilities `caps`.
    pub fn authenticated(caps: &str) -> Self {
        let mut conn = Conn::greeted(caps);
        conn.client
            .enqueue(imap_proto::command::Command::login("joe", "pw"))
            .unwrap();
        let tag = conn.sent_tag(" LOGIN ");
        conn.server(&format!("{tag} OK [CAPABILITY {caps}] logged in\r\n"));
        conn.take_events();
        conn
    }

    /// A connection with INBOX selected read-write.
    pub fn selected(caps: &str) -> Self {
        let mut conn = Conn::authenticated(caps);
        conn.client
            .enqueue(imap_proto::command::Command::select("INBOX"))
            .unwrap();
        let tag = conn.sent_tag(" SELECT ");
        conn.server(&format!(
            "* 3 EXISTS\r\n* OK [UIDVALIDITY 9] v\r\n{tag} OK [READ-WRITE] done\r\n"
        ));
        conn.take_events();
        conn
    }

    /// Feeds server bytes, then drains.
    pub fn server(&mut self, bytes: &str) {
        self.server_bytes(bytes.as_bytes());
    }

    pub fn server_bytes(&mut self, bytes: &[u8]) {
        self.client.handle_input(bytes);
        self.drain();
    }

    /// Advances the virtual clock and calls handle_timeout.
    pub fn advance(&mut self, by: Duration) {
        self.now += by;
        self.client.handle_timeout(self.now);
        self.drain();
    }

    /// Drains transmit and events.
    pub fn drain(&mut self) {
        while let Some(b) = self.client.poll_transmit() {
            self.sent.extend_from_slice(&b);
        }
        while let Some(e) = self.client.poll_event() {
            self.events.push(e);
        }
    }

    /// Everything sent so far, as text, taken.
    pub fn take_sent(&mut self) -> String {
        self.drain();
        String::from_utf8_lossy(&std::mem::take(&mut self.sent)).into_owned()
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        self.drain();
        std::mem::take(&mut self.events)
    }

    /// Takes what was sent, asserts it is one line containing `needle`,
    /// and returns its tag.
    pub fn sent_tag(&mut self, needle: &str) -> String {
        let sent = self.take_sent();
        assert!(sent.contains(needle), "expected {needle:?} in {sent:?}");
        assert!(sent.ends_with("\r\n"), "{sent:?}");
        sent.split(' ').next().unwrap().to_string()
    }

    /// The completion of `handle` among the events taken.
    pub fn completion(&mut self, handle: CommandHandle) -> Result<Completion, CommandError> {
        let events = self.take_events();
        completion_in(&events, handle)
    }
}

pub fn completion_in(events: &[Event], handle: CommandHandle) -> Result<Completion, CommandError> {
    events
        .iter()
        .find_map(|e| match e {
            Event::Completed { handle: h, result } if *h == handle => Some(result.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no completion for {handle:?} in {events:?}"))
}

pub fn is_closed_with_error(events: &[Event]) -> bool {
    events.iter().any(|e| matches!(e, Event::Closed(Some(_))))
}
