//! [`Transport`]: the byte pipe a session runs over: plain TCP, TLS (implicit
//! or after STARTTLS) over TCP or a caller's stream, a subprocess, or any
//! caller-made `AsyncRead + AsyncWrite`.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::ServerName;
use rustls::{ClientConfig, ClientConnection};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::TcpStream;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use crate::io::{io_error, within};
use crate::process::Process;
use crate::{Error, TlsOptions};

/// Any `AsyncRead + AsyncWrite + Send + Unpin` value: a caller-made
/// transport (a `tokio::io::DuplexStream`, a Unix socket, a proxy tunnel).
pub trait AsyncReadWrite: AsyncRead + AsyncWrite + Send + Unpin {}
impl<T: AsyncRead + AsyncWrite + Send + Unpin> AsyncReadWrite for T {}

/// A stream TLS can run over: TCP, or a caller's stream.
enum Plain {
    Tcp(TcpStream),
    Custom(Box<dyn AsyncReadWrite>),
}

enum Kind {
    Plain { stream: Plain, encrypted: bool },
    Tls(Box<TlsStream<Plain>>),
    Process(Box<Process>),
    Closed,
}

/// The byte pipe under a session. Make one with [`Transport::tcp`],
/// [`Transport::tls`], [`Transport::command`] or [`Transport::stream`] and
/// hand it to [`crate::Session::open`]; the `Session::connect*`
/// constructors do both steps. [`crate::Session::socket`] gives it back
/// for inspection (peer address, negotiated TLS version, the child).
pub struct Transport {
    kind: Kind,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.kind {
            Kind::Plain {
                stream: Plain::Tcp(_),
                ..
            } => "tcp",
            Kind::Plain { .. } => "custom",
            Kind::Tls(_) => "tls",
            Kind::Process(_) => "process",
            Kind::Closed => "closed",
        };
        f.debug_struct("Transport").field("kind", &kind).finish()
    }
}

impl Transport {
    /// Plain TCP to `host:port` (imaplib `IMAP4`, port 143), trying each
    /// address the name resolves to, all within `connect_timeout`.
    pub async fn tcp(
        host: &str,
        port: u16,
        connect_timeout: Option<Duration>,
    ) -> Result<Self, Error> {
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let connect = async { TcpStream::connect((host, port)).await.map_err(io_error) };
        let stream = within(connect_timeout, connect).await?;
        let _ = stream.set_nodelay(true);
        Ok(Self::plain(Plain::Tcp(stream), false))
    }

    /// Implicit TLS to `host:port` (imaplib `IMAP4_SSL`, port 993). The
    /// handshake completes here (within `connect_timeout` as well), so a
    /// certificate the client does not trust fails with [`Error::Tls`]
    /// before any IMAP byte is read.
    pub async fn tls(
        host: &str,
        port: u16,
        options: &TlsOptions,
        connect_timeout: Option<Duration>,
    ) -> Result<Self, Error> {
        let config = options.build()?;
        let name = options.server_name_for(host)?;
        let mut transport = Self::tcp(host, port, connect_timeout).await?;
        within(connect_timeout, transport.start_tls(config, name)).await?;
        Ok(transport)
    }

    /// A subprocess (imaplib `IMAP4_stream`): `program` run with `args`,
    /// never through a shell; its stdin and stdout carry the protocol, its
    /// stderr is drained (the last few KiB are kept, see
    /// [`Transport::stderr_tail`]). [`Transport::shutdown`] closes its
    /// stdin and reaps it (killed after a second); dropped, it is killed
    /// and reaped by the runtime. A local pipe counts as secure:
    /// credentials may be sent over it. Call it inside a Tokio runtime.
    pub fn command<I, S>(program: impl AsRef<std::ffi::OsStr>, args: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let process = Process::spawn(program.as_ref(), args).map_err(Error::Io)?;
        Ok(Transport {
            kind: Kind::Process(Box::new(process)),
        })
    }

    /// Any caller-made `AsyncRead + AsyncWrite`, taken as unencrypted (so
    /// STARTTLS can run over it and plaintext LOGIN is refused until then).
    pub fn stream(stream: impl AsyncReadWrite + 'static) -> Self {
        Self::plain(Plain::Custom(Box::new(stream)), false)
    }

    /// Like [`Transport::stream`], for a stream the caller knows to be
    /// encrypted or local (a TLS stream of their own, a Unix socket).
    pub fn secure_stream(stream: impl AsyncReadWrite + 'static) -> Self {
        Self::plain(Plain::Custom(Box::new(stream)), true)
    }

    /// A transport that is closed already (a placeholder).
    pub(crate) fn closed() -> Self {
        Transport { kind: Kind::Closed }
    }

    fn plain(stream: Plain, encrypted: bool) -> Self {
        Transport {
            kind: Kind::Plain { stream, encrypted },
        }
    }

    /// True when the bytes are encrypted (TLS) or never leave the machine
    /// (a subprocess, a stream declared secure): what the core needs to
    /// know to allow a plaintext password.
    pub fn is_secure(&self) -> bool {
        match &self.kind {
            Kind::Plain { encrypted, .. } => *encrypted,
            Kind::Tls(_) | Kind::Process(_) => true,
            Kind::Closed => false,
        }
    }

    /// The TCP socket, for TCP and TLS-over-TCP transports.
    pub fn tcp_stream(&self) -> Option<&TcpStream> {
        match &self.kind {
            Kind::Plain {
                stream: Plain::Tcp(s),
                ..
            } => Some(s),
            Kind::Tls(tls) => match tls.get_ref().0 {
                Plain::Tcp(s) => Some(s),
                Plain::Custom(_) => None,
            },
            _ => None,
        }
    }

    /// The TLS connection (negotiated version, cipher suite, peer
    /// certificates), once TLS is up.
    pub fn tls_connection(&self) -> Option<&ClientConnection> {
        match &self.kind {
            Kind::Tls(tls) => Some(tls.get_ref().1),
            _ => None,
        }
    }

    /// The child process of a subprocess transport.
    pub fn child(&self) -> Option<&tokio::process::Child> {
        match &self.kind {
            Kind::Process(p) => Some(p.child()),
            _ => None,
        }
    }

    /// The last few KiB the child process wrote to its stderr.
    pub fn stderr_tail(&self) -> Option<Vec<u8>> {
        match &self.kind {
            Kind::Process(p) => Some(p.stderr_tail()),
            _ => None,
        }
    }

    /// True after [`Transport::shutdown`] (or a failure).
    pub fn is_closed(&self) -> bool {
        matches!(self.kind, Kind::Closed)
    }

    /// Runs the TLS handshake over the current plain stream, to completion.
    /// Over anything else it fails and leaves the transport as it was.
    pub(crate) async fn start_tls(
        &mut self,
        config: Arc<ClientConfig>,
        name: ServerName<'static>,
    ) -> Result<(), Error> {
        let stream = match std::mem::replace(&mut self.kind, Kind::Closed) {
            Kind::Plain { stream, .. } => stream,
            other => {
                self.kind = other;
                return Err(Error::Unsupported("TLS over this transport"));
            }
        };
        let tls = TlsConnector::from(config)
            .connect(name, stream)
            .await
            .map_err(io_error)?;
        self.kind = Kind::Tls(Box::new(tls));
        Ok(())
    }

    /// Closes the transport gracefully: TLS close_notify and TCP shutdown,
    /// or the child's stdin closed and the child reaped (killed if it does
    /// not exit within a second). Errors are ignored: the peer may be gone.
    pub async fn shutdown(&mut self) {
        match std::mem::replace(&mut self.kind, Kind::Closed) {
            Kind::Process(mut p) => p.close().await,
            Kind::Plain { mut stream, .. } => {
                let _ = stream.shutdown().await;
            }
            Kind::Tls(mut tls) => {
                let _ = tls.shutdown().await;
            }
            Kind::Closed => {}
        }
    }

    /// Closes the transport at once, sending nothing (after a failure).
    pub(crate) fn close(&mut self) {
        self.kind = Kind::Closed;
    }
}

/// Forwards a poll call to whichever stream `$kind` holds.
macro_rules! forward {
    ($kind:expr, $s:ident => $call:expr, closed => $closed:expr) => {
        match $kind {
            Kind::Plain { stream, .. } => {
                let $s = Pin::new(stream);
                $call
            }
            Kind::Tls(tls) => {
                let $s = Pin::new(&mut **tls);
                $call
            }
            Kind::Process(p) => {
                let $s = Pin::new(&mut **p);
                $call
            }
            Kind::Closed => $closed,
        }
    };
    ($plain:expr, $s:ident => $call:expr) => {
        match $plain {
            Plain::Tcp(tcp) => {
                let $s = Pin::new(tcp);
                $call
            }
            Plain::Custom(custom) => {
                let $s = Pin::new(&mut **custom);
                $call
            }
        }
    };
}

impl AsyncRead for Plain {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        forward!(self.get_mut(), s => s.poll_read(cx, buf))
    }
}

impl AsyncWrite for Plain {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        forward!(self.get_mut(), s => s.poll_write(cx, buf))
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self.get_mut(), s => s.poll_flush(cx))
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self.get_mut(), s => s.poll_shutdown(cx))
    }
}

impl AsyncRead for Transport {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        forward!(&mut self.get_mut().kind, s => s.poll_read(cx, buf), closed => Poll::Ready(Ok(())))
    }
}

impl AsyncWrite for Transport {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let closed = Poll::Ready(Err(io::ErrorKind::NotConnected.into()));
        forward!(&mut self.get_mut().kind, s => s.poll_write(cx, buf), closed => closed)
    }
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(&mut self.get_mut().kind, s => s.poll_flush(cx), closed => Poll::Ready(Ok(())))
    }
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(&mut self.get_mut().kind, s => s.poll_shutdown(cx), closed => Poll::Ready(Ok(())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;
    use tokio::net::TcpListener;

    #[tokio::test]
    async fn tcp_connects_and_moves_bytes() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            s.write_all(b"* OK hi\r\n").await.unwrap();
            let mut buf = [0u8; 4];
            s.read_exact(&mut buf).await.unwrap();
            buf
        });
        let mut t = Transport::tcp("127.0.0.1", port, Some(Duration::from_secs(5)))
            .await
            .unwrap();
        assert!(!t.is_secure());
        assert!(t.tcp_stream().is_some());
        let mut buf = [0u8; 9];
        t.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"* OK hi\r\n");
        t.write_all(b"ping").await.unwrap();
        assert_eq!(&server.await.unwrap(), b"ping");
        t.shutdown().await;
        assert!(t.is_closed());
        assert!(t.write(b"x").await.is_err());
        assert_eq!(t.read(&mut buf).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn refused_connection_is_io_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let err = Transport::tcp("127.0.0.1", port, Some(Duration::from_secs(2)))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Io(_)), "{err:?}");
    }

    fn trusting_nobody() -> TlsOptions {
        TlsOptions::new().config(Arc::new(
            ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
        ))
    }

    #[tokio::test]
    async fn handshake_with_a_plaintext_server_fails() {
        // The server greets in plain text: the handshake fails, before any
        // session exists.
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        tokio::spawn(async move {
            let (mut s, _) = listener.accept().await.unwrap();
            let _ = s.write_all(b"* OK plain text, not TLS\r\n").await;
        });
        let options = trusting_nobody();
        let err = Transport::tls("127.0.0.1", port, &options, Some(Duration::from_secs(5)))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Tls(_) | Error::Io(_)), "{err:?}");
    }

    #[tokio::test]
    async fn custom_streams_declare_security() {
        let (a, _b) = tokio::io::duplex(64);
        assert!(!Transport::stream(a).is_secure());
        let (a, _b) = tokio::io::duplex(64);
        let t = Transport::secure_stream(a);
        assert!(t.is_secure());
        assert!(t.tcp_stream().is_none());
        assert_eq!(format!("{t:?}"), "Transport { kind: \"custom\" }");
    }

    #[tokio::test]
    async fn tls_over_a_subprocess_is_refused() {
        let mut t = Transport::command("cat", ["-u"]).unwrap();
        let config = trusting_nobody().build().unwrap();
        let name = ServerName::try_from("localhost").unwrap();
        let err = t.start_tls(config, name).await.unwrap_err();
        assert!(matches!(err, Error::Unsupported(_)), "{err:?}");
        assert!(t.child().is_some(), "the transport is kept");
        t.shutdown().await;
        assert!(t.child().is_none());
    }
}
