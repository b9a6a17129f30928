//! Session methods for the connection itself: capabilities, login and
//! SASL, ENABLE, ID, NAMESPACE, NOOP, PROXYAUTH and raw extension
//! commands. Each is one line running the core's
//! [`ops`](imap_proto::client::ops): the command and its typed result.

use imap_proto::client::ops;
use imap_proto::client::{Completion, Sasl};
use imap_proto::command::{Arg, Command};
use imap_proto::response::Namespaces;
use imap_proto::types::Capability;

use crate::{Error, IdParams, Session};

impl Session {
    /// `CAPABILITY` (imaplib `capability`): asks again and returns the list.
    pub async fn capability(&mut self) -> Result<Vec<Capability>, Error> {
        self.call(ops::capability()).await?;
        Ok(self.capabilities().to_vec())
    }

    /// `NOOP` (imaplib `noop`): lets the server send updates; see
    /// [`Session::unsolicited`] and [`Session::selected`].
    pub async fn noop(&mut self) -> Result<(), Error> {
        self.call(ops::noop()).await
    }

    /// imaplib `recent`: a NOOP, then the selected mailbox's RECENT count.
    pub async fn recent(&mut self) -> Result<Option<u32>, Error> {
        self.call(ops::recent()).await?;
        Ok(self.selected().and_then(|m| m.recent))
    }

    /// `LOGIN user password` (imaplib `login`). Refused (nothing sent) over
    /// an unencrypted connection unless plaintext login was allowed, and
    /// when the server advertises LOGINDISABLED.
    pub async fn login(&mut self, user: &str, password: &str) -> Result<(), Error> {
        self.call(ops::login(user, password)).await
    }

    /// `AUTHENTICATE CRAM-MD5` (imaplib `login_cram_md5`).
    pub async fn login_cram_md5(&mut self, user: &str, password: &str) -> Result<(), Error> {
        let handle = self.driver.client.login_cram_md5(user, password)?;
        self.complete(handle, None).await
    }

    /// `AUTHENTICATE mechanism` (imaplib `authenticate(mechanism,
    /// authobject)`): `authobject` gets each decoded server challenge and
    /// returns the response to send (base64-encoded by the core), or `None`
    /// to cancel the exchange.
    ///
    /// ```no_run
    /// # async fn f(session: &mut imap_tokio::Session) -> Result<(), imap_tokio::Error> {
    /// session
    ///     .authenticate("PLAIN", |_challenge| Some(b"\0alice\0secret".to_vec()))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub async fn authenticate(
        &mut self,
        mechanism: &str,
        mut authobject: impl FnMut(&[u8]) -> Option<Vec<u8>> + Send,
    ) -> Result<(), Error> {
        let handle = self.driver.client.authenticate(Sasl::custom(mechanism))?;
        self.complete(handle, Some(&mut authobject)).await
    }

    /// `AUTHENTICATE` with one of the core's mechanisms (PLAIN, LOGIN,
    /// CRAM-MD5, SCRAM-SHA-256, XOAUTH2, OAUTHBEARER), e.g.
    /// `Sasl::scram_sha256("alice", "secret")`.
    pub async fn authenticate_sasl(&mut self, sasl: Sasl) -> Result<(), Error> {
        let handle = self.driver.client.authenticate(sasl)?;
        self.complete(handle, None).await
    }

    /// `ENABLE` (imaplib `enable`), e.g. `"UTF8=ACCEPT"` or
    /// `"CONDSTORE QRESYNC"`: returns what the server enabled.
    pub async fn enable(&mut self, capabilities: &str) -> Result<Vec<Capability>, Error> {
        self.call(ops::enable(capabilities)).await
    }

    /// `ID` (RFC 2971): sends `params` (`None` sends NIL) and returns the
    /// server's.
    pub async fn id(&mut self, params: Option<&[(&str, &str)]>) -> Result<Option<IdParams>, Error> {
        self.call(ops::id(params)).await
    }

    /// `NAMESPACE` (imaplib `namespace`, RFC 2342).
    pub async fn namespace(&mut self) -> Result<Namespaces, Error> {
        self.call(ops::namespace()).await
    }

    /// `PROXYAUTH user` (imaplib `proxyauth`, Cyrus).
    pub async fn proxyauth(&mut self, user: &str) -> Result<(), Error> {
        self.call(ops::proxyauth(user)).await
    }

    /// imaplib `xatom(name, args...)`: an extension command the server
    /// advertised, each argument encoded safely; returns the whole
    /// completion.
    pub async fn xatom(&mut self, name: &str, args: Vec<Arg>) -> Result<Completion, Error> {
        self.run(Command::xatom(name, args)).await
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{session, Reply};
    use crate::SessionState;

    #[tokio::test]
    async fn authenticate_answers_challenges_through_the_callback() {
        let greeting = "* OK [CAPABILITY IMAP4rev1 AUTH=X-TEST] hi\r\n";
        let replies = vec![
            Reply::Send("+ aGVsbG8=\r\n"),
            Reply::Send("$TAG OK [CAPABILITY IMAP4rev1 IDLE] welcome\r\n"),
        ];
        let (s, script) = session(greeting, replies, true).await;
        let mut s = s.unwrap();
        let mut challenges = Vec::new();
        s.authenticate("X-TEST", |challenge| {
            challenges.push(challenge.to_vec());
            Some(challenge.iter().rev().copied().collect())
        })
        .await
        .unwrap();
        assert_eq!(challenges, vec![b"hello".to_vec()]);
        assert_eq!(s.state(), SessionState::Authenticated);
        assert!(s.has_capability("IDLE"));
        let written = script.written();
        // "olleh", base64-encoded by the core.
        assert!(
            written.ends_with(" AUTHENTICATE X-TEST\r\nb2xsZWg=\r\n"),
            "{written}"
        );
    }

    #[tokio::test]
    async fn capability_and_id_return_typed_results() {
        let replies = vec![
            Reply::Send("* CAPABILITY IMAP4rev1 MOVE ID\r\n$TAG OK\r\n"),
            Reply::Send("* ID (\"name\" \"Dove\" \"os\" NIL)\r\n$TAG OK\r\n"),
        ];
        let (s, script) =
            session("* PREAUTH [CAPABILITY IMAP4rev1] ready\r\n", replies, false).await;
        let mut s = s.unwrap();
        let caps = s.capability().await.unwrap();
        assert_eq!(caps.len(), 3);
        assert!(s.has_capability("move"));
        let id = s.id(Some(&[("name", "me")])).await.unwrap().unwrap();
        assert_eq!(&id[0].0[..], b"name");
        assert_eq!(id[0].1.as_deref(), Some(&b"Dove"[..]));
        assert_eq!(id[1].1, None);
        assert!(script.written().ends_with(" ID (\"name\" \"me\")\r\n"));
    }
}
