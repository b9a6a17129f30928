//! SASL authentication (RFC 3501 AUTHENTICATE, RFC 4959 SASL-IR): the
//! built-in mechanisms and imaplib's generic `authenticate(mechanism,
//! callback)`.
//!
//! The core does the base64 both ways. A built-in mechanism answers the
//! server's challenges by itself; [`Sasl::Custom`] surfaces every challenge
//! as [`Event::AuthChallenge`](super::Event::AuthChallenge), answered with
//! [`Client::auth_respond`](super::Client::auth_respond) (`None` sends `*`,
//! the client's abort).

mod scram;
mod simple;

use bytes::Bytes;

use super::ProtocolError;
use crate::command::Secret;

pub(crate) use scram::Scram;

/// A SASL mechanism with its credentials, for
/// [`Client::authenticate`](super::Client::authenticate).
///
/// Passwords and tokens are [`Secret`]s: `Debug` never shows them.
///
/// ```
/// use imap_proto::client::Sasl;
/// let sasl = Sasl::scram_sha256("joe", "hunter2");
/// assert!(!format!("{sasl:?}").contains("hunter2"));
/// assert_eq!(sasl.mechanism(), "SCRAM-SHA-256");
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Sasl {
    /// `PLAIN` (RFC 4616): the password in the clear.
    Plain {
        /// Identity to act as, if not the user's own.
        authzid: Option<String>,
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// `LOGIN` (draft-murchison-sasl-login): user name, then password, in the clear.
    Login {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// `CRAM-MD5` (RFC 2195), imaplib's `login_cram_md5`.
    CramMd5 {
        /// User name.
        username: String,
        /// Password (never sent).
        password: Secret,
    },
    /// `XOAUTH2` (Google, Microsoft): an OAuth 2.0 bearer token.
    XOAuth2 {
        /// User name (e-mail address).
        username: String,
        /// Access token.
        token: Secret,
    },
    /// `OAUTHBEARER` (RFC 7628): an OAuth 2.0 bearer token.
    OAuthBearer {
        /// User name (e-mail address), sent as the authorization identity.
        username: String,
        /// Server host name, if the server wants it.
        host: Option<String>,
        /// Server port, if the server wants it.
        port: Option<u16>,
        /// Access token.
        token: Secret,
    },
    /// `SCRAM-SHA-256` (RFC 7677): the password is never sent; the server
    /// proves it knows it too. The iteration count is capped by
    /// [`ClientOptions::scram_max_iterations`](super::ClientOptions::scram_max_iterations).
    ScramSha256 {
        /// Identity to act as, if not the user's own.
        authzid: Option<String>,
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// Any mechanism, done by the caller: imaplib's `authenticate(mechanism,
    /// authobject)`. Each challenge comes out as
    /// [`Event::AuthChallenge`](super::Event::AuthChallenge).
    Custom {
        /// Mechanism name, e.g. `EXTERNAL`.
        mechanism: String,
        /// First response, sent with the command under SASL-IR, otherwise
        /// after the server's first (empty) challenge.
        initial_response: Option<Secret>,
    },
}

impl Sasl {
    /// `PLAIN` with the user's own identity.
    pub fn plain(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Sasl::Plain {
            authzid: None,
            username: username.into(),
            password: password.into(),
        }
    }

    /// `LOGIN`.
    pub fn login(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Sasl::Login {
            username: username.into(),
            password: password.into(),
        }
    }

    /// `CRAM-MD5`.
    pub fn cram_md5(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Sasl::CramMd5 {
            username: username.into(),
            password: password.into(),
        }
    }

    /// `XOAUTH2`.
    pub fn xoauth2(username: impl Into<String>, token: impl Into<Secret>) -> Self {
        Sasl::XOAuth2 {
            username: username.into(),
            token: token.into(),
        }
    }

    /// `OAUTHBEARER` without host and port.
    pub fn oauthbearer(username: impl Into<String>, token: impl Into<Secret>) -> Self {
        Sasl::OAuthBearer {
            username: username.into(),
            host: None,
            port: None,
            token: token.into(),
        }
    }

    /// `SCRAM-SHA-256` with the user's own identity.
    pub fn scram_sha256(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Sasl::ScramSha256 {
            authzid: None,
            username: username.into(),
            password: password.into(),
        }
    }

    /// A mechanism the caller carries out through events.
    pub fn custom(mechanism: impl Into<String>) -> Self {
        Sasl::Custom {
            mechanism: mechanism.into(),
            initial_response: None,
        }
    }

    /// The mechanism's name as sent.
    pub fn mechanism(&self) -> &str {
        match self {
            Sasl::Plain { .. } => "PLAIN",
            Sasl::Login { .. } => "LOGIN",
            Sasl::CramMd5 { .. } => "CRAM-MD5",
            Sasl::XOAuth2 { .. } => "XOAUTH2",
            Sasl::OAuthBearer { .. } => "OAUTHBEARER",
            Sasl::ScramSha256 { .. } => "SCRAM-SHA-256",
            Sasl::Custom { mechanism, .. } => mechanism,
        }
    }

    /// True for mechanisms whose messages carry the password or token
    /// readable by anyone on the path: refused under `LOGINDISABLED` and on
    /// an unencrypted transport.
    pub fn is_plaintext(&self) -> bool {
        is_plaintext_mechanism(self.mechanism())
    }
}

/// PLAIN, LOGIN, XOAUTH2 and OAUTHBEARER put the credentials on the wire.
pub(crate) fn is_plaintext_mechanism(name: &str) -> bool {
    ["PLAIN", "LOGIN", "XOAUTH2", "OAUTHBEARER"]
        .iter()
        .any(|m| m.eq_ignore_ascii_case(name))
}

/// A SASL mechanism name (RFC 4422): 1 to 20 of `A-Z 0-9 - _`.
pub(crate) fn valid_mechanism_name(name: &str) -> bool {
    (1..=20).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// What the client does with one server challenge.
#[derive(Debug)]
pub(crate) enum Step {
    /// Send these bytes (base64-encoded by the caller).
    Respond(Secret),
    /// Hand the challenge to the caller as an event.
    AskCaller(Bytes),
}

/// The client side of one running SASL exchange.
#[derive(Debug)]
pub(crate) enum Exchange {
    /// PLAIN, XOAUTH2, OAUTHBEARER: one message, then an empty (or `\x01`)
    /// answer to an error challenge.
    OneShot(simple::OneShot),
    /// LOGIN: user name, then password.
    Login(simple::LoginMech),
    /// CRAM-MD5.
    CramMd5(simple::CramMd5),
    /// SCRAM-SHA-256.
    Scram(Box<Scram>),
    /// Caller-driven.
    Custom {
        /// The first response, until sent.
        initial: Option<Secret>,
    },
}

impl Exchange {
    /// Starts the exchange for `sasl`; `nonce` is the SCRAM client nonce.
    pub(crate) fn start(sasl: Sasl, nonce: String, max_iterations: u32) -> Exchange {
        match sasl {
            Sasl::Plain {
                authzid,
                username,
                password,
            } => Exchange::OneShot(simple::OneShot::plain(
                authzid.as_deref(),
                &username,
                &password,
            )),
            Sasl::Login { username, password } => {
                Exchange::Login(simple::LoginMech::new(username, password))
            }
            Sasl::CramMd5 { username, password } => {
                Exchange::CramMd5(simple::CramMd5::new(username, password))
            }
            Sasl::XOAuth2 { username, token } => {
                Exchange::OneShot(simple::OneShot::xoauth2(&username, &token))
            }
            Sasl::OAuthBearer {
                username,
                host,
                port,
                token,
            } => Exchange::OneShot(simple::OneShot::oauthbearer(
                &username,
                host.as_deref(),
                port,
                &token,
            )),
            Sasl::ScramSha256 {
                authzid,
                username,
                password,
            } => Exchange::Scram(Box::new(Scram::new(
                authzid.as_deref(),
                &username,
                password,
                nonce,
                max_iterations,
            ))),
            Sasl::Custom {
                initial_response, ..
            } => Exchange::Custom {
                initial: initial_response,
            },
        }
    }

    /// The initial response to send with the command (SASL-IR), if the
    /// mechanism has one. Once taken, it is not sent again.
    pub(crate) fn initial_response(&mut self) -> Option<Secret> {
        match self {
            Exchange::OneShot(m) => m.initial_response(),
            Exchange::Scram(m) => Some(m.client_first()),
            Exchange::Custom { initial } => initial.take(),
            Exchange::Login(_) | Exchange::CramMd5(_) => None,
        }
    }

    /// Answers one (base64-decoded) server challenge.
    pub(crate) fn step(&mut self, challenge: &[u8]) -> Result<Step, ProtocolError> {
        match self {
            Exchange::OneShot(m) => Ok(Step::Respond(m.step())),
            Exchange::Login(m) => Ok(Step::Respond(m.step())),
            Exchange::CramMd5(m) => Ok(Step::Respond(m.step(challenge))),
            Exchange::Scram(m) => m.step(challenge).map(Step::Respond),
            Exchange::Custom { initial } => match initial.take() {
                // The server asked for the initial response (no SASL-IR).
                Some(first) if challenge.is_empty() => Ok(Step::Respond(first)),
                _ => Ok(Step::AskCaller(Bytes::copy_from_slice(challenge))),
            },
        }
    }

    /// Checks, at the tagged OK, that the server proved itself (SCRAM).
    pub(crate) fn finish(&self) -> Result<(), ProtocolError> {
        match self {
            Exchange::Scram(m) if !m.server_verified() => Err(ProtocolError::Sasl(
                "server accepted SCRAM without proving it knows the password",
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plaintext_mechanisms() {
        assert!(Sasl::plain("a", "b").is_plaintext());
        assert!(Sasl::custom("login").is_plaintext());
        assert!(!Sasl::cram_md5("a", "b").is_plaintext());
        assert!(!Sasl::scram_sha256("a", "b").is_plaintext());
        assert!(valid_mechanism_name("SCRAM-SHA-256") && valid_mechanism_name("X_1"));
        assert!(
            !valid_mechanism_name("PLAIN X")
                && !valid_mechanism_name("")
                && !valid_mechanism_name("A\r\n")
        );
    }

    #[test]
    fn debug_never_shows_secrets() {
        for sasl in [
            Sasl::plain("joe", "pw-SECRET"),
            Sasl::login("joe", "pw-SECRET"),
            Sasl::cram_md5("joe", "pw-SECRET"),
            Sasl::xoauth2("joe", "pw-SECRET"),
            Sasl::oauthbearer("joe", "pw-SECRET"),
            Sasl::scram_sha256("joe", "pw-SECRET"),
            Sasl::Custom {
                mechanism: "X".into(),
                initial_response: Some("pw-SECRET".into()),
            },
        ] {
            let shown = format!("{sasl:?}");
            assert!(!shown.contains("SECRET"), "{shown}");
            let exchange = Exchange::start(sasl, "nonce".into(), 4096);
            let shown = format!("{exchange:?}");
            assert!(!shown.contains("SECRET"), "{shown}");
        }
    }

    #[test]
    fn custom_gives_initial_response_on_empty_challenge_then_asks() {
        let mut ex = Exchange::start(
            Sasl::Custom {
                mechanism: "EXTERNAL".into(),
                initial_response: Some("".into()),
            },
            String::new(),
            1,
        );
        assert!(matches!(ex.step(b""), Ok(Step::Respond(s)) if s.expose().is_empty()));
        assert!(matches!(ex.step(b"more?"), Ok(Step::AskCaller(c)) if c == "more?"));
    }
}
