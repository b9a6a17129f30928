//! The IO loop, the only one in this crate: do what the core's [`Waiter`]
//! says (write, flush, TLS handshake, answer a SASL challenge, read until a
//! deadline) until the awaited event comes. Every decision about IMAP,
//! including which event a call waits for and which are kept for the
//! caller, is the core's.
//!
//! Cancellation: dropping a future of this loop at an `.await` loses
//! nothing. A read either completed (and was committed) or read nothing;
//! bytes taken from the core but not yet written wait in `out` for the next
//! call. A command whose caller stopped waiting still completes on the
//! server, and its completion is dropped when it arrives.

use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::{Buf, Bytes};
use imap_proto::client::{Client, CommandHandle, Completion, Event, Step, Waiter};
use imap_proto::command::Command;
use rustls::pki_types::ServerName;
use rustls::ClientConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::io::{before, io_error};
use crate::{Error, Transport};

pub(crate) use imap_proto::client::Until;

/// How much is read at a time.
const READ_CHUNK: usize = 64 * 1024;

/// A SASL callback: gets each decoded challenge, returns the response to
/// send (`None` cancels the exchange with `*`).
pub(crate) type Authenticator<'a> = &'a mut (dyn FnMut(&[u8]) -> Option<Vec<u8>> + Send);

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
    /// Bytes the core handed out that are not written yet.
    out: Bytes,
}

impl Driver {
    pub(crate) fn new(client: Client, transport: Transport, timeout: Option<Duration>) -> Self {
        Driver {
            waiter: Waiter::new(client.limits().max_queued_events),
            client,
            transport,
            timeout,
            pending_tls: None,
            out: Bytes::new(),
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
        self.waiter.begin(until, soft, self.timeout, Instant::now());
        loop {
            // Bytes a dropped call left unwritten go first, in order.
            self.write_out().await?;
            match self.waiter.poll(&mut self.client, Instant::now()) {
                Step::Transmit(bytes) => self.out = bytes,
                Step::Flush => {
                    let deadline = self.io_deadline();
                    let flush = async { self.transport.flush().await.map_err(io_error) };
                    if let Err(e) = before(deadline, flush).await {
                        return Err(self.fail(e));
                    }
                }
                Step::StartTls => self.start_tls().await?,
                Step::StartCompression => return Err(self.fail(Error::Unsupported("COMPRESS"))),
                Step::AuthChallenge { handle, data } => {
                    let response = auth.as_mut().and_then(|answer| answer(&data));
                    // Refused only when the exchange is over already.
                    let _ = self.client.auth_respond(handle, response);
                }
                Step::Done(event) => return Ok(Some(event)),
                Step::Elapsed => return Ok(None),
                Step::TimedOut => return Err(self.fail(Error::Timeout)),
                Step::Closed(reason) => return Err(reason.map_or(Error::Closed, Error::Abort)),
                Step::Read { deadline } => self.read(deadline).await?,
            }
        }
    }

    /// Reads what the server sends, straight into the core's buffer (no
    /// copy), waiting no later than `deadline`.
    async fn read(&mut self, deadline: Option<Instant>) -> Result<(), Error> {
        if self.transport.is_closed() {
            return Err(self
                .waiter
                .closed_reason()
                .map_or(Error::Closed, Error::Abort));
        }
        let read = self.transport.read(self.client.recv_buf(READ_CHUNK));
        let read = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline.into(), read).await.ok(),
            None => Some(read.await),
        };
        match read {
            Some(Ok(n)) => self.waiter.handle_read(&mut self.client, n, Instant::now()),
            // A deadline or the core's timer: the waiter looks at the time.
            None => self.waiter.handle_timeout(&mut self.client, Instant::now()),
            Some(Err(e)) if e.kind() == io::ErrorKind::Interrupted => {
                self.waiter.handle_timeout(&mut self.client, Instant::now())
            }
            Some(Err(e)) => return Err(self.fail(io_error(e))),
        }
        Ok(())
    }

    /// Writes `out` whole, each write bounded by the timeout.
    async fn write_out(&mut self) -> Result<(), Error> {
        while !self.out.is_empty() {
            let deadline = self.io_deadline();
            let write = async { self.transport.write(&self.out).await.map_err(io_error) };
            match before(deadline, write).await {
                Ok(0) => return Err(self.fail(Error::Io(io::ErrorKind::WriteZero.into()))),
                Ok(n) => self.out.advance(n),
                Err(e) => return Err(self.fail(e)),
            }
        }
        Ok(())
    }

    /// When a write, flush or handshake started now times out.
    fn io_deadline(&self) -> Option<Instant> {
        self.timeout.map(|t| Instant::now() + t)
    }

    async fn start_tls(&mut self) -> Result<(), Error> {
        let Some((config, name)) = self.pending_tls.take() else {
            return Err(self.fail(Error::Unsupported("STARTTLS without TLS options")));
        };
        let deadline = self.io_deadline();
        match before(deadline, self.transport.start_tls(config, name)).await {
            Ok(()) => {
                self.client.tls_established();
                Ok(())
            }
            Err(e) => Err(self.fail(e)),
        }
    }

    /// A transport failure is fatal: drop the transport, tell the core,
    /// keep what the caller may still want, and hand the error on.
    pub(crate) fn fail(&mut self, error: Error) -> Error {
        self.transport.close();
        self.out = Bytes::new();
        self.waiter.fail(&mut self.client);
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
