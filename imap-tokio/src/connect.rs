//! Opening a [`Session`]: the constructors of imaplib's classes (plain TCP,
//! implicit TLS, STARTTLS, a subprocess, a caller's stream), each reading
//! the greeting before it returns.

use std::time::Duration;

use imap_proto::client::{Client, Event};

use crate::driver::{Driver, Until};
use crate::{AsyncReadWrite, Error, Options, Session, TlsOptions, Transport};

impl Session {
    /// Plain TCP to `host:port` (imaplib `IMAP4(host, port)`; port
    /// [`crate::IMAP_PORT`]), reading the greeting. LOGIN is refused until
    /// [`Session::starttls`] unless [`crate::ClientOptions::allow_plaintext_auth`]
    /// is set through [`Session::connect_with`].
    pub async fn connect(host: &str, port: u16) -> Result<Session, Error> {
        Self::connect_with(host, port, Options::default()).await
    }

    /// [`Session::connect`] with a connect timeout (imaplib's
    /// `open(host, port, timeout)`), also used as the per-command timeout.
    pub async fn connect_timeout(
        host: &str,
        port: u16,
        timeout: Duration,
    ) -> Result<Session, Error> {
        let mut options = Options::default();
        options.connect_timeout = Some(timeout);
        options.timeout = Some(timeout);
        Self::connect_with(host, port, options).await
    }

    /// Plain TCP with all [`Options`].
    pub async fn connect_with(host: &str, port: u16, options: Options) -> Result<Session, Error> {
        let transport = Transport::tcp(host, port, options.connect_timeout).await?;
        Self::open_to(transport, Some(host), options).await
    }

    /// Implicit TLS to `host:port` (imaplib `IMAP4_SSL`; port
    /// [`crate::IMAPS_PORT`]), verified as `tls` says (the platform's
    /// roots by default).
    pub async fn connect_tls(host: &str, port: u16, tls: TlsOptions) -> Result<Session, Error> {
        Self::connect_tls_with(host, port, tls, Options::default()).await
    }

    /// Implicit TLS with all [`Options`].
    pub async fn connect_tls_with(
        host: &str,
        port: u16,
        tls: TlsOptions,
        options: Options,
    ) -> Result<Session, Error> {
        let transport = Transport::tls(host, port, &tls, options.connect_timeout).await?;
        Self::open_to(transport, Some(host), options).await
    }

    /// Plain TCP, then [`Session::starttls`]: the session comes back
    /// encrypted or not at all.
    pub async fn connect_starttls(
        host: &str,
        port: u16,
        tls: TlsOptions,
    ) -> Result<Session, Error> {
        Self::connect_starttls_with(host, port, tls, Options::default()).await
    }

    /// [`Session::connect_starttls`] with all [`Options`].
    pub async fn connect_starttls_with(
        host: &str,
        port: u16,
        tls: TlsOptions,
        options: Options,
    ) -> Result<Session, Error> {
        let mut session = Self::connect_with(host, port, options).await?;
        session.starttls(tls).await?;
        Ok(session)
    }

    /// A subprocess speaking IMAP on its stdin and stdout (imaplib
    /// `IMAP4_stream`): `program` with `args`, never through a shell. A
    /// local pipe counts as secure, so LOGIN is allowed over it.
    ///
    /// ```no_run
    /// # async fn f() -> Result<(), imap_tokio::Error> {
    /// let mut s = imap_tokio::Session::from_command(
    ///     "/usr/lib/dovecot/imap", ["-u", "alice"]).await?;
    /// s.select("INBOX", false).await?;
    /// # Ok(()) }
    /// ```
    pub async fn from_command<I, S>(
        program: impl AsRef<std::ffi::OsStr>,
        args: I,
    ) -> Result<Session, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        Self::open(Transport::command(program, args)?, Options::default()).await
    }

    /// Any `AsyncRead + AsyncWrite` the caller brings, taken as unencrypted
    /// (see [`Transport::secure_stream`] otherwise).
    pub async fn from_stream(stream: impl AsyncReadWrite + 'static) -> Result<Session, Error> {
        Self::open(Transport::stream(stream), Options::default()).await
    }

    /// A session over `transport`: reads the greeting.
    pub async fn open(transport: Transport, options: Options) -> Result<Session, Error> {
        Self::open_to(transport, None, options).await
    }

    async fn open_to(
        transport: Transport,
        host: Option<&str>,
        options: Options,
    ) -> Result<Session, Error> {
        let mut client_options = options.client;
        getrandom::getrandom(&mut client_options.random_seed)
            .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
        client_options.transport_encrypted = transport.is_secure();
        let client = Client::new(client_options);
        let mut session = Session {
            driver: Driver::new(
                client,
                transport,
                options.connect_timeout.or(options.timeout),
            ),
            host: host.map(str::to_owned),
            logout_timeout: options.logout_timeout,
            last: None,
            greeting: None,
        };
        let greeting = session.driver.wait(Until::Greeting, None, &mut None).await;
        session.driver.timeout = options.timeout;
        match greeting? {
            Some(Event::Greeting(status)) => session.greeting = Some(status),
            _ => return Err(Error::Closed),
        }
        Ok(session)
    }
}
