//! The connection kinds of issue 4 item 1 beyond the happy path: the
//! connect timeout (TCP, TLS handshake, greeting) and the per-command
//! timeout; a subprocess gets its arguments verbatim (no shell), has its
//! stderr drained however much it writes, and is reaped on close; a
//! caller's own `Read + Write` carries a whole session, STARTTLS included;
//! `Error::ReadOnly` (imaplib's `readonly`).

mod common;

use std::io::{self, Read, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{options, tls, Kind};
use imap_blocking::{Error, Options, Session, SessionState, Transport};
use imap_tests::{Dovecot, ScriptedServer, Step, ALICE};

/// A listener that never accepts: the kernel completes the TCP handshake,
/// then nothing ever arrives.
fn silent_listener() -> TcpListener {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap()
}

fn quick(connect: Duration, command: Option<Duration>) -> Options {
    let mut options = Options::default();
    options.connect_timeout = Some(connect);
    options.timeout = command;
    options
}

#[test]
fn connect_timeout_bounds_a_server_that_never_greets() {
    let listener = silent_listener();
    let port = listener.local_addr().unwrap().port();
    let start = Instant::now();
    let result = Session::connect_with("127.0.0.1", port, quick(Duration::from_millis(300), None));
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
    // imaplib's open(host, port, timeout) form.
    let start = Instant::now();
    let result = Session::connect_timeout("127.0.0.1", port, Duration::from_millis(300));
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn connect_timeout_bounds_a_tls_handshake_that_never_answers() {
    let listener = silent_listener();
    let port = listener.local_addr().unwrap().port();
    let pki = imap_tests::TestPki::new().unwrap();
    let tls = imap_blocking::TlsOptions::new()
        .without_platform_roots()
        .add_root_pem(pki.ca_pem().as_bytes());
    let start = Instant::now();
    let result = Session::connect_tls_with(
        "127.0.0.1",
        port,
        tls,
        quick(Duration::from_millis(300), None),
    );
    assert!(matches!(result, Err(Error::Timeout)), "{result:?}");
    assert!(
        start.elapsed() < Duration::from_secs(5),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn the_command_timeout_from_options_ends_a_stalled_command() {
    let server = ScriptedServer::start(vec![
        Step::send("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n"),
        Step::expect("NOOP"),
        Step::send("$TAG OK fast\r\n"),
        Step::expect("NOOP"),
        Step::Sleep(Duration::from_secs(3)),
        Step::Close,
    ])
    .unwrap();
    let options = quick(Duration::from_secs(10), Some(Duration::from_millis(300)));
    let mut s = Session::connect_with("127.0.0.1", server.port(), options).unwrap();
    s.noop().unwrap();
    let start = Instant::now();
    assert!(matches!(s.noop(), Err(Error::Timeout)));
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(s.is_closed(), "a timeout is fatal");
    drop(s);
    server.finish().unwrap();
}

#[test]
fn readonly_is_its_own_error_kind() {
    let server = ScriptedServer::start(vec![
        Step::send("* PREAUTH [CAPABILITY IMAP4rev1] hi\r\n"),
        Step::expect("SELECT"),
        Step::send("* 1 EXISTS\r\n* OK [UIDVALIDITY 7] v\r\n$TAG OK [READ-WRITE] selected\r\n"),
        Step::expect("NOOP"),
        Step::send("* OK [READ-ONLY] another client took the write lock\r\n$TAG OK done\r\n"),
    ])
    .unwrap();
    let mut s = Session::connect_with(
        "127.0.0.1",
        server.port(),
        quick(Duration::from_secs(10), Some(Duration::from_secs(10))),
    )
    .unwrap();
    let state = s.select("INBOX", false).unwrap();
    assert!(!state.read_only);
    let err = s.noop().unwrap_err();
    assert!(matches!(err, Error::ReadOnly), "{err:?}");
    assert!(!err.is_fatal(), "readonly is not abort");
    assert!(s.selected().is_some_and(|m| m.read_only));
    drop(s);
    server.finish().unwrap();
}

#[test]
fn subprocess_arguments_reach_the_program_verbatim_without_a_shell() {
    // printf is run directly: a shell would expand `$(...)`, `;` and quotes.
    let tricky = "a;b $(echo x) 'c' \"d\" `e` | f";
    let transport = Transport::command(
        "printf",
        ["* PREAUTH [CAPABILITY IMAP4rev1] %s\r\n", tricky],
    )
    .unwrap();
    let s = Session::open(
        transport,
        quick(Duration::from_secs(10), Some(Duration::from_secs(5))),
    )
    .unwrap();
    let greeting = s.greeting().expect("greeting");
    assert_eq!(&greeting.text[..], tricky.as_bytes());
    assert_eq!(s.state(), SessionState::Authenticated);
}

fn is_gone_or_reaped(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/status")) {
        Err(_) => true,
        Ok(status) => {
            !status.contains("State:\tZ")
                && !status.contains(&format!("PPid:\t{}", std::process::id()))
        }
    }
}

#[test]
fn a_subprocess_flooding_stderr_does_not_deadlock_and_is_reaped() {
    let server = Dovecot::start().unwrap();
    // 4 MiB on stderr before Dovecot's imap starts: far beyond a pipe's
    // 64 KiB, so the child blocks for ever unless stderr is drained.
    let mut args: Vec<std::ffi::OsString> = vec![
        "-c".into(),
        "head -c 4194304 /dev/zero | tr '\\0' e >&2; exec \"$0\" \"$@\"".into(),
        server.preauth_program().into(),
    ];
    args.extend(server.preauth_args(ALICE));
    let transport = Transport::command("sh", args).unwrap();
    let mut s = Session::open(transport, options(Kind::Subprocess)).unwrap();
    let pid = s.socket().child().expect("a child").id();
    s.append("INBOX", "", None, common::message("after the flood"))
        .unwrap();
    assert_eq!(s.select("INBOX", false).unwrap().exists, Some(1));
    let tail = s.socket().stderr_tail().expect("stderr kept");
    assert!(
        !tail.is_empty() && tail.iter().all(|&b| b == b'e'),
        "{} bytes",
        tail.len()
    );
    s.logout().unwrap();
    assert!(is_gone_or_reaped(pid), "child {pid} left behind");

    // Dropped without logout: reaped too.
    let mut s = common::open(&server, Kind::Subprocess, ALICE);
    let pid = s.socket().child().unwrap().id();
    s.noop().unwrap();
    drop(s);
    assert!(is_gone_or_reaped(pid), "child {pid} left behind");
}

/// A caller's stream: TCP with byte counters.
struct Counting {
    inner: TcpStream,
    read: Arc<AtomicUsize>,
    written: Arc<AtomicUsize>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
}

impl Write for Counting {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written.fetch_add(n, Ordering::Relaxed);
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[test]
fn a_callers_read_write_carries_a_whole_session_and_starttls() {
    let server = Dovecot::start().unwrap();
    server.fill(ALICE, "INBOX", 1, 3).unwrap();
    let inner = TcpStream::connect(server.plain_addr()).unwrap();
    inner
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    let read = Arc::new(AtomicUsize::new(0));
    let written = Arc::new(AtomicUsize::new(0));
    let stream = Counting {
        inner,
        read: read.clone(),
        written: written.clone(),
    };
    let mut s = Session::open(Transport::stream(stream), Options::default()).unwrap();
    assert!(!s.socket().is_secure());
    // No host is known: STARTTLS needs the name to verify.
    s.starttls(tls(&server).server_name("localhost")).unwrap();
    assert!(s.socket().is_secure());
    s.login(ALICE.name, ALICE.password).unwrap();
    assert_eq!(s.select("INBOX", true).unwrap().exists, Some(3));
    let fetched = s.fetch("1:3", "(BODY.PEEK[])").unwrap();
    assert_eq!(fetched.len(), 3);
    assert_eq!(
        common::body(&fetched[2]),
        Some(imap_tests::sample_message(3).as_slice())
    );
    s.logout().unwrap();
    let bodies: usize = (1..=3).map(|i| imap_tests::sample_message(i).len()).sum();
    assert!(
        read.load(Ordering::Relaxed) > bodies,
        "reads went elsewhere"
    );
    assert!(written.load(Ordering::Relaxed) > 0);
}
