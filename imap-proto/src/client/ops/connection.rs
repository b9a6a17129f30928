//! Operations on the connection itself: CAPABILITY, NOOP, LOGIN, STARTTLS,
//! ENABLE, ID, NAMESPACE, PROXYAUTH, LOGOUT.

use super::admin::bytes;
use super::{unit, Op};
use crate::command::Command;
use crate::response::{Namespaces, Status, StatusKind, Untagged};
use crate::types::Capability;

/// ID parameters (RFC 2971): field names and values, `None` for NIL.
pub type IdParams = Vec<(bytes::Bytes, Option<bytes::Bytes>)>;

/// `CAPABILITY` (imaplib `capability`); the client keeps the list.
pub fn capability() -> Op<()> {
    unit(Command::capability())
}

/// `NOOP` (imaplib `noop`).
pub fn noop() -> Op<()> {
    unit(Command::noop())
}

/// imaplib `recent`: a NOOP; the RECENT count is then in the mailbox state.
pub fn recent() -> Op<()> {
    unit(Command::recent())
}

/// `LOGIN user password` (imaplib `login`).
pub fn login(user: &str, password: &str) -> Op<()> {
    unit(Command::login(user, password))
}

/// `STARTTLS` (imaplib `starttls`): the driver does the handshake when the
/// client asks.
pub fn starttls() -> Op<()> {
    unit(Command::StartTls)
}

/// `ENABLE` (imaplib `enable`), e.g. `"CONDSTORE QRESYNC"`: what the server
/// enabled.
pub fn enable(capabilities: &str) -> Op<Vec<Capability>> {
    let command = Command::enable(capabilities.split_ascii_whitespace());
    Op::new(command, |done| {
        Ok(done.enabled().into_iter().cloned().collect())
    })
}

/// `ID` (RFC 2971): sends `params` (`None` sends NIL); the server's.
pub fn id(params: Option<&[(&str, &str)]>) -> Op<Option<IdParams>> {
    let params = params.map(|p| p.iter().map(|(k, v)| (bytes(k), Some(bytes(v)))).collect());
    Op::new(Command::id(params), |done| Ok(done.id().map(<[_]>::to_vec)))
}

/// `NAMESPACE` (imaplib `namespace`, RFC 2342).
pub fn namespace() -> Op<Namespaces> {
    Op::new(Command::namespace(), |done| {
        Ok(done.namespace().cloned().unwrap_or_default())
    })
}

/// `PROXYAUTH user` (imaplib `proxyauth`, Cyrus).
pub fn proxyauth(user: &str) -> Op<()> {
    unit(Command::proxyauth(user))
}

/// `LOGOUT` (imaplib `logout`): the server's BYE, when it sent one.
pub fn logout() -> Op<Option<Status>> {
    Op::new(Command::Logout, |done| {
        let bye = done.untagged.iter().find_map(|u| match u {
            Untagged::Status(s) if s.kind == StatusKind::Bye => Some(s.clone()),
            _ => None,
        });
        Ok(bye)
    })
}
