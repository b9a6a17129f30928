//! Issue 3 item 4, last bullet: passwords and tokens never appear in
//! Debug, Display, errors or events, whatever carries them.

mod client_support;

use client_support::Conn;
use imap_proto::client::Sasl;
use imap_proto::command::{Command, EncodeContext, Secret};

const SECRET: &str = "hunter2-SECRET";

fn clean(shown: &str) {
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
}

#[test]
fn commands_and_mechanisms_hide_their_secrets() {
    clean(&format!("{:?}", Command::login("joe", SECRET)));
    clean(&format!(
        "{:?}",
        Command::authenticate("PLAIN", Some(Secret::new(SECRET)))
    ));
    for sasl in [
        Sasl::plain("joe", SECRET),
        Sasl::login("joe", SECRET),
        Sasl::cram_md5("joe", SECRET),
        Sasl::xoauth2("joe", SECRET),
        Sasl::oauthbearer("joe", SECRET),
        Sasl::scram_sha256("joe", SECRET),
    ] {
        clean(&format!("{sasl:?}"));
    }
    clean(&format!("{:?}", Secret::new(SECRET)));
    // An encoding error names the argument, never the value.
    let bad = format!("{SECRET}\0");
    let e = Command::login("joe", &bad)
        .encode(b"A1", &EncodeContext::default())
        .unwrap_err();
    clean(&format!("{e} {e:?}"));
    let e = Command::authenticate("BAD MECH", Some(Secret::new(SECRET)))
        .encode(b"A1", &EncodeContext::default())
        .unwrap_err();
    clean(&format!("{e} {e:?}"));
}

#[test]
fn the_client_hides_secrets_while_they_are_in_flight() {
    // LOGIN sent, answer pending; then every mechanism mid-exchange.
    let mut c = Conn::greeted("IMAP4rev1");
    c.client.enqueue(Command::login("joe", SECRET)).unwrap();
    clean(&format!("{:?}", c.client));
    let tag = c.sent_tag(" LOGIN ");
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1] in\r\n"));
    clean(&format!("{:?} {:?}", c.take_events(), c.client));

    let mechanisms: [fn() -> Sasl; 6] = [
        || Sasl::plain("joe", SECRET),
        || Sasl::login("joe", SECRET),
        || Sasl::cram_md5("joe", SECRET),
        || Sasl::xoauth2("joe", SECRET),
        || Sasl::oauthbearer("joe", SECRET),
        || Sasl::scram_sha256("joe", SECRET),
    ];
    for make in mechanisms {
        let mut c = Conn::greeted(
            "IMAP4rev1 AUTH=PLAIN AUTH=LOGIN AUTH=CRAM-MD5 AUTH=XOAUTH2 \
             AUTH=OAUTHBEARER AUTH=SCRAM-SHA-256",
        );
        c.client.authenticate(make()).unwrap();
        clean(&format!("{:?}", c.client));
        let tag = c.sent_tag(" AUTHENTICATE ");
        c.server("+ PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UuZXhhbXBsZS5uZXQ+\r\n");
        c.drain();
        clean(&format!("{:?}", c.client));
        c.server("+ \r\n");
        c.server(&format!("{tag} NO [AUTHENTICATIONFAILED] no\r\n"));
        clean(&format!("{:?} {:?}", c.take_events(), c.client));
    }
}
