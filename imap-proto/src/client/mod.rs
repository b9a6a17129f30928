//! The client state machine: tags, pipelined commands, continuations,
//! session state and capabilities, driven without IO.
//!
//! A [`Client`] never touches a socket or a clock. Its driver feeds it the
//! bytes it reads and the time, and writes out the bytes it is given:
//!
//! 1. [`Client::handle_input`] with every chunk read (or
//!    [`Client::recv_buf`] + [`Client::commit`] to read in place),
//!    [`Client::handle_eof`] when the peer closed, and
//!    [`Client::handle_timeout`] with the current time after every wait;
//! 2. then, after *any* call that feeds or commands the client, drain
//!    [`Client::poll_transmit`] (write every chunk, in order) and
//!    [`Client::poll_event`] until both return `None`;
//! 3. wait for input no longer than [`Client::poll_timeout`].
//!
//! Commands go in with [`Client::enqueue`] (any [`Command`](crate::command::Command)) or
//! [`Client::authenticate`] (SASL); each returns a [`CommandHandle`], and
//! the command's [`Event::Completed`] carries the same handle.
//!
//! The whole drive loop, here over a pretend transport that greets and
//! answers every command with OK (a real one is a socket, a TLS stream or
//! a subprocess's pipes):
//!
//! ```
//! # use std::io::{Read, Write};
//! # struct Pretend(Vec<u8>);
//! # impl Read for Pretend {
//! #     fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
//! #         let n = buf.len().min(self.0.len());
//! #         buf[..n].copy_from_slice(&self.0[..n]);
//! #         self.0.drain(..n);
//! #         Ok(n)
//! #     }
//! # }
//! # impl Write for Pretend {
//! #     fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
//! #         let tag = line.split(|&b| b == b' ').next().unwrap_or_default();
//! #         self.0.extend_from_slice(&[tag, b" OK done\r\n"].concat());
//! #         Ok(line.len())
//! #     }
//! #     fn flush(&mut self) -> std::io::Result<()> { Ok(()) }
//! # }
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # let mut transport = Pretend(b"* OK [CAPABILITY IMAP4rev1] ready\r\n".to_vec());
//! use std::time::Instant;
//! use imap_proto::client::{Client, ClientOptions, Event};
//! use imap_proto::command::Command;
//!
//! let mut options = ClientOptions::default();
//! options.random_seed = [7; 32]; // a real driver fills it from the OS (getrandom)
//! let mut client = Client::new(options);
//! let noop = client.enqueue(Command::noop())?; // queued until the greeting
//! loop {
//!     while let Some(bytes) = client.poll_transmit() {
//!         transport.write_all(&bytes)?; // bytes out
//!     }
//!     while let Some(event) = client.poll_event() {
//!         match event {
//!             Event::Completed { handle, result } if handle == noop => {
//!                 assert_eq!(result?.imaplib().0, "OK");
//!                 return Ok(());
//!             }
//!             Event::StartTls => { /* TLS handshake on the transport, then */ client.tls_established() }
//!             Event::Closed(reason) => return Err(format!("closed: {reason:?}").into()),
//!             other => println!("{other:?}"), // Greeting, Unsolicited, Alert, ...
//!         }
//!     }
//!     // A real driver waits for input at most until client.poll_timeout().
//!     let n = transport.read(client.recv_buf(4096))?; // bytes in
//!     if n == 0 { client.handle_eof() } else { client.commit(n) }
//!     client.handle_timeout(Instant::now());
//! }
//! # }
//! ```

mod auth;
mod commands;
mod complete;
mod error;
mod event;
mod idle;
mod input;
pub mod ops;
mod options;
mod output;
mod pending;
mod responses;
mod result;
mod state;
mod tag;
mod waiter;

use std::collections::VecDeque;
use std::time::Instant;

use bytes::Bytes;

pub use auth::Sasl;
pub use error::{CommandError, ProtocolError, UsageError};
pub use event::Event;
pub use options::ClientOptions;
pub use pending::CommandHandle;
pub use result::Completion;
pub use state::{MailboxState, SessionState};
pub use waiter::{Step, Until, Waiter};

use crate::command::EncodeContext;
use crate::response::ResponseStream;
use crate::types::Capability;
use pending::{InFlight, Kind};
use responses::ResponseStore;
use tag::TagGenerator;

/// What the transport is switching to after a tagged OK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Switch {
    /// STARTTLS succeeded; waiting for [`Client::tls_established`].
    Tls,
}

/// The sans-IO IMAP client: feed it bytes and time, take bytes and events
/// out. See the [module documentation](self) for the call order and the
/// drive loop.
///
/// A fatal error (the server's BYE or protocol violation, EOF) is sticky:
/// every command in flight completes with [`CommandError::Abort`], then
/// [`Event::Closed`] comes, and later commands are refused with
/// [`UsageError::Closed`].
///
/// `Debug` shows the session's state, never the bytes waiting to be sent
/// (they may hold a password).
pub struct Client {
    options: ClientOptions,
    stream: ResponseStream,
    tags: TagGenerator,
    next_handle: u64,
    nonce_counter: u64,
    state: SessionState,
    greeted: bool,
    capabilities: Option<Vec<Capability>>,
    enabled: Vec<Capability>,
    utf8: bool,
    selected: Option<MailboxState>,
    pending: VecDeque<InFlight>,
    transmit: VecDeque<(Bytes, CommandHandle)>,
    events: VecDeque<Event>,
    responses: ResponseStore,
    switching: Option<Switch>,
    bye: Option<crate::response::Status>,
    /// A completion held until the automatic CAPABILITY after it is asked.
    held: Option<Event>,
    closed: bool,
    now: Option<Instant>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("state", &self.state)
            .field("greeted", &self.greeted)
            .field("capabilities", &self.capabilities)
            .field("selected", &self.selected)
            .field("pending", &self.pending)
            .field("queued_chunks", &self.transmit.len())
            .field("queued_events", &self.events.len())
            .field("closed", &self.closed)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for a new connection, waiting for the server's greeting.
    ///
    /// A client hands out whole responses: it ignores
    /// [`Limits::stream_literals_from`](crate::Limits::stream_literals_from)
    /// (command results hold their literals).
    pub fn new(options: ClientOptions) -> Self {
        let limits = crate::Limits {
            stream_literals_from: None,
            ..options.limits.clone()
        };
        Client {
            stream: ResponseStream::new(limits),
            tags: TagGenerator::new(&options.random_seed),
            responses: ResponseStore::new(options.limits.max_queued_events),
            options,
            next_handle: 1,
            nonce_counter: 0,
            state: SessionState::NotAuthenticated,
            greeted: false,
            capabilities: None,
            enabled: Vec::new(),
            utf8: false,
            selected: None,
            pending: VecDeque::new(),
            transmit: VecDeque::new(),
            events: VecDeque::new(),
            switching: None,
            bye: None,
            held: None,
            closed: false,
            now: None,
        }
    }

    // ----- input -----

    /// Feeds bytes read from the server. Complete responses are processed
    /// at once; then drain [`Client::poll_transmit`] and [`Client::poll_event`].
    pub fn handle_input(&mut self, data: &[u8]) {
        if self.closed || data.is_empty() {
            return;
        }
        if self.switching.is_some() {
            // Plaintext after the server agreed to TLS: never parsed.
            self.fatal(ProtocolError::DataAfterSwitch(data.len()));
            return;
        }
        self.stream.feed(data);
        self.process();
    }

    /// A writable slice of `min` bytes to read into without a copy; follow
    /// with [`Client::commit`].
    pub fn recv_buf(&mut self, min: usize) -> &mut [u8] {
        self.stream.recv_buf(min)
    }

    /// Processes the first `n` bytes read into [`Client::recv_buf`]'s slice,
    /// as [`Client::handle_input`] does.
    pub fn commit(&mut self, n: usize) {
        if self.closed || n == 0 {
            return;
        }
        if self.switching.is_some() {
            self.fatal(ProtocolError::DataAfterSwitch(n));
            return;
        }
        self.stream.commit(n);
        self.process();
    }

    /// Releases receive-buffer memory beyond what the bytes not processed
    /// yet need. The buffer keeps the capacity it grew to for the largest
    /// response so far, to reuse it; call this after a large FETCH when
    /// memory matters more (see [`ResponseStream::shrink_buffer`]).
    pub fn shrink_buffer(&mut self) {
        self.stream.shrink_buffer();
    }

    /// The server closed the connection (read returned 0).
    pub fn handle_eof(&mut self) {
        if self.closed {
            return;
        }
        self.on_eof();
    }

    /// Tells the client the time. Call it after every wait (it does nothing
    /// when nothing is due); the IDLE refresh runs from here.
    pub fn handle_timeout(&mut self, now: Instant) {
        self.now = Some(now);
        if self.closed {
            return;
        }
        let refresh = self.options.idle_refresh;
        let mut refresh_now = Vec::new();
        for cmd in self.pending.iter_mut() {
            if let Some(idle) = cmd.idle.as_mut() {
                if idle.on_time(now, refresh) {
                    idle.done_sent = true;
                    idle.refreshing = true;
                    refresh_now.push(cmd.handle);
                }
            }
        }
        for handle in refresh_now {
            self.send_done(handle);
        }
    }

    // ----- output -----

    /// The next bytes to write to the server, in order. `None` when there
    /// is nothing to send (also while a TLS handshake is due).
    pub fn poll_transmit(&mut self) -> Option<Bytes> {
        if self.switching.is_some() {
            return None;
        }
        let (bytes, handle) = self.transmit.pop_front()?;
        if let Some(cmd) = self.pending.iter_mut().find(|c| c.handle == handle) {
            cmd.unflushed = cmd.unflushed.saturating_sub(1);
        }
        Some(bytes)
    }

    /// The next event, `None` when there is none.
    pub fn poll_event(&mut self) -> Option<Event> {
        self.events.pop_front()
    }

    /// When [`Client::handle_timeout`] must be called next, at the latest
    /// (the IDLE refresh); `None` when no timer runs.
    pub fn poll_timeout(&self) -> Option<Instant> {
        if self.closed {
            return None;
        }
        self.pending
            .iter()
            .filter_map(|c| c.idle.as_ref()?.deadline(self.options.idle_refresh))
            .min()
    }

    // ----- session state -----

    /// The connection state (RFC 3501 section 3).
    pub fn state(&self) -> SessionState {
        self.state
    }

    /// The server's capabilities as last reported; empty while unknown
    /// (before they are asked for again after STARTTLS or authentication).
    pub fn capabilities(&self) -> &[Capability] {
        self.capabilities.as_deref().unwrap_or(&[])
    }

    /// True when the server advertised `name` (ignoring ASCII case), e.g.
    /// `has_capability("IDLE")` or `has_capability("AUTH=PLAIN")`.
    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities().iter().any(|c| c.is(name))
    }

    /// imaplib's `PROTOCOL_VERSION`: the most recent protocol in the
    /// capabilities, `IMAP4rev2`, `IMAP4rev1` or `IMAP4`.
    pub fn protocol_version(&self) -> Option<&'static str> {
        ["IMAP4rev2", "IMAP4rev1", "IMAP4"]
            .into_iter()
            .find(|v| self.has_capability(v))
    }

    /// imaplib's `utf8_enabled`: true once `ENABLE UTF8=ACCEPT` succeeded.
    pub fn utf8_enabled(&self) -> bool {
        self.utf8
    }

    /// What ENABLE turned on (RFC 5161).
    pub fn enabled(&self) -> &[Capability] {
        &self.enabled
    }

    /// The selected mailbox's state, kept current; `None` unless selected.
    pub fn selected(&self) -> Option<&MailboxState> {
        self.selected.as_ref()
    }

    /// imaplib's `response(code)`: the data of the untagged responses and
    /// response codes received under that name (`EXISTS`, `FETCH`,
    /// `UIDVALIDITY`, `ALERT`, ...), oldest first, taken out of the store.
    pub fn response(&mut self, code: &str) -> Vec<Bytes> {
        self.responses.take(code)
    }

    /// The limits this client was built with.
    pub fn limits(&self) -> &crate::Limits {
        &self.options.limits
    }

    /// True once the connection is over (LOGOUT done, BYE, fatal error, EOF).
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// What the encoder may use, from the capabilities and ENABLE.
    pub fn encode_context(&self) -> EncodeContext {
        EncodeContext {
            literal_plus: self.has_capability("LITERAL+"),
            literal_minus: self.has_capability("LITERAL-"),
            utf8_accept: self.utf8,
            binary: self.has_capability("BINARY"),
        }
    }

    // ----- helpers shared by the submodules -----

    fn new_handle(&mut self) -> CommandHandle {
        let h = CommandHandle(self.next_handle);
        self.next_handle += 1;
        h
    }

    /// A SCRAM client nonce from the seed and a counter, hashed.
    fn scram_nonce(&mut self) -> String {
        use base64::Engine as _;
        use sha2::{Digest, Sha256};
        self.nonce_counter += 1;
        let digest = Sha256::new()
            .chain_update(b"imap-proto scram nonce")
            .chain_update(self.options.random_seed)
            .chain_update(self.nonce_counter.to_be_bytes())
            .finalize();
        base64::engine::general_purpose::STANDARD.encode(&digest[..24])
    }

    /// The state after every command in flight succeeds: what a new command
    /// is checked against.
    fn projected_state(&self) -> SessionState {
        let mut state = self.state;
        for cmd in &self.pending {
            state = match cmd.kind {
                Kind::Login | Kind::Authenticate => SessionState::Authenticated,
                Kind::Select | Kind::Examine => SessionState::Selected,
                Kind::Close => SessionState::Authenticated,
                Kind::Logout => SessionState::Logout,
                _ => state,
            };
        }
        state
    }

    fn check_can_enqueue(&self, command: &'static str) -> Result<(), UsageError> {
        if self.closed {
            return Err(UsageError::Closed);
        }
        if self.switching.is_some() {
            return Err(UsageError::Busy {
                command,
                running: "STARTTLS",
            });
        }
        let busy = self
            .pending
            .iter()
            .find(|c| c.kind.runs_alone() && !c.idle.as_ref().is_some_and(|i| i.done_requested));
        match busy {
            Some(running) => Err(UsageError::Busy {
                command,
                running: running.name,
            }),
            None => Ok(()),
        }
    }

    /// LOGINDISABLED and the plaintext policy, for credentials in the clear.
    fn check_credentials(&self, command: &'static str) -> Result<(), UsageError> {
        if self.has_capability("LOGINDISABLED") {
            return Err(UsageError::LoginDisabled { command });
        }
        if !self.options.transport_encrypted && !self.options.allow_plaintext_auth {
            return Err(UsageError::PlaintextAuth { command });
        }
        Ok(())
    }

    fn push_event(&mut self, event: Event) {
        if self.events.len() >= self.options.limits.max_queued_events {
            self.fatal(ProtocolError::TooManyResponses(
                self.options.limits.max_queued_events,
            ));
            return;
        }
        self.events.push_back(event);
    }
}
