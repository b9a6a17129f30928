//! Mirrors one IMAP mailbox into a local Maildir, resumably: a backup of
//! your mail you can run again and again.
//!
//! ```text
//! cargo run -p imap-blocking --example mirror -- \
//!     --host imap.example.org --user me@example.org --password-file ~/.imap-pass \
//!     --mailbox INBOX --dest ~/mail-backup
//! ```
//!
//! Messages land in `DEST/<UIDVALIDITY>/cur/` as Maildir files named
//! `<UID>.<UIDVALIDITY>.imap-mirror:2,<flags>` (flags in Maildir letters:
//! D F P R S T). `DEST/mirror-state` remembers the UIDVALIDITY and the last
//! UID copied, so the next run fetches only newer messages; when the
//! server's UIDVALIDITY changes (the UIDs were renumbered) the mirror
//! starts over in a new folder and leaves the old one alone. Messages are
//! fetched with `UID FETCH ... BODY.PEEK[]` in batches (so they stay unread
//! on the server), written to `tmp/` and renamed into `cur/`.
//!
//! Options: `--host`, `--port`, `--tls` (default, port 993) / `--starttls`
//! / `--plain` (port 143), `--user`, `--password`, `--password-file`, or
//! the `IMAP_PASSWORD` environment variable, `--mailbox` (default INBOX),
//! `--dest` (default `./maildir-mirror`), `--batch` (messages per UID
//! FETCH, default 50), `--ca FILE` (extra trusted root, PEM),
//! `--allow-plaintext-login` (for `--plain` to a test server),
//! `--timeout SECONDS` (default 120). Instead of a server address, `--
//! PROGRAM ARGS...` runs a program that speaks IMAP on its stdin and stdout
//! (imaplib's `IMAP4_stream`; no shell is involved), e.g. `-- ssh mailhost
//! /usr/lib/dovecot/imap` for a pre-authenticated session.

use std::collections::HashSet;
use std::fs;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use imap_blocking::{Error, Options, Session, SessionState, TlsOptions};
use imap_proto::response::{Fetch, FetchAttr};
use imap_proto::types::Flag;

#[derive(Clone, Copy, PartialEq)]
enum Security {
    Tls,
    StartTls,
    Plain,
}

struct Args {
    host: String,
    port: Option<u16>,
    security: Security,
    user: String,
    password: String,
    mailbox: String,
    dest: PathBuf,
    batch: usize,
    ca: Option<PathBuf>,
    allow_plaintext_login: bool,
    timeout: Duration,
    command: Vec<String>,
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("mirror: {message}\n\nusage: mirror --host HOST --user USER (--password P | --password-file F | IMAP_PASSWORD=...) [--port N] [--tls|--starttls|--plain] [--mailbox INBOX] [--dest DIR] [--batch 50] [--ca CA.pem] [--allow-plaintext-login] [--timeout 120]\n       mirror [--mailbox INBOX] [--dest DIR] -- PROGRAM [ARGS...]");
            std::process::exit(2);
        }
    };
    if let Err(e) = mirror(&args) {
        eprintln!("mirror: {e}");
        std::process::exit(1);
    }
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        host: String::new(),
        port: None,
        security: Security::Tls,
        user: String::new(),
        password: std::env::var("IMAP_PASSWORD").unwrap_or_default(),
        mailbox: "INBOX".into(),
        dest: PathBuf::from("maildir-mirror"),
        batch: 50,
        ca: None,
        allow_plaintext_login: false,
        timeout: Duration::from_secs(120),
        command: Vec::new(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--host" => args.host = value()?,
            "--port" => args.port = Some(value()?.parse().map_err(|e| format!("--port: {e}"))?),
            "--tls" => args.security = Security::Tls,
            "--starttls" => args.security = Security::StartTls,
            "--plain" => args.security = Security::Plain,
            "--user" => args.user = value()?,
            "--password" => args.password = value()?,
            "--password-file" => {
                let path = value()?;
                let text = fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
                args.password = text.trim_end_matches(['\r', '\n']).to_owned();
            }
            "--mailbox" => args.mailbox = value()?,
            "--dest" => args.dest = PathBuf::from(value()?),
            "--batch" => {
                args.batch = value()?.parse().map_err(|e| format!("--batch: {e}"))?;
                args.batch = args.batch.max(1);
            }
            "--ca" => args.ca = Some(PathBuf::from(value()?)),
            "--allow-plaintext-login" => args.allow_plaintext_login = true,
            "--timeout" => {
                let secs: u64 = value()?.parse().map_err(|e| format!("--timeout: {e}"))?;
                args.timeout = Duration::from_secs(secs);
            }
            "--" => args.command = it.by_ref().collect(),
            "-h" | "--help" => return Err("mirrors an IMAP mailbox into a local Maildir".into()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if !args.command.is_empty() {
        return Ok(args);
    }
    if args.host.is_empty() || args.user.is_empty() {
        return Err("--host and --user are required".into());
    }
    if args.password.is_empty() {
        return Err("no password: --password, --password-file or IMAP_PASSWORD".into());
    }
    Ok(args)
}

fn connect(args: &Args) -> Result<Session, Error> {
    if let Some((program, rest)) = args.command.split_first() {
        let mut session = Session::from_command(program, rest)?;
        session.set_timeout(Some(args.timeout));
        return Ok(session);
    }
    let mut tls = TlsOptions::new();
    if let Some(ca) = &args.ca {
        tls = tls.add_root_pem_file(ca);
    }
    let mut options = Options::default();
    options.timeout = Some(args.timeout);
    options.client.allow_plaintext_auth = args.allow_plaintext_login;
    match args.security {
        Security::Tls => {
            Session::connect_tls_with(&args.host, args.port.unwrap_or(993), tls, options)
        }
        Security::StartTls => {
            Session::connect_starttls_with(&args.host, args.port.unwrap_or(143), tls, options)
        }
        Security::Plain => Session::connect_with(&args.host, args.port.unwrap_or(143), options),
    }
}

fn mirror(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let mut session = connect(args)?;
    if session.state() == SessionState::NotAuthenticated {
        session.login(&args.user, &args.password)?;
    }
    let mailbox = session.select(args.mailbox.as_str(), true)?;
    let uid_validity = mailbox
        .uid_validity
        .ok_or("the server sent no UIDVALIDITY")?;

    fs::create_dir_all(&args.dest)?;
    let state_path = args.dest.join("mirror-state");
    let mut state = State::load(&state_path);
    if state.uid_validity != Some(uid_validity) {
        if let Some(old) = state.uid_validity {
            eprintln!("UIDVALIDITY changed from {old} to {uid_validity}: starting over");
        }
        state = State {
            uid_validity: Some(uid_validity),
            last_uid: 0,
        };
    }
    let maildir = Maildir::create(&args.dest.join(uid_validity.to_string()))?;
    let present = maildir.uids()?;

    let criteria = format!("UID {}:*", state.last_uid.saturating_add(1));
    let mut uids: Vec<u32> = session
        .uid_search(None, criteria.as_str())?
        .into_iter()
        .filter(|&uid| uid > state.last_uid)
        .collect();
    uids.sort_unstable();
    let mut progress = Progress::new(uids.len());
    for batch in uids.chunks(args.batch) {
        let set = batch
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(",");
        for fetch in session.uid_fetch(set.as_str(), "(UID FLAGS BODY.PEEK[])")? {
            let Some(uid) = uid_of(&fetch) else { continue };
            let body = body_of(&fetch).unwrap_or_default();
            if !present.contains(&uid) {
                maildir.deliver(uid, uid_validity, &flags_of(&fetch), body)?;
            }
            progress.advance(body.len());
        }
        state.last_uid = state.last_uid.max(batch.iter().copied().max().unwrap_or(0));
        state.save(&state_path)?;
    }
    progress.finish();
    session.logout()?;
    Ok(())
}

fn uid_of(fetch: &Fetch) -> Option<u32> {
    fetch.attrs.iter().find_map(|a| match a {
        FetchAttr::Uid(uid) => Some(*uid),
        _ => None,
    })
}

fn flags_of(fetch: &Fetch) -> Vec<Flag> {
    fetch
        .attrs
        .iter()
        .find_map(|a| match a {
            FetchAttr::Flags(flags) => Some(flags.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

fn body_of(fetch: &Fetch) -> Option<&[u8]> {
    fetch.attrs.iter().find_map(|a| match a {
        FetchAttr::BodySection {
            section,
            data: Some(data),
            ..
        } if section.part.is_empty() => Some(&data[..]),
        FetchAttr::Rfc822(Some(data)) => Some(&data[..]),
        _ => None,
    })
}

/// `DEST/mirror-state`: two lines, `uidvalidity N` and `last_uid N`.
struct State {
    uid_validity: Option<u32>,
    last_uid: u32,
}

impl State {
    fn load(path: &Path) -> State {
        let mut state = State {
            uid_validity: None,
            last_uid: 0,
        };
        for line in fs::read_to_string(path).unwrap_or_default().lines() {
            match line.split_once(' ') {
                Some(("uidvalidity", n)) => state.uid_validity = n.trim().parse().ok(),
                Some(("last_uid", n)) => state.last_uid = n.trim().parse().unwrap_or(0),
                _ => {}
            }
        }
        state
    }

    /// Writes a new file and renames it over the old one, so a crash
    /// leaves either state whole.
    fn save(&self, path: &Path) -> std::io::Result<()> {
        let tmp = path.with_extension("tmp");
        let mut file = fs::File::create(&tmp)?;
        let uid_validity = self.uid_validity.unwrap_or(0);
        write!(
            file,
            "uidvalidity {uid_validity}\nlast_uid {}\n",
            self.last_uid
        )?;
        file.sync_all()?;
        fs::rename(tmp, path)
    }
}

struct Maildir {
    root: PathBuf,
}

impl Maildir {
    fn create(root: &Path) -> std::io::Result<Maildir> {
        for sub in ["tmp", "new", "cur"] {
            fs::create_dir_all(root.join(sub))?;
        }
        Ok(Maildir {
            root: root.to_owned(),
        })
    }

    /// The UIDs already in `cur/` (from an interrupted batch).
    fn uids(&self) -> std::io::Result<HashSet<u32>> {
        let mut uids = HashSet::new();
        for entry in fs::read_dir(self.root.join("cur"))? {
            let name = entry?.file_name();
            if let Some(uid) = name
                .to_str()
                .and_then(|n| n.split('.').next()?.parse().ok())
            {
                uids.insert(uid);
            }
        }
        Ok(uids)
    }

    /// Writes to `tmp/`, syncs, renames into `cur/` (Maildir delivery).
    fn deliver(
        &self,
        uid: u32,
        uid_validity: u32,
        flags: &[Flag],
        body: &[u8],
    ) -> std::io::Result<()> {
        let name = format!("{uid}.{uid_validity}.imap-mirror");
        let tmp = self.root.join("tmp").join(&name);
        let mut file = fs::File::create(&tmp)?;
        file.write_all(body)?;
        file.sync_all()?;
        let info = maildir_flags(flags);
        fs::rename(&tmp, self.root.join("cur").join(format!("{name}:2,{info}")))
    }
}

/// Maildir info letters, in ASCII order as the format asks.
fn maildir_flags(flags: &[Flag]) -> String {
    let mut letters: Vec<char> = flags
        .iter()
        .filter_map(|flag| match flag {
            Flag::Draft => Some('D'),
            Flag::Flagged => Some('F'),
            Flag::Keyword(k) if k.eq_ignore_ascii_case(b"$Forwarded") => Some('P'),
            Flag::Answered => Some('R'),
            Flag::Seen => Some('S'),
            Flag::Deleted => Some('T'),
            _ => None,
        })
        .collect();
    letters.sort_unstable();
    letters.dedup();
    letters.into_iter().collect()
}

/// A progress bar on stderr: redrawn in place on a terminal, one line
/// every 10% otherwise.
struct Progress {
    total: usize,
    done: usize,
    bytes: u64,
    start: Instant,
    tty: bool,
    last_tenth: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        eprintln!("{total} new message(s) to mirror");
        Progress {
            total,
            done: 0,
            bytes: 0,
            start: Instant::now(),
            tty: std::io::stderr().is_terminal(),
            last_tenth: 0,
        }
    }

    fn advance(&mut self, bytes: usize) {
        self.done += 1;
        self.bytes += bytes as u64;
        if self.tty {
            self.draw("\r");
        } else {
            let tenth = self.done * 10 / self.total.max(1);
            if tenth > self.last_tenth {
                self.last_tenth = tenth;
                self.draw("");
                eprintln!();
            }
        }
    }

    fn draw(&self, prefix: &str) {
        const WIDTH: usize = 30;
        let filled = self.done * WIDTH / self.total.max(1);
        let secs = self.start.elapsed().as_secs_f64().max(0.001);
        let rate = self.done as f64 / secs;
        let eta = (self.total - self.done.min(self.total)) as f64 / rate.max(0.001);
        eprint!(
            "{prefix}[{}{}] {}/{} {:.1} MiB {:.0} msg/s ETA {:.0}s ",
            "#".repeat(filled),
            " ".repeat(WIDTH - filled.min(WIDTH)),
            self.done,
            self.total,
            self.bytes as f64 / (1024.0 * 1024.0),
            rate,
            eta,
        );
    }

    fn finish(&self) {
        if self.tty && self.total > 0 {
            eprintln!();
        }
        eprintln!(
            "mirrored {} message(s), {:.1} MiB in {:.1}s",
            self.done,
            self.bytes as f64 / (1024.0 * 1024.0),
            self.start.elapsed().as_secs_f64()
        );
    }
}
