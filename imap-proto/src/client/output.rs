//! The sending side of the machine: moving commands' fragments into the
//! transmit queue in order, stopping at synchronizing literals and behind
//! commands that run alone.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bytes::Bytes;

use super::pending::{InFlight, Kind, Phase};
use super::{Client, CommandError, CommandHandle, Event, UsageError};
use crate::command::{Command, Fragment, Secret, IDLE_DONE};

/// One SASL response line: base64 and CRLF.
pub(crate) fn sasl_line(response: &Secret) -> Bytes {
    let mut line = STANDARD.encode(response.expose()).into_bytes();
    line.extend_from_slice(b"\r\n");
    Bytes::from(line)
}

impl Client {
    /// Queues bytes of the command `handle` for transmission.
    pub(super) fn queue_bytes(&mut self, bytes: Bytes, handle: CommandHandle) {
        if let Some(cmd) = self.pending.iter_mut().find(|c| c.handle == handle) {
            cmd.unflushed += 1;
        }
        self.transmit.push_back((bytes, handle));
    }

    /// Queues `DONE` for the IDLE `handle`.
    pub(super) fn send_done(&mut self, handle: CommandHandle) {
        self.queue_bytes(Bytes::from_static(IDLE_DONE), handle);
    }

    /// Queues an internal CAPABILITY before the first command not sent yet.
    pub(super) fn ask_capabilities(&mut self) {
        let tag = self.tags.next_tag();
        let Ok(encoded) = Command::Capability.encode(tag.as_bytes(), &self.encode_context()) else {
            return;
        };
        let handle = self.new_handle();
        let mut cmd = InFlight::new(handle, Bytes::from(tag), "CAPABILITY", Kind::Capability);
        cmd.fragments = encoded.fragments.into();
        cmd.internal = true;
        cmd.release = self.held.take().map(Box::new);
        let at = self
            .pending
            .iter()
            .position(|c| !c.started())
            .unwrap_or(self.pending.len());
        self.pending.insert(at, cmd);
    }

    /// Moves what may be sent into the transmit queue.
    pub(super) fn pump(&mut self) {
        if !self.greeted || self.switching.is_some() || self.closed {
            return;
        }
        let mut i = 0;
        while i < self.pending.len() {
            let Some(cmd) = self.pending.get(i) else {
                break;
            };
            match cmd.phase {
                Phase::Sent => {
                    if blocks_followers(cmd) {
                        return;
                    }
                    i += 1;
                    continue;
                }
                Phase::WaitingLiteral if !cmd.literal_granted => return,
                Phase::WaitingLiteral => {}
                Phase::Queued => {
                    if cmd.needs_capabilities
                        && self.capabilities.is_none()
                        && self.asking_capabilities()
                    {
                        return;
                    }
                    if !self.prepare_first_send(i) {
                        // Refused and removed: `i` is now the next command.
                        continue;
                    }
                }
            }
            if !self.send_fragments(i) {
                return;
            }
            match self.pending.get(i) {
                Some(cmd) if blocks_followers(cmd) => return,
                _ => i += 1,
            }
        }
    }

    /// True while an automatic CAPABILITY is in flight.
    fn asking_capabilities(&self) -> bool {
        self.pending
            .iter()
            .any(|c| c.internal && c.kind == Kind::Capability)
    }

    /// Last checks and late encoding before a command's first byte goes
    /// out. Returns false when the command was refused (and removed).
    fn prepare_first_send(&mut self, i: usize) -> bool {
        let Some(cmd) = self.pending.get(i) else {
            return false;
        };
        let name = cmd.name;
        if cmd.plaintext && self.has_capability("LOGINDISABLED") {
            self.refuse(i, UsageError::LoginDisabled { command: name });
            return false;
        }
        // STARTTLS fails closed before a byte is sent when the server does
        // not offer it (imaplib: "TLS not supported by server").
        if cmd.kind == Kind::StartTls
            && self.capabilities.is_some()
            && !self.has_capability("STARTTLS")
        {
            let error = UsageError::NotAdvertised {
                command: name,
                capability: "STARTTLS",
            };
            self.refuse(i, error);
            return false;
        }
        let sasl_ir = self.options.sasl_ir && self.has_capability("SASL-IR");
        let ctx = self.encode_context();
        let Some(cmd) = self.pending.get_mut(i) else {
            return false;
        };
        if let Some(Command::Authenticate { mechanism, .. }) = cmd.late.take() {
            let initial_response = match cmd.auth.as_mut() {
                Some(exchange) if sasl_ir => exchange.initial_response(),
                _ => None,
            };
            let command = Command::Authenticate {
                mechanism,
                initial_response,
            };
            match command.encode(&cmd.tag, &ctx) {
                Ok(encoded) => cmd.fragments = encoded.fragments.into(),
                Err(source) => {
                    self.refuse(
                        i,
                        UsageError::Encode {
                            command: name,
                            source,
                        },
                    );
                    return false;
                }
            }
        }
        true
    }

    /// Completes command `i` with the usage error found at send time.
    fn refuse(&mut self, i: usize, error: UsageError) {
        if let Some(cmd) = self.pending.remove(i) {
            if !cmd.internal {
                self.push_event(Event::Completed {
                    handle: cmd.handle,
                    result: Err(CommandError::Refused(error)),
                });
            }
        }
    }

    /// Queues the fragments of command `i` up to the next synchronizing
    /// literal without its `+`. Returns true when the whole command is queued.
    fn send_fragments(&mut self, i: usize) -> bool {
        let mut out = Vec::new();
        let done;
        {
            let Some(cmd) = self.pending.get_mut(i) else {
                return false;
            };
            loop {
                match cmd.fragments.front() {
                    None => {
                        cmd.phase = Phase::Sent;
                        done = true;
                        break;
                    }
                    Some(Fragment::Literal { sync: true, .. }) if !cmd.literal_granted => {
                        cmd.phase = Phase::WaitingLiteral;
                        done = false;
                        break;
                    }
                    Some(_) => {}
                }
                match cmd.fragments.pop_front() {
                    Some(Fragment::Line(b)) => out.push(b),
                    Some(Fragment::Literal { data, sync }) => {
                        if sync {
                            cmd.literal_granted = false;
                        }
                        out.push(data);
                    }
                    None => {}
                }
            }
            cmd.unflushed += out.len();
        }
        let handle = self.pending.get(i).map(|c| c.handle);
        if let Some(handle) = handle {
            for b in out {
                self.transmit.push_back((b, handle));
            }
        }
        done
    }
}

/// Nothing goes on the wire behind a command that runs alone until it
/// completes (IDLE: until DONE is sent at the caller's request).
fn blocks_followers(cmd: &InFlight) -> bool {
    match &cmd.idle {
        Some(idle) => !(idle.done_sent && idle.done_requested),
        None => cmd.kind.runs_alone(),
    }
}
