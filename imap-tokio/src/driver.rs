//! The IO loop, the only one in this crate: write everything the core has
//! to send, read what arrives into the core, pass time in. Every decision
//! about IMAP is the core's; the loop only acts on the two events that ask
//! the transport to change (STARTTLS) or the caller to answer (a SASL
//! challenge).
//!
//! Cancellation: dropping a future of this loop at an `.await` loses
//! nothing. A read either completed (and was committed) or read nothing;
//! bytes taken from the core but not yet written wait in `out` for the next
//! call. A command whose caller stopped waiting still completes on the
//! server, and its completion is dropped when it arrives.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Buf, Bytes};
use imap_proto::client::{Client, CommandHandle, Completion, Event};
use imap_proto::command::Command;
use rustls::pki_types::ServerName;
use rustls::ClientConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::io::{before, io_error};
use crate::{Error, Transport};

/// How much is read at a time.
const READ_CHUNK: usize = 64 * 1024;

/// Most events kept for the caller (unsolicited responses, alerts) before
/// the oldest are dropped.
const MAX_KEPT_EVENTS: usize = 100_000;

/// A SASL callback: gets each decoded challenge, returns the response to
/// send (`None` cancels the exchange with `*`).
pub(crate) type Authenticator<'a> = &'a mut (dyn FnMut(&[u8]) -> Option<Vec<u8>> + Send);

/// The core, the transport, and the bytes between them.
pub(crate) struct Driver {
    pub(crate) client: Client,
    pub(crate) transport: Transport,
    /// Longest wait for the server's next bytes while a command runs.
    pub(crate) timeout: Option<Duration>,
    /// Events the caller has not taken yet: unsolicited responses, alerts.
    kept: VecDeque<Event>,
    /// The TLS config a STARTTLS in flight will use.
    pub(crate) pending_tls: Option<(Arc<ClientConfig>, ServerName<'static>)>,
    /// Bytes the core handed out that are not written yet.
    out: Bytes,
    /// True when bytes were written since the last flush.
    unflushed: bool,
}

/// What [`Driver::wait`] stops on.
#[derive(Clone, Copy)]
pub(crate) enum Until {
    /// The greeting.
    Greeting,
    /// The completion of this command.
    Completed(CommandHandle),
    /// The server's `+` for this IDLE, or its completion.
    IdleStarted(CommandHandle),
    /// An unsolicited response, or the completion of this IDLE.
    IdleEvent(CommandHandle),
}

impl Until {
    fn wants(self, event: &Event) -> bool {
        match event {
            Event::Greeting(_) => matches!(self, Until::Greeting),
            Event::Unsolicited(_) => matches!(self, Until::IdleEvent(_)),
            Event::IdleStarted { handle } => matches!(self, Until::IdleStarted(h) if h == *handle),
            Event::Completed { handle, .. } => match self {
                Until::Completed(h) | Until::IdleStarted(h) | Until::IdleEvent(h) => h == *handle,
                Until::Greeting => false,
            },
            _ => false,
        }
    }
}

impl Driver {
    pub(crate) fn new(client: Client, transport: Transport, timeout: Option<Duration>) -> Self {
        Driver {
            client,
            transport,
            timeout,
            kept: VecDeque::new(),
            pending_tls: None,
            out: Bytes::new(),
            unflushed: false,
        }
    }

    /// Sends `command` and runs the loop until it completes.
    pub(crate) async fn run(&mut self, command: Command) -> Result<Completion, Error> {
        let handle = self.client.enqueue(command)?;
        self.complete(handle, None).await
    }

    /// Runs the loop until the command behind `handle` completes.
    pub(crate) async fn complete(
        &mut self,
        handle: CommandHandle,
        mut auth: Option<Authenticator<'_>>,
    ) -> Result<Completion, Error> {
        match self.wait(Until::Completed(handle), None, &mut auth).await? {
            Some(Event::Completed { result, .. }) => result.map_err(Error::from),
            _ => Err(Error::Closed),
        }
    }

    /// The loop. Returns the event `until` names, or `None` once `soft`
    /// passes. While a command runs, the server's next bytes are awaited at
    /// most `self.timeout` ([`Error::Timeout`], fatal); an IDLE (`soft`
    /// set, or waiting for its events) waits as long as the caller asked.
    pub(crate) async fn wait(
        &mut self,
        until: Until,
        soft: Option<Instant>,
        auth: &mut Option<Authenticator<'_>>,
    ) -> Result<Option<Event>, Error> {
        if let Some(at) = self.kept.iter().position(|e| until.wants(e)) {
            return Ok(self.kept.remove(at));
        }
        let bounded = soft.is_none() && !matches!(until, Until::IdleEvent(_));
        let limit = self.timeout.filter(|_| bounded);
        let mut hard = limit.map(|t| Instant::now() + t);
        loop {
            if let Some(event) = self.pump(until, auth).await? {
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
            // Read straight into the core's buffer: no copy.
            let read = self.transport.read(self.client.recv_buf(READ_CHUNK));
            let read = match wake {
                Some(wake) => tokio::time::timeout_at(wake.into(), read).await.ok(),
                None => Some(read.await),
            };
            match read {
                // A deadline or the core's timer: looked at above and below.
                None => {}
                Some(Ok(0)) => self.client.handle_eof(),
                Some(Ok(n)) => {
                    self.client.commit(n);
                    hard = limit.map(|t| Instant::now() + t);
                }
                Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {}
                Some(Err(e)) => return Err(self.fail(io_error(e))),
            }
            // The core learns the time after every read (its IDLE timer).
            self.client.handle_timeout(Instant::now());
        }
    }

    /// After any call into the core: handle its events and write all it
    /// has to send, until it has neither. Events first, so that the TLS
    /// handshake after STARTTLS happens before any further byte is
    /// written. Returns the event `until` names, once all is written.
    async fn pump(
        &mut self,
        until: Until,
        auth: &mut Option<Authenticator<'_>>,
    ) -> Result<Option<Event>, Error> {
        let mut found = None;
        let deadline = self.timeout.map(|t| Instant::now() + t);
        loop {
            if let Some(event) = self.client.poll_event() {
                match event {
                    Event::StartTls => self.start_tls(deadline).await?,
                    Event::AuthChallenge { handle, data } => {
                        let response = auth.as_mut().and_then(|answer| answer(&data));
                        // Refused only when the exchange is over already.
                        let _ = self.client.auth_respond(handle, response);
                    }
                    Event::StartCompression => {
                        return Err(self.fail(Error::Unsupported("COMPRESS")));
                    }
                    event if found.is_none() && until.wants(&event) => found = Some(event),
                    // Nobody waits for these: one command runs at a time, and
                    // the core's own commands complete on their own.
                    Event::Completed { .. } | Event::IdleStarted { .. } | Event::Greeting(_) => {}
                    other => self.keep(other),
                }
                continue;
            }
            if self.out.is_empty() {
                match self.client.poll_transmit() {
                    Some(bytes) => self.out = bytes,
                    None => break,
                }
            }
            let write = async { self.transport.write(&self.out).await.map_err(io_error) };
            match before(deadline, write).await {
                Ok(0) => return Err(self.fail(Error::Io(io::ErrorKind::WriteZero.into()))),
                Ok(n) => {
                    self.out.advance(n);
                    self.unflushed = true;
                }
                Err(e) => return Err(self.fail(e)),
            }
        }
        if self.unflushed {
            let flush = async { self.transport.flush().await.map_err(io_error) };
            if let Err(e) = before(deadline, flush).await {
                return Err(self.fail(e));
            }
            self.unflushed = false;
        }
        Ok(found)
    }

    async fn start_tls(&mut self, deadline: Option<Instant>) -> Result<(), Error> {
        let Some((config, name)) = self.pending_tls.take() else {
            return Err(self.fail(Error::Unsupported("STARTTLS without TLS options")));
        };
        match before(deadline, self.transport.start_tls(config, name)).await {
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

    /// Takes the kept events `wanted` names, leaving the others in order.
    pub(crate) fn take_kept(&mut self, wanted: impl Fn(&Event) -> bool) -> VecDeque<Event> {
        let (taken, left) = std::mem::take(&mut self.kept).into_iter().partition(wanted);
        self.kept = left;
        taken
    }

    /// Why the connection is closed, from the core's `Closed` event.
    fn closed_error(&self) -> Error {
        let reason = self.kept.iter().rev().find_map(|event| match event {
            Event::Closed(reason) => Some(reason.clone()),
            _ => None,
        });
        reason.flatten().map_or(Error::Closed, Error::Abort)
    }

    /// A transport failure is fatal: drop the transport, tell the core,
    /// keep what the caller may still want, and hand the error on.
    pub(crate) fn fail(&mut self, error: Error) -> Error {
        self.transport.close();
        self.out = Bytes::new();
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

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use imap_proto::response::FetchAttr;

    use crate::testing::{session, Reply};
    use crate::Error;

    const GREETING: &str = "* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n";
    const PREAUTH: &str = "* PREAUTH [CAPABILITY IMAP4rev1 IDLE LITERAL+] ready\r\n";

    #[tokio::test]
    async fn greeting_login_select_and_fetch_with_a_literal() {
        let replies = vec![
            Reply::Send("$TAG OK [CAPABILITY IMAP4rev1 IDLE] logged in\r\n"),
            Reply::Send("* 3 EXISTS\r\n* OK [UIDVALIDITY 42] v\r\n$TAG OK [READ-WRITE] sel\r\n"),
            Reply::Send("* 3 FETCH (UID 7 BODY[] {12}\r\nhello\r\nworld)\r\n$TAG OK fetched\r\n"),
        ];
        let (s, script) = session(GREETING, replies, true).await;
        let mut s = s.unwrap();
        assert_eq!(s.greeting().unwrap().text, "ready");
        s.login("joe", "secret").await.unwrap();
        let inbox = s.select("INBOX", false).await.unwrap();
        assert_eq!((inbox.exists, inbox.uid_validity), (Some(3), Some(42)));
        let fetches = s.uid_fetch(7, "(UID BODY[])").await.unwrap();
        assert_eq!(fetches.len(), 1);
        assert!(fetches[0].attrs.contains(&FetchAttr::Uid(7)));
        let body = fetches[0].attrs.iter().find_map(|a| match a {
            FetchAttr::BodySection { data, .. } => data.clone(),
            _ => None,
        });
        assert_eq!(body.as_deref(), Some(&b"hello\r\nworld"[..]));
        let written = script.written();
        assert!(written.contains(" LOGIN joe secret\r\n"), "{written}");
        assert!(
            written.contains(" UID FETCH 7 (UID BODY[])\r\n"),
            "{written}"
        );
        assert_eq!(s.last_completion().unwrap().status.text, "fetched");
    }

    #[tokio::test]
    async fn append_waits_for_the_continuation() {
        // No LITERAL+: the literal goes only after the server's `+`.
        let replies = vec![
            Reply::Send("+ go ahead\r\n"),
            Reply::Send("$TAG OK [APPENDUID 9 3] appended\r\n"),
        ];
        let (s, script) = session("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n", replies, false).await;
        let mut s = s.unwrap();
        let uid = s.append("INBOX", r"(\Seen)", None, &b"hello"[..]).await;
        let (validity, uids) = uid.unwrap().unwrap();
        assert_eq!((validity, uids.to_string()), (9, "3".to_owned()));
        let written = script.written();
        assert!(
            written.ends_with(" APPEND INBOX (\\Seen) {5}\r\nhello\r\n"),
            "{written}"
        );
    }

    #[tokio::test]
    async fn a_no_is_an_error_and_the_session_goes_on() {
        let replies = vec![
            Reply::Send("$TAG NO [NONEXISTENT] no such mailbox\r\n"),
            Reply::Send("* 4 EXISTS\r\n$TAG OK\r\n"),
        ];
        let (s, _) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let err = s.status("nope", "(MESSAGES)").await.unwrap_err();
        assert!(
            matches!(&err, Error::No(st) if st.text == "no such mailbox"),
            "{err:?}"
        );
        assert!(!err.is_fatal());
        s.noop().await.unwrap();
        assert!(matches!(
            s.unsolicited().as_slice(),
            [imap_proto::response::Untagged::Exists(4)]
        ));
    }

    #[tokio::test]
    async fn a_silent_server_times_out_and_the_session_closes() {
        let (s, _) = session(GREETING, vec![Reply::Nothing], false).await;
        let mut s = s.unwrap();
        s.set_timeout(Some(Duration::from_millis(100)));
        let start = Instant::now();
        assert!(matches!(s.noop().await, Err(Error::Timeout)));
        assert!(start.elapsed() < Duration::from_secs(2));
        assert!(s.is_closed());
        assert!(s.noop().await.unwrap_err().is_fatal());
    }

    #[tokio::test]
    async fn eof_in_the_middle_of_a_literal_is_abort() {
        let replies = vec![
            Reply::Send("* 1 EXISTS\r\n$TAG OK [READ-WRITE] sel\r\n"),
            Reply::SendThenEof("* 1 FETCH (BODY[] {100}\r\nabc"),
        ];
        let (s, _) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        s.examine("INBOX").await.unwrap();
        let err = s.fetch(1, "(BODY[])").await.unwrap_err();
        assert!(matches!(err, Error::Abort(_)), "{err:?}");
        assert!(s.is_closed());
    }

    #[tokio::test]
    async fn a_cancelled_command_leaves_the_connection_in_step() {
        let replies = vec![
            Reply::Later(Duration::from_millis(300), "$TAG OK late noop\r\n"),
            Reply::Send("$TAG OK second\r\n"),
        ];
        let (s, script) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let noop = tokio::time::timeout(Duration::from_millis(30), s.noop()).await;
        assert!(noop.is_err(), "the NOOP is still running");
        assert!(!s.is_closed());
        // The first NOOP's late completion is dropped; the second gets its own.
        s.noop().await.unwrap();
        assert_eq!(s.last_completion().unwrap().status.text, "second");
        assert_eq!(script.written().matches(" NOOP\r\n").count(), 2);
    }

    #[tokio::test]
    async fn invalid_arguments_send_nothing() {
        let (s, script) = session(PREAUTH, vec![], false).await;
        let mut s = s.unwrap();
        let err = s
            .fetch("1\r\nA1 DELETE INBOX", "(FLAGS)")
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
        let err = s.store("1", "+FLAGS", "(\\Seen").await.unwrap_err();
        assert!(matches!(err, Error::InvalidArgument(_)), "{err:?}");
        assert_eq!(script.written(), "");
    }
}
