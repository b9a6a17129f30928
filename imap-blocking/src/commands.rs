//! Session methods for the connection itself: capabilities, login and
//! SASL, ENABLE, ID, NAMESPACE, NOOP, PROXYAUTH and raw extension
//! commands. Each is one line running the core's
//! [`ops`](imap_proto::client::ops): the command and its typed result.

use imap_proto::client::ops;
use imap_proto::client::{Completion, Sasl};
use imap_proto::command::{Arg, Command};
use imap_proto::response::Namespaces;
use imap_proto::types::Capability;

use crate::{Error, Session};

pub use imap_proto::client::ops::IdParams;

impl Session {
    /// `CAPABILITY` (imaplib `capability`): asks again and returns the list.
    pub fn capability(&mut self) -> Result<Vec<Capability>, Error> {
        self.call(ops::capability())?;
        Ok(self.capabilities().to_vec())
    }

    /// `NOOP` (imaplib `noop`): lets the server send updates; see
    /// [`Session::unsolicited`] and [`Session::selected`].
    pub fn noop(&mut self) -> Result<(), Error> {
        self.call(ops::noop())
    }

    /// imaplib `recent`: a NOOP, then the selected mailbox's RECENT count.
    pub fn recent(&mut self) -> Result<Option<u32>, Error> {
        self.call(ops::recent())?;
        Ok(self.selected().and_then(|m| m.recent))
    }

    /// `LOGIN user password` (imaplib `login`). Refused (nothing sent) over
    /// an unencrypted connection unless plaintext login was allowed, and
    /// when the server advertises LOGINDISABLED.
    pub fn login(&mut self, user: &str, password: &str) -> Result<(), Error> {
        self.call(ops::login(user, password))
    }

    /// `AUTHENTICATE CRAM-MD5` (imaplib `login_cram_md5`).
    pub fn login_cram_md5(&mut self, user: &str, password: &str) -> Result<(), Error> {
        let handle = self.driver.client.login_cram_md5(user, password)?;
        self.complete(handle, None).map(drop)
    }

    /// `AUTHENTICATE mechanism` (imaplib `authenticate(mechanism,
    /// authobject)`): `authobject` gets each decoded server challenge and
    /// returns the response to send (base64-encoded by the core), or `None`
    /// to cancel the exchange.
    ///
    /// ```no_run
    /// # fn main() -> Result<(), imap_blocking::Error> {
    /// # let mut session = imap_blocking::Session::from_command("imap", ["-u", "a"])?;
    /// session.authenticate("PLAIN", |_challenge| Some(b"\0alice\0secret".to_vec()))?;
    /// # Ok(()) }
    /// ```
    pub fn authenticate(
        &mut self,
        mechanism: &str,
        mut authobject: impl FnMut(&[u8]) -> Option<Vec<u8>>,
    ) -> Result<(), Error> {
        let handle = self.driver.client.authenticate(Sasl::custom(mechanism))?;
        self.complete(handle, Some(&mut authobject)).map(drop)
    }

    /// `AUTHENTICATE` with one of the core's mechanisms (PLAIN, LOGIN,
    /// CRAM-MD5, SCRAM-SHA-256, XOAUTH2, OAUTHBEARER), e.g.
    /// `Sasl::scram_sha256("alice", "secret")`.
    pub fn authenticate_sasl(&mut self, sasl: Sasl) -> Result<(), Error> {
        let handle = self.driver.client.authenticate(sasl)?;
        self.complete(handle, None).map(drop)
    }

    /// `ENABLE` (imaplib `enable`), e.g. `"UTF8=ACCEPT"` or
    /// `"CONDSTORE QRESYNC"`: returns what the server enabled.
    pub fn enable(&mut self, capabilities: &str) -> Result<Vec<Capability>, Error> {
        self.call(ops::enable(capabilities))
    }

    /// `ID` (RFC 2971): sends `params` (`None` sends NIL) and returns the
    /// server's.
    pub fn id(&mut self, params: Option<&[(&str, &str)]>) -> Result<Option<IdParams>, Error> {
        self.call(ops::id(params))
    }

    /// `NAMESPACE` (imaplib `namespace`, RFC 2342).
    pub fn namespace(&mut self) -> Result<Namespaces, Error> {
        self.call(ops::namespace())
    }

    /// `PROXYAUTH user` (imaplib `proxyauth`, Cyrus).
    pub fn proxyauth(&mut self, user: &str) -> Result<(), Error> {
        self.call(ops::proxyauth(user))
    }

    /// imaplib `xatom(name, args...)`: an extension command the server
    /// advertised, each argument encoded safely; returns the whole
    /// completion.
    pub fn xatom(&mut self, name: &str, args: Vec<Arg>) -> Result<Completion, Error> {
        self.run(Command::xatom(name, args))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{session, Reply, Script};

    #[test]
    fn authenticate_answers_challenges_with_the_callback() {
        let script = Script::new(
            "* OK [CAPABILITY IMAP4rev1 AUTH=X-TEST] hi\r\n",
            vec![
                // "challenge", base64
                Reply::Send("+ Y2hhbGxlbmdl\r\n"),
                Reply::Send("$TAG OK [CAPABILITY IMAP4rev1] welcome\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        let mut seen = Vec::new();
        s.authenticate("X-TEST", |challenge| {
            seen.push(challenge.to_vec());
            Some(b"response".to_vec())
        })
        .unwrap();
        assert_eq!(seen, vec![b"challenge".to_vec()]);
        let written = script.written();
        assert!(written.contains(" AUTHENTICATE X-TEST\r\n"), "{written}");
        assert!(written.contains("cmVzcG9uc2U=\r\n"), "{written}");
        assert_eq!(s.state(), crate::SessionState::Authenticated);
    }

    #[test]
    fn authenticate_cancelled_by_the_callback() {
        let script = Script::new(
            "* OK [CAPABILITY IMAP4rev1 AUTH=X-TEST] hi\r\n",
            vec![Reply::Send("+ \r\n"), Reply::Send("$TAG BAD cancelled\r\n")],
        );
        let mut s = session(&script, true).unwrap();
        assert!(s.authenticate("X-TEST", |_| None).is_err());
        assert!(script.written().ends_with("*\r\n"), "{}", script.written());
    }
}
