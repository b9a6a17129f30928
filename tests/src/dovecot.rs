//! A real Dovecot 2.3 on 127.0.0.1, started from a config in a temporary
//! directory and stopped (directory removed) on drop.
//!
//! ```no_run
//! let server = imap_tests::Dovecot::start()?;
//! let stream = std::net::TcpStream::connect(server.plain_addr())?;
//! # drop(stream);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Each call starts its own instance (own ports, own `instance_name`, own
//! users' homes), so tests may run in parallel. A missing Dovecot is an
//! error ([`HarnessError::DovecotMissing`]): tests that need it fail loudly,
//! they are never skipped.

use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::config::{self, Layout, User, USERS};
use crate::pki::TestPki;
use crate::HarnessError;

/// The Dovecot master binary (Debian package `dovecot-core`).
pub const DOVECOT_BIN: &str = "/usr/sbin/dovecot";
/// Dovecot's IMAP process (Debian package `dovecot-imapd`); run with `-u USER`
/// it speaks pre-authenticated IMAP on stdin/stdout.
pub const IMAP_BIN: &str = "/usr/lib/dovecot/imap";
/// Dovecot's admin tool (Debian package `dovecot-core`).
pub const DOVEADM_BIN: &str = "/usr/bin/doveadm";

/// How long a start may take before it is reported as failed.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How many times a start is retried when a port was taken in between.
const START_ATTEMPTS: usize = 4;

static INSTANCES: AtomicUsize = AtomicUsize::new(0);

/// A running Dovecot instance. Dropping it stops Dovecot and removes every
/// file it used.
pub struct Dovecot {
    master: Child,
    config: PathBuf,
    plain_port: u16,
    tls_port: u16,
    mail_uid: u32,
    mail_gid: u32,
    pki: TestPki,
    // Last: removed after the master has been stopped in `drop`.
    dir: tempfile::TempDir,
}

impl std::fmt::Debug for Dovecot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Dovecot")
            .field("dir", &self.dir.path())
            .field("plain_port", &self.plain_port)
            .field("tls_port", &self.tls_port)
            .finish_non_exhaustive()
    }
}

/// The system identities Dovecot runs under.
struct Identity {
    internal_user: String,
    login_user: String,
    mail_uid: u32,
    mail_gid: u32,
}

impl Dovecot {
    /// Starts a new instance and waits until both ports greet.
    pub fn start() -> Result<Dovecot, HarnessError> {
        for bin in [DOVECOT_BIN, IMAP_BIN, DOVEADM_BIN] {
            if !Path::new(bin).exists() {
                return Err(HarnessError::DovecotMissing { path: bin.into() });
            }
        }
        let mut last = None;
        for _ in 0..START_ATTEMPTS {
            match Dovecot::start_once() {
                Err(HarnessError::StartFailed { log })
                    if log.contains("Address already in use")
                        || log.contains("duplicate listener") =>
                {
                    last = Some(HarnessError::StartFailed { log });
                }
                other => return other,
            }
        }
        Err(last.unwrap_or(HarnessError::StartFailed { log: String::new() }))
    }

    fn start_once() -> Result<Dovecot, HarnessError> {
        let dir = tempfile::Builder::new()
            .prefix("imap-rs-dovecot-")
            .tempdir()
            .map_err(io("create temporary directory"))?;
        let path = dir.path().to_path_buf();
        // Dovecot's unprivileged processes must reach the homes and sockets.
        fs::set_permissions(&path, fs::Permissions::from_mode(0o755))
            .map_err(io("chmod temporary directory"))?;
        let identity = identity(&path)?;
        let n = INSTANCES.fetch_add(1, Ordering::Relaxed);
        let instance_name = format!("imap-rs-{}-{n}", std::process::id());
        let [plain_port, tls_port] = free_ports()?;
        let layout = Layout {
            instance_name: &instance_name,
            dir: &path,
            plain_port,
            tls_port,
            internal_user: &identity.internal_user,
            login_user: &identity.login_user,
            mail_uid: identity.mail_uid,
            mail_gid: identity.mail_gid,
        };
        let pki = TestPki::new()?;
        write(&path.join("server-cert.pem"), pki.server_cert_pem())?;
        write(&path.join("server-key.pem"), pki.server_key_pem())?;
        write(&path.join("ca.pem"), pki.ca_pem())?;
        write(&path.join("passwd"), &config::passwd_text(&layout))?;
        let config = path.join("dovecot.conf");
        write(&config, &config::config_text(&layout))?;
        for sub in ["run", "state"] {
            fs::create_dir(path.join(sub)).map_err(io("create run/state directory"))?;
        }
        for user in USERS {
            let home = path.join("home").join(user.name);
            fs::create_dir_all(&home).map_err(io("create home"))?;
            chown(&home, identity.mail_uid, identity.mail_gid)?;
        }
        chown(&path.join("home"), identity.mail_uid, identity.mail_gid)?;

        let out = fs::File::create(path.join("master.out")).map_err(io("create master.out"))?;
        let err = out.try_clone().map_err(io("dup master.out"))?;
        let master = Command::new(DOVECOT_BIN)
            .arg("-F")
            .arg("-c")
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .spawn()
            .map_err(io("spawn dovecot"))?;
        let mut server = Dovecot {
            master,
            config,
            plain_port,
            tls_port,
            mail_uid: identity.mail_uid,
            mail_gid: identity.mail_gid,
            pki,
            dir,
        };
        server.wait_ready()?;
        Ok(server)
    }

    /// Waits until the plaintext port sends a real greeting (the login
    /// process answers "Waiting for authentication process" until the auth
    /// process is up) and the TLS port accepts connections.
    fn wait_ready(&mut self) -> Result<(), HarnessError> {
        let deadline = Instant::now() + START_TIMEOUT;
        loop {
            if let Ok(Some(status)) = self.master.try_wait() {
                return Err(HarnessError::StartFailed {
                    log: format!("dovecot exited with {status}\n{}", self.log()),
                });
            }
            if Instant::now() > deadline {
                return Err(HarnessError::StartFailed {
                    log: format!("not ready after {START_TIMEOUT:?}\n{}", self.log()),
                });
            }
            if self.greets() && TcpStream::connect(self.tls_addr()).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn greets(&self) -> bool {
        let Ok(stream) = TcpStream::connect(self.plain_addr()) else {
            return false;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
        let mut line = String::new();
        let ok = BufReader::new(&stream).read_line(&mut line).is_ok();
        ok && line.starts_with("* OK [CAPABILITY")
    }

    /// The address of the plaintext port (STARTTLS is offered there).
    pub fn plain_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.plain_port))
    }

    /// The address of the implicit-TLS port.
    pub fn tls_addr(&self) -> SocketAddr {
        SocketAddr::from((Ipv4Addr::LOCALHOST, self.tls_port))
    }

    /// The host to connect to (always loopback).
    pub fn host(&self) -> &'static str {
        "127.0.0.1"
    }

    /// The plaintext (and STARTTLS) port.
    pub fn plain_port(&self) -> u16 {
        self.plain_port
    }

    /// The implicit-TLS port.
    pub fn tls_port(&self) -> u16 {
        self.tls_port
    }

    /// The test CA that signed the server certificate.
    pub fn pki(&self) -> &TestPki {
        &self.pki
    }

    /// The path of the CA certificate (PEM), for clients that read a file.
    pub fn ca_path(&self) -> PathBuf {
        self.dir.path().join("ca.pem")
    }

    /// The instance's `dovecot.conf`.
    pub fn config_path(&self) -> &Path {
        &self.config
    }

    /// The instance's temporary directory.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A user's home directory (its mail is in `Maildir/` below it).
    pub fn home(&self, user: User) -> PathBuf {
        self.dir.path().join("home").join(user.name)
    }

    /// The UID and GID that own the mail files.
    pub fn mail_owner(&self) -> (u32, u32) {
        (self.mail_uid, self.mail_gid)
    }

    /// The program of the pre-authenticated subprocess transport.
    pub fn preauth_program(&self) -> &'static Path {
        Path::new(IMAP_BIN)
    }

    /// The arguments of the pre-authenticated subprocess transport:
    /// `-c CONFIG -u USER`. Dovecot's `imap` then greets with `* PREAUTH`
    /// on stdout and logs to stderr; it needs no environment variables.
    pub fn preauth_args(&self, user: User) -> Vec<OsString> {
        vec![
            "-c".into(),
            self.config.clone().into_os_string(),
            "-u".into(),
            user.name.into(),
        ]
    }

    /// The whole subprocess command line (no shell involved).
    pub fn preauth_command(&self, user: User) -> Command {
        let mut command = Command::new(IMAP_BIN);
        command.args(self.preauth_args(user));
        command
    }

    /// Runs `doveadm -c CONFIG ARGS...` and returns its stdout; a non-zero
    /// exit is an error carrying stderr.
    pub fn doveadm(&self, args: &[&str]) -> Result<String, HarnessError> {
        let output = Command::new(DOVEADM_BIN)
            .arg("-c")
            .arg(&self.config)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .map_err(io("run doveadm"))?;
        if !output.status.success() {
            return Err(HarnessError::Command {
                command: format!("doveadm {}", args.join(" ")),
                stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            });
        }
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    }

    /// The Dovecot log and the master's own output, for failure messages.
    pub fn log(&self) -> String {
        let read = |name: &str| fs::read_to_string(self.dir.path().join(name)).unwrap_or_default();
        format!("{}{}", read("master.out"), read("dovecot.log"))
    }
}

impl Drop for Dovecot {
    /// SIGTERM (through `kill`: this crate has no unsafe code), then wait
    /// for the master to reap its children (about a second), then SIGKILL if
    /// it is still there. `dovecot stop` is not used: it polls the master's
    /// pid, which stays a zombie until this process reaps it.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.master.id().to_string())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.master.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.master.kill();
        let _ = self.master.wait();
    }
}

/// Root runs Dovecot the usual way (mail owned by `mail`); anyone else runs
/// every part of it as themselves.
fn identity(dir: &Path) -> Result<Identity, HarnessError> {
    let probe = dir.join("owner-probe");
    write(&probe, "")?;
    let meta = fs::metadata(&probe).map_err(io("stat owner probe"))?;
    let _ = fs::remove_file(&probe);
    let passwd = fs::read_to_string("/etc/passwd").unwrap_or_default();
    if meta.uid() == 0 {
        let (uid, gid) = passwd_entry(&passwd, |name, _| name == "mail")
            .map(|(_, uid, gid)| (uid, gid))
            .unwrap_or((8, 8));
        return Ok(Identity {
            internal_user: "dovecot".into(),
            login_user: "dovenull".into(),
            mail_uid: uid,
            mail_gid: gid,
        });
    }
    let name = passwd_entry(&passwd, |_, uid| uid == meta.uid())
        .map(|(name, _, _)| name)
        .ok_or_else(|| HarnessError::StartFailed {
            log: format!("uid {} has no /etc/passwd entry", meta.uid()),
        })?;
    Ok(Identity {
        internal_user: name.clone(),
        login_user: name,
        mail_uid: meta.uid(),
        mail_gid: meta.gid(),
    })
}

/// The first `/etc/passwd` entry matching `pick(name, uid)`.
fn passwd_entry(passwd: &str, pick: impl Fn(&str, u32) -> bool) -> Option<(String, u32, u32)> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let uid = fields.nth(1)?.parse().ok()?;
        let gid = fields.next()?.parse().ok()?;
        pick(name, uid).then(|| (name.to_string(), uid, gid))
    })
}

/// A port that was free on 127.0.0.1 a moment ago.
pub fn free_port() -> Result<u16, HarnessError> {
    let [port] = free_ports()?;
    Ok(port)
}

/// `N` distinct ports that were free on 127.0.0.1 a moment ago. All `N`
/// listeners are held until every port is known: ports picked one at a time
/// (each listener dropped before the next bind) may come back equal, and
/// Dovecot then refuses its configuration ("duplicate listener").
pub fn free_ports<const N: usize>() -> Result<[u16; N], HarnessError> {
    let mut listeners = Vec::with_capacity(N);
    let mut ports = [0; N];
    for port in &mut ports {
        let listener =
            TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io("bind a free port"))?;
        *port = listener.local_addr().map_err(io("local_addr"))?.port();
        listeners.push(listener);
    }
    Ok(ports)
}

pub(crate) fn write(path: &Path, text: &str) -> Result<(), HarnessError> {
    fs::write(path, text).map_err(|source| HarnessError::Io {
        context: format!("write {}", path.display()),
        source,
    })
}

pub(crate) fn chown(path: &Path, uid: u32, gid: u32) -> Result<(), HarnessError> {
    std::os::unix::fs::chown(path, Some(uid), Some(gid)).map_err(|source| HarnessError::Io {
        context: format!("chown {}", path.display()),
        source,
    })
}

pub(crate) fn io(context: &'static str) -> impl FnOnce(std::io::Error) -> HarnessError {
    move |source| HarnessError::Io {
        context: context.to_string(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwd_entry_finds_by_name_and_uid() {
        let passwd = "root:x:0:0:root:/root:/bin/bash\nmail:x:8:12:mail:/var/mail:/bin/false\n";
        assert_eq!(
            passwd_entry(passwd, |n, _| n == "mail"),
            Some(("mail".into(), 8, 12))
        );
        assert_eq!(
            passwd_entry(passwd, |_, u| u == 0).map(|e| e.0),
            Some("root".into())
        );
        assert_eq!(passwd_entry(passwd, |n, _| n == "nobody"), None);
    }

    #[test]
    fn free_ports_are_nonzero() {
        assert_ne!(free_port().unwrap(), 0);
    }

    #[test]
    fn free_ports_are_distinct() {
        // Picked one at a time, two ports come back equal now and then;
        // held together they never do.
        for _ in 0..200 {
            let [a, b, c] = free_ports().unwrap();
            assert!(a != b && b != c && a != c, "{a} {b} {c}");
        }
    }
}
