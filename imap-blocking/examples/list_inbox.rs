//! imaplib's own example: log in, select INBOX, search ALL, fetch and print
//! every message.
//!
//! ```text
//! IMAP_PASSWORD=secret cargo run -p imap-blocking --example list_inbox -- \
//!     [--tls|--starttls|--plain] [--ca CA.pem] HOST [PORT] USER
//! ```
//!
//! HOST, USER and the password also come from `IMAP_HOST`, `IMAP_USER`
//! and `IMAP_PASSWORD`. `--tls` (port 993) is the default; `--plain`
//! (port 143) sends the password in the clear and is only allowed with
//! `--allow-plaintext-login`.

use imap_blocking::{Options, Session, TlsOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut mode = "--tls".to_owned();
    let mut ca = None;
    let mut plaintext_login = false;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--tls" | "--starttls" | "--plain" => mode = arg,
            "--ca" => ca = args.next(),
            "--allow-plaintext-login" => plaintext_login = true,
            _ => positional.push(arg),
        }
    }
    let env = |name: &str| std::env::var(name).ok();
    let host = positional
        .first()
        .cloned()
        .or_else(|| env("IMAP_HOST"))
        .ok_or("no host")?;
    let port: Option<u16> = positional.get(1).and_then(|p| p.parse().ok());
    let user = positional.last().filter(|_| positional.len() > 1).cloned();
    let user = user.or_else(|| env("IMAP_USER")).ok_or("no user")?;
    let password = env("IMAP_PASSWORD").ok_or("set IMAP_PASSWORD")?;

    let mut tls = TlsOptions::new();
    if let Some(ca) = ca {
        tls = tls.add_root_pem_file(ca);
    }
    let mut options = Options::default();
    options.client.allow_plaintext_auth = plaintext_login;
    let mut m = match mode.as_str() {
        "--plain" => Session::connect_with(&host, port.unwrap_or(143), options)?,
        "--starttls" => Session::connect_starttls_with(&host, port.unwrap_or(143), tls, options)?,
        _ => Session::connect_tls_with(&host, port.unwrap_or(993), tls, options)?,
    };

    m.login(&user, &password)?;
    m.select("INBOX", false)?;
    for num in m.search(None, "ALL")? {
        for message in m.fetch(num.to_string().as_str(), "(RFC822)")? {
            let body = message.attrs.iter().find_map(|a| match a {
                imap_blocking::proto::response::FetchAttr::Rfc822(Some(b)) => Some(b.clone()),
                _ => None,
            });
            let body = body.unwrap_or_default();
            println!("Message {num}\n{}\n", String::from_utf8_lossy(&body));
        }
    }
    m.close()?;
    m.logout()?;
    Ok(())
}
