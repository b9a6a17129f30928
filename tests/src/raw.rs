//! A minimal IMAP line client, independent of the library under test, so the
//! harness can check a server (and a scripted server can be checked) on its
//! own: write a command, read whole responses (lines with their literals)
//! until the tagged one.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;

/// How long a raw read may block before the test is failed.
const READ_TIMEOUT: Duration = Duration::from_secs(20);

enum Transport {
    Tcp(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
    Child(ChildIo),
}

/// A child's pipes; the child is killed and reaped when this is dropped.
struct ChildIo {
    child: Child,
    stdin: ChildStdin,
    stdout: ChildStdout,
}

impl Drop for ChildIo {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Read for Transport {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match self {
            Transport::Tcp(s) => s.read(buf),
            Transport::Tls(s) => s.read(buf),
            Transport::Child(c) => c.stdout.read(buf),
        }
    }
}

impl Write for Transport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Transport::Tcp(s) => s.write(buf),
            Transport::Tls(s) => s.write(buf),
            Transport::Child(c) => c.stdin.write(buf),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match self {
            Transport::Tcp(s) => s.flush(),
            Transport::Tls(s) => s.flush(),
            Transport::Child(c) => c.stdin.flush(),
        }
    }
}

/// A raw IMAP connection for harness self-tests.
pub struct RawImap {
    transport: Transport,
    buf: Vec<u8>,
    next_tag: u32,
    /// The greeting, as received.
    pub greeting: String,
}

impl std::fmt::Debug for RawImap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RawImap")
            .field("greeting", &self.greeting)
            .finish_non_exhaustive()
    }
}

impl RawImap {
    fn new(transport: Transport) -> io::Result<RawImap> {
        let mut raw = RawImap {
            transport,
            buf: Vec::new(),
            next_tag: 1,
            greeting: String::new(),
        };
        let greeting = raw.read_response()?;
        raw.greeting = String::from_utf8_lossy(&greeting).into_owned();
        Ok(raw)
    }

    /// Connects without TLS and reads the greeting.
    pub fn connect_plain(addr: SocketAddr) -> io::Result<RawImap> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(READ_TIMEOUT))?;
        RawImap::new(Transport::Tcp(stream))
    }

    /// Connects with implicit TLS, verifying the server as `server_name`.
    pub fn connect_tls(
        addr: SocketAddr,
        config: Arc<rustls::ClientConfig>,
        server_name: &str,
    ) -> io::Result<RawImap> {
        let stream = TcpStream::connect(addr)?;
        stream.set_read_timeout(Some(READ_TIMEOUT))?;
        RawImap::new(Transport::Tls(Box::new(tls(stream, config, server_name)?)))
    }

    /// Starts `command` with piped stdin/stdout (stderr discarded) and reads
    /// the greeting from it.
    pub fn spawn(mut command: Command) -> io::Result<RawImap> {
        let mut child = command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            return Err(io::Error::other("child without pipes"));
        };
        RawImap::new(Transport::Child(ChildIo {
            child,
            stdin,
            stdout,
        }))
    }

    /// Sends `STARTTLS`; on OK does the TLS handshake over the same socket.
    pub fn starttls(
        self,
        config: Arc<rustls::ClientConfig>,
        server_name: &str,
    ) -> io::Result<RawImap> {
        let mut this = self;
        let lines = this.command("STARTTLS")?;
        if !this.last_ok(&lines) {
            return Err(io::Error::other(format!("STARTTLS refused: {lines:?}")));
        }
        if !this.buf.is_empty() {
            return Err(io::Error::other(
                "bytes after STARTTLS OK before the handshake",
            ));
        }
        let Transport::Tcp(stream) = this.transport else {
            return Err(io::Error::other("STARTTLS over a non-TCP transport"));
        };
        let tls = tls(stream, config, server_name)?;
        Ok(RawImap {
            transport: Transport::Tls(Box::new(tls)),
            buf: Vec::new(),
            next_tag: this.next_tag,
            greeting: this.greeting,
        })
    }

    /// Sends `TAG text\r\n` and returns every response up to and including
    /// the tagged one, each with its literals inline.
    pub fn command(&mut self, text: &str) -> io::Result<Vec<Vec<u8>>> {
        let tag = format!("r{}", self.next_tag);
        self.next_tag += 1;
        self.transport
            .write_all(format!("{tag} {text}\r\n").as_bytes())?;
        self.transport.flush()?;
        self.read_until_tagged(&tag)
    }

    /// Like [`RawImap::command`], for a command whose last argument is a
    /// synchronizing literal `data` (waits for the `+` continuation).
    pub fn command_with_literal(&mut self, text: &str, data: &[u8]) -> io::Result<Vec<Vec<u8>>> {
        let tag = format!("r{}", self.next_tag);
        self.next_tag += 1;
        let head = format!("{tag} {text} {{{}}}\r\n", data.len());
        self.transport.write_all(head.as_bytes())?;
        self.transport.flush()?;
        let cont = self.read_response()?;
        if !cont.starts_with(b"+") {
            return Ok(vec![cont]);
        }
        self.transport.write_all(data)?;
        self.transport.write_all(b"\r\n")?;
        self.transport.flush()?;
        self.read_until_tagged(&tag)
    }

    /// Writes raw bytes (e.g. `DONE\r\n`).
    pub fn send_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.transport.write_all(bytes)?;
        self.transport.flush()
    }

    /// Whether the last response is a tagged OK.
    pub fn last_ok(&self, lines: &[Vec<u8>]) -> bool {
        lines.last().is_some_and(|l| {
            let text = String::from_utf8_lossy(l);
            text.split(' ').nth(1) == Some("OK")
        })
    }

    fn read_until_tagged(&mut self, tag: &str) -> io::Result<Vec<Vec<u8>>> {
        let prefix = format!("{tag} ");
        let mut lines = Vec::new();
        loop {
            let response = self.read_response()?;
            let done = response.starts_with(prefix.as_bytes());
            lines.push(response);
            if done {
                return Ok(lines);
            }
        }
    }

    /// Reads one response: a line, and for each literal `{n}` at its end the
    /// `n` bytes and the rest of the line after them.
    pub fn read_response(&mut self) -> io::Result<Vec<u8>> {
        let mut response = Vec::new();
        loop {
            let line = self.read_line()?;
            let literal = literal_len(&line);
            response.extend_from_slice(&line);
            let Some(n) = literal else {
                return Ok(response);
            };
            self.fill_to(n)?;
            response.extend(self.buf.drain(..n));
        }
    }

    fn read_line(&mut self) -> io::Result<Vec<u8>> {
        let mut scanned = 0;
        loop {
            if let Some(pos) = self.buf[scanned..].windows(2).position(|w| w == b"\r\n") {
                return Ok(self.buf.drain(..scanned + pos + 2).collect());
            }
            scanned = self.buf.len().saturating_sub(1);
            self.read_more()?;
        }
    }

    fn fill_to(&mut self, n: usize) -> io::Result<()> {
        while self.buf.len() < n {
            self.read_more()?;
        }
        Ok(())
    }

    fn read_more(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 65536];
        let n = self.transport.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "server closed",
            ));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

/// The `n` of a line ending in `{n}\r\n` or `{n+}\r\n`.
fn literal_len(line: &[u8]) -> Option<usize> {
    let body = line.strip_suffix(b"}\r\n")?;
    let open = body.iter().rposition(|&b| b == b'{')?;
    let digits = &body[open + 1..];
    let digits = digits.strip_suffix(b"+").unwrap_or(digits);
    std::str::from_utf8(digits).ok()?.parse().ok()
}

fn tls(
    stream: TcpStream,
    config: Arc<rustls::ClientConfig>,
    server_name: &str,
) -> io::Result<rustls::StreamOwned<rustls::ClientConnection, TcpStream>> {
    let name = ServerName::try_from(server_name.to_string())
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidInput, e))?;
    let conn = rustls::ClientConnection::new(config, name).map_err(io::Error::other)?;
    let mut tls = rustls::StreamOwned::new(conn, stream);
    // Drive the handshake now so certificate errors surface here.
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock)?;
    }
    Ok(tls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_len_reads_sync_and_nonsync() {
        assert_eq!(literal_len(b"* 1 FETCH (BODY[] {12}\r\n"), Some(12));
        assert_eq!(literal_len(b"a APPEND x {3+}\r\n"), Some(3));
        assert_eq!(literal_len(b"* OK done\r\n"), None);
        assert_eq!(literal_len(b"* OK {x}\r\n"), None);
    }
}
