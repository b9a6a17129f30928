//! The IO loop, the only one in this crate: write everything the core has
//! to send, read what arrives into the core, pass time in. Every decision
//! about IMAP is the core's; the loop only acts on the two events that ask
//! the transport to change (STARTTLS) or the caller to answer (a SASL
//! challenge).

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use imap_proto::client::{Client, CommandError, CommandHandle, Completion, Event};
use imap_proto::command::Command;
use rustls::ClientConfig;
use rustls_pki_types::ServerName;

use crate::tls::io_to_error;
use crate::{Error, Transport};

/// How much is read at a time.
const READ_CHUNK: usize = 64 * 1024;

/// Most events kept for the caller (unsolicited responses, alerts) before
/// the oldest are dropped.
const MAX_KEPT_EVENTS: usize = 100_000;

/// A SASL callback: gets each decoded challenge, returns the response to
/// send (`None` cancels the exchange with `*`).
pub(crate) type Authenticator<'a> = &'a mut dyn FnMut(&[u8]) -> Option<Vec<u8>>;

/// The core, the transport, and the bytes between them.
pub(crate) struct Driver {
    pub(crate) client: Client,
    pub(crate) transport: Transport,
    /// Longest wait for the server's next bytes while a command runs.
    pub(crate) timeout: Option<Duration>,
    /// Events the caller has not taken yet: unsolicited responses, alerts.
    pub(crate) kept: VecDeque<Event>,
    /// The TLS config a STARTTLS in flight will use.
    pub(crate) pending_tls: Option<(Arc<ClientConfig>, ServerName<'static>)>,
}

/// What [`Driver::wait`] stops on.
pub(crate) enum Until {
    /// The completion of this command.
    Completed(CommandHandle),
    /// The completion of this IDLE, or the server's `+` for it.
    IdleStarted(CommandHandle),
    /// The greeting.
    Greeting,
    /// An unsolicited response, or the completion of this IDLE.
    IdleEvent(CommandHandle),
}

impl Driver {
    pub(crate) fn new(client: Client, transport: Transport, timeout: Option<Duration>) -> Self {
        Driver {
            client,
            transport,
            timeout,
            kept: VecDeque::new(),
            pending_tls: None,
        }
    }

    /// Sends `command` and runs the loop until it completes.
    pub(crate) fn run(&mut self, command: Command) -> Result<Completion, Error> {
        self.run_with(command, None)
    }

    /// [`Driver::run`] with a SASL callback for the challenges.
    pub(crate) fn run_with(
        &mut self,
        command: Command,
        auth: Option<Authenticator<'_>>,
    ) -> Result<Completion, Error> {
        let handle = self.client.enqueue(command).map_err(Error::from)?;
        self.complete(handle, auth)
    }

    /// Runs the loop until the command behind `handle` completes.
    pub(crate) fn complete(
        &mut self,
        handle: CommandHandle,
        mut auth: Option<Authenticator<'_>>,
    ) -> Result<Completion, Error> {
        match self.wait(Until::Completed(handle), None, &mut auth)? {
            Some(Event::Completed { result, .. }) => result.map_err(Error::from),
            _ => Err(Error::Closed),
        }
    }

    /// The loop. Returns the event `until` names, or `None` when `soft`
    /// passes first. Between the server's bytes it waits at most
    /// `self.timeout` ([`Error::Timeout`], fatal) unless a `soft` deadline
    /// is set (an IDLE waits as long as the caller asked).
    pub(crate) fn wait(
        &mut self,
        until: Until,
        soft: Option<Instant>,
        auth: &mut Option<Authenticator<'_>>,
    ) -> Result<Option<Event>, Error> {
        if let Some(event) = self.take_kept_for(&until) {
            return Ok(Some(event));
        }
        // An IDLE waits for events as long as the caller asked, however
        // quiet the server is; a command waits at most `timeout` between
        // the server's bytes.
        let waits_on_caller = soft.is_some() || matches!(until, Until::IdleEvent(_));
        let mut hard = self.hard_deadline(waits_on_caller);
        loop {
            if let Some(event) = self.pump(&until, auth)? {
                return Ok(Some(event));
            }
            if self.client.is_closed() || self.transport.is_closed() {
                return Err(self.closed_error());
            }
            let now = Instant::now();
            if soft.is_some_and(|soft| now >= soft) {
                return Ok(None);
            }
            if hard.is_some_and(|hard| now >= hard) {
                return Err(self.fail(Error::Timeout));
            }
            let wake = [soft, hard, self.client.poll_timeout()]
                .into_iter()
                .flatten()
                .min();
            let wait = wake.map(|wake| wake.saturating_duration_since(now));
            if let Err(e) = self.transport.set_read_timeout(wait) {
                return Err(self.fail(Error::Io(e)));
            }
            // Read straight into the core's buffer: no copy.
            let read = self.transport.read(self.client.recv_buf(READ_CHUNK));
            match read {
                Ok(0) => self.client.handle_eof(),
                Ok(n) => {
                    self.client.commit(n);
                    hard = self.hard_deadline(waits_on_caller);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted || is_timeout(&e) => {}
                Err(e) => return Err(self.fail(io_to_error(e))),
            }
            // The core learns the time after every read (its IDLE timer).
            self.client.handle_timeout(Instant::now());
        }
    }

    fn hard_deadline(&self, waits_on_caller: bool) -> Option<Instant> {
        match waits_on_caller {
            true => None,
            false => self.timeout.map(|t| Instant::now() + t),
        }
    }

    /// After any call into the core: handle its events and write all it
    /// has to send, until it has neither. Events first, so that the TLS
    /// handshake after STARTTLS happens before any byte more is written.
    /// Returns the event `until` names, once all is written.
    fn pump(
        &mut self,
        until: &Until,
        auth: &mut Option<Authenticator<'_>>,
    ) -> Result<Option<Event>, Error> {
        let mut found = None;
        let mut wrote = false;
        loop {
            if let Some(event) = self.client.poll_event() {
                match event {
                    Event::StartTls => self.start_tls()?,
                    Event::AuthChallenge { handle, data } => {
                        let response = auth.as_mut().and_then(|f| f(&data));
                        // Refused only when the exchange is already over.
                        let _ = self.client.auth_respond(handle, response);
                    }
                    Event::StartCompression => {
                        let e = Error::Unsupported("COMPRESS");
                        return Err(self.fail(e));
                    }
                    event if found.is_none() && until.matches(&event) => found = Some(event),
                    // Nobody waits for these: one command runs at a time,
                    // and the core's own commands (CAPABILITY after
                    // STARTTLS) complete on their own.
                    Event::Completed { .. } | Event::IdleStarted { .. } | Event::Greeting(_) => {}
                    other => self.keep(other),
                }
            } else if let Some(bytes) = self.client.poll_transmit() {
                if let Err(e) = self.transport.write_all(&bytes) {
                    return Err(self.fail(io_to_error(e)));
                }
                wrote = true;
            } else {
                break;
            }
        }
        if wrote {
            if let Err(e) = self.transport.flush() {
                return Err(self.fail(io_to_error(e)));
            }
        }
        Ok(found)
    }

    fn start_tls(&mut self) -> Result<(), Error> {
        let Some((config, name)) = self.pending_tls.take() else {
            return Err(self.fail(Error::Unsupported("STARTTLS without TLS options")));
        };
        match self.transport.start_tls(config, name) {
            Ok(()) => {
                self.client.tls_established();
                Ok(())
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    fn keep(&mut self, event: Event) {
        if self.kept.len() >= MAX_KEPT_EVENTS {
            self.kept.pop_front();
        }
        self.kept.push_back(event);
    }

    /// Takes the first kept event `until` names.
    fn take_kept_for(&mut self, until: &Until) -> Option<Event> {
        let at = self.kept.iter().position(|event| until.matches(event))?;
        self.kept.remove(at)
    }

    /// Takes the kept events `pick` accepts, leaving the others in order.
    pub(crate) fn take_kept(&mut self, pick: impl Fn(&Event) -> bool) -> Vec<Event> {
        let (taken, left): (Vec<Event>, Vec<Event>) = self.kept.drain(..).partition(|e| pick(e));
        self.kept = left.into();
        taken
    }

    /// Why the connection is closed, from the core's `Closed` event.
    fn closed_error(&mut self) -> Error {
        let reason = self.kept.iter().rev().find_map(|event| match event {
            Event::Closed(reason) => Some(reason.clone()),
            _ => None,
        });
        match reason {
            Some(Some(e)) => Error::Abort(e),
            _ => Error::Closed,
        }
    }

    /// A transport failure is fatal: close the transport, tell the core,
    /// and hand the error on.
    fn fail(&mut self, error: Error) -> Error {
        self.transport.shutdown();
        self.client.handle_eof();
        while self.client.poll_transmit().is_some() {}
        while let Some(event) = self.client.poll_event() {
            if matches!(
                event,
                Event::Closed(_) | Event::Unsolicited(_) | Event::Alert(_)
            ) {
                self.keep(event);
            }
        }
        error
    }
}

impl Until {
    fn matches(&self, event: &Event) -> bool {
        match (self, event) {
            (Until::Completed(h), Event::Completed { handle, .. }) => handle == h,
            (Until::IdleStarted(h), Event::IdleStarted { handle }) => handle == h,
            (Until::IdleStarted(h), Event::Completed { handle, .. }) => handle == h,
            (Until::IdleEvent(h), Event::Completed { handle, .. }) => handle == h,
            (Until::IdleEvent(_), Event::Unsolicited(_)) => true,
            (Until::Greeting, Event::Greeting(_)) => true,
            _ => false,
        }
    }
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    )
}

impl From<CommandError> for Error {
    fn from(e: CommandError) -> Self {
        match e {
            CommandError::No(status) => Error::No(status),
            CommandError::Bad(status) => Error::Bad(status),
            CommandError::ReadOnly => Error::ReadOnly,
            CommandError::Abort(e) => Error::Abort(e),
            CommandError::Refused(e) => e.into(),
            _ => Error::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use imap_proto::response::FetchAttr;

    use crate::testing::{session, Reply, Script};
    use crate::Error;

    const GREETING: &str = "* OK [CAPABILITY IMAP4rev1 IDLE LITERAL+] ready\r\n";
    const PREAUTH: &str = "* PREAUTH [CAPABILITY IMAP4rev1 IDLE LITERAL+] ready\r\n";
    const SELECTED: &str = "* 1 EXISTS\r\n$TAG OK [READ-WRITE] selected\r\n";

    #[test]
    fn commands_complete_over_partial_reads_and_writes() {
        // The fake hands out 3 bytes per read and takes 5 per write.
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::Send("* 2 EXISTS\r\n$TAG OK noop done\r\n"),
                Reply::Send("$TAG OK checked\r\n"),
            ],
        );
        let mut s = session(&script, false).unwrap();
        assert!(s.has_capability("IDLE"));
        s.select("INBOX", false).unwrap();
        s.noop().unwrap();
        assert_eq!(s.selected().unwrap().exists, Some(2));
        s.check().unwrap();
        let written = script.written();
        assert!(written.contains(" NOOP\r\n"), "{written}");
        assert!(written.contains(" CHECK\r\n"), "{written}");
        assert_eq!(s.last_completion().unwrap().status.text, "checked");
    }

    #[test]
    fn literals_are_read_into_typed_fetches() {
        let script = Script::new(
            GREETING,
            vec![
                Reply::Send("$TAG OK [CAPABILITY IMAP4rev1 IDLE] in\r\n"),
                Reply::Send(
                    "* 1 EXISTS\r\n* OK [UIDVALIDITY 42] v\r\n$TAG OK [READ-WRITE] sel\r\n",
                ),
                Reply::Send("* 1 FETCH (UID 7 BODY[] {5}\r\nhello)\r\n$TAG OK fetched\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        s.login("joe", "secret").unwrap();
        let inbox = s.select("INBOX", false).unwrap();
        assert_eq!((inbox.exists, inbox.uid_validity), (Some(1), Some(42)));
        let fetches = s.uid_fetch("7", "(UID BODY[])").unwrap();
        assert_eq!(fetches.len(), 1);
        assert!(fetches[0].attrs.contains(&FetchAttr::Uid(7)));
        let body = fetches[0].attrs.iter().find_map(|a| match a {
            FetchAttr::BodySection { data, .. } => data.clone(),
            _ => None,
        });
        assert_eq!(body.as_deref(), Some(&b"hello"[..]));
    }

    #[test]
    fn a_silent_server_times_out_and_the_session_closes() {
        let script = Script::new(GREETING, vec![Reply::Stall]);
        let mut s = session(&script, false).unwrap();
        s.set_timeout(Some(Duration::from_millis(100)));
        let start = Instant::now();
        assert!(matches!(s.noop(), Err(Error::Timeout)));
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(s.is_closed());
        let again = s.noop().unwrap_err();
        assert!(again.is_fatal(), "{again:?}");
    }

    #[test]
    fn eof_in_the_middle_of_a_response_is_abort() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::SendThenEof("* 1 FETCH (BODY[] {100}\r\nabc"),
            ],
        );
        let mut s = session(&script, false).unwrap();
        s.select("INBOX", false).unwrap();
        let err = s.fetch(1, "(BODY[])").unwrap_err();
        assert!(matches!(err, Error::Abort(_)), "{err:?}");
        assert!(s.is_closed());
    }

    #[test]
    fn a_bye_greeting_is_an_error() {
        let script = Script::new("* BYE too busy\r\n", vec![]);
        let err = session(&script, false).unwrap_err();
        assert!(matches!(err, Error::Abort(_)), "{err:?}");
    }

    #[test]
    fn a_no_is_an_error_and_the_session_goes_on() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send("$TAG NO [NONEXISTENT] no such mailbox\r\n"),
                Reply::Send("$TAG OK\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        let err = s.status("nope", "(MESSAGES)").unwrap_err();
        assert!(
            matches!(&err, Error::No(status) if status.text == "no such mailbox"),
            "{err:?}"
        );
        assert!(!err.is_fatal());
        s.noop().unwrap();
    }

    #[test]
    fn drop_logs_out() {
        let script = Script::new(GREETING, vec![Reply::Send("* BYE bye\r\n$TAG OK out\r\n")]);
        let s = session(&script, false).unwrap();
        drop(s);
        assert!(
            script.written().ends_with(" LOGOUT\r\n"),
            "{}",
            script.written()
        );
    }

    #[test]
    fn invalid_arguments_send_nothing() {
        let script = Script::new(GREETING, vec![]);
        let mut s = session(&script, true).unwrap();
        let err = s.fetch("1\r\nA1 DELETE INBOX", "(FLAGS)").unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
        assert_eq!(script.written(), "");
    }
}
