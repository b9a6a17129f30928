//! Starts a local Dovecot with sample mail for the README's first command
//! (`scripts/demo.sh`), prints how to reach it, and runs until killed or
//! until its standard input closes.
//!
//! Usage: `demo-server [MESSAGES] [--env FILE]`. With `--env FILE` the
//! connection details are also written to FILE as shell assignments
//! (`IMAP_HOST=...`), once the server is ready.
#![forbid(unsafe_code)]

use std::io::Read;

use imap_tests::{Dovecot, ALICE};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut count = 200usize;
    let mut env_file = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--env" => env_file = Some(args.next().ok_or("--env needs a file")?),
            n => count = n.parse().map_err(|_| format!("not a message count: {n}"))?,
        }
    }
    let server = Dovecot::start()?;
    server.fill(ALICE, "INBOX", 1, count)?;
    let details = format!(
        "IMAP_HOST={host}\nIMAP_PORT={plain}\nIMAP_TLS_PORT={tls}\nIMAP_USER={user}\n\
         IMAP_PASSWORD={password}\nIMAP_CA={ca}\n",
        host = server.host(),
        plain = server.plain_port(),
        tls = server.tls_port(),
        user = ALICE.name,
        password = ALICE.password,
        ca = server.ca_path().display(),
    );
    println!(
        "Dovecot is running with {count} sample messages in INBOX of {}:",
        ALICE.name
    );
    print!("{details}");
    println!("(stop it with Ctrl-C or by closing standard input)");
    if let Some(path) = env_file {
        std::fs::write(path, &details)?;
    }
    // Runs until stdin closes (or the process is killed: Dovecot's own
    // processes then exit when their master goes away).
    let mut sink = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut sink);
    drop(server);
    Ok(())
}
