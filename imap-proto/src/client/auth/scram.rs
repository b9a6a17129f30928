//! SCRAM-SHA-256 (RFC 5802, RFC 7677), client side: the server's nonce must
//! extend ours, its iteration count is capped, and its final signature is
//! checked before the exchange counts as successful.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::simple::saslname;
use crate::client::ProtocolError;
use crate::command::Secret;

type HmacSha256 = Hmac<Sha256>;

/// Where the exchange stands.
#[derive(Debug, PartialEq, Eq)]
enum Stage {
    /// client-first not yet sent.
    Start,
    /// client-first sent, waiting for server-first.
    SentFirst,
    /// client-final sent, waiting for server-final.
    SentFinal,
    /// server signature checked.
    Verified,
}

/// One SCRAM-SHA-256 exchange.
pub(crate) struct Scram {
    gs2_header: String,
    client_first_bare: String,
    nonce: String,
    password: Secret,
    max_iterations: u32,
    stage: Stage,
    expected_server_signature: Vec<u8>,
}

impl std::fmt::Debug for Scram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scram")
            .field("stage", &self.stage)
            .finish_non_exhaustive()
    }
}

impl Scram {
    /// A new exchange with client nonce `nonce` (printable, no `,`).
    pub(crate) fn new(
        authzid: Option<&str>,
        username: &str,
        password: Secret,
        nonce: String,
        max_iterations: u32,
    ) -> Self {
        let gs2_header = match authzid {
            Some(a) => format!("n,a={},", saslname(a)),
            None => "n,,".to_string(),
        };
        let client_first_bare = format!("n={},r={}", saslname(username), nonce);
        Scram {
            gs2_header,
            client_first_bare,
            nonce,
            password,
            max_iterations,
            stage: Stage::Start,
            expected_server_signature: Vec::new(),
        }
    }

    /// `client-first-message`.
    pub(crate) fn client_first(&mut self) -> Secret {
        self.stage = Stage::SentFirst;
        Secret::new(format!("{}{}", self.gs2_header, self.client_first_bare))
    }

    /// True once the server's signature has been checked.
    pub(crate) fn server_verified(&self) -> bool {
        self.stage == Stage::Verified
    }

    /// Answers one server message.
    pub(crate) fn step(&mut self, challenge: &[u8]) -> Result<Secret, ProtocolError> {
        match self.stage {
            // No SASL-IR: the server's first challenge is empty.
            Stage::Start => Ok(self.client_first()),
            Stage::SentFirst => self.client_final(challenge),
            Stage::SentFinal => {
                self.check_server_final(challenge)?;
                self.stage = Stage::Verified;
                Ok(Secret::new(""))
            }
            Stage::Verified => Err(ProtocolError::Sasl(
                "SCRAM challenge after the server's final message",
            )),
        }
    }

    fn client_final(&mut self, server_first: &[u8]) -> Result<Secret, ProtocolError> {
        let text = std::str::from_utf8(server_first)
            .map_err(|_| ProtocolError::Sasl("SCRAM server-first is not UTF-8"))?;
        if text.starts_with("m=") {
            return Err(ProtocolError::Sasl(
                "SCRAM mandatory extension not supported",
            ));
        }
        let (mut nonce, mut salt, mut iterations) = (None, None, None);
        for attr in text.split(',') {
            if let Some(v) = attr.strip_prefix("r=") {
                nonce = Some(v);
            } else if let Some(v) = attr.strip_prefix("s=") {
                salt = Some(v);
            } else if let Some(v) = attr.strip_prefix("i=") {
                iterations = Some(v);
            } else if let Some(e) = attr.strip_prefix("e=") {
                let _ = e;
                return Err(ProtocolError::Sasl("SCRAM server reported an error"));
            }
        }
        let nonce = nonce.ok_or(ProtocolError::Sasl("SCRAM server-first without nonce"))?;
        if !nonce.starts_with(&self.nonce) || nonce.len() <= self.nonce.len() {
            return Err(ProtocolError::Sasl(
                "SCRAM server nonce does not extend the client nonce",
            ));
        }
        let salt = STANDARD
            .decode(salt.ok_or(ProtocolError::Sasl("SCRAM server-first without salt"))?)
            .map_err(|_| ProtocolError::Sasl("SCRAM salt is not base64"))?;
        let iterations: u32 = iterations
            .and_then(|i| i.parse().ok())
            .filter(|&i| i > 0)
            .ok_or(ProtocolError::Sasl(
                "SCRAM iteration count missing or invalid",
            ))?;
        if iterations > self.max_iterations {
            return Err(ProtocolError::Sasl(
                "SCRAM iteration count over ClientOptions::scram_max_iterations",
            ));
        }

        let salted = pbkdf2_sha256(self.password.expose(), &salt, iterations);
        let client_key = hmac(&salted, b"Client Key");
        let stored_key = Sha256::digest(client_key);
        let without_proof = format!(
            "c={},r={}",
            STANDARD.encode(self.gs2_header.as_bytes()),
            nonce
        );
        let auth_message = format!("{},{},{}", self.client_first_bare, text, without_proof);
        let client_signature = hmac(&stored_key, auth_message.as_bytes());
        let proof: Vec<u8> = client_key
            .iter()
            .zip(client_signature.iter())
            .map(|(a, b)| a ^ b)
            .collect();
        let server_key = hmac(&salted, b"Server Key");
        self.expected_server_signature = hmac(&server_key, auth_message.as_bytes()).to_vec();
        self.stage = Stage::SentFinal;
        Ok(Secret::new(format!(
            "{},p={}",
            without_proof,
            STANDARD.encode(proof)
        )))
    }

    fn check_server_final(&self, server_final: &[u8]) -> Result<(), ProtocolError> {
        let text = std::str::from_utf8(server_final)
            .map_err(|_| ProtocolError::Sasl("SCRAM server-final is not UTF-8"))?;
        if text.starts_with("e=") {
            return Err(ProtocolError::Sasl("SCRAM server reported an error"));
        }
        let v = text
            .split(',')
            .find_map(|a| a.strip_prefix("v="))
            .ok_or(ProtocolError::Sasl("SCRAM server-final without signature"))?;
        let v = STANDARD
            .decode(v)
            .map_err(|_| ProtocolError::Sasl("SCRAM server signature is not base64"))?;
        // Constant-time comparison.
        let same = v.len() == self.expected_server_signature.len()
            && v.iter()
                .zip(&self.expected_server_signature)
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if same {
            Ok(())
        } else {
            Err(ProtocolError::Sasl("SCRAM server signature mismatch"))
        }
    }
}

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = match HmacSha256::new_from_slice(key) {
        Ok(mac) => mac,
        // HMAC takes keys of any length.
        Err(_) => return [0; 32],
    };
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// PBKDF2-HMAC-SHA-256 (RFC 8018) for one 32-byte block: `Hi()` of RFC 5802.
fn pbkdf2_sha256(password: &[u8], salt: &[u8], iterations: u32) -> [u8; 32] {
    let Ok(keyed) = HmacSha256::new_from_slice(password) else {
        return [0; 32];
    };
    let mut mac = keyed.clone();
    mac.update(salt);
    mac.update(&1u32.to_be_bytes());
    let mut u: [u8; 32] = mac.finalize().into_bytes().into();
    let mut out = u;
    for _ in 1..iterations {
        let mut mac = keyed.clone();
        mac.update(&u);
        u = mac.finalize().into_bytes().into();
        for (o, x) in out.iter_mut().zip(u.iter()) {
            *o ^= x;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example exchange of RFC 7677 section 3.
    #[test]
    fn rfc7677_example() {
        let mut s = Scram::new(
            None,
            "user",
            Secret::new("pencil"),
            "rOprNGfwEbeRWgbNEkqO".into(),
            4096,
        );
        assert_eq!(
            s.client_first().expose(),
            b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO"
        );
        let server_first = b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        let fin = s.step(server_first).unwrap();
        assert_eq!(
            fin.expose(),
            &b"c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="[..]
        );
        assert!(!s.server_verified());
        assert_eq!(
            s.step(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
                .unwrap()
                .expose(),
            b""
        );
        assert!(s.server_verified());
    }

    #[test]
    fn wrong_signature_nonce_or_iterations_fail() {
        let server_first = b"r=abcXYZ,s=c2FsdA==,i=4096";
        let mut s = Scram::new(None, "u", Secret::new("p"), "abc".into(), 4096);
        s.client_first();
        s.step(server_first).unwrap();
        assert!(s.step(b"v=AAAA").is_err());
        assert!(!s.server_verified());

        let mut s = Scram::new(None, "u", Secret::new("p"), "abc".into(), 4096);
        s.client_first();
        assert!(
            s.step(b"r=zzzXYZ,s=c2FsdA==,i=4096").is_err(),
            "nonce must extend ours"
        );
        let mut s = Scram::new(None, "u", Secret::new("p"), "abc".into(), 4096);
        s.client_first();
        assert!(
            s.step(b"r=abc,s=c2FsdA==,i=4096").is_err(),
            "server must add to the nonce"
        );
        let mut s = Scram::new(None, "u", Secret::new("p"), "abc".into(), 4096);
        s.client_first();
        assert_eq!(
            s.step(b"r=abcXYZ,s=c2FsdA==,i=4097").unwrap_err(),
            ProtocolError::Sasl("SCRAM iteration count over ClientOptions::scram_max_iterations")
        );
    }

    #[test]
    fn debug_hides_password() {
        let s = Scram::new(None, "u", Secret::new("pencil"), "n".into(), 1);
        assert!(!format!("{s:?}").contains("pencil"));
    }
}
