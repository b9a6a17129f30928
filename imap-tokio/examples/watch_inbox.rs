//! Lists the messages of INBOX (imaplib's own example), then watches it
//! with IDLE and prints what the server reports, until Ctrl-C... or ten
//! minutes.
//!
//! ```text
//! cargo run -p imap-tokio --example watch_inbox -- imap.example.org joe
//! ```
//! The password is read from the `IMAP_PASSWORD` environment variable.

use std::time::Duration;

use imap_tokio::proto::response::FetchAttr;
use imap_tokio::{Error, Session, TlsOptions, IMAPS_PORT};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(host), Some(user)) = (args.next(), args.next()) else {
        eprintln!("usage: watch_inbox HOST USER (password in IMAP_PASSWORD)");
        std::process::exit(2);
    };
    let password = std::env::var("IMAP_PASSWORD").unwrap_or_default();

    let mut m = Session::connect_tls(&host, IMAPS_PORT, TlsOptions::new()).await?;
    m.login(&user, &password).await?;
    m.select("INBOX", true).await?;
    for fetch in m
        .fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        .await?
    {
        let subject = fetch.attrs.iter().find_map(|a| match a {
            FetchAttr::BodySection { data, .. } => data.clone(),
            _ => None,
        });
        let subject = subject.unwrap_or_default();
        println!(
            "{}: {}",
            fetch.seq,
            String::from_utf8_lossy(&subject).trim()
        );
    }

    let mut idle = m.idle(Some(Duration::from_secs(600))).await?;
    loop {
        tokio::select! {
            event = idle.next() => match event {
                Some(event) => println!("server: {:?}", event?),
                None => break,
            },
            _ = tokio::signal::ctrl_c() => break,
        }
    }
    idle.done().await?;
    match m.logout().await {
        Ok(_) | Err(Error::Closed) => Ok(()),
        Err(e) => Err(e.into()),
    }
}
