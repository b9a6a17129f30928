//! [`Session`]: one IMAP connection, opened like imaplib's classes, with
//! its state readable and its lifecycle (STARTTLS, LOGOUT, shutdown, drop).

use std::time::Duration;

use bytes::Bytes;
use imap_proto::client::ops::{self, Op};
use imap_proto::client::{Client, ClientOptions, Completion, Event, MailboxState, SessionState};
use imap_proto::command::Command;
use imap_proto::response::{Status, Untagged};
use imap_proto::types::{Capability, SmallBytes};

use crate::driver::{Driver, Until};
use crate::{Error, TlsOptions, Transport};

/// The IMAP port (imaplib `IMAP4_PORT`).
pub const IMAP_PORT: u16 = 143;
/// The IMAP-over-TLS port (imaplib `IMAP4_SSL_PORT`).
pub const IMAPS_PORT: u16 = 993;

/// How a [`Session`] connects and waits.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Options {
    /// Longest wait for a TCP connection, the TLS handshake and the
    /// greeting. Default 30 seconds.
    pub connect_timeout: Option<Duration>,
    /// Longest wait for the server's next bytes while a command runs
    /// (not the command's total time: a 1 GB FETCH may take minutes). A
    /// timeout is fatal ([`Error::Timeout`]). Default `None`, as in imaplib.
    pub timeout: Option<Duration>,
    /// Longest a drop of the session waits for LOGOUT's answer. Default 5
    /// seconds.
    pub logout_timeout: Duration,
    /// The core's options: limits, whether a plaintext password may cross
    /// an unencrypted connection (default no), IDLE refresh. The random
    /// seed and `transport_encrypted` are filled in by the session.
    pub client: ClientOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Some(Duration::from_secs(30)),
            timeout: None,
            logout_timeout: Duration::from_secs(5),
            client: ClientOptions::default(),
        }
    }
}

/// One IMAP connection: imaplib's `IMAP4` object.
///
/// Open it with [`Session::connect`] (plain TCP, imaplib `IMAP4`),
/// [`Session::connect_tls`] (`IMAP4_SSL`), [`Session::connect_starttls`],
/// [`Session::from_command`] (`IMAP4_stream`), [`Session::from_stream`],
/// or [`Session::open`] with a [`Transport`] and [`Options`]. Each imaplib
/// method is a method of the same name returning typed results;
/// [`Session::run`] sends any [`Command`] and returns the whole
/// [`Completion`] (imaplib's raw `(typ, data)` is
/// [`Completion::imaplib`]); [`Session::last_completion`] keeps that raw
/// form of the last typed call too.
///
/// Dropping a session that is still open sends LOGOUT (waiting at most
/// [`Options::logout_timeout`]) and closes the transport, like imaplib's
/// `with` block.
pub struct Session {
    pub(crate) driver: Driver,
    host: Option<String>,
    logout_timeout: Duration,
    pub(crate) last: Option<Completion>,
    greeting: Option<Status>,
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
    /// Plain TCP to `host:port` (imaplib `IMAP4(host, port)`; port
    /// [`IMAP_PORT`]), reading the greeting. LOGIN is refused until
    /// [`Session::starttls`] unless [`ClientOptions::allow_plaintext_auth`]
    /// is set through [`Session::open`].
    pub fn connect(host: &str, port: u16) -> Result<Session, Error> {
        Self::connect_with(host, port, Options::default())
    }

    /// [`Session::connect`] with a connect timeout (imaplib's
    /// `open(host, port, timeout)`), also used as the per-command timeout.
    pub fn connect_timeout(host: &str, port: u16, timeout: Duration) -> Result<Session, Error> {
        let options = Options {
            connect_timeout: Some(timeout),
            timeout: Some(timeout),
            ..Options::default()
        };
        Self::connect_with(host, port, options)
    }

    /// Plain TCP with all [`Options`].
    pub fn connect_with(host: &str, port: u16, options: Options) -> Result<Session, Error> {
        let transport = Transport::tcp(host, port, options.connect_timeout)?;
        Self::open_to(transport, Some(host), options)
    }

    /// Implicit TLS to `host:port` (imaplib `IMAP4_SSL`; port
    /// [`IMAPS_PORT`]), verified as `tls` says (the platform's roots by
    /// default).
    pub fn connect_tls(host: &str, port: u16, tls: TlsOptions) -> Result<Session, Error> {
        Self::connect_tls_with(host, port, tls, Options::default())
    }

    /// Implicit TLS with all [`Options`].
    pub fn connect_tls_with(
        host: &str,
        port: u16,
        tls: TlsOptions,
        options: Options,
    ) -> Result<Session, Error> {
        let transport = Transport::tls(host, port, &tls, options.connect_timeout)?;
        Self::open_to(transport, Some(host), options)
    }

    /// Plain TCP, then [`Session::starttls`]: the session comes back
    /// encrypted or not at all.
    pub fn connect_starttls(host: &str, port: u16, tls: TlsOptions) -> Result<Session, Error> {
        Self::connect_starttls_with(host, port, tls, Options::default())
    }

    /// [`Session::connect_starttls`] with all [`Options`].
    pub fn connect_starttls_with(
        host: &str,
        port: u16,
        tls: TlsOptions,
        options: Options,
    ) -> Result<Session, Error> {
        let mut session = Self::connect_with(host, port, options)?;
        session.starttls(tls)?;
        Ok(session)
    }

    /// A subprocess speaking IMAP on its stdin and stdout (imaplib
    /// `IMAP4_stream`): `program` with `args`, never through a shell. A
    /// local pipe counts as secure, so LOGIN is allowed over it.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), imap_blocking::Error> {
    /// let mut s = imap_blocking::Session::from_command(
    ///     "/usr/lib/dovecot/imap", ["-u", "alice"])?;
    /// s.select("INBOX", false)?;
    /// # Ok(()) }
    /// ```
    pub fn from_command<I, S>(
        program: impl AsRef<std::ffi::OsStr>,
        args: I,
    ) -> Result<Session, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        Self::open(Transport::command(program, args)?, Options::default())
    }

    /// Any `Read + Write` the caller brings, taken as unencrypted (see
    /// [`Transport::secure_stream`] otherwise).
    pub fn from_stream(stream: impl crate::ReadWrite + 'static) -> Result<Session, Error> {
        Self::open(Transport::stream(stream), Options::default())
    }

    /// A session over `transport`: reads the greeting.
    pub fn open(transport: Transport, options: Options) -> Result<Session, Error> {
        Self::open_to(transport, None, options)
    }

    fn open_to(
        transport: Transport,
        host: Option<&str>,
        options: Options,
    ) -> Result<Session, Error> {
        let mut client_options = options.client;
        getrandom::getrandom(&mut client_options.random_seed)
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        client_options.transport_encrypted = transport.is_secure();
        let mut transport = transport;
        transport
            .set_write_timeout(options.timeout)
            .map_err(Error::Io)?;
        let driver = Driver::new(Client::new(client_options), transport, options.timeout);
        let mut session = Session {
            driver,
            host: host.map(str::to_owned),
            logout_timeout: options.logout_timeout,
            last: None,
            greeting: None,
        };
        let timeout = session.driver.timeout;
        session.driver.timeout = options.connect_timeout.or(timeout);
        let greeting = session.driver.wait(Until::Greeting, None, &mut None);
        session.driver.timeout = timeout;
        match greeting? {
            Some(Event::Greeting(status)) => session.greeting = Some(status),
            _ => return Err(Error::Closed),
        }
        Ok(session)
    }

    /// Sends `command`, waits for its completion and returns it whole: the
    /// typed responses, the tagged status, and imaplib's raw data
    /// ([`Completion::imaplib`]). NO, BAD and connection failures are
    /// errors. Every typed method is this plus an accessor.
    pub fn run(&mut self, command: Command) -> Result<Completion, Error> {
        self.driver.run(command)
    }

    /// [`Session::run`] for one of the core's [`ops`]: keeps the
    /// completion as [`Session::last_completion`] and returns the op's
    /// typed result. Every typed method is this.
    pub(crate) fn call<T>(&mut self, op: Op<T>) -> Result<T, Error> {
        self.last = None;
        let completion = self.driver.run(op.command)?;
        Ok((op.extract)(self.last.insert(completion))?)
    }

    /// Runs the loop until `handle` (a command the core started) completes,
    /// keeping the completion as [`Session::last_completion`].
    pub(crate) fn complete(
        &mut self,
        handle: imap_proto::client::CommandHandle,
        auth: Option<crate::driver::Authenticator<'_>>,
    ) -> Result<&Completion, Error> {
        self.last = None;
        let completion = self.driver.complete(handle, auth)?;
        Ok(self.last.insert(completion))
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
    pub fn starttls(&mut self, tls: TlsOptions) -> Result<(), Error> {
        let config = tls.build()?;
        let name = match &self.host {
            Some(host) => tls.server_name_for(host)?,
            None => tls
                .server_name_for("")
                .map_err(|_| Error::Unsupported("STARTTLS without a host or a TLS server name"))?,
        };
        self.driver.pending_tls = Some((config, name));
        let result = self.call(ops::starttls());
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
    /// # fn main() -> Result<(), imap_blocking::Error> {
    /// let mut s = imap_blocking::Session::connect_tls(
    ///     "imap.example.org", 993, imap_blocking::TlsOptions::new())?;
    /// s.login("joe", "secret")?;
    /// s.compress()?;
    /// assert!(s.socket().is_compressed());
    /// # Ok(()) }
    /// ```
    pub fn compress(&mut self) -> Result<(), Error> {
        self.call(Op::new(Command::compress_deflate(), |_| Ok(())))
    }

    /// Sends LOGOUT (imaplib `logout`), then closes the transport. Returns
    /// the server's BYE, when it sent one.
    pub fn logout(&mut self) -> Result<Option<Status>, Error> {
        let logout = ops::logout();
        let result = self.driver.run(logout.command);
        self.driver.transport.shutdown();
        Ok((logout.extract)(&result?)?)
    }

    /// Closes the transport without LOGOUT (imaplib `shutdown`).
    pub fn shutdown(&mut self) {
        self.driver.transport.shutdown();
        self.driver.client.handle_eof();
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

    /// Sets the per-command timeout (see [`Options::timeout`]).
    pub fn set_timeout(&mut self, timeout: Option<Duration>) {
        self.driver.timeout = timeout;
        let _ = self.driver.transport.set_write_timeout(timeout);
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
        if !self.is_closed() {
            self.driver.timeout = Some(self.logout_timeout);
            let _ = self.driver.run(Command::Logout);
        }
        self.driver.transport.shutdown();
    }
}

#[cfg(test)]
mod tests;
