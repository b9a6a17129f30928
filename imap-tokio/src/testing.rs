//! A scripted in-memory server for the unit tests, over
//! `tokio::io::duplex` with a tiny buffer (so every read and write is
//! partial): it answers each command line the client writes with the next
//! canned reply, `$TAG` replaced by the command's tag.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::sync::mpsc;

use crate::{Error, Options, Session, Transport};

/// How many bytes the in-memory pipe holds: reads and writes come in
/// pieces this small.
const PIPE: usize = 7;

/// What the server does when the client's next command line arrives.
pub(crate) enum Reply {
    /// Sends these bytes (`$TAG` is the command's tag).
    Send(&'static str),
    /// Sends nothing for this line.
    Nothing,
    /// Sends these bytes, then closes the connection.
    SendThenEof(&'static str),
    /// Waits this long, then sends these bytes (replies stay in order).
    Later(Duration, &'static str),
}

/// The server's record of what the client wrote.
#[derive(Clone, Default)]
pub(crate) struct Script {
    written: Arc<Mutex<Vec<u8>>>,
}

impl Script {
    /// Everything the client wrote so far.
    pub(crate) fn written(&self) -> String {
        String::from_utf8_lossy(&self.written.lock().unwrap()).into_owned()
    }
}

/// Starts a server task that greets with `greeting` and answers command
/// lines with `replies`, in order; returns the client's end of the pipe.
pub(crate) fn serve(greeting: &str, replies: Vec<Reply>) -> (DuplexStream, Script) {
    let (client, server) = tokio::io::duplex(PIPE);
    let (mut from_client, mut to_client) = tokio::io::split(server);
    let script = Script::default();
    let (tx, mut rx) = mpsc::unbounded_channel::<Option<(Duration, String)>>();
    let _ = tx.send(Some((Duration::ZERO, greeting.to_owned())));
    // The writer: replies in order; `None` closes the connection.
    tokio::spawn(async move {
        while let Some(Some((delay, text))) = rx.recv().await {
            tokio::time::sleep(delay).await;
            if to_client.write_all(text.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = to_client.shutdown().await;
    });
    // The reader: each complete line triggers the next reply.
    let record = script.clone();
    tokio::spawn(async move {
        let mut replies = replies.into_iter();
        let (mut scanned, mut tag) = (0, String::new());
        let mut buf = [0u8; 64];
        while let Ok(n @ 1..) = from_client.read(&mut buf).await {
            let mut written = record.written.lock().unwrap();
            written.extend_from_slice(&buf[..n]);
            while let Some(end) = written[scanned..].windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8_lossy(&written[scanned..scanned + end]).into_owned();
                scanned += end + 2;
                // Lines without a tag (DONE, literal data) keep the last tag.
                if let Some((t, _)) = line.split_once(' ') {
                    tag = t.to_owned();
                }
                let (delay, text, eof) = match replies.next() {
                    Some(Reply::Send(text)) => (Duration::ZERO, text, false),
                    Some(Reply::SendThenEof(text)) => (Duration::ZERO, text, true),
                    Some(Reply::Later(delay, text)) => (delay, text, false),
                    Some(Reply::Nothing) | None => continue,
                };
                let _ = tx.send(Some((delay, text.replace("$TAG", &tag))));
                if eof {
                    let _ = tx.send(None);
                }
            }
        }
    });
    (client, script)
}

/// Options with short timeouts for tests (1 s per command).
pub(crate) fn options() -> Options {
    let mut options = Options::default();
    options.timeout = Some(Duration::from_secs(1));
    options.logout_timeout = Duration::from_millis(200);
    options
}

/// A session over a scripted server; `secure` declares the pipe
/// encrypted, so LOGIN is allowed.
pub(crate) async fn session(
    greeting: &str,
    replies: Vec<Reply>,
    secure: bool,
) -> (Result<Session, Error>, Script) {
    let (pipe, script) = serve(greeting, replies);
    let transport = match secure {
        true => Transport::secure_stream(pipe),
        false => Transport::stream(pipe),
    };
    (Session::open(transport, options()).await, script)
}
