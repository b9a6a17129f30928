//! The one- and two-message mechanisms: PLAIN (RFC 4616), LOGIN, CRAM-MD5
//! (RFC 2195), XOAUTH2 and OAUTHBEARER (RFC 7628).

use hmac::{Hmac, Mac};
use md5::Md5;

use crate::command::Secret;

/// A mechanism that sends one message; any further challenge is an error
/// report from the server, answered with `failure_reply` so that the server
/// ends the exchange with NO.
#[derive(Debug)]
pub(crate) struct OneShot {
    message: Option<Secret>,
    failure_reply: &'static [u8],
}

impl OneShot {
    /// PLAIN: `authzid NUL authcid NUL passwd`.
    pub(crate) fn plain(authzid: Option<&str>, username: &str, password: &Secret) -> Self {
        let mut m = Vec::new();
        m.extend_from_slice(authzid.unwrap_or("").as_bytes());
        m.push(0);
        m.extend_from_slice(username.as_bytes());
        m.push(0);
        m.extend_from_slice(password.expose());
        OneShot {
            message: Some(Secret::new(m)),
            failure_reply: b"",
        }
    }

    /// XOAUTH2: `user=... ^A auth=Bearer token ^A ^A`; an error challenge
    /// (JSON) is answered with an empty response.
    pub(crate) fn xoauth2(username: &str, token: &Secret) -> Self {
        let mut m = b"user=".to_vec();
        m.extend_from_slice(username.as_bytes());
        m.extend_from_slice(b"\x01auth=Bearer ");
        m.extend_from_slice(token.expose());
        m.extend_from_slice(b"\x01\x01");
        OneShot {
            message: Some(Secret::new(m)),
            failure_reply: b"",
        }
    }

    /// OAUTHBEARER: `n,a=user, ^A host=... ^A port=... ^A auth=Bearer token ^A ^A`;
    /// an error challenge is answered with `^A` (RFC 7628 section 3.2.3).
    pub(crate) fn oauthbearer(
        username: &str,
        host: Option<&str>,
        port: Option<u16>,
        token: &Secret,
    ) -> Self {
        let mut m = b"n,a=".to_vec();
        m.extend_from_slice(saslname(username).as_bytes());
        m.extend_from_slice(b",\x01");
        if let Some(host) = host {
            m.extend_from_slice(b"host=");
            m.extend_from_slice(host.as_bytes());
            m.push(1);
        }
        if let Some(port) = port {
            m.extend_from_slice(format!("port={port}").as_bytes());
            m.push(1);
        }
        m.extend_from_slice(b"auth=Bearer ");
        m.extend_from_slice(token.expose());
        m.extend_from_slice(b"\x01\x01");
        OneShot {
            message: Some(Secret::new(m)),
            failure_reply: b"\x01",
        }
    }

    /// The message, sent with the command (SASL-IR).
    pub(crate) fn initial_response(&mut self) -> Option<Secret> {
        self.message.take()
    }

    /// The message if not sent yet, else the failure reply.
    pub(crate) fn step(&mut self) -> Secret {
        self.message
            .take()
            .unwrap_or_else(|| Secret::new(self.failure_reply))
    }
}

/// LOGIN: the first challenge gets the user name, every later one the password.
#[derive(Debug)]
pub(crate) struct LoginMech {
    username: String,
    password: Secret,
    sent_username: bool,
}

impl LoginMech {
    pub(crate) fn new(username: String, password: Secret) -> Self {
        LoginMech {
            username,
            password,
            sent_username: false,
        }
    }

    pub(crate) fn step(&mut self) -> Secret {
        if self.sent_username {
            self.password.clone()
        } else {
            self.sent_username = true;
            Secret::new(self.username.as_bytes())
        }
    }
}

/// CRAM-MD5: `user SP hex(HMAC-MD5(password, challenge))`.
#[derive(Debug)]
pub(crate) struct CramMd5 {
    username: String,
    password: Secret,
}

impl CramMd5 {
    pub(crate) fn new(username: String, password: Secret) -> Self {
        CramMd5 { username, password }
    }

    pub(crate) fn step(&mut self, challenge: &[u8]) -> Secret {
        // HMAC accepts keys of any length: new_from_slice cannot fail.
        let digest = match <Hmac<Md5> as Mac>::new_from_slice(self.password.expose()) {
            Ok(mut mac) => {
                mac.update(challenge);
                mac.finalize().into_bytes().to_vec()
            }
            Err(_) => Vec::new(),
        };
        let mut out = self.username.as_bytes().to_vec();
        out.push(b' ');
        for b in digest {
            out.extend_from_slice(format!("{b:02x}").as_bytes());
        }
        Secret::new(out)
    }
}

/// `saslname` (RFC 5802 / 7628): `=` as `=3D`, `,` as `=2C`.
pub(crate) fn saslname(name: &str) -> String {
    name.replace('=', "=3D").replace(',', "=2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_message() {
        let mut m = OneShot::plain(None, "tim", &Secret::new("tanstaaf"));
        assert_eq!(m.initial_response().unwrap().expose(), b"\0tim\0tanstaaf");
        // A further challenge is an error report: answered empty.
        assert_eq!(m.step().expose(), b"");
    }

    #[test]
    fn cram_md5_rfc2195_example() {
        let mut m = CramMd5::new("tim".into(), Secret::new("tanstaaftanstaaf"));
        let r = m.step(b"<1896.697170952@postoffice.reston.mci.net>");
        assert_eq!(r.expose(), b"tim b913a602c7eda7a495b4e6e7334d3890");
    }

    #[test]
    fn login_sends_user_then_password() {
        let mut m = LoginMech::new("joe".into(), Secret::new("pw"));
        assert_eq!(m.step().expose(), b"joe");
        assert_eq!(m.step().expose(), b"pw");
    }

    #[test]
    fn oauth_messages() {
        let mut x = OneShot::xoauth2("a@b.c", &Secret::new("tok"));
        assert_eq!(x.step().expose(), b"user=a@b.c\x01auth=Bearer tok\x01\x01");
        let mut o = OneShot::oauthbearer(
            "a=b,c",
            Some("imap.example.com"),
            Some(993),
            &Secret::new("tok"),
        );
        assert_eq!(
            o.initial_response().unwrap().expose(),
            &b"n,a=a=3Db=2Cc,\x01host=imap.example.com\x01port=993\x01auth=Bearer tok\x01\x01"[..]
        );
        assert_eq!(o.step().expose(), b"\x01");
    }
}
