//! [`Transport`]: the byte pipe a session runs over: plain TCP, TLS (implicit
//! or after STARTTLS) over TCP or a caller's stream, a subprocess, or any
//! caller-made `Read + Write`.

use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::process::Child;
use std::sync::Arc;
use std::time::Duration;

use rustls::{ClientConfig, ClientConnection, StreamOwned};
use rustls_pki_types::ServerName;

use crate::process::Process;
use crate::tls::io_to_error;
use crate::{Error, TlsOptions};

/// Any `Read + Write + Send` value: a caller-made transport.
pub trait ReadWrite: Read + Write + Send {}
impl<T: Read + Write + Send> ReadWrite for T {}

/// A stream TLS can run over: TCP, or a caller's stream.
enum Plain {
    Tcp(TcpStream),
    Custom(Box<dyn ReadWrite>),
}

impl Read for Plain {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Plain::Tcp(s) => s.read(buf),
            Plain::Custom(s) => s.read(buf),
        }
    }
}

impl Write for Plain {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Plain::Tcp(s) => s.write(buf),
            Plain::Custom(s) => s.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Plain::Tcp(s) => s.flush(),
            Plain::Custom(s) => s.flush(),
        }
    }
}

impl Plain {
    fn tcp(&self) -> Option<&TcpStream> {
        match self {
            Plain::Tcp(s) => Some(s),
            Plain::Custom(_) => None,
        }
    }
}

enum Kind {
    Plain { stream: Plain, encrypted: bool },
    Tls(Box<StreamOwned<ClientConnection, Plain>>),
    Process(Process),
    Closed,
}

/// The byte pipe under a session. Make one with [`Transport::tcp`],
/// [`Transport::tls`], [`Transport::command`] or [`Transport::stream`] and
/// hand it to [`crate::Session::open`]; the `Session::connect*`
/// constructors do both steps. [`crate::Session::socket`] gives it back
/// for inspection (peer address, negotiated TLS version, the child
/// process).
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
            Kind::Plain {
                stream: Plain::Custom(_),
                ..
            } => "custom",
            Kind::Tls(_) => "tls",
            Kind::Process(_) => "process",
            Kind::Closed => "closed",
        };
        f.debug_struct("Transport").field("kind", &kind).finish()
    }
}

impl Transport {
    /// Plain TCP to `host:port` (imaplib `IMAP4`, port 143), trying each
    /// address the name resolves to, each within `connect_timeout`.
    pub fn tcp(host: &str, port: u16, connect_timeout: Option<Duration>) -> Result<Self, Error> {
        let stream = connect_tcp(host, port, connect_timeout)?;
        Ok(Transport {
            kind: Kind::Plain {
                stream: Plain::Tcp(stream),
                encrypted: false,
            },
        })
    }

    /// Implicit TLS to `host:port` (imaplib `IMAP4_SSL`, port 993). The
    /// handshake completes here, so a certificate the client does not
    /// trust fails with [`Error::Tls`] before any IMAP byte is read.
    pub fn tls(
        host: &str,
        port: u16,
        options: &TlsOptions,
        connect_timeout: Option<Duration>,
    ) -> Result<Self, Error> {
        let config = options.build()?;
        let name = options.server_name_for(host)?;
        let mut transport = Self::tcp(host, port, connect_timeout)?;
        transport
            .set_read_timeout(connect_timeout)
            .map_err(Error::from_io)?;
        transport.start_tls(config, name)?;
        Ok(transport)
    }

    /// A subprocess (imaplib `IMAP4_stream`): `program` run with `args`,
    /// never through a shell; its stdin and stdout carry the protocol, its
    /// stderr is drained (the last few KiB are kept, see
    /// [`Transport::stderr_tail`]); the child is killed and reaped on close.
    /// A local pipe counts as secure: credentials may be sent over it.
    pub fn command<I, S>(program: impl AsRef<std::ffi::OsStr>, args: I) -> Result<Self, Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let process = Process::spawn(program.as_ref(), args).map_err(Error::Io)?;
        Ok(Transport {
            kind: Kind::Process(process),
        })
    }

    /// Any caller-made `Read + Write`, taken as unencrypted (so STARTTLS can
    /// run over it and plaintext LOGIN is refused until then). Read
    /// timeouts are the stream's own business: an `io::ErrorKind::TimedOut`
    /// or `WouldBlock` from it becomes [`Error::Timeout`].
    pub fn stream(stream: impl ReadWrite + 'static) -> Self {
        Transport {
            kind: Kind::Plain {
                stream: Plain::Custom(Box::new(stream)),
                encrypted: false,
            },
        }
    }

    /// Like [`Transport::stream`], for a stream the caller knows to be
    /// encrypted or local (a TLS stream of their own, a Unix socket).
    pub fn secure_stream(stream: impl ReadWrite + 'static) -> Self {
        Transport {
            kind: Kind::Plain {
                stream: Plain::Custom(Box::new(stream)),
                encrypted: true,
            },
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
            Kind::Plain { stream, .. } => stream.tcp(),
            Kind::Tls(tls) => tls.sock.tcp(),
            _ => None,
        }
    }

    /// The TLS connection (negotiated version, cipher suite, peer
    /// certificates), once TLS is up.
    pub fn tls_connection(&self) -> Option<&ClientConnection> {
        match &self.kind {
            Kind::Tls(tls) => Some(&tls.conn),
            _ => None,
        }
    }

    /// The child process of a subprocess transport.
    pub fn child(&self) -> Option<&Child> {
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

    /// True after [`Transport::shutdown`] (or a failed TLS upgrade).
    pub fn is_closed(&self) -> bool {
        matches!(self.kind, Kind::Closed)
    }

    /// Runs the TLS handshake over the current plain stream, to completion.
    pub(crate) fn start_tls(
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
        let conn = ClientConnection::new(config, name).map_err(Error::Tls)?;
        let mut tls = StreamOwned::new(conn, stream);
        while tls.conn.is_handshaking() {
            tls.conn.complete_io(&mut tls.sock).map_err(io_to_error)?;
        }
        self.kind = Kind::Tls(Box::new(tls));
        Ok(())
    }

    /// Bounds every following read; `None` waits for ever.
    pub(crate) fn set_read_timeout(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        let timeout = timeout.map(|t| t.max(Duration::from_millis(1)));
        match &mut self.kind {
            Kind::Plain {
                stream: Plain::Tcp(s),
                ..
            } => s.set_read_timeout(timeout),
            Kind::Tls(tls) => match &tls.sock {
                Plain::Tcp(s) => s.set_read_timeout(timeout),
                Plain::Custom(_) => Ok(()),
            },
            Kind::Process(p) => {
                p.set_read_timeout(timeout);
                Ok(())
            }
            Kind::Plain {
                stream: Plain::Custom(_),
                ..
            }
            | Kind::Closed => Ok(()),
        }
    }

    /// Bounds every following write; `None` waits for ever.
    pub(crate) fn set_write_timeout(&mut self, timeout: Option<Duration>) -> io::Result<()> {
        if let Some(s) = self.tcp_stream() {
            s.set_write_timeout(timeout.map(|t| t.max(Duration::from_millis(1))))?;
        }
        Ok(())
    }

    /// Closes the transport: TLS close_notify, TCP shutdown, or the
    /// child's stdin closed and the child reaped (killed if it does not
    /// exit within a second). Errors are ignored: the peer may be gone.
    pub fn shutdown(&mut self) {
        match std::mem::replace(&mut self.kind, Kind::Closed) {
            Kind::Plain {
                stream: Plain::Tcp(s),
                ..
            } => {
                let _ = s.shutdown(Shutdown::Both);
            }
            Kind::Tls(mut tls) => {
                tls.conn.send_close_notify();
                let _ = tls.conn.complete_io(&mut tls.sock);
                if let Plain::Tcp(s) = &tls.sock {
                    let _ = s.shutdown(Shutdown::Both);
                }
            }
            Kind::Process(mut p) => p.close(),
            Kind::Plain {
                stream: Plain::Custom(_),
                ..
            }
            | Kind::Closed => {}
        }
    }
}

impl Read for Transport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.kind {
            Kind::Plain { stream, .. } => stream.read(buf),
            Kind::Tls(tls) => tls.read(buf),
            Kind::Process(p) => p.read(buf),
            Kind::Closed => Ok(0),
        }
    }
}

impl Write for Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.kind {
            Kind::Plain { stream, .. } => stream.write(buf),
            Kind::Tls(tls) => tls.write(buf),
            Kind::Process(p) => p.write(buf),
            Kind::Closed => Err(io::ErrorKind::NotConnected.into()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Plain { stream, .. } => stream.flush(),
            Kind::Tls(tls) => tls.flush(),
            Kind::Process(p) => p.flush(),
            Kind::Closed => Ok(()),
        }
    }
}

impl Drop for Transport {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn connect_tcp(host: &str, port: u16, timeout: Option<Duration>) -> Result<TcpStream, Error> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    let mut last = None;
    for addr in (host, port).to_socket_addrs().map_err(Error::Io)? {
        let attempt = match timeout {
            Some(t) => TcpStream::connect_timeout(&addr, t.max(Duration::from_millis(1))),
            None => TcpStream::connect(addr),
        };
        match attempt {
            Ok(stream) => {
                let _ = stream.set_nodelay(true);
                return Ok(stream);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(Error::from_io(last.unwrap_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("{host} resolves to no address"),
        )
    })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::net::TcpListener;

    #[test]
    fn tcp_connects_and_moves_bytes() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().unwrap();
            s.write_all(b"* OK hi\r\n").unwrap();
            let mut buf = [0u8; 4];
            s.read_exact(&mut buf).unwrap();
            buf
        });
        let mut t = Transport::tcp("127.0.0.1", port, Some(Duration::from_secs(5))).unwrap();
        assert!(!t.is_secure());
        assert!(t.tcp_stream().is_some());
        let mut buf = [0u8; 9];
        t.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"* OK hi\r\n");
        t.write_all(b"ping").unwrap();
        assert_eq!(&server.join().unwrap(), b"ping");
        t.shutdown();
        assert!(t.is_closed());
        assert!(t.write(b"x").is_err());
    }

    #[test]
    fn refused_connection_is_io_error() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        drop(listener);
        let err = Transport::tcp("127.0.0.1", port, Some(Duration::from_secs(2))).unwrap_err();
        assert!(matches!(err, Error::Io(_)), "{err:?}");
    }

    #[test]
    fn read_timeout_on_tcp() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let mut t = Transport::tcp("127.0.0.1", port, None).unwrap();
        let _held = listener.accept().unwrap();
        t.set_read_timeout(Some(Duration::from_millis(20))).unwrap();
        let err = t.read(&mut [0u8; 8]).unwrap_err();
        assert!(matches!(
            err.kind(),
            io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
        ));
    }

    #[test]
    fn custom_streams_declare_security() {
        let t = Transport::stream(io::Cursor::new(Vec::new()));
        assert!(!t.is_secure());
        let t = Transport::secure_stream(io::Cursor::new(Vec::new()));
        assert!(t.is_secure());
        assert!(t.tcp_stream().is_none());
    }

    #[test]
    fn tls_over_a_subprocess_is_refused() {
        let mut t = Transport::command("cat", ["-u"]).unwrap();
        let config = TlsOptions::new()
            .config(Arc::new(
                ClientConfig::builder_with_provider(Arc::new(
                    rustls::crypto::ring::default_provider(),
                ))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(rustls::RootCertStore::empty())
                .with_no_client_auth(),
            ))
            .build()
            .unwrap();
        let name = ServerName::try_from("localhost").unwrap();
        assert!(matches!(
            t.start_tls(config, name),
            Err(Error::Unsupported(_))
        ));
        assert!(t.child().is_some(), "the transport is kept");
    }
}
