//! Issue 3 item 4, authentication: one scripted conversation per bullet.

mod client_support;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine as _;
use bytes::Bytes;
use client_support::{completion_in, options, Conn};
use hmac::{Hmac, Mac};
use imap_proto::client::{CommandError, Event, ProtocolError, Sasl, SessionState, UsageError};
use imap_proto::command::{Command, Secret};
use sha2::{Digest, Sha256};

fn b64(s: &[u8]) -> String {
    B64.encode(s)
}

#[test]
fn generic_authenticate_surfaces_challenges_and_sends_responses() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=X-TOKEN");
    let h = c.client.authenticate(Sasl::custom("X-TOKEN")).unwrap();
    let tag = c.sent_tag(" AUTHENTICATE X-TOKEN\r\n");
    c.server(&format!("+ {}\r\n", b64(b"who are you?")));
    assert_eq!(
        c.take_events(),
        vec![Event::AuthChallenge {
            handle: h,
            data: Bytes::from_static(b"who are you?")
        }]
    );
    // The core does the base64 both ways.
    c.client
        .auth_respond(h, Some(b"me\0and my token".to_vec()))
        .unwrap();
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"me\0and my token")));
    assert_eq!(
        c.client.auth_respond(h, None),
        Err(UsageError::NotAuthenticating)
    );
    c.server(&format!("{tag} OK welcome\r\n"));
    assert_eq!(c.client.state(), SessionState::Authenticated);
    // The completion waits for the capabilities, asked again after authentication.
    assert!(c.take_events().is_empty());
    let cap = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!("* CAPABILITY IMAP4rev1 IDLE\r\n{cap} OK done\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());
    assert!(c.client.has_capability("IDLE"));
}

#[test]
fn star_aborts_the_exchange() {
    let mut c = Conn::greeted("IMAP4rev1");
    // An AUTHENTICATE command given to enqueue goes the same way.
    let h = c
        .client
        .enqueue(Command::authenticate("GSSAPI", None))
        .unwrap();
    let tag = c.sent_tag(" AUTHENTICATE GSSAPI\r\n");
    c.server("+ \r\n");
    assert!(matches!(&c.take_events()[..], [Event::AuthChallenge { data, .. }] if data.is_empty()));
    c.client.auth_respond(h, None).unwrap();
    assert_eq!(c.take_sent(), "*\r\n");
    c.server(&format!("{tag} BAD authentication cancelled\r\n"));
    let err = completion_in(&c.take_events(), h).unwrap_err();
    assert!(matches!(err, CommandError::Bad(_)));
    assert_eq!(c.client.state(), SessionState::NotAuthenticated);
}

#[test]
fn plain_uses_sasl_ir_when_advertised() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=PLAIN SASL-IR");
    let h = c.client.authenticate(Sasl::plain("joe", "pw")).unwrap();
    let tag = c.sent_tag(&format!(" AUTHENTICATE PLAIN {}\r\n", b64(b"\0joe\0pw")));
    c.server(&format!("{tag} OK in\r\n"));
    // Capabilities forgotten and asked again after authentication; the
    // completion is held until they are known.
    assert!(c.take_events().is_empty());
    assert!(c.client.capabilities().is_empty());
    let cap = c.sent_tag(" CAPABILITY\r\n");
    c.server(&format!("* CAPABILITY IMAP4rev1 IDLE\r\n{cap} OK done\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());
    assert!(c.client.has_capability("IDLE"));
}

#[test]
fn starttls_is_refused_unsent_when_not_advertised() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=PLAIN");
    let h = c.client.enqueue(Command::StartTls).unwrap();
    assert_eq!(c.take_sent(), "");
    let err = completion_in(&c.take_events(), h).unwrap_err();
    assert!(
        matches!(
            err,
            CommandError::Refused(UsageError::NotAdvertised {
                capability: "STARTTLS",
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn plain_without_sasl_ir_waits_for_the_empty_challenge() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=PLAIN");
    let h = c.client.authenticate(Sasl::plain("joe", "pw")).unwrap();
    let tag = c.sent_tag(" AUTHENTICATE PLAIN\r\n");
    c.server("+ \r\n");
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"\0joe\0pw")));
    c.server(&format!("{tag} NO [AUTHENTICATIONFAILED] bad password\r\n"));
    let err = completion_in(&c.take_events(), h).unwrap_err();
    assert_eq!(err.kind(), "error");
    assert_eq!(c.client.state(), SessionState::NotAuthenticated);
}

#[test]
fn login_mechanism_answers_user_then_password() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=LOGIN SASL-IR");
    let h = c.client.authenticate(Sasl::login("joe", "pw")).unwrap();
    let tag = c.sent_tag(" AUTHENTICATE LOGIN\r\n");
    c.server(&format!("+ {}\r\n", b64(b"Username:")));
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"joe")));
    c.server(&format!("+ {}\r\n", b64(b"Password:")));
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"pw")));
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1] in\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());
}

#[test]
fn cram_md5_as_login_cram_md5() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=CRAM-MD5");
    let h = c.client.login_cram_md5("tim", "tanstaaftanstaaf").unwrap();
    let tag = c.sent_tag(" AUTHENTICATE CRAM-MD5\r\n");
    // RFC 2195's example.
    c.server(&format!(
        "+ {}\r\n",
        b64(b"<1896.697170952@postoffice.reston.mci.net>")
    ));
    assert_eq!(
        c.take_sent(),
        format!("{}\r\n", b64(b"tim b913a602c7eda7a495b4e6e7334d3890"))
    );
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1] in\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());
}

#[test]
fn xoauth2_answers_an_error_challenge_with_an_empty_response() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=XOAUTH2 SASL-IR");
    let h = c
        .client
        .authenticate(Sasl::xoauth2("a@b.c", "ya29.token"))
        .unwrap();
    let tag = c.sent_tag(&format!(
        " AUTHENTICATE XOAUTH2 {}\r\n",
        b64(b"user=a@b.c\x01auth=Bearer ya29.token\x01\x01")
    ));
    c.server(&format!(
        "+ {}\r\n",
        b64(br#"{"status":"401","schemes":"bearer"}"#)
    ));
    assert_eq!(c.take_sent(), "\r\n");
    c.server(&format!("{tag} NO SASL authentication failed\r\n"));
    assert!(matches!(
        completion_in(&c.take_events(), h),
        Err(CommandError::No(_))
    ));
}

#[test]
fn oauthbearer_sends_the_gs2_header_and_kvsep_on_error() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=OAUTHBEARER");
    let h = c
        .client
        .authenticate(Sasl::oauthbearer("a@b.c", "tok"))
        .unwrap();
    let tag = c.sent_tag(" AUTHENTICATE OAUTHBEARER\r\n");
    c.server("+ \r\n");
    assert_eq!(
        c.take_sent(),
        format!("{}\r\n", b64(b"n,a=a@b.c,\x01auth=Bearer tok\x01\x01"))
    );
    c.server(&format!("+ {}\r\n", b64(br#"{"status":"invalid_token"}"#)));
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"\x01")));
    c.server(&format!("{tag} NO denied\r\n"));
    assert!(completion_in(&c.take_events(), h).is_err());
}

/// A SCRAM-SHA-256 server: salt, iterations, the stored password.
struct ScramServer {
    password: &'static [u8],
    salt: &'static [u8],
    iterations: u32,
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(data);
    m.finalize().into_bytes().to_vec()
}

impl ScramServer {
    fn salted(&self) -> Vec<u8> {
        let mut u = hmac(self.password, &[self.salt, &1u32.to_be_bytes()].concat());
        let mut out = u.clone();
        for _ in 1..self.iterations {
            u = hmac(self.password, &u);
            out.iter_mut().zip(&u).for_each(|(o, x)| *o ^= x);
        }
        out
    }

    /// Given client-first, returns (server-first, auth message prefix).
    fn first(&self, client_first: &str) -> (String, String) {
        let bare = client_first.strip_prefix("n,,").unwrap();
        let nonce = bare.split(",r=").nth(1).unwrap();
        let server_first = format!("r={nonce}SRV,s={},i={}", b64(self.salt), self.iterations);
        (server_first.clone(), format!("{bare},{server_first}"))
    }

    /// Checks client-final, returns server-final (`v=...`).
    fn last(&self, prefix: &str, client_final: &str) -> String {
        let (without_proof, proof) = client_final.rsplit_once(",p=").unwrap();
        let auth_message = format!("{prefix},{without_proof}");
        let salted = self.salted();
        let client_key = hmac(&salted, b"Client Key");
        let stored = Sha256::digest(&client_key);
        let signature = hmac(&stored, auth_message.as_bytes());
        let expected: Vec<u8> = client_key
            .iter()
            .zip(&signature)
            .map(|(a, b)| a ^ b)
            .collect();
        assert_eq!(B64.decode(proof).unwrap(), expected, "client proof");
        let server_key = hmac(&salted, b"Server Key");
        format!("v={}", b64(&hmac(&server_key, auth_message.as_bytes())))
    }
}

fn decode_line(sent: &str) -> String {
    String::from_utf8(B64.decode(sent.trim_end()).unwrap()).unwrap()
}

/// Starts SCRAM and returns (conn, handle, tag, auth message prefix, server).
fn scram_start(
    server: ScramServer,
    server_first_override: Option<&str>,
) -> (
    Conn,
    imap_proto::client::CommandHandle,
    String,
    String,
    ScramServer,
) {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=SCRAM-SHA-256 SASL-IR");
    let h = c
        .client
        .authenticate(Sasl::scram_sha256("user", "pencil"))
        .unwrap();
    let sent = c.take_sent();
    let mut words = sent.trim_end().split(' ');
    let tag = words.next().unwrap().to_string();
    assert_eq!(words.next(), Some("AUTHENTICATE"));
    assert_eq!(words.next(), Some("SCRAM-SHA-256"));
    let client_first = decode_line(words.next().unwrap());
    assert!(client_first.starts_with("n,,n=user,r="), "{client_first}");
    let (server_first, prefix) = server.first(&client_first);
    let server_first = server_first_override
        .map(str::to_string)
        .unwrap_or(server_first);
    c.server(&format!("+ {}\r\n", b64(server_first.as_bytes())));
    (c, h, tag, prefix, server)
}

#[test]
fn scram_sha256_checks_nonce_and_server_signature() {
    let server = ScramServer {
        password: b"pencil",
        salt: b"saltsalt",
        iterations: 4096,
    };
    let (mut c, h, tag, prefix, server) = scram_start(server, None);
    let client_final = decode_line(&c.take_sent());
    assert!(client_final.starts_with("c=biws,r="));
    let server_final = server.last(&prefix, &client_final);
    c.server(&format!("+ {}\r\n", b64(server_final.as_bytes())));
    assert_eq!(c.take_sent(), "\r\n");
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1] in\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());
    assert_eq!(c.client.state(), SessionState::Authenticated);

    // Two connections with different seeds use different nonces.
    let nonce = |seed: u8| {
        let mut o = options();
        o.random_seed = [seed; 32];
        let mut c = Conn::with(o);
        c.server("* OK [CAPABILITY IMAP4rev1 SASL-IR] hi\r\n");
        c.client.authenticate(Sasl::scram_sha256("u", "p")).unwrap();
        c.take_sent()
    };
    assert_ne!(nonce(1), nonce(2));
}

#[test]
fn scram_wrong_server_signature_is_fatal() {
    let server = ScramServer {
        password: b"not pencil",
        salt: b"salt",
        iterations: 4096,
    };
    let (mut c, h, _tag, prefix, _) = scram_start(server, None);
    let client_final = decode_line(&c.take_sent());
    // A server that does not know the password cannot sign: compute a
    // signature with the wrong password (without checking the proof).
    let wrong = ScramServer {
        password: b"not pencil",
        salt: b"salt",
        iterations: 4096,
    };
    let auth_message = format!("{prefix},{}", client_final.rsplit_once(",p=").unwrap().0);
    let server_key = hmac(
        &hmac(&wrong.salted(), b"Server Key"),
        auth_message.as_bytes(),
    );
    c.server(&format!(
        "+ {}\r\n",
        b64(format!("v={}", b64(&server_key)).as_bytes())
    ));
    let events = c.take_events();
    assert!(matches!(
        completion_in(&events, h),
        Err(CommandError::Abort(ProtocolError::Sasl(_)))
    ));
    assert_ne!(c.client.state(), SessionState::Authenticated);
}

#[test]
fn scram_ok_without_server_signature_is_fatal() {
    let server = ScramServer {
        password: b"pencil",
        salt: b"salt",
        iterations: 4096,
    };
    let (mut c, h, tag, _, _) = scram_start(server, None);
    c.take_sent();
    c.server(&format!("{tag} OK trust me\r\n"));
    let events = c.take_events();
    assert!(matches!(
        completion_in(&events, h),
        Err(CommandError::Abort(ProtocolError::Sasl(_)))
    ));
    assert!(c.client.is_closed());
}

#[test]
fn scram_nonce_must_extend_ours_and_iterations_are_capped() {
    let server = ScramServer {
        password: b"pencil",
        salt: b"salt",
        iterations: 4096,
    };
    let (mut c, h, _, _, _) = scram_start(server, Some("r=attackernonce,s=c2FsdA==,i=4096"));
    assert!(matches!(
        completion_in(&c.take_events(), h),
        Err(CommandError::Abort(ProtocolError::Sasl(_)))
    ));
    assert_eq!(c.take_sent(), "", "no proof was sent");

    let server = ScramServer {
        password: b"pencil",
        salt: b"salt",
        iterations: 4096,
    };
    let mut c = Conn::greeted("IMAP4rev1 SASL-IR");
    let h = c
        .client
        .authenticate(Sasl::scram_sha256("user", "pencil"))
        .unwrap();
    let sent = c.take_sent();
    let client_first = decode_line(sent.trim_end().rsplit(' ').next().unwrap());
    let (server_first, _) = server.first(&client_first);
    let greedy = server_first.replace("i=4096", "i=4000000000");
    c.server(&format!("+ {}\r\n", b64(greedy.as_bytes())));
    assert_eq!(
        completion_in(&c.take_events(), h),
        Err(CommandError::Abort(ProtocolError::Sasl(
            "SCRAM iteration count over ClientOptions::scram_max_iterations"
        )))
    );
}

#[test]
fn plaintext_mechanisms_are_refused_under_logindisabled() {
    let mut c = Conn::greeted("IMAP4rev1 LOGINDISABLED AUTH=PLAIN AUTH=SCRAM-SHA-256");
    for sasl in [
        Sasl::plain("a", "b"),
        Sasl::login("a", "b"),
        Sasl::xoauth2("a", "b"),
        Sasl::custom("PLAIN"),
    ] {
        assert!(matches!(
            c.client.authenticate(sasl),
            Err(UsageError::LoginDisabled { .. })
        ));
    }
    assert!(c.client.authenticate(Sasl::scram_sha256("a", "b")).is_ok());
    assert!(matches!(
        c.client.authenticate(Sasl::custom("BAD NAME")),
        Err(UsageError::Busy { .. })
    ));
    let mut c = Conn::greeted("IMAP4rev1");
    assert_eq!(
        c.client.authenticate(Sasl::custom("BAD NAME")),
        Err(UsageError::InvalidMechanism)
    );
}

#[test]
fn passwords_and_tokens_never_appear_in_debug_display_or_errors() {
    let secret = "hunter2-SECRET";
    let mut o = options();
    o.transport_encrypted = false;
    let mut c = Conn::with(o);
    c.server("* OK [CAPABILITY IMAP4rev1 LOGINDISABLED] hi\r\n");
    let refused = c.client.enqueue(Command::login("joe", secret)).unwrap_err();
    let nul = c
        .client
        .enqueue(Command::login("joe", "a\0b-SECRET"))
        .unwrap_err();
    let shown = format!("{refused} {refused:?} {nul} {nul:?}");
    assert!(!shown.contains("SECRET"), "{shown}");

    let mut c = Conn::new(); // queued before the greeting: bytes kept inside
    c.client.enqueue(Command::login("joe", secret)).unwrap();
    c.client
        .authenticate(Sasl::plain("joe", secret))
        .unwrap_err(); // busy: LOGIN runs alone
    let sasl = Sasl::scram_sha256("joe", Secret::new(secret));
    let shown = format!(
        "{:?} {:?} {:?}",
        c.client,
        sasl,
        Sasl::xoauth2("joe", secret)
    );
    assert!(!shown.contains("SECRET"), "{shown}");

    // The events of a failed login do not carry it either.
    let mut c = Conn::greeted("IMAP4rev1");
    let h = c.client.enqueue(Command::login("joe", secret)).unwrap();
    let tag = c.sent_tag(" LOGIN ");
    c.server(&format!("{tag} NO [AUTHENTICATIONFAILED] invalid\r\n"));
    let events = c.take_events();
    let err = completion_in(&events, h).unwrap_err();
    assert!(!format!("{events:?} {err}").contains("SECRET"));
}

#[test]
fn custom_initial_response_waits_for_the_empty_challenge_without_sasl_ir() {
    let mut c = Conn::greeted("IMAP4rev1 AUTH=EXTERNAL");
    let h = c
        .client
        .enqueue(Command::authenticate("EXTERNAL", Some(Secret::new("joe"))))
        .unwrap();
    let tag = c.sent_tag(" AUTHENTICATE EXTERNAL\r\n");
    c.server("+ \r\n");
    assert_eq!(c.take_sent(), format!("{}\r\n", b64(b"joe")));
    assert!(c.take_events().is_empty());
    let other = c.client.enqueue(Command::noop());
    assert!(matches!(
        other,
        Err(UsageError::Busy {
            running: "AUTHENTICATE",
            ..
        })
    ));
    assert_eq!(
        c.client.auth_respond(h, Some(vec![])),
        Err(UsageError::NotAuthenticating)
    );
    c.server(&format!("{tag} OK [CAPABILITY IMAP4rev1] in\r\n"));
    assert!(completion_in(&c.take_events(), h).is_ok());

    // With SASL-IR it goes with the command; an empty one is `=`.
    let mut c = Conn::greeted("IMAP4rev1 SASL-IR");
    c.client
        .enqueue(Command::authenticate("EXTERNAL", Some(Secret::new(""))))
        .unwrap();
    c.sent_tag(" AUTHENTICATE EXTERNAL =\r\n");
}
