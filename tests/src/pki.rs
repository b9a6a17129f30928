//! A throw-away certificate authority made at test time.
//!
//! rustls (through webpki) refuses a self-signed leaf certificate even when it
//! is given as a root, so the harness makes a small CA and signs the server
//! certificate with it. Clients trust [`TestPki::ca_der`] (or the PEM file the
//! harness writes next to the Dovecot config); a second, unrelated CA from
//! [`TestPki::new`] is what a client that must *not* trust the server uses.

use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use rustls::pki_types::CertificateDer;
use std::sync::Arc;

use crate::HarnessError;

/// The subject alternative names of every server certificate the harness makes.
pub const SERVER_NAMES: [&str; 3] = ["localhost", "127.0.0.1", "::1"];

/// A test CA and one server certificate signed by it.
pub struct TestPki {
    ca_der: CertificateDer<'static>,
    ca_pem: String,
    server_cert_pem: String,
    server_key_pem: String,
}

impl std::fmt::Debug for TestPki {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The private key stays out of Debug output.
        f.debug_struct("TestPki").finish_non_exhaustive()
    }
}

impl TestPki {
    /// Makes a fresh CA ("imap-rs test CA") and a server certificate for
    /// [`SERVER_NAMES`] signed by it.
    pub fn new() -> Result<TestPki, HarnessError> {
        let ca_key = KeyPair::generate()?;
        let mut ca_params = CertificateParams::new(Vec::<String>::new())?;
        let mut ca_dn = DistinguishedName::new();
        ca_dn.push(DnType::CommonName, "imap-rs test CA");
        ca_params.distinguished_name = ca_dn;
        ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let ca_cert = ca_params.self_signed(&ca_key)?;
        let issuer = Issuer::new(ca_params, ca_key);

        let server_key = KeyPair::generate()?;
        let names: Vec<String> = SERVER_NAMES.iter().map(|s| s.to_string()).collect();
        let mut server_params = CertificateParams::new(names)?;
        let mut server_dn = DistinguishedName::new();
        server_dn.push(DnType::CommonName, "localhost");
        server_params.distinguished_name = server_dn;
        let server_cert = server_params.signed_by(&server_key, &issuer)?;

        Ok(TestPki {
            ca_der: ca_cert.der().clone(),
            ca_pem: ca_cert.pem(),
            server_cert_pem: server_cert.pem(),
            server_key_pem: server_key.serialize_pem(),
        })
    }

    /// The CA certificate in DER form, to add to a client's root store.
    pub fn ca_der(&self) -> &CertificateDer<'static> {
        &self.ca_der
    }

    /// The CA certificate in PEM form.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The server certificate (PEM), signed by the CA.
    pub fn server_cert_pem(&self) -> &str {
        &self.server_cert_pem
    }

    /// The server's private key (PEM).
    pub fn server_key_pem(&self) -> &str {
        &self.server_key_pem
    }

    /// A rustls client configuration that trusts only this CA (ring provider).
    pub fn client_config(&self) -> Result<Arc<rustls::ClientConfig>, HarnessError> {
        client_config_trusting(std::slice::from_ref(&self.ca_der))
    }
}

/// A rustls client configuration (ring provider, default protocol versions)
/// whose root store holds exactly `roots`.
pub fn client_config_trusting(
    roots: &[CertificateDer<'static>],
) -> Result<Arc<rustls::ClientConfig>, HarnessError> {
    let mut store = rustls::RootCertStore::empty();
    for root in roots {
        store.add(root.clone())?;
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_root_certificates(store)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn makes_distinct_cas_with_pem_and_der() {
        let a = TestPki::new().unwrap();
        let b = TestPki::new().unwrap();
        assert_ne!(a.ca_der(), b.ca_der());
        assert!(a.ca_pem().starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(a
            .server_cert_pem()
            .starts_with("-----BEGIN CERTIFICATE-----"));
        assert!(a.server_key_pem().contains("PRIVATE KEY"));
        assert!(!format!("{a:?}").contains("PRIVATE"));
        a.client_config().unwrap();
    }
}
