//! TLS client certificates (issue 4 item 1): an in-process rustls server on
//! 127.0.0.1 that requires a certificate signed by its CA. A session that
//! shows one through `TlsOptions::client_cert_pem`, or through a whole
//! caller-made `rustls::ClientConfig`, is served; one without is refused.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use imap_blocking::{Error, Options, Session, TlsOptions};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::server::WebPkiClientVerifier;
use rustls::{RootCertStore, ServerConfig, ServerConnection, StreamOwned};

struct Pki {
    ca_pem: String,
    ca_der: CertificateDer<'static>,
    server: (CertificateDer<'static>, String),
    client: (String, String),
    stranger: (String, String),
}

fn leaf(issuer: &Issuer<'_, KeyPair>, names: Vec<String>, client: bool) -> (String, String) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(names).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(
        DnType::CommonName,
        if client { "alice" } else { "localhost" },
    );
    params.distinguished_name = dn;
    if client {
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ClientAuth];
    }
    let cert = params.signed_by(&key, issuer).unwrap();
    (cert.pem(), key.serialize_pem())
}

fn ca(name: &str) -> (Issuer<'static, KeyPair>, rcgen::Certificate) {
    let key = KeyPair::generate().unwrap();
    let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
    let mut dn = DistinguishedName::new();
    dn.push(DnType::CommonName, name);
    params.distinguished_name = dn;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let cert = params.self_signed(&key).unwrap();
    (Issuer::new(params, key), cert)
}

fn pki() -> Pki {
    let (issuer, ca_cert) = ca("client-cert test CA");
    let (server_pem, server_key) = leaf(&issuer, vec!["localhost".into()], false);
    let server_der = CertificateDer::from_pem_slice(server_pem.as_bytes()).unwrap();
    let client = leaf(&issuer, Vec::new(), true);
    let (other, _) = ca("some other CA");
    let stranger = leaf(&other, Vec::new(), true);
    Pki {
        ca_pem: ca_cert.pem(),
        ca_der: ca_cert.der().clone(),
        server: (server_der, server_key),
        client,
        stranger,
    }
}

/// Serves one connection: requires a client certificate from the CA,
/// greets, answers every command OK (LOGOUT with BYE). Returns the
/// client's certificate chain, or the error that ended the connection.
fn serve_one(
    pki: &Pki,
) -> (
    u16,
    JoinHandle<Result<Vec<CertificateDer<'static>>, String>>,
) {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut roots = RootCertStore::empty();
    roots.add(pki.ca_der.clone()).unwrap();
    let verifier = WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider.clone())
        .build()
        .unwrap();
    let key = PrivateKeyDer::from_pem_slice(pki.server.1.as_bytes()).unwrap();
    let config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_client_cert_verifier(verifier)
        .with_single_cert(vec![pki.server.0.clone()], key)
        .unwrap();
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = listener.local_addr().unwrap().port();
    let thread = std::thread::spawn(move || {
        let (tcp, _) = listener.accept().map_err(|e| e.to_string())?;
        tcp.set_read_timeout(Some(Duration::from_secs(20)))
            .map_err(|e| e.to_string())?;
        let conn = ServerConnection::new(Arc::new(config)).map_err(|e| e.to_string())?;
        let mut stream = BufReader::new(StreamOwned::new(conn, tcp));
        let out = stream.get_mut();
        out.write_all(b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] client-cert server\r\n")
            .map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
        let mut line = String::new();
        loop {
            line.clear();
            if stream.read_line(&mut line).map_err(|e| e.to_string())? == 0 {
                break;
            }
            let tag = line.split(' ').next().unwrap_or("*").to_string();
            let out = stream.get_mut();
            if line.to_ascii_uppercase().contains("LOGOUT") {
                write!(out, "* BYE bye\r\n{tag} OK done\r\n").map_err(|e| e.to_string())?;
                out.flush().map_err(|e| e.to_string())?;
                break;
            }
            write!(out, "{tag} OK done\r\n").map_err(|e| e.to_string())?;
            out.flush().map_err(|e| e.to_string())?;
        }
        let chain = stream.get_ref().conn.peer_certificates().unwrap_or(&[]);
        Ok(chain.iter().map(|c| c.clone().into_owned()).collect())
    });
    (port, thread)
}

fn options() -> Options {
    let mut options = Options::default();
    options.connect_timeout = Some(Duration::from_secs(20));
    options.timeout = Some(Duration::from_secs(20));
    options
}

fn trusting(pki: &Pki) -> TlsOptions {
    TlsOptions::new()
        .without_platform_roots()
        .add_root_pem(pki.ca_pem.as_bytes())
}

fn served_with(pki: &Pki, tls: TlsOptions) {
    let (port, server) = serve_one(pki);
    let mut s = Session::connect_tls_with("localhost", port, tls, options()).unwrap();
    s.noop().unwrap();
    s.logout().unwrap();
    let chain = server.join().unwrap().unwrap();
    let shown = CertificateDer::from_pem_slice(pki.client.0.as_bytes()).unwrap();
    assert_eq!(
        chain.first(),
        Some(&shown),
        "the server saw another certificate"
    );
}

#[test]
fn a_client_certificate_from_pem_is_shown_and_accepted() {
    let pki = pki();
    let tls = trusting(&pki).client_cert_pem(pki.client.0.as_bytes(), pki.client.1.as_bytes());
    served_with(&pki, tls);
}

#[test]
fn a_whole_client_config_with_a_client_certificate_is_used_as_is() {
    let pki = pki();
    let mut roots = RootCertStore::empty();
    roots.add(pki.ca_der.clone()).unwrap();
    let chain = vec![CertificateDer::from_pem_slice(pki.client.0.as_bytes()).unwrap()];
    let key = PrivateKeyDer::from_pem_slice(pki.client.1.as_bytes()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_client_auth_cert(chain, key)
    .unwrap();
    served_with(&pki, TlsOptions::new().config(Arc::new(config)));
}

fn refused(pki: &Pki, tls: TlsOptions) {
    let (port, server) = serve_one(pki);
    // TLS 1.3: the client's handshake ends before the server judges its
    // certificate, so the refusal may come with the greeting's read.
    let result =
        Session::connect_tls_with("localhost", port, tls, options()).and_then(|mut s| s.noop());
    assert!(
        matches!(
            result,
            Err(Error::Tls(_) | Error::Io(_) | Error::Abort(_) | Error::Closed)
        ),
        "{result:?}"
    );
    let served = server.join().unwrap();
    assert!(served.is_err(), "the server accepted: {served:?}");
}

#[test]
fn without_a_client_certificate_the_server_refuses() {
    let pki = pki();
    refused(&pki, trusting(&pki));
}

#[test]
fn a_client_certificate_from_another_ca_is_refused() {
    let pki = pki();
    let tls = trusting(&pki).client_cert_pem(pki.stranger.0.as_bytes(), pki.stranger.1.as_bytes());
    refused(&pki, tls);
}
