//! Commands in: [`Client::enqueue`], [`Client::authenticate`] and the
//! calls that answer the server during a command (SASL responses, IDLE's
//! DONE, the end of the TLS handshake).

use bytes::Bytes;

use super::auth::{self, Exchange};
use super::idle::IdleState;
use super::output;
use super::pending::{InFlight, Kind};
use super::{Client, CommandHandle, MailboxState, Sasl, SessionState, Switch, UsageError};
use crate::command::{Command, Secret};
use crate::response::ResponseStream;
use crate::types::Mailbox;

impl Client {
    /// Queues a command; its bytes come out of [`Client::poll_transmit`]
    /// as soon as it may be sent (after the greeting, after the literals
    /// and commands before it). Commands pipeline: several may be in flight.
    ///
    /// Refused, with nothing sent, when the command is not valid in the
    /// state the session will be in after the commands in flight, when an
    /// argument cannot be encoded safely, under `LOGINDISABLED` (LOGIN),
    /// over an unencrypted transport (LOGIN, unless
    /// [`ClientOptions::allow_plaintext_auth`](super::ClientOptions::allow_plaintext_auth)), while STARTTLS,
    /// AUTHENTICATE, LOGIN, COMPRESS or IDLE runs, or once closed.
    /// An `AUTHENTICATE` command goes through [`Client::authenticate`] with
    /// [`Sasl::Custom`]: its challenges come out as [`Event::AuthChallenge`](super::Event::AuthChallenge).
    pub fn enqueue(&mut self, command: Command) -> Result<CommandHandle, UsageError> {
        if let Command::Authenticate {
            mechanism,
            initial_response,
        } = &command
        {
            let mechanism = String::from_utf8_lossy(mechanism).into_owned();
            return self.authenticate(Sasl::Custom {
                mechanism,
                initial_response: initial_response.clone(),
            });
        }
        let name = command.name();
        self.check_can_enqueue(name)?;
        let state = self.projected_state();
        if !command.valid_in(state) {
            return Err(UsageError::WrongState {
                command: name,
                state,
            });
        }
        let kind = Kind::of(&command);
        if kind == Kind::Login {
            self.check_credentials("LOGIN")?;
        }
        let tag = self.tags.next_tag();
        let encoded = command
            .encode(tag.as_bytes(), &self.encode_context())
            .map_err(|source| UsageError::Encode {
                command: name,
                source,
            })?;
        let mut cmd = InFlight::new(self.new_handle(), Bytes::from(tag), name, kind);
        cmd.fragments = encoded.fragments.into();
        match &command {
            Command::Login { .. } => {
                cmd.needs_capabilities = true;
                cmd.plaintext = true;
            }
            Command::Select { mailbox, .. } | Command::Examine { mailbox, .. } => {
                cmd.mailbox = Some(MailboxState {
                    name: Some(Mailbox(mailbox.wire_bytes(self.utf8))),
                    read_only: cmd.kind == Kind::Examine,
                    ..MailboxState::default()
                });
            }
            Command::Idle => cmd.idle = Some(IdleState::default()),
            _ => {}
        }
        let handle = cmd.handle;
        self.pending.push_back(cmd);
        self.pump();
        Ok(handle)
    }

    /// AUTHENTICATE with a SASL mechanism (imaplib's `authenticate`). The
    /// built-in mechanisms answer the server themselves; [`Sasl::Custom`]
    /// hands each challenge out as [`Event::AuthChallenge`](super::Event::AuthChallenge). The first
    /// response goes with the command when the server advertises `SASL-IR`.
    /// On success the capabilities are forgotten and asked again.
    pub fn authenticate(&mut self, sasl: Sasl) -> Result<CommandHandle, UsageError> {
        const NAME: &str = "AUTHENTICATE";
        self.check_can_enqueue(NAME)?;
        let state = self.projected_state();
        if state != SessionState::NotAuthenticated {
            return Err(UsageError::WrongState {
                command: NAME,
                state,
            });
        }
        if !auth::valid_mechanism_name(sasl.mechanism()) {
            return Err(UsageError::InvalidMechanism);
        }
        let plaintext = sasl.is_plaintext();
        if plaintext {
            self.check_credentials(NAME)?;
        }
        let mechanism = Bytes::from(sasl.mechanism().to_ascii_uppercase());
        let nonce = self.scram_nonce();
        let exchange = Exchange::start(sasl, nonce, self.options.scram_max_iterations);
        let tag = self.tags.next_tag();
        let mut cmd = InFlight::new(
            self.new_handle(),
            Bytes::from(tag),
            NAME,
            Kind::Authenticate,
        );
        cmd.late = Some(Command::Authenticate {
            mechanism,
            initial_response: None,
        });
        cmd.auth = Some(exchange);
        cmd.needs_capabilities = true;
        cmd.plaintext = plaintext;
        let handle = cmd.handle;
        self.pending.push_back(cmd);
        self.pump();
        Ok(handle)
    }

    /// imaplib's `login_cram_md5(user, password)`: AUTHENTICATE CRAM-MD5.
    pub fn login_cram_md5(
        &mut self,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Result<CommandHandle, UsageError> {
        self.authenticate(Sasl::cram_md5(username, password))
    }

    /// Answers an [`Event::AuthChallenge`](super::Event::AuthChallenge): the bytes are base64-encoded and
    /// sent; `None` sends `*`, which aborts the exchange (the server then
    /// completes the command with BAD), as imaplib's callback returning None.
    pub fn auth_respond(
        &mut self,
        handle: CommandHandle,
        response: Option<Vec<u8>>,
    ) -> Result<(), UsageError> {
        let waiting = self
            .pending
            .iter_mut()
            .find(|c| c.handle == handle && c.awaiting_caller);
        let Some(cmd) = waiting else {
            return Err(UsageError::NotAuthenticating);
        };
        cmd.awaiting_caller = false;
        let line = match response {
            Some(data) => output::sasl_line(&Secret::new(data)),
            None => Bytes::from_static(b"*\r\n"),
        };
        self.queue_bytes(line, handle);
        Ok(())
    }

    /// Ends the running IDLE: sends `DONE` (at once, or as soon as the
    /// server has accepted the IDLE). The IDLE's [`Event::Completed`](super::Event::Completed)
    /// follows; other commands may be enqueued from now on.
    pub fn idle_done(&mut self) -> Result<(), UsageError> {
        let cmd = self
            .pending
            .iter_mut()
            .find(|c| c.idle.is_some())
            .ok_or(UsageError::NotIdling)?;
        let handle = cmd.handle;
        let Some(idle) = cmd.idle.as_mut() else {
            return Err(UsageError::NotIdling);
        };
        idle.done_requested = true;
        if idle.started && !idle.done_sent {
            idle.done_sent = true;
            self.send_done(handle);
        }
        Ok(())
    }

    /// The driver finished the TLS handshake asked for by
    /// [`Event::StartTls`](super::Event::StartTls). The capabilities are forgotten and asked again
    /// (a CAPABILITY command is queued).
    pub fn tls_established(&mut self) {
        if self.switching != Some(Switch::Tls) || self.closed {
            return;
        }
        self.switching = None;
        self.options.transport_encrypted = true;
        self.stream = ResponseStream::new(self.options.limits.clone());
        self.capabilities = None;
        self.ask_capabilities();
        self.pump();
    }
}
