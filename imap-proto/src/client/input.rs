//! The receiving side of the machine: greeting, continuations, tagged and
//! untagged responses, and the fatal ends (BYE, EOF, protocol violations).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use bytes::Bytes;

use super::auth::Step;
use super::output::sasl_line;
use super::pending::{Kind, Phase};
use super::state::MailboxChange;
use super::{Client, Event, ProtocolError, SessionState};
use crate::response::{
    Code, FramingError, ParseError, Received, Response, Snippet, Status, StatusKind, Untagged,
};

impl Client {
    /// Takes every complete response out of the stream, then sends what may go.
    pub(super) fn process(&mut self) {
        while !self.closed && self.switching.is_none() {
            let Some(item) = self.stream.next() else {
                break;
            };
            match item {
                Err(e) => self.fatal(ProtocolError::Framing(e)),
                Ok(Received::Response { response, raw }) => self.handle_response(response, raw),
                Ok(Received::Malformed { raw, error }) => self.handle_malformed(raw, error),
                Ok(Received::Discarded(e)) => self.handle_discarded(e),
                // The client's stream never streams literals (see `Client::new`).
                Ok(Received::LiteralStart { .. } | Received::LiteralData(_)) => {}
            }
        }
        self.pump();
    }

    fn handle_response(&mut self, response: Response, raw: Bytes) {
        if !self.greeted {
            return self.handle_greeting(response, raw);
        }
        match response {
            Response::Continue(_) => self.handle_continue(raw),
            Response::Tagged(t) => self.handle_tagged(t, raw),
            Response::Untagged(u) => self.handle_untagged(u, raw),
        }
    }

    fn handle_greeting(&mut self, response: Response, raw: Bytes) {
        let status = match response {
            Response::Untagged(Untagged::Status(status)) => status,
            _ => return self.fatal(ProtocolError::BadGreeting(Snippet::new(&raw))),
        };
        match status.kind {
            StatusKind::Ok | StatusKind::PreAuth => {
                self.greeted = true;
                if status.kind == StatusKind::PreAuth {
                    self.state = SessionState::Authenticated;
                }
                self.note_code(&status, true);
                self.push_event(Event::Greeting(status));
                if self.capabilities.is_none() {
                    self.ask_capabilities();
                }
            }
            StatusKind::Bye => self.fatal(ProtocolError::Bye(status)),
            _ => self.fatal(ProtocolError::BadGreeting(Snippet::new(&raw))),
        }
    }

    /// ALERT and CAPABILITY codes of any status response.
    pub(super) fn note_code(&mut self, status: &Status, trust_capabilities: bool) {
        match &status.code {
            Some(Code::Alert) => self.push_event(Event::Alert(status.text.clone())),
            Some(Code::Capability(caps)) if trust_capabilities => {
                self.capabilities = Some(caps.clone())
            }
            _ => {}
        }
    }

    /// A `+`: routed to the command waiting for one (the literal at the
    /// send frontier, AUTHENTICATE, or IDLE). The raw line is used: for SASL
    /// the text is base64, even when it looks like a `[code]`.
    fn handle_continue(&mut self, raw: Bytes) {
        let target = self.pending.iter().position(|cmd| match cmd.phase {
            Phase::WaitingLiteral => !cmd.literal_granted,
            Phase::Sent => {
                cmd.kind == Kind::Authenticate || cmd.idle.as_ref().is_some_and(|i| !i.started)
            }
            Phase::Queued => false,
        });
        let Some(i) = target else {
            // A second `+` during IDLE is harmless; anything else is not.
            if self
                .pending
                .iter()
                .any(|cmd| cmd.idle.as_ref().is_some_and(|i| i.started))
            {
                return;
            }
            return self.fatal(ProtocolError::UnexpectedContinuation(Snippet::new(&raw)));
        };
        let Some(cmd) = self.pending.get_mut(i) else {
            return;
        };
        if cmd.unflushed > 0 || cmd.awaiting_caller {
            // The server cannot have seen what the `+` would answer.
            return self.fatal(ProtocolError::UnexpectedContinuation(Snippet::new(&raw)));
        }
        if cmd.phase == Phase::WaitingLiteral {
            cmd.literal_granted = true;
            return;
        }
        let handle = cmd.handle;
        if let Some(idle) = cmd.idle.as_mut() {
            let announce = !idle.announced;
            idle.announced = true;
            let done_now = idle.on_continue(self.now);
            if done_now {
                idle.done_sent = true;
            }
            if announce {
                self.push_event(Event::IdleStarted { handle });
            }
            if done_now {
                self.send_done(handle);
            }
            return;
        }
        // AUTHENTICATE: the text is base64 (a code-like `[` is data here).
        let challenge = match STANDARD.decode(continuation_text(&raw)) {
            Ok(challenge) => challenge,
            Err(_) => return self.fatal(ProtocolError::Sasl("challenge is not base64")),
        };
        let step = match cmd.auth.as_mut() {
            Some(exchange) => exchange.step(&challenge),
            None => return self.fatal(ProtocolError::UnexpectedContinuation(Snippet::new(&raw))),
        };
        match step {
            Ok(Step::Respond(secret)) => self.queue_bytes(sasl_line(&secret), handle),
            Ok(Step::AskCaller(data)) => {
                cmd.awaiting_caller = true;
                self.push_event(Event::AuthChallenge { handle, data });
            }
            Err(e) => self.fatal(e),
        }
    }

    fn handle_untagged(&mut self, u: Untagged, raw: Bytes) {
        self.responses.record_untagged(&raw);
        match &u {
            Untagged::Status(s) => {
                if s.kind == StatusKind::Bye {
                    if self
                        .pending
                        .iter()
                        .any(|c| c.kind == Kind::Logout && c.started())
                    {
                        self.bye = Some(s.clone());
                    } else {
                        return self.fatal(ProtocolError::Bye(s.clone()));
                    }
                }
                let s = s.clone();
                self.note_code(&s, true);
            }
            Untagged::Capability(caps) => self.capabilities = Some(caps.clone()),
            // RFC 5161: ENABLED answers ENABLE; an unsolicited one (no
            // ENABLE in flight) switches nothing on, UTF8=ACCEPT least of
            // all (it changes how mailbox names are sent).
            Untagged::Enabled(caps)
                if self
                    .pending
                    .iter()
                    .any(|c| c.kind == Kind::Enable && c.started()) =>
            {
                for cap in caps {
                    if cap.is("UTF8=ACCEPT") || cap.is("UTF8=ONLY") {
                        self.utf8 = true;
                    }
                    if !self.enabled.contains(cap) && self.enabled.len() < 64 {
                        self.enabled.push(cap.clone());
                    }
                }
            }
            _ => {}
        }
        self.apply_to_mailbox(&u);
        let target = match &u {
            Untagged::ESearch(e) if e.tag.is_some() => self
                .pending
                .iter()
                .position(|c| c.started() && Some(&c.tag) == e.tag.as_ref()),
            _ => {
                // The command the response answers best; the oldest among equals.
                let mut best: Option<(usize, u8)> = None;
                for (j, c) in self.pending.iter().enumerate().filter(|(_, c)| c.started()) {
                    let a = c.kind.affinity(&u);
                    if a > best.map_or(0, |(_, b)| b) {
                        best = Some((j, a));
                    }
                }
                best.map(|(j, _)| j)
            }
        };
        let limit = self.options.limits.max_queued_events;
        match target.and_then(|j| self.pending.get_mut(j)) {
            Some(cmd) if cmd.untagged.len() >= limit => {
                self.fatal(ProtocolError::TooManyResponses(limit))
            }
            Some(cmd) => {
                cmd.untagged.push(u);
                cmd.raw.push(strip_crlf(raw));
            }
            None => self.push_event(Event::Unsolicited(u)),
        }
    }

    /// Keeps the selected (or being selected) mailbox's state current.
    fn apply_to_mailbox(&mut self, u: &Untagged) {
        let selecting = self
            .pending
            .iter_mut()
            .find(|c| c.started() && c.kind.selects());
        let change = match selecting {
            Some(cmd) => cmd
                .mailbox
                .get_or_insert_with(Default::default)
                .apply(u, true),
            None => match self.selected.as_mut() {
                Some(mailbox) => mailbox.apply(u, false),
                None => MailboxChange::None,
            },
        };
        if change == MailboxChange::BecameReadOnly {
            for cmd in self.pending.iter_mut().filter(|c| c.started()) {
                cmd.readonly_hit = true;
            }
        }
    }

    fn handle_malformed(&mut self, raw: Bytes, error: ParseError) {
        if !self.greeted {
            return self.fatal(ProtocolError::BadGreeting(Snippet::new(&raw)));
        }
        if self.is_ours(&raw) {
            return self.fatal(ProtocolError::MalformedTagged(error));
        }
        if raw.first() == Some(&b'+') {
            return self.handle_continue(raw);
        }
        self.responses.record_untagged(&raw);
        self.push_event(Event::Malformed { raw, error });
    }

    fn handle_discarded(&mut self, error: FramingError) {
        let ours = match &error {
            FramingError::LineTooLong { start, .. } => self.is_ours(&start.0),
            _ => false,
        };
        if ours || !self.greeted {
            return self.fatal(ProtocolError::Framing(error));
        }
        self.push_event(Event::Discarded(error));
    }

    /// True when `raw` starts with the tag of a command in flight and a space.
    fn is_ours(&self, raw: &[u8]) -> bool {
        self.pending
            .iter()
            .any(|c| raw.starts_with(&c.tag) && raw.get(c.tag.len()) == Some(&b' '))
    }
}

/// The text of a continuation: after `+` and one space, without CRLF.
fn continuation_text(raw: &[u8]) -> &[u8] {
    let text = raw.strip_prefix(b"+").unwrap_or(raw);
    let text = text.strip_prefix(b" ").unwrap_or(text);
    let text = text.strip_suffix(b"\n").unwrap_or(text);
    let text = text.strip_suffix(b"\r").unwrap_or(text);
    text.strip_suffix(b" ").unwrap_or(text)
}

fn strip_crlf(mut raw: Bytes) -> Bytes {
    if raw.ends_with(b"\r\n") {
        raw.truncate(raw.len() - 2);
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_text_forms() {
        assert_eq!(continuation_text(b"+ abc=\r\n"), b"abc=");
        assert_eq!(continuation_text(b"+\r\n"), b"");
        assert_eq!(continuation_text(b"+ \r\n"), b"");
    }
}
