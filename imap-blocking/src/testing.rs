//! A scripted in-memory server for the unit tests: a `Read + Write` fake
//! that answers each command line the client writes with the next canned
//! reply (`$TAG` replaced by the command's tag), hands its bytes out a few
//! at a time, and accepts writes a few bytes at a time.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::{Error, Options, Session, Transport};

/// What the server does when the client's next command line arrives.
pub(crate) enum Reply {
    /// Sends these bytes (`$TAG` is the command's tag).
    Send(&'static str),
    /// Never answers: reads time out.
    Stall,
    /// Sends these bytes, then closes the connection.
    SendThenEof(&'static str),
}

#[derive(Default)]
struct State {
    /// Every byte the client wrote.
    written: Vec<u8>,
    /// How far `written` has been scanned for command lines.
    scanned: usize,
    /// Bytes the server has yet to hand out.
    outgoing: VecDeque<u8>,
    replies: VecDeque<Reply>,
    last_tag: String,
    eof: bool,
}

/// The fake server. Clones share state, so a test keeps one to inspect
/// what the client wrote.
#[derive(Clone)]
pub(crate) struct Script {
    state: Arc<Mutex<State>>,
    read_chunk: usize,
    write_chunk: usize,
}

impl Script {
    /// A server that greets with `greeting` and answers commands with
    /// `replies`, in order.
    pub(crate) fn new(greeting: &str, replies: Vec<Reply>) -> Script {
        let state = State {
            outgoing: greeting.bytes().collect(),
            replies: replies.into(),
            ..State::default()
        };
        Script {
            state: Arc::new(Mutex::new(state)),
            read_chunk: 3,
            write_chunk: 5,
        }
    }

    /// Everything the client wrote so far.
    pub(crate) fn written(&self) -> String {
        String::from_utf8_lossy(&self.state.lock().unwrap().written).into_owned()
    }

    /// Looks at newly written bytes: each complete line queues the next
    /// reply, with `$TAG` the line's tag (or the last tag, for lines that
    /// have none: `DONE`, SASL responses).
    fn react(state: &mut State) {
        while let Some(end) = state.written[state.scanned..]
            .windows(2)
            .position(|w| w == b"\r\n")
        {
            let line = state.written[state.scanned..state.scanned + end].to_vec();
            state.scanned += end + 2;
            let line = String::from_utf8_lossy(&line).into_owned();
            if let Some((tag, _)) = line.split_once(' ') {
                state.last_tag = tag.to_owned();
            }
            let tag = state.last_tag.clone();
            match state.replies.pop_front() {
                Some(Reply::Send(text)) => {
                    state.outgoing.extend(text.replace("$TAG", &tag).bytes())
                }
                Some(Reply::SendThenEof(text)) => {
                    state.outgoing.extend(text.replace("$TAG", &tag).bytes());
                    state.eof = true;
                }
                Some(Reply::Stall) | None => {}
            }
        }
    }
}

/// A session over `script` with short timeouts (1 s per command, 100 ms
/// for the LOGOUT of a drop); `secure` declares the stream encrypted, so
/// LOGIN is allowed.
pub(crate) fn session(script: &Script, secure: bool) -> Result<Session, Error> {
    let transport = match secure {
        true => Transport::secure_stream(script.clone()),
        false => Transport::stream(script.clone()),
    };
    let options = Options {
        timeout: Some(Duration::from_secs(1)),
        logout_timeout: Duration::from_millis(100),
        ..Options::default()
    };
    Session::open(transport, options)
}

impl Read for Script {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut state = self.state.lock().unwrap();
        Script::react(&mut state);
        if state.outgoing.is_empty() {
            if state.eof {
                return Ok(0);
            }
            drop(state);
            // Nothing to say: behave like a socket whose read timeout ran out.
            std::thread::sleep(Duration::from_millis(5));
            return Err(io::ErrorKind::TimedOut.into());
        }
        let n = buf.len().min(self.read_chunk).min(state.outgoing.len());
        for (slot, byte) in buf.iter_mut().zip(state.outgoing.drain(..n)) {
            *slot = byte;
        }
        Ok(n)
    }
}

impl Write for Script {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = buf.len().min(self.write_chunk);
        self.state
            .lock()
            .unwrap()
            .written
            .extend_from_slice(&buf[..n]);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
