//! [`ClientOptions`]: everything a [`Client`](super::Client) is configured with.

use std::time::Duration;

use crate::Limits;

/// How a [`Client`](super::Client) behaves. The core has no random number
/// generator and no clock: drivers fill [`random_seed`](Self::random_seed)
/// from the operating system and pass time in through
/// [`Client::handle_timeout`](super::Client::handle_timeout).
///
/// ```
/// use imap_proto::client::ClientOptions;
/// let mut options = ClientOptions::default();
/// options.random_seed = [7; 32]; // a driver uses getrandom here
/// options.transport_encrypted = true; // implicit TLS on port 993
/// assert_eq!(options.idle_refresh.as_secs(), 28 * 60);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct ClientOptions {
    /// Bounds on what the server's bytes may make the client buffer, nest
    /// or queue.
    pub limits: Limits,
    /// 32 random bytes, fresh for every connection. The tag prefix and the
    /// SCRAM client nonces are derived from it (hashed, never sent as is).
    /// The default is all zeros, which makes tags predictable: drivers must
    /// fill it from the operating system's random source.
    pub random_seed: [u8; 32],
    /// How long an IDLE may run before the client ends it with `DONE` and
    /// starts a new one (RFC 2177 asks clients to re-issue IDLE at least
    /// every 29 minutes). Default 28 minutes.
    pub idle_refresh: Duration,
    /// Allow `LOGIN` and the mechanisms that send the password or token in
    /// the clear (PLAIN, LOGIN, XOAUTH2, OAUTHBEARER) over a transport that
    /// is not encrypted. Default `false`: such a command is a
    /// [`UsageError::PlaintextAuth`](super::UsageError::PlaintextAuth).
    pub allow_plaintext_auth: bool,
    /// Whether the transport is encrypted (implicit TLS) or local (a
    /// subprocess). Set by the driver; becomes `true` after
    /// [`Client::tls_established`](super::Client::tls_established).
    pub transport_encrypted: bool,
    /// Highest SCRAM iteration count the client accepts from the server;
    /// more is refused (the computation would tie up the caller). Default
    /// 600,000.
    pub scram_max_iterations: u32,
    /// Send the first SASL response with the AUTHENTICATE command when the
    /// server advertises `SASL-IR` (RFC 4959). Default `true`.
    pub sasl_ir: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            limits: Limits::default(),
            random_seed: [0; 32],
            idle_refresh: Duration::from_secs(28 * 60),
            allow_plaintext_auth: false,
            transport_encrypted: false,
            scram_max_iterations: 600_000,
            sasl_ir: true,
        }
    }
}

impl std::fmt::Debug for ClientOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientOptions")
            .field("limits", &self.limits)
            .field("random_seed", &"<redacted>")
            .field("idle_refresh", &self.idle_refresh)
            .field("allow_plaintext_auth", &self.allow_plaintext_auth)
            .field("transport_encrypted", &self.transport_encrypted)
            .field("scram_max_iterations", &self.scram_max_iterations)
            .field("sasl_ir", &self.sasl_ir)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_seed() {
        let options = ClientOptions {
            random_seed: [0xab; 32],
            ..Default::default()
        };
        let shown = format!("{options:?}");
        assert!(!shown.contains("171"), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
