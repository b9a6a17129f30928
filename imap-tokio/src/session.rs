//! [`Session`]: one IMAP connection, opened like imaplib's classes, with
//! its state readable and its lifecycle (STARTTLS, LOGOUT, shutdown, nothing).

use std::time::Duration;

use bytes::Bytes;
use imap_proto::client::ops::{self, Op};
use imap_proto::client::{Client, ClientOptions, Completion, MailboxState, SessionState};
use imap_proto::command::Command;
use imap_proto::response::{Status, Untagged};
use imap_proto::types::{Capability, SmallBytes};

use crate::driver::{Authenticator, Driver};
use crate::{Error, TlsOptions, Transport};

/// One IMAP connection: imaplib's `IMAP4` object, driven by Tokio.
///
/// The async twin of [`imap_blocking::Session`]: the same constructors and
/// methods with the same names, arguments and results, each `async`.
/// Open it with [`Session::connect`] (plain TCP, imaplib `IMAP4`),
/// [`Session::connect_tls`] (`IMAP4_SSL`), [`Session::connect_starttls`],
/// [`Session::from_command`] (`IMAP4_stream`), [`Session::from_stream`],
/// or [`Session::open`] with a [`Transport`] and [`crate::Options`].
/// [`Session::run`] sends any [`Command`] and returns the whole
/// [`Completion`] (imaplib's raw `(typ, data)` is [`Completion::imaplib`]).
///
/// Futures of a session may be dropped at any `.await` (a
/// `tokio::time::timeout` or `select!` around a call): the connection stays
/// in step, the abandoned command still runs on the server, and its
/// completion is discarded when it arrives.
///
/// Close it with [`Session::logout`]. A session dropped while open inside
/// a Tokio runtime sends LOGOUT from a spawned task (bounded by
/// [`crate::Options::logout_timeout`]); a runtime that shuts down first just
/// closes the connection.
pub struct Session {
    pub(crate) driver: Driver,
    pub(crate) host: Option<String>,
    pub(crate) logout_timeout: Duration,
    pub(crate) last: Option<Completion>,
    pub(crate) greeting: Option<Status>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("host", &self.host)
            .field("transport", &self.driver.transport)
            .field("state", &self.driver.client.state())
            .finish()
    }
}

impl Session {
    /// Sends `command`, waits for its completion and returns it whole: the
    /// typed responses, the tagged status, and imaplib's raw data
    /// ([`Completion::imaplib`]). NO, BAD and connection failures are
    /// errors. Every typed method is this plus an accessor.
    pub async fn run(&mut self, command: Command) -> Result<Completion, Error> {
        self.driver.run(command).await
    }

    /// [`Session::run`] for one of the core's [`ops`]: keeps the
    /// completion as [`Session::last_completion`] and returns the op's
    /// typed result. Every typed method is this.
    pub(crate) async fn call<T>(&mut self, op: Op<T>) -> Result<T, Error> {
        self.last = None;
        let completion = self.driver.run(op.command).await?;
        Ok((op.extract)(self.last.insert(completion))?)
    }

    /// Runs the loop until `handle` (a command the core started) completes,
    /// keeping the completion as [`Session::last_completion`].
    pub(crate) async fn complete(
        &mut self,
        handle: imap_proto::client::CommandHandle,
        auth: Option<Authenticator<'_>>,
    ) -> Result<(), Error> {
        self.last = None;
        self.last = Some(self.driver.complete(handle, auth).await?);
        Ok(())
    }

    /// The whole completion (status, typed responses, raw lines) of the
    /// last typed method that succeeded: the imaplib form of its result.
    pub fn last_completion(&self) -> Option<&Completion> {
        self.last.as_ref()
    }

    /// Upgrades a plain connection to TLS (imaplib `starttls`). Fails
    /// closed: when the server does not offer STARTTLS, answers anything
    /// but OK, or the handshake or certificate check fails, this returns an
    /// error and the session stays unencrypted, where LOGIN and plaintext
    /// mechanisms are refused. The capabilities are asked again after the
    /// upgrade.
    pub async fn starttls(&mut self, tls: TlsOptions) -> Result<(), Error> {
        let config = tls.build()?;
        let name = tls
            .server_name_for(self.host.as_deref().unwrap_or_default())
            .map_err(|_| Error::Unsupported("STARTTLS without a host or a TLS server name"))?;
        self.driver.pending_tls = Some((config, name));
        let result = self.call(ops::starttls()).await;
        self.driver.pending_tls = None;
        result
    }

    /// `COMPRESS DEFLATE` (RFC 4978; imaplib has none): after the server's
    /// OK, everything is DEFLATE-compressed both ways, under TLS if any.
    /// Refused with [`UsageError::NotAdvertised`](imap_proto::client::UsageError::NotAdvertised),
    /// nothing sent, unless the server advertises `COMPRESS=DEFLATE`; the
    /// server answers NO when compression is on already.
    ///
    /// ```no_run
    /// # async fn example() -> Result<(), imap_tokio::Error> {
    /// let mut s = imap_tokio::Session::connect_tls(
    ///     "imap.example.org", 993, imap_tokio::TlsOptions::new()).await?;
    /// s.login("joe", "secret").await?;
    /// s.compress().await?;
    /// assert!(s.socket().is_compressed());
    /// # Ok(()) }
    /// ```
    pub async fn compress(&mut self) -> Result<(), Error> {
        self.call(Op::new(Command::compress_deflate(), |_| Ok(())))
            .await
    }

    /// Sends LOGOUT (imaplib `logout`), then closes the transport. Returns
    /// the server's BYE, when it sent one.
    pub async fn logout(&mut self) -> Result<Option<Status>, Error> {
        let logout = ops::logout();
        let result = self.driver.run(logout.command).await;
        self.close_transport().await;
        Ok((logout.extract)(&result?)?)
    }

    /// Closes the transport without LOGOUT (imaplib `shutdown`).
    pub async fn shutdown(&mut self) {
        self.close_transport().await;
        self.driver.client.handle_eof();
    }

    /// Closes the transport gracefully, within [`crate::Options::logout_timeout`]
    /// (a peer that reads nothing more cannot hold it up), else at once.
    async fn close_transport(&mut self) {
        let graceful = self.driver.transport.shutdown();
        if tokio::time::timeout(self.logout_timeout, graceful)
            .await
            .is_err()
        {
            self.driver.transport.close();
        }
    }

    /// The transport, for inspection (imaplib `socket`): its TCP socket,
    /// TLS connection or child process.
    pub fn socket(&self) -> &Transport {
        &self.driver.transport
    }

    /// Releases receive-buffer memory kept from the largest response so
    /// far (after a large FETCH, say); see
    /// [`imap_proto::client::Client::shrink_buffer`].
    pub fn shrink_buffer(&mut self) {
        self.driver.client.shrink_buffer();
    }

    /// Sets the per-command timeout (see [`crate::Options::timeout`]).
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.driver.timeout = timeout;
    }

    /// The greeting's status (`OK` or `PREAUTH`, its code and text).
    pub fn greeting(&self) -> Option<&Status> {
        self.greeting.as_ref()
    }

    /// The capabilities last advertised (greeting, CAPABILITY, or a code).
    pub fn capabilities(&self) -> &[Capability] {
        self.driver.client.capabilities()
    }

    /// True when the server advertised `name` (ignoring ASCII case).
    pub fn has_capability(&self, name: &str) -> bool {
        self.driver.client.has_capability(name)
    }

    /// imaplib `PROTOCOL_VERSION`: `IMAP4rev2`, `IMAP4rev1` or `IMAP4`.
    pub fn protocol_version(&self) -> Option<&str> {
        self.driver.client.protocol_version()
    }

    /// imaplib `utf8_enabled`: true after `ENABLE UTF8=ACCEPT` succeeded.
    pub fn utf8_enabled(&self) -> bool {
        self.driver.client.utf8_enabled()
    }

    /// The connection state (RFC 3501 section 3).
    pub fn state(&self) -> SessionState {
        self.driver.client.state()
    }

    /// The selected mailbox's state (EXISTS, flags, UIDVALIDITY, ...).
    pub fn selected(&self) -> Option<&MailboxState> {
        self.driver.client.selected()
    }

    /// True once the connection is over (LOGOUT, BYE, a fatal error).
    pub fn is_closed(&self) -> bool {
        self.driver.client.is_closed() || self.driver.transport.is_closed()
    }

    /// imaplib `response(code)`: the data kept under a response name or
    /// code (`EXISTS`, `UIDVALIDITY`, `ALERT`, ...), taken.
    pub fn response(&mut self, code: &str) -> Vec<Bytes> {
        self.driver.client.response(code)
    }

    /// Takes the unsolicited responses received so far (EXISTS, EXPUNGE,
    /// FETCH flag changes no command asked for). They are already applied
    /// to [`Session::selected`].
    pub fn unsolicited(&mut self) -> Vec<Untagged> {
        self.driver.waiter.take_unsolicited()
    }

    /// Takes the `[ALERT]` texts received so far: RFC 3501 says they must
    /// be shown to the user.
    pub fn alerts(&mut self) -> Vec<SmallBytes> {
        self.driver.waiter.take_alerts()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if self.is_closed() {
            return;
        }
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return;
        };
        // Move the connection out and log out in the background.
        let closed = Driver::new(
            Client::new(ClientOptions::default()),
            Transport::closed(),
            None,
        );
        let mut driver = std::mem::replace(&mut self.driver, closed);
        driver.timeout = Some(self.logout_timeout);
        let limit = self.logout_timeout;
        runtime.spawn(async move {
            let logout = async {
                let _ = driver.run(Command::Logout).await;
                driver.transport.shutdown().await;
            };
            let _ = tokio::time::timeout(limit * 2, logout).await;
        });
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use imap_proto::client::UsageError;

    use crate::testing::{session, Reply};
    use crate::{Error, Session, TlsOptions};

    const STARTTLS: &str = "* OK [CAPABILITY IMAP4rev1 STARTTLS] hi\r\n";

    /// TLS options that trust nothing: the handshake is never reached in
    /// these tests.
    fn tls() -> TlsOptions {
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
        TlsOptions::new()
            .config(Arc::new(config))
            .server_name("localhost")
    }

    #[tokio::test]
    async fn compress_not_advertised_sends_nothing() {
        let (s, script) = session("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n", vec![], true).await;
        let mut s = s.unwrap();
        let err = s.compress().await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::Usage(UsageError::NotAdvertised {
                    capability: "COMPRESS=DEFLATE",
                    ..
                })
            ),
            "{err:?}"
        );
        assert_eq!(script.written(), "");
        assert!(!s.socket().is_compressed());
    }

    /// The server's side of a compressed conversation: reads one command
    /// line through `d` and answers it, compressed.
    async fn serve_compressed(
        d: &mut imap_blocking::Deflate,
        pipe: &mut tokio::io::DuplexStream,
        reply: &str,
    ) -> String {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let mut line = Vec::new();
        while !line.ends_with(b"\r\n") {
            let mut byte = [0u8; 1];
            if d.inflate(&mut byte).unwrap() == 1 {
                line.push(byte[0]);
                continue;
            }
            let n = pipe.read(d.recv_buf(64)).await.unwrap();
            assert!(n > 0, "EOF in the middle of a line");
            d.received(n);
        }
        let line = String::from_utf8(line).unwrap();
        let tag = line.split(' ').next().unwrap();
        d.compress(reply.replace("$TAG", tag).as_bytes()).unwrap();
        d.sync_flush().unwrap();
        // The client may close as soon as the tagged OK is inflated,
        // before the last bytes of the sync flush are written.
        let _ = pipe.write_all(d.outgoing()).await;
        let n = d.outgoing().len();
        d.sent(n);
        line
    }

    #[tokio::test]
    async fn compress_deflates_both_ways_after_the_ok() {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let (client, mut server) = tokio::io::duplex(11);
        let peer = tokio::spawn(async move {
            server
                .write_all(b"* PREAUTH [CAPABILITY IMAP4rev1 COMPRESS=DEFLATE] hi\r\n")
                .await
                .unwrap();
            let mut line = Vec::new();
            let mut reader = BufReader::with_capacity(1, &mut server);
            reader.read_until(b'\n', &mut line).await.unwrap();
            let line = String::from_utf8(line).unwrap();
            assert!(line.ends_with(" COMPRESS DEFLATE\r\n"), "{line}");
            let tag = line.split(' ').next().unwrap();
            let ok = format!("{tag} OK DEFLATE active\r\n");
            server.write_all(ok.as_bytes()).await.unwrap();
            let mut d = imap_blocking::Deflate::new();
            let reply = "* 1 EXISTS\r\n$TAG OK [READ-WRITE] done\r\n";
            let select = serve_compressed(&mut d, &mut server, reply).await;
            let reply = "* 2 EXISTS\r\n$TAG OK\r\n";
            let noop = serve_compressed(&mut d, &mut server, reply).await;
            let reply = "* BYE\r\n$TAG OK\r\n";
            let logout = serve_compressed(&mut d, &mut server, reply).await;
            [select, noop, logout]
        });
        let mut s = Session::from_stream(client).await.unwrap();
        s.compress().await.unwrap();
        assert!(s.socket().is_compressed());
        s.select("INBOX", false).await.unwrap();
        s.noop().await.unwrap();
        assert_eq!(s.selected().unwrap().exists, Some(2));
        s.logout().await.unwrap();
        let [select, noop, logout] = peer.await.unwrap();
        assert!(select.ends_with(" SELECT INBOX\r\n"), "{select}");
        assert!(noop.ends_with(" NOOP\r\n"), "{noop}");
        assert!(logout.ends_with(" LOGOUT\r\n"), "{logout}");
    }

    #[test]
    fn sessions_and_their_futures_are_send() {
        fn send<T: Send>(_: T) {}
        // Only type-checked: a future does nothing until polled.
        send(async {
            let mut s = Session::connect("localhost", 143).await?;
            s.authenticate("X", |_| None).await?;
            s.fetch(1, "(FLAGS)").await?;
            let mut idle = s.idle(None).await?;
            let _ = idle.next().await;
            idle.done().await?;
            s.logout().await?;
            Ok::<_, Error>(s)
        });
    }

    #[tokio::test]
    async fn starttls_refused_fails_closed() {
        let replies = vec![Reply::Send("$TAG NO [UNAVAILABLE] not now\r\n")];
        let (s, script) = session(STARTTLS, replies, false).await;
        let mut s = s.unwrap();
        let err = s.starttls(tls()).await.unwrap_err();
        assert!(matches!(err, Error::No(_)), "{err:?}");
        assert!(s.socket().tls_connection().is_none());
        // Still plaintext: the core refuses to send the password.
        let err = s.login("joe", "secret").await.unwrap_err();
        assert!(
            matches!(err, Error::Usage(UsageError::PlaintextAuth { .. })),
            "{err:?}"
        );
        let written = script.written();
        assert!(written.ends_with(" STARTTLS\r\n"), "{written}");
        assert!(!written.contains("secret"), "{written}");
    }

    #[tokio::test]
    async fn bytes_after_the_starttls_ok_are_fatal() {
        // A man in the middle injecting a response before the handshake.
        let replies = vec![Reply::Send(
            "$TAG OK begin TLS\r\n* OK [ALERT] injected\r\n",
        )];
        let (s, script) = session(STARTTLS, replies, false).await;
        let mut s = s.unwrap();
        let err = s.starttls(tls()).await.unwrap_err();
        assert!(err.is_fatal(), "{err:?}");
        assert!(s.is_closed());
        assert!(s.login("joe", "secret").await.is_err());
        assert!(!script.written().contains("secret"));
    }

    #[tokio::test]
    async fn starttls_needs_a_server_name() {
        let (s, script) = session(STARTTLS, vec![], false).await;
        let err = s.unwrap().starttls(TlsOptions::new()).await.unwrap_err();
        assert!(
            matches!(err, Error::Unsupported(_) | Error::TlsConfig(_)),
            "{err:?}"
        );
        assert_eq!(script.written(), "");
    }

    #[tokio::test]
    async fn a_bye_greeting_is_abort() {
        let (s, _) = session("* BYE too busy\r\n", vec![], false).await;
        assert!(matches!(s.unwrap_err(), Error::Abort(_)));
    }

    #[tokio::test]
    async fn logout_returns_the_bye_and_closes() {
        let replies = vec![Reply::SendThenEof("* BYE see you\r\n$TAG OK out\r\n")];
        let (s, script) = session(STARTTLS, replies, false).await;
        let mut s = s.unwrap();
        let bye = s.logout().await.unwrap().unwrap();
        assert_eq!(bye.text, "see you");
        assert!(s.is_closed());
        assert!(script.written().ends_with(" LOGOUT\r\n"));
        assert!(s.noop().await.unwrap_err().is_fatal());
    }

    #[tokio::test]
    async fn drop_logs_out_in_the_background() {
        let replies = vec![Reply::SendThenEof("* BYE bye\r\n$TAG OK out\r\n")];
        let (s, script) = session(STARTTLS, replies, false).await;
        drop(s.unwrap());
        for _ in 0..100 {
            if script.written().ends_with(" LOGOUT\r\n") {
                return;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("no LOGOUT: {:?}", script.written());
    }
}
