//! Tagged responses and the ends of commands and of the connection:
//! completions with their typed results, the session-state changes they
//! bring, and the fatal end (every command aborted, then `Closed`).

use bytes::Bytes;

use super::pending::{InFlight, Kind, Phase};
use super::{Client, CommandError, Completion, Event, ProtocolError, SessionState, Switch};
use crate::command::Command;
use crate::response::{Code, Snippet, Status, StatusKind, Tagged};

impl Client {
    pub(super) fn handle_tagged(&mut self, t: Tagged, raw: Bytes) {
        let Some(i) = self.pending.iter().position(|c| c.tag == t.tag) else {
            return self.fatal(ProtocolError::UnknownTag(Snippet::new(&raw)));
        };
        let Some(cmd) = self.pending.get(i) else {
            return;
        };
        if !cmd.fully_transmitted() {
            // Only a NO or BAD instead of the `+` of a synchronizing
            // literal may come before the command is complete.
            let literal_rejected = cmd.phase == Phase::WaitingLiteral
                && cmd.unflushed == 0
                && !cmd.literal_granted
                && matches!(t.status.kind, StatusKind::No | StatusKind::Bad);
            if !literal_rejected {
                return self.fatal(ProtocolError::PrematureTagged(Snippet::new(&raw)));
            }
        }
        if t.status.kind == StatusKind::Bye {
            return self.fatal(ProtocolError::Bye(t.status));
        }
        let Some(cmd) = self.pending.remove(i) else {
            return;
        };
        self.responses.record_code(&raw);
        self.note_code(&t.status, cmd.kind != Kind::StartTls);
        match t.status.kind {
            StatusKind::Ok => self.complete_ok(i, cmd, t.status),
            StatusKind::No => self.complete_err(cmd, CommandError::No(t.status)),
            _ => self.complete_err(cmd, CommandError::Bad(t.status)),
        }
    }

    fn complete_ok(&mut self, index: usize, mut cmd: InFlight, status: Status) {
        let mut completion = Completion::new(cmd.name, status);
        let mut after = None;
        match cmd.kind {
            Kind::Login | Kind::Authenticate => {
                if let Some(Err(e)) = cmd.auth.as_ref().map(|a| a.finish()) {
                    self.complete(cmd, Err(CommandError::Abort(e.clone())));
                    return self.fatal(e);
                }
                self.state = SessionState::Authenticated;
                // Forget what was said before authentication; keep a list
                // sent with the OK itself.
                self.capabilities = match &completion.status.code {
                    Some(Code::Capability(caps)) => Some(caps.clone()),
                    _ => None,
                };
                if self.capabilities.is_none() {
                    self.ask_capabilities();
                }
            }
            Kind::Select | Kind::Examine => {
                let mut mailbox = cmd.mailbox.take().unwrap_or_default();
                if let Some(code) = &completion.status.code {
                    mailbox.apply_code(code, true);
                }
                self.state = SessionState::Selected;
                self.selected = Some(mailbox.clone());
                completion.mailbox = Some(Box::new(mailbox));
            }
            Kind::Close => {
                self.state = SessionState::Authenticated;
                self.selected = None;
            }
            Kind::Logout => after = Some(Kind::Logout),
            Kind::StartTls => {
                self.switching = Some(Switch::Tls);
                self.capabilities = None;
                self.push_event(Event::StartTls);
                after = Some(Kind::StartTls);
            }
            Kind::Compress => {
                self.push_event(Event::StartCompression);
                after = Some(Kind::Compress);
            }
            Kind::Idle => {
                let refresh = cmd
                    .idle
                    .as_ref()
                    .is_some_and(|i| i.refreshing && !i.done_requested);
                if refresh {
                    return self.reissue_idle(index, cmd);
                }
            }
            _ => {}
        }
        completion.untagged = std::mem::take(&mut cmd.untagged);
        completion.raw = std::mem::take(&mut cmd.raw);
        let result = if cmd.readonly_hit {
            Err(CommandError::ReadOnly)
        } else {
            Ok(completion)
        };
        self.complete(cmd, result);
        match after {
            Some(Kind::Logout) => self.close_clean(),
            Some(Kind::StartTls | Kind::Compress) => {
                let left = self.stream.buffered_len();
                if left > 0 {
                    self.fatal(ProtocolError::DataAfterSwitch(left));
                }
            }
            _ => {}
        }
    }

    fn complete_err(&mut self, cmd: InFlight, error: CommandError) {
        if cmd.kind.selects() {
            // RFC 3501 6.3.1: a failed SELECT leaves no mailbox selected.
            self.selected = None;
            if self.state == SessionState::Selected {
                self.state = SessionState::Authenticated;
            }
        }
        let error = if cmd.readonly_hit {
            CommandError::ReadOnly
        } else {
            error
        };
        self.complete(cmd, Err(error));
    }

    fn complete(&mut self, mut cmd: InFlight, result: Result<Completion, CommandError>) {
        if cmd.internal {
            if let Some(held) = cmd.release.take() {
                self.push_event(*held);
            }
            return;
        }
        // A STARTTLS, LOGIN or AUTHENTICATE that made the client forget the
        // capabilities completes only once they are known again, so that the
        // caller never sees a session without them.
        let holds = matches!(cmd.kind, Kind::StartTls | Kind::Login | Kind::Authenticate)
            && result.is_ok()
            && self.capabilities.is_none();
        let event = Event::Completed {
            handle: cmd.handle,
            result,
        };
        match self
            .pending
            .iter_mut()
            .find(|c| c.internal && c.kind == Kind::Capability)
        {
            Some(ask) if holds => ask.release = Some(Box::new(event)),
            _ if holds => self.held = Some(event),
            _ => self.push_event(event),
        }
    }

    /// The tagged OK of a refresh's DONE: the same handle idles on under a new tag.
    fn reissue_idle(&mut self, index: usize, mut cmd: InFlight) {
        let tag = self.tags.next_tag();
        let Ok(encoded) = Command::Idle.encode(tag.as_bytes(), &self.encode_context()) else {
            return self.complete(cmd, Err(CommandError::Abort(ProtocolError::UnexpectedEof)));
        };
        cmd.tag = Bytes::from(tag);
        cmd.fragments = encoded.fragments.into();
        cmd.phase = Phase::Queued;
        cmd.unflushed = 0;
        if let Some(idle) = cmd.idle.as_mut() {
            idle.restart();
        }
        let at = index.min(self.pending.len());
        self.pending.insert(at, cmd);
    }

    /// The connection is over without error (LOGOUT).
    pub(super) fn close_clean(&mut self) {
        self.finish(None);
    }

    /// The connection is unusable: every command in flight aborts, then
    /// [`Event::Closed`] with the reason. Sticky.
    pub(super) fn fatal(&mut self, error: ProtocolError) {
        self.finish(Some(error));
    }

    fn finish(&mut self, error: Option<ProtocolError>) {
        if self.closed {
            return;
        }
        self.closed = true;
        self.switching = None;
        self.state = SessionState::Logout;
        self.transmit.clear();
        let abort = error.clone().unwrap_or(ProtocolError::UnexpectedEof);
        let held = self.held.take().into_iter();
        let released = self
            .pending
            .iter_mut()
            .filter_map(|c| c.release.take().map(|e| *e));
        let held: Vec<Event> = held.chain(released).collect();
        for event in held {
            if let Event::Completed { handle, .. } = event {
                let result = Err(CommandError::Abort(abort.clone()));
                self.events.push_back(Event::Completed { handle, result });
            }
        }
        for cmd in std::mem::take(&mut self.pending) {
            if !cmd.internal {
                let result = Err(CommandError::Abort(abort.clone()));
                self.events.push_back(Event::Completed {
                    handle: cmd.handle,
                    result,
                });
            }
        }
        self.events.push_back(Event::Closed(error));
    }

    /// EOF: the end of a LOGOUT whose BYE arrived counts as its success.
    pub(super) fn on_eof(&mut self) {
        let logout = self
            .pending
            .iter()
            .position(|c| c.kind == Kind::Logout && c.started());
        match (logout, self.bye.take()) {
            (Some(i), Some(bye)) => {
                if let Some(mut cmd) = self.pending.remove(i) {
                    let mut completion = Completion::new(cmd.name, bye);
                    completion.untagged = std::mem::take(&mut cmd.untagged);
                    completion.raw = std::mem::take(&mut cmd.raw);
                    self.complete(cmd, Ok(completion));
                }
                self.close_clean();
            }
            _ => self.fatal(ProtocolError::UnexpectedEof),
        }
    }
}
