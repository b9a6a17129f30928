//! Small IO helpers: deadlines on futures, and IO errors mapped to
//! [`Error`]'s kinds (a rustls error inside becomes [`Error::Tls`], a
//! timeout [`Error::Timeout`]).

use std::future::Future;
use std::io;
use std::time::{Duration, Instant};

use crate::Error;

/// `future`, failing with [`Error::Timeout`] after `limit` (none: waits
/// for ever).
pub(crate) async fn within<T>(
    limit: Option<Duration>,
    future: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    before(limit.map(|limit| Instant::now() + limit), future).await
}

/// `future`, failing with [`Error::Timeout`] at `deadline`.
pub(crate) async fn before<T>(
    deadline: Option<Instant>,
    future: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    match deadline {
        Some(deadline) => tokio::time::timeout_at(deadline.into(), future)
            .await
            .unwrap_or(Err(Error::Timeout)),
        None => future.await,
    }
}

/// Maps an IO error: a rustls error carried inside (as tokio-rustls reports
/// them) becomes [`Error::Tls`], a timed-out operation [`Error::Timeout`].
pub(crate) fn io_error(e: io::Error) -> Error {
    if e.get_ref().is_some_and(|inner| inner.is::<rustls::Error>()) {
        if let Some(Ok(tls)) = e
            .into_inner()
            .map(|inner| inner.downcast::<rustls::Error>())
        {
            return Error::Tls(*tls);
        }
        return Error::Io(io::Error::other("TLS error"));
    }
    match e.kind() {
        io::ErrorKind::TimedOut => Error::Timeout,
        _ => Error::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustls_errors_inside_io_errors_are_tls_errors() {
        let e = io::Error::new(
            io::ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer),
        );
        assert!(matches!(
            io_error(e),
            Error::Tls(rustls::Error::InvalidCertificate(_))
        ));
        assert!(matches!(
            io_error(io::ErrorKind::TimedOut.into()),
            Error::Timeout
        ));
        assert!(matches!(
            io_error(io::ErrorKind::ConnectionReset.into()),
            Error::Io(e) if e.kind() == io::ErrorKind::ConnectionReset
        ));
    }

    #[tokio::test]
    async fn deadlines_turn_into_timeouts() {
        let slow = async {
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(1)
        };
        let err = within(Some(Duration::from_millis(10)), slow).await;
        assert!(matches!(err, Err(Error::Timeout)), "{err:?}");
        let fast = within(Some(Duration::from_secs(30)), async { Ok(2) }).await;
        assert_eq!(fast.unwrap(), 2);
        assert_eq!(before(None, async { Ok(3) }).await.unwrap(), 3);
    }
}
