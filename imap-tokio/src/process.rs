//! The subprocess transport (imaplib `IMAP4_stream`): a child whose stdin
//! and stdout carry the protocol. Its stderr is drained by a task into a
//! bounded tail, so the child never blocks on a full pipe.

use std::collections::VecDeque;
use std::ffi::OsStr;
use std::io;
use std::pin::Pin;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, ReadBuf};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

/// How much of stderr is kept.
const STDERR_TAIL: usize = 8 * 1024;
/// How long a closing child may take to exit before it is killed.
const EXIT_GRACE: Duration = Duration::from_secs(1);

pub(crate) struct Process {
    child: Child,
    stdin: Option<ChildStdin>,
    stdout: ChildStdout,
    stderr: Arc<Mutex<VecDeque<u8>>>,
}

impl Process {
    /// Starts `program` with `args` (no shell). Must run inside a Tokio
    /// runtime: the stderr drain is a task. A child left running when the
    /// process is dropped is killed, and reaped by the runtime.
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
            .kill_on_drop(true)
            .spawn()?;
        let missing = |what| io::Error::other(format!("the child has no {what}"));
        let stdin = child.stdin.take().ok_or_else(|| missing("stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| missing("stdout"))?;
        let mut stderr = child.stderr.take().ok_or_else(|| missing("stderr"))?;
        let tail = Arc::new(Mutex::new(VecDeque::new()));
        let sink = tail.clone();
        tokio::spawn(async move {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = stderr.read(&mut buf).await {
                if let Ok(mut tail) = sink.lock() {
                    tail.extend(&buf[..n]);
                    let excess = tail.len().saturating_sub(STDERR_TAIL);
                    tail.drain(..excess);
                }
            }
        });
        Ok(Process {
            child,
            stdin: Some(stdin),
            stdout,
            stderr: tail,
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

    /// Closes stdin, gives the child [`EXIT_GRACE`] to exit, kills it
    /// otherwise, and reaps it.
    pub(crate) async fn close(&mut self) {
        self.stdin = None;
        if tokio::time::timeout(EXIT_GRACE, self.child.wait())
            .await
            .is_err()
        {
            // `kill` waits for the child too: reaped either way.
            let _ = self.child.kill().await;
        }
    }
}

impl AsyncRead for Process {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stdout).poll_read(cx, buf)
    }
}

impl AsyncWrite for Process {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        match &mut self.stdin {
            Some(stdin) => Pin::new(stdin).poll_write(cx, buf),
            None => Poll::Ready(Err(io::ErrorKind::BrokenPipe.into())),
        }
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.stdin {
            Some(stdin) => Pin::new(stdin).poll_flush(cx),
            None => Poll::Ready(Ok(())),
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.stdin {
            Some(stdin) => Pin::new(stdin).poll_shutdown(cx),
            None => Poll::Ready(Ok(())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    #[tokio::test]
    async fn echoes_through_cat_and_reaps() {
        let mut p = Process::spawn(OsStr::new("cat"), ["-u"]).unwrap();
        p.write_all(b"a1 NOOP\r\n").await.unwrap();
        p.flush().await.unwrap();
        let mut buf = [0u8; 9];
        p.read_exact(&mut buf).await.unwrap();
        assert_eq!(&buf, b"a1 NOOP\r\n");
        p.close().await;
        // Reaped: the exit status is known.
        assert!(p.child.try_wait().unwrap().is_some());
        assert!(p.write(b"x").await.is_err(), "stdin is closed");
    }

    #[tokio::test]
    async fn stderr_is_drained_and_kept() {
        let mut p = Process::spawn(OsStr::new("sh"), ["-c", "echo oops >&2; echo out"]).unwrap();
        let mut out = Vec::new();
        p.read_to_end(&mut out).await.unwrap();
        assert_eq!(out, b"out\n");
        for _ in 0..500 {
            if !p.stderr_tail().is_empty() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(p.stderr_tail(), b"oops\n");
        p.close().await;
    }

    #[tokio::test]
    async fn a_child_flooding_stderr_does_not_deadlock() {
        // 1 MiB on stderr before any stdout, beyond a pipe's 64 KiB.
        let script = "head -c 1048576 /dev/zero | tr '\\0' x >&2; echo out";
        let mut p = Process::spawn(OsStr::new("sh"), ["-c", script]).unwrap();
        let mut out = Vec::new();
        tokio::time::timeout(Duration::from_secs(10), p.read_to_end(&mut out))
            .await
            .expect("deadlocked on a full stderr pipe")
            .unwrap();
        assert_eq!(out, b"out\n");
        let tail = p.stderr_tail();
        assert!(tail.iter().all(|&b| b == b'x'), "{}", tail.len());
        p.close().await;
    }

    #[tokio::test]
    async fn a_child_that_ignores_eof_is_killed() {
        let mut p = Process::spawn(OsStr::new("sleep"), ["30"]).unwrap();
        let start = std::time::Instant::now();
        p.close().await;
        assert!(start.elapsed() < Duration::from_secs(10));
        assert!(p.child.try_wait().unwrap().is_some());
    }

    #[tokio::test]
    async fn missing_program_is_an_error() {
        assert!(Process::spawn(OsStr::new("/nonexistent/imapd"), ["x"]).is_err());
    }
}
