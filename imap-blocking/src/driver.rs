//! The IO loop, the only one in this crate: do what the core's [`Waiter`]
//! says (write, flush, TLS handshake, answer a SASL challenge, read until a
//! deadline) until the awaited event comes. Every decision about IMAP,
//! including which event a call waits for and which are kept for the
//! caller, is the core's.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::time::{Duration, Instant};

use imap_proto::client::{Client, CommandError, CommandHandle, Completion, Event, Step, Waiter};
use imap_proto::command::Command;
use rustls::ClientConfig;
use rustls_pki_types::ServerName;

use crate::tls::io_to_error;
use crate::{Error, Transport};

pub(crate) use imap_proto::client::Until;

/// How much is read at a time.
const READ_CHUNK: usize = 64 * 1024;

/// A SASL callback: gets each decoded challenge, returns the response to
/// send (`None` cancels the exchange with `*`).
pub(crate) type Authenticator<'a> = &'a mut dyn FnMut(&[u8]) -> Option<Vec<u8>>;

/// The core, the transport, and the bytes between them.
pub(crate) struct Driver {
    pub(crate) client: Client,
    pub(crate) transport: Transport,
    /// Longest wait for the server's next bytes while a command runs.
    pub(crate) timeout: Option<Duration>,
    /// The core's routing: what a wait waits for, the events kept.
    pub(crate) waiter: Waiter,
    /// The TLS config a STARTTLS in flight will use.
    pub(crate) pending_tls: Option<(Arc<ClientConfig>, ServerName<'static>)>,
}

impl Driver {
    pub(crate) fn new(client: Client, transport: Transport, timeout: Option<Duration>) -> Self {
        Driver {
            waiter: Waiter::new(client.limits().max_queued_events),
            client,
            transport,
            timeout,
            pending_tls: None,
        }
    }

    /// Sends `command` and runs the loop until it completes.
    pub(crate) fn run(&mut self, command: Command) -> Result<Completion, Error> {
        let handle = self.client.enqueue(command).map_err(Error::from)?;
        self.complete(handle, None)
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
    /// `self.timeout` ([`Error::Timeout`], fatal) unless the wait is the
    /// caller's (a `soft` deadline, an IDLE's events).
    pub(crate) fn wait(
        &mut self,
        until: Until,
        soft: Option<Instant>,
        auth: &mut Option<Authenticator<'_>>,
    ) -> Result<Option<Event>, Error> {
        self.waiter.begin(until, soft, self.timeout, Instant::now());
        loop {
            match self.waiter.poll(&mut self.client, Instant::now()) {
                Step::Transmit(bytes) => {
                    if let Err(e) = self.transport.write_all(&bytes) {
                        return Err(self.fail(io_to_error(e)));
                    }
                }
                Step::Flush => {
                    if let Err(e) = self.transport.flush() {
                        return Err(self.fail(io_to_error(e)));
                    }
                }
                Step::StartTls => self.start_tls()?,
                Step::StartCompression => return Err(self.fail(Error::Unsupported("COMPRESS"))),
                Step::AuthChallenge { handle, data } => {
                    let response = auth.as_mut().and_then(|answer| answer(&data));
                    // Refused only when the exchange is already over.
                    let _ = self.client.auth_respond(handle, response);
                }
                Step::Done(event) => return Ok(Some(event)),
                Step::Elapsed => return Ok(None),
                Step::TimedOut => return Err(self.fail(Error::Timeout)),
                Step::Closed(reason) => return Err(reason.map_or(Error::Closed, Error::Abort)),
                Step::Read { deadline } => self.read(deadline)?,
            }
        }
    }

    /// Reads what the server sends, straight into the core's buffer (no
    /// copy), waiting no later than `deadline`.
    fn read(&mut self, deadline: Option<Instant>) -> Result<(), Error> {
        if self.transport.is_closed() {
            return Err(self
                .waiter
                .closed_reason()
                .map_or(Error::Closed, Error::Abort));
        }
        let wait = deadline.map(|at| at.saturating_duration_since(Instant::now()));
        if let Err(e) = self.transport.set_read_timeout(wait) {
            return Err(self.fail(Error::Io(e)));
        }
        match self.transport.read(self.client.recv_buf(READ_CHUNK)) {
            Ok(n) => self.waiter.handle_read(&mut self.client, n, Instant::now()),
            Err(e) if e.kind() == io::ErrorKind::Interrupted || is_timeout(&e) => {
                self.waiter.handle_timeout(&mut self.client, Instant::now())
            }
            Err(e) => return Err(self.fail(io_to_error(e))),
        }
        Ok(())
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

    /// A transport failure is fatal: close the transport, tell the core,
    /// and hand the error on.
    fn fail(&mut self, error: Error) -> Error {
        self.transport.shutdown();
        self.waiter.fail(&mut self.client);
        error
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
