//! The subprocess transport (imaplib `IMAP4_stream`): a child whose stdin
//! and stdout carry the protocol.
//!
//! A thread reads stdout into a small bounded channel, so reads can time
//! out (pipes have no read timeout); another drains stderr into a bounded
//! tail so the child never blocks on a full pipe.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io::{self, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Chunks in flight between the stdout thread and the session: with 64 KiB
/// chunks, at most 512 KiB are buffered ahead of the session.
const CHANNEL_DEPTH: usize = 8;
const CHUNK: usize = 64 * 1024;
/// How much of stderr is kept.
const STDERR_TAIL: usize = 8 * 1024;
/// How long a closing child may take to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(1);

pub(crate) struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: Receiver<io::Result<Vec<u8>>>,
    pending: Vec<u8>,
    pos: usize,
    eof: bool,
    read_timeout: Option<Duration>,
    stderr: Arc<Mutex<VecDeque<u8>>>,
    closed: bool,
}

impl Drop for Process {
    fn drop(&mut self) {
        self.close();
    }
}

impl Process {
    pub(crate) fn spawn<I, S>(program: &OsStr, args: I) -> io::Result<Self>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut child = Command::new(program)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdin = child.stdin.take();
        let mut stdout = child
            .stdout
            .take()
            .ok_or_else(|| io::Error::other("no stdout"))?;
        let mut stderr = child
            .stderr
            .take()
            .ok_or_else(|| io::Error::other("no stderr"))?;

        let (tx, rx) = mpsc::sync_channel(CHANNEL_DEPTH);
        std::thread::Builder::new()
            .name("imap-stdout".into())
            .spawn(move || loop {
                let mut buf = vec![0u8; CHUNK];
                match stdout.read(&mut buf) {
                    Ok(n) => {
                        buf.truncate(n);
                        // An empty chunk is EOF; a send error means the
                        // session is gone.
                        if tx.send(Ok(buf)).is_err() || n == 0 {
                            return;
                        }
                    }
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            })?;

        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let sink = tail.clone();
        std::thread::Builder::new()
            .name("imap-stderr".into())
            .spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = stderr.read(&mut buf) {
                    if let Ok(mut tail) = sink.lock() {
                        tail.extend(&buf[..n]);
                        let excess = tail.len().saturating_sub(STDERR_TAIL);
                        tail.drain(..excess);
                    }
                }
            })?;

        Ok(Process {
            child,
            stdin,
            stdout: rx,
            pending: Vec::new(),
            pos: 0,
            eof: false,
            read_timeout: None,
            stderr: tail,
            closed: false,
        })
    }

    pub(crate) fn child(&self) -> &Child {
        &self.child
    }

    pub(crate) fn stderr_tail(&self) -> Vec<u8> {
        self.stderr
            .lock()
            .map(|t| t.iter().copied().collect())
            .unwrap_or_default()
    }

    pub(crate) fn set_read_timeout(&mut self, timeout: Option<Duration>) {
        self.read_timeout = timeout;
    }

    /// Closes stdin, gives the child [`EXIT_GRACE`] to exit, kills it
    /// otherwise, and reaps it.
    pub(crate) fn close(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        self.stdin = None;
        let deadline = Instant::now() + EXIT_GRACE;
        while Instant::now() < deadline {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Read for Process {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos >= self.pending.len() {
            if self.eof {
                return Ok(0);
            }
            let chunk = match self.read_timeout {
                Some(t) => self.stdout.recv_timeout(t),
                None => self
                    .stdout
                    .recv()
                    .map_err(|_| RecvTimeoutError::Disconnected),
            };
            match chunk {
                Ok(Ok(chunk)) if !chunk.is_empty() => {
                    self.pending = chunk;
                    self.pos = 0;
                }
                Ok(Ok(_)) | Err(RecvTimeoutError::Disconnected) => {
                    self.eof = true;
                    return Ok(0);
                }
                Ok(Err(e)) => {
                    self.eof = true;
                    return Err(e);
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err(io::ErrorKind::TimedOut.into());
                }
            }
        }
        let available = &self.pending[self.pos..];
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.pos += n;
        Ok(n)
    }
}

impl Write for Process {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.stdin {
            Some(stdin) => stdin.write(buf),
            None => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
    fn flush(&mut self) -> io::Result<()> {
        match &mut self.stdin {
            Some(stdin) => stdin.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_through_cat_and_reaps() {
        let mut p = Process::spawn(OsStr::new("cat"), ["-u"]).unwrap();
        p.write_all(b"a1 NOOP\r\n").unwrap();
        p.flush().unwrap();
        let mut buf = [0u8; 9];
        p.set_read_timeout(Some(Duration::from_secs(5)));
        p.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"a1 NOOP\r\n");
        let pid = p.child().id();
        p.close();
        // Reaped: no such process any more (or at least not our child).
        assert!(
            !std::path::Path::new(&format!("/proc/{pid}/status")).exists()
                || std::fs::read_to_string(format!("/proc/{pid}/status"))
                    .map(|s| !s.contains("State:\tZ"))
                    .unwrap_or(true)
        );
    }

    #[test]
    fn read_times_out_then_sees_eof() {
        let mut p = Process::spawn(OsStr::new("sh"), ["-c", "sleep 0.3"]).unwrap();
        p.set_read_timeout(Some(Duration::from_millis(20)));
        let err = p.read(&mut [0u8; 4]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        p.set_read_timeout(Some(Duration::from_secs(5)));
        assert_eq!(p.read(&mut [0u8; 4]).unwrap(), 0);
        p.close();
    }

    #[test]
    fn stderr_is_drained_and_kept() {
        let mut p = Process::spawn(OsStr::new("sh"), ["-c", "echo oops >&2; echo out"]).unwrap();
        p.set_read_timeout(Some(Duration::from_secs(5)));
        let mut out = Vec::new();
        p.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"out\n");
        let deadline = Instant::now() + Duration::from_secs(5);
        while p.stderr_tail().is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(p.stderr_tail(), b"oops\n");
        p.close();
    }

    #[test]
    fn a_child_flooding_stderr_does_not_deadlock() {
        // 1 MiB on stderr before any stdout: a pipe holds 64 KiB, so the
        // child would block for ever if nobody read its stderr.
        let script = "head -c 1048576 /dev/zero | tr '\\0' x >&2; echo out";
        let mut p = Process::spawn(OsStr::new("sh"), ["-c", script]).unwrap();
        p.set_read_timeout(Some(Duration::from_secs(10)));
        let mut out = Vec::new();
        p.read_to_end(&mut out).unwrap();
        assert_eq!(out, b"out\n");
        let tail = p.stderr_tail();
        assert!(!tail.is_empty() && tail.len() < 1 << 20, "{}", tail.len());
        assert!(tail.iter().all(|&b| b == b'x'));
        p.close();
    }

    #[test]
    fn a_child_that_ignores_eof_is_killed() {
        let mut p = Process::spawn(OsStr::new("sleep"), ["30"]).unwrap();
        let start = Instant::now();
        p.close();
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn missing_program_is_an_error() {
        assert!(Process::spawn(OsStr::new("/nonexistent/imapd"), ["x"]).is_err());
    }
}
