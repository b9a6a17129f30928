//! A scripted fake IMAP server for what real servers will not do: hostile
//! input (huge literal sizes, deep nesting, garbage after STARTTLS OK, BYE
//! mid-command, EOF mid-literal) and the quirks of other servers.
//!
//! It listens on 127.0.0.1 (free port), accepts one connection and plays its
//! [`Step`]s in a thread; [`ScriptedServer::finish`] returns every byte the
//! client sent, or the first step that did not match.
//!
//! ```
//! use imap_tests::{ScriptedServer, Step};
//! let server = ScriptedServer::start(vec![
//!     Step::send("* OK [CAPABILITY IMAP4rev1] ready\r\n"),
//!     Step::expect("NOOP"),
//!     Step::send("$TAG OK done\r\n"),
//! ])?;
//! let mut client = imap_tests::RawImap::connect_plain(server.addr())?;
//! client.command("NOOP")?;
//! drop(client);
//! let received = server.finish()?;
//! assert!(received.ends_with(b"NOOP\r\n"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::HarnessError;

/// How long the server waits for a connection or for client bytes.
const WAIT: Duration = Duration::from_secs(20);

/// One step of a script.
#[derive(Debug, Clone)]
pub enum Step {
    /// Write these bytes; every `$TAG` is replaced by the tag of the last
    /// command matched by [`Step::Expect`].
    Send(Vec<u8>),
    /// Read one client command (a line; for each synchronizing literal
    /// `{n}` at a line end send `+ go ahead` and read the literal and the
    /// rest) and check that the text after the tag starts with this
    /// (ASCII case-insensitive).
    Expect(String),
    /// Read one line without literal handling and check as [`Step::Expect`].
    ExpectLine(String),
    /// Wait.
    Sleep(Duration),
    /// Close the connection now (the client sees EOF).
    Close,
}

impl Step {
    /// [`Step::Send`] of a string or bytes.
    pub fn send(bytes: impl AsRef<[u8]>) -> Step {
        Step::Send(bytes.as_ref().to_vec())
    }

    /// [`Step::Expect`].
    pub fn expect(prefix: &str) -> Step {
        Step::Expect(prefix.to_string())
    }

    /// [`Step::ExpectLine`].
    pub fn expect_line(prefix: &str) -> Step {
        Step::ExpectLine(prefix.to_string())
    }
}

/// The running fake server.
#[derive(Debug)]
pub struct ScriptedServer {
    addr: SocketAddr,
    thread: JoinHandle<Result<Vec<u8>, String>>,
}

impl ScriptedServer {
    /// Binds a free port on 127.0.0.1 and starts playing `steps` for the
    /// first connection. After the last step the server answers `LOGOUT`
    /// (`* BYE` and a tagged OK), any other line with a tagged `BAD`, and
    /// reads until the client closes (or
    /// 20 seconds pass), unless the script closed first.
    pub fn start(steps: Vec<Step>) -> Result<ScriptedServer, HarnessError> {
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| HarnessError::Io {
                context: "bind scripted server".into(),
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| HarnessError::Io {
            context: "scripted server address".into(),
            source,
        })?;
        let thread = std::thread::spawn(move || play(listener, steps));
        Ok(ScriptedServer { addr, thread })
    }

    /// A server that sends `bytes` as soon as the client connects, then
    /// closes.
    pub fn hostile(bytes: impl AsRef<[u8]>) -> Result<ScriptedServer, HarnessError> {
        ScriptedServer::start(vec![Step::send(bytes), Step::Close])
    }

    /// The address to connect to.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The port to connect to (host 127.0.0.1).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Waits for the script to end; returns every byte the client sent, or
    /// a description of the step that failed.
    pub fn finish(self) -> Result<Vec<u8>, HarnessError> {
        match self.thread.join() {
            Ok(Ok(received)) => Ok(received),
            Ok(Err(message)) => Err(HarnessError::Usage(format!("script failed: {message}"))),
            Err(_) => Err(HarnessError::Usage("script thread panicked".into())),
        }
    }
}

struct Conn {
    stream: TcpStream,
    buf: Vec<u8>,
    received: Vec<u8>,
}

fn play(listener: TcpListener, steps: Vec<Step>) -> Result<Vec<u8>, String> {
    let stream = accept(&listener).map_err(|e| format!("accept: {e}"))?;
    stream
        .set_read_timeout(Some(WAIT))
        .map_err(|e| e.to_string())?;
    let mut conn = Conn {
        stream,
        buf: Vec::new(),
        received: Vec::new(),
    };
    let mut tag = String::from("*");
    for (index, step) in steps.into_iter().enumerate() {
        let fail = |what: String| format!("step {index} ({step:?}): {what}");
        match &step {
            Step::Send(bytes) => {
                let bytes = substitute_tag(bytes, &tag);
                // A client that already hung up is part of some scripts.
                if conn.stream.write_all(&bytes).is_err() {
                    return Ok(conn.received);
                }
            }
            Step::Expect(prefix) | Step::ExpectLine(prefix) => {
                let literals = matches!(step, Step::Expect(_));
                let command = conn
                    .read_command(literals)
                    .map_err(|e| fail(e.to_string()))?;
                let text = String::from_utf8_lossy(&command);
                let (got_tag, rest) = text.split_once(' ').unwrap_or((&text, ""));
                if !rest
                    .to_ascii_uppercase()
                    .starts_with(&prefix.to_ascii_uppercase())
                {
                    return Err(fail(format!("client sent {text:?}")));
                }
                tag = got_tag.to_string();
            }
            Step::Sleep(d) => std::thread::sleep(*d),
            Step::Close => {
                let _ = conn.stream.shutdown(Shutdown::Both);
                return Ok(conn.received);
            }
        }
    }
    // After the script: answer LOGOUT like a server would, anything else
    // with BAD, and record it all.
    while let Ok(line) = conn.read_line() {
        let text = String::from_utf8_lossy(&line).into_owned();
        let (tag, rest) = text.split_once(' ').unwrap_or(("*", ""));
        if rest.eq_ignore_ascii_case("LOGOUT\r\n") {
            let reply = format!("* BYE logging out\r\n{tag} OK LOGOUT completed\r\n");
            let _ = conn.stream.write_all(reply.as_bytes());
            let _ = conn.stream.shutdown(Shutdown::Write);
        } else {
            let reply = format!("{tag} BAD not in the script\r\n");
            let _ = conn.stream.write_all(reply.as_bytes());
        }
    }
    Ok(conn.received)
}

fn accept(listener: &TcpListener) -> io::Result<TcpStream> {
    listener.set_nonblocking(true)?;
    let deadline = Instant::now() + WAIT;
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                stream.set_nonblocking(false)?;
                return Ok(stream);
            }
            Err(e) if e.kind() == io::ErrorKind::WouldBlock && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

impl Conn {
    fn read_command(&mut self, literals: bool) -> io::Result<Vec<u8>> {
        let mut command = Vec::new();
        loop {
            let line = self.read_line()?;
            command.extend_from_slice(&line);
            let Some((n, sync)) = literal_at_end(&line).filter(|_| literals) else {
                return Ok(command);
            };
            if sync {
                self.stream.write_all(b"+ go ahead\r\n")?;
            }
            while self.buf.len() < n {
                self.read_more()?;
            }
            command.extend(self.buf.drain(..n));
        }
    }

    fn read_line(&mut self) -> io::Result<Vec<u8>> {
        loop {
            if let Some(pos) = self.buf.windows(2).position(|w| w == b"\r\n") {
                return Ok(self.buf.drain(..pos + 2).collect());
            }
            self.read_more()?;
        }
    }

    fn read_more(&mut self) -> io::Result<()> {
        let mut chunk = [0u8; 65536];
        let n = self.stream.read(&mut chunk)?;
        if n == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "client closed",
            ));
        }
        self.buf.extend_from_slice(&chunk[..n]);
        self.received.extend_from_slice(&chunk[..n]);
        Ok(())
    }
}

/// `(n, synchronizing)` for a line ending in `{n}\r\n` / `{n+}\r\n`.
fn literal_at_end(line: &[u8]) -> Option<(usize, bool)> {
    let body = line.strip_suffix(b"}\r\n")?;
    let open = body.iter().rposition(|&b| b == b'{')?;
    let digits = &body[open + 1..];
    let (digits, sync) = match digits.strip_suffix(b"+") {
        Some(d) => (d, false),
        None => (digits, true),
    };
    Some((std::str::from_utf8(digits).ok()?.parse().ok()?, sync))
}

fn substitute_tag(bytes: &[u8], tag: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while let Some(pos) = rest.windows(4).position(|w| w == b"$TAG") {
        out.extend_from_slice(&rest[..pos]);
        out.extend_from_slice(tag.as_bytes());
        rest = &rest[pos + 4..];
    }
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RawImap;

    #[test]
    fn substitutes_every_tag() {
        assert_eq!(substitute_tag(b"$TAG OK $TAG", "a1"), b"a1 OK a1");
        assert_eq!(substitute_tag(b"* OK", "a1"), b"* OK");
    }

    #[test]
    fn literal_at_end_tells_sync_from_nonsync() {
        assert_eq!(literal_at_end(b"a LOGIN {5}\r\n"), Some((5, true)));
        assert_eq!(literal_at_end(b"a LOGIN {5+}\r\n"), Some((5, false)));
        assert_eq!(literal_at_end(b"a NOOP\r\n"), None);
    }

    #[test]
    fn plays_a_script_with_literals_and_reports_what_was_received() {
        let server = ScriptedServer::start(vec![
            Step::send("* OK ready\r\n"),
            Step::expect("APPEND INBOX"),
            Step::send("$TAG OK [APPENDUID 1 1] done\r\n"),
        ])
        .unwrap();
        let mut client = RawImap::connect_plain(server.addr()).unwrap();
        assert_eq!(client.greeting, "* OK ready\r\n");
        let lines = client
            .command_with_literal("APPEND INBOX", b"hello")
            .unwrap();
        assert_eq!(lines, vec![b"r1 OK [APPENDUID 1 1] done\r\n".to_vec()]);
        drop(client);
        let received = server.finish().unwrap();
        assert_eq!(received, b"r1 APPEND INBOX {5}\r\nhello\r\n");
    }

    #[test]
    fn a_mismatch_is_reported_with_what_the_client_sent() {
        let server =
            ScriptedServer::start(vec![Step::send("* OK\r\n"), Step::expect("LOGOUT")]).unwrap();
        let mut client = RawImap::connect_plain(server.addr()).unwrap();
        client.send_raw(b"x1 NOOP\r\n").unwrap();
        let err = server.finish().unwrap_err().to_string();
        assert!(err.contains("x1 NOOP"), "{err}");
    }
}
