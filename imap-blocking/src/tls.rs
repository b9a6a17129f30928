//! TLS configuration: rustls 0.23 with the `ring` provider.
//!
//! By default the server is verified against the platform's trust store,
//! loaded once per process with `rustls-native-certs` (on Linux the system
//! bundle, `SSL_CERT_FILE` / `SSL_CERT_DIR` when set; the macOS and Windows
//! stores elsewhere). Extra roots, a client certificate, or a whole
//! caller-made [`rustls::ClientConfig`] can be given instead.

use std::io;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustls::crypto::CryptoProvider;
use rustls::{ClientConfig, RootCertStore};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer, ServerName};

use crate::Error;

/// How to set up TLS for [`crate::Session::connect_tls`] and
/// [`crate::Session::starttls`]: which roots to trust, which client
/// certificate to show, or a whole caller-made config.
///
/// ```
/// use imap_blocking::TlsOptions;
///
/// let ca = b"-----BEGIN CERTIFICATE-----\n...\n-----END CERTIFICATE-----\n";
/// // The platform's roots plus a private CA:
/// let options = TlsOptions::new().add_root_pem(ca);
/// # let _ = options;
/// ```
#[derive(Clone, Default)]
pub struct TlsOptions {
    config: Option<Arc<ClientConfig>>,
    extra_roots: Vec<CertificateDer<'static>>,
    no_platform_roots: bool,
    client_auth: Option<(Vec<CertificateDer<'static>>, Arc<PrivateKeyDer<'static>>)>,
    server_name: Option<String>,
    errors: Vec<String>,
}

impl std::fmt::Debug for TlsOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never show the client's private key.
        f.debug_struct("TlsOptions")
            .field("custom_config", &self.config.is_some())
            .field("extra_roots", &self.extra_roots.len())
            .field("platform_roots", &!self.no_platform_roots)
            .field("client_certificate", &self.client_auth.is_some())
            .field("server_name", &self.server_name)
            .finish()
    }
}

impl TlsOptions {
    /// The default: verify against the platform's trust store, no client
    /// certificate.
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses this config as it is (its roots, verifier, client certificate,
    /// versions); every other option except [`TlsOptions::server_name`] is
    /// then ignored.
    pub fn config(mut self, config: Arc<ClientConfig>) -> Self {
        self.config = Some(config);
        self
    }

    /// Also trusts these certificates (PEM, one or more `CERTIFICATE`
    /// blocks). A malformed PEM makes [`TlsOptions::build`] fail.
    pub fn add_root_pem(mut self, pem: &[u8]) -> Self {
        let mut found = false;
        for cert in CertificateDer::pem_slice_iter(pem) {
            match cert {
                Ok(cert) => {
                    found = true;
                    self.extra_roots.push(cert);
                }
                Err(e) => self.errors.push(format!("root certificate PEM: {e}")),
            }
        }
        if !found {
            self.errors
                .push("root certificate PEM holds no certificate".into());
        }
        self
    }

    /// Also trusts the certificates of this PEM file.
    pub fn add_root_pem_file(self, path: impl AsRef<Path>) -> Self {
        match std::fs::read(path.as_ref()) {
            Ok(pem) => self.add_root_pem(&pem),
            Err(e) => {
                let mut this = self;
                this.errors
                    .push(format!("reading {}: {e}", path.as_ref().display()));
                this
            }
        }
    }

    /// Also trusts this DER certificate.
    pub fn add_root_der(mut self, der: Vec<u8>) -> Self {
        self.extra_roots.push(CertificateDer::from(der));
        self
    }

    /// Trusts only the roots added with `add_root_*`, not the platform's.
    pub fn without_platform_roots(mut self) -> Self {
        self.no_platform_roots = true;
        self
    }

    /// Shows this client certificate: `chain_pem` holds the certificate
    /// chain (leaf first), `key_pem` its private key (PKCS#8, PKCS#1 or
    /// SEC1).
    pub fn client_cert_pem(mut self, chain_pem: &[u8], key_pem: &[u8]) -> Self {
        let chain: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(chain_pem).collect();
        match (chain, PrivateKeyDer::from_pem_slice(key_pem)) {
            (Ok(chain), Ok(key)) if !chain.is_empty() => {
                self.client_auth = Some((chain, Arc::new(key)));
            }
            (Ok(_), Ok(_)) => self.errors.push("client certificate PEM is empty".into()),
            (Err(e), _) => self.errors.push(format!("client certificate PEM: {e}")),
            (_, Err(e)) => self.errors.push(format!("client key PEM: {e}")),
        }
        self
    }

    /// Verifies the server certificate against this name instead of the
    /// host connected to (e.g. when connecting to an IP address).
    pub fn server_name(mut self, name: impl Into<String>) -> Self {
        self.server_name = Some(name.into());
        self
    }

    /// The name to verify for a connection to `host`: the one set with
    /// [`TlsOptions::server_name`], else `host` (brackets of `[::1]` removed).
    pub fn server_name_for(&self, host: &str) -> Result<ServerName<'static>, Error> {
        let name = self.server_name.as_deref().unwrap_or(host);
        // `[::1]` as written in URLs: strip the brackets.
        let name = name.trim_start_matches('[').trim_end_matches(']');
        ServerName::try_from(name.to_owned())
            .map_err(|e| Error::TlsConfig(format!("invalid server name {name:?}: {e}")))
    }

    /// The rustls config these options describe.
    pub fn build(&self) -> Result<Arc<ClientConfig>, Error> {
        if let Some(e) = self.errors.first() {
            return Err(Error::TlsConfig(e.clone()));
        }
        if let Some(config) = &self.config {
            return Ok(config.clone());
        }
        if self.extra_roots.is_empty() && self.client_auth.is_none() && !self.no_platform_roots {
            return default_config();
        }
        let mut roots = if self.no_platform_roots {
            RootCertStore::empty()
        } else {
            (*platform_roots()?).clone()
        };
        for cert in &self.extra_roots {
            roots
                .add(cert.clone())
                .map_err(|e| Error::TlsConfig(format!("extra root certificate: {e}")))?;
        }
        if roots.is_empty() {
            return Err(Error::TlsConfig("no root certificate to trust".into()));
        }
        let builder = ClientConfig::builder_with_provider(provider())
            .with_safe_default_protocol_versions()
            .map_err(Error::Tls)?
            .with_root_certificates(roots);
        let config = match &self.client_auth {
            Some((chain, key)) => builder
                .with_client_auth_cert(chain.clone(), key.clone_key())
                .map_err(Error::Tls)?,
            None => builder.with_no_client_auth(),
        };
        Ok(Arc::new(config))
    }
}

/// The `ring` provider, explicitly, so that no process-wide default needs
/// to be installed and another crate enabling `aws-lc-rs` changes nothing.
fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The platform's roots, loaded once per process.
fn platform_roots() -> Result<Arc<RootCertStore>, Error> {
    static ROOTS: OnceLock<Result<Arc<RootCertStore>, String>> = OnceLock::new();
    ROOTS
        .get_or_init(|| {
            let loaded = rustls_native_certs::load_native_certs();
            let mut roots = RootCertStore::empty();
            let (_added, _ignored) = roots.add_parsable_certificates(loaded.certs);
            if roots.is_empty() {
                let why = loaded
                    .errors
                    .first()
                    .map(|e| e.to_string())
                    .unwrap_or_else(|| "the store is empty".into());
                Err(format!(
                    "no platform root certificate could be loaded: {why}"
                ))
            } else {
                Ok(Arc::new(roots))
            }
        })
        .clone()
        .map_err(Error::TlsConfig)
}

/// The default config (platform roots, no client certificate), built once.
fn default_config() -> Result<Arc<ClientConfig>, Error> {
    static CONFIG: OnceLock<Result<Arc<ClientConfig>, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = platform_roots().map_err(|e| e.to_string())?;
            let config = ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?
                .with_root_certificates(roots)
                .with_no_client_auth();
            Ok(Arc::new(config))
        })
        .clone()
        .map_err(Error::TlsConfig)
}

/// Turns an IO error that carries a rustls error (as rustls's stream
/// adapters report them) into [`Error::Tls`].
pub(crate) fn io_to_error(e: io::Error) -> Error {
    let is_tls = e
        .get_ref()
        .is_some_and(|inner| inner.downcast_ref::<rustls::Error>().is_some());
    if is_tls {
        match e
            .into_inner()
            .map(|inner| inner.downcast::<rustls::Error>())
        {
            Some(Ok(tls)) => Error::Tls(*tls),
            _ => Error::Io(io::Error::other("TLS error")),
        }
    } else {
        Error::from_io(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_root_pem_fails_build() {
        let options = TlsOptions::new().add_root_pem(b"not a certificate");
        assert!(matches!(options.build(), Err(Error::TlsConfig(_))));
    }

    #[test]
    fn caller_config_is_used_as_is() {
        let config = Arc::new(
            ClientConfig::builder_with_provider(provider())
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_root_certificates(RootCertStore::empty())
                .with_no_client_auth(),
        );
        let built = TlsOptions::new().config(config.clone()).build().unwrap();
        assert!(Arc::ptr_eq(&built, &config));
    }

    #[test]
    fn only_extra_roots_but_none_given_is_an_error() {
        let options = TlsOptions::new().without_platform_roots();
        assert!(matches!(options.build(), Err(Error::TlsConfig(_))));
    }

    #[test]
    fn server_names() {
        let options = TlsOptions::new();
        assert!(matches!(
            options.server_name_for("127.0.0.1").unwrap(),
            ServerName::IpAddress(_)
        ));
        assert!(matches!(
            options.server_name_for("[::1]").unwrap(),
            ServerName::IpAddress(_)
        ));
        assert!(matches!(
            options.server_name_for("imap.example.org").unwrap(),
            ServerName::DnsName(_)
        ));
        let options = TlsOptions::new().server_name("mail.example.org");
        assert!(matches!(
            options.server_name_for("10.0.0.1").unwrap(),
            ServerName::DnsName(_)
        ));
        assert!(options.server_name_for("x").is_ok());
        assert!(TlsOptions::new().server_name_for("bad name!").is_err());
    }

    #[test]
    fn debug_hides_key() {
        let s = format!("{:?}", TlsOptions::new());
        assert!(s.contains("client_certificate: false"));
    }
}
