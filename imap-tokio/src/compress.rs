//! RFC 4978 COMPRESS=DEFLATE over any `AsyncRead + AsyncWrite`: the poll
//! side of imap-blocking's sans-IO [`Deflate`], which does the compressing,
//! the sync flushes and the inflating. [`crate::Transport`] runs its
//! stream (TCP, TLS, a subprocess, a caller's) through these once the
//! server said OK to COMPRESS.
//!
//! Cancellation-safe like the streams under it: a `Pending` takes nothing
//! (a write's bytes are taken only when it returns their count), and the
//! compressed bytes not yet written wait in the [`Deflate`].

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use imap_blocking::Deflate;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// `poll_read` of the inflated stream: reads compressed bytes from
/// `inner` until something inflates into `buf` (or `inner` ends).
pub(crate) fn poll_read<S: AsyncRead + Unpin>(
    deflate: &mut Deflate,
    inner: &mut S,
    cx: &mut Context<'_>,
    buf: &mut ReadBuf<'_>,
) -> Poll<io::Result<()>> {
    loop {
        let n = deflate.inflate(buf.initialize_unfilled())?;
        if n > 0 {
            buf.advance(n);
            return Poll::Ready(Ok(()));
        }
        if buf.remaining() == 0 || deflate.is_finished() {
            return Poll::Ready(Ok(()));
        }
        let mut room = ReadBuf::new(deflate.recv_buf(Deflate::RECV_CHUNK));
        ready!(Pin::new(&mut *inner).poll_read(cx, &mut room))?;
        let read = room.filled().len();
        if read == 0 {
            return Poll::Ready(Ok(()));
        }
        deflate.received(read);
    }
}

/// `poll_write` of the compressed stream: takes up to
/// [`Deflate::SEND_HIGH_WATER`] bytes of `buf`, once fewer than that
/// compressed bytes wait to go out to `inner`.
pub(crate) fn poll_write<S: AsyncWrite + Unpin>(
    deflate: &mut Deflate,
    inner: &mut S,
    cx: &mut Context<'_>,
    buf: &[u8],
) -> Poll<io::Result<usize>> {
    if deflate.outgoing().len() >= Deflate::SEND_HIGH_WATER {
        ready!(poll_send(deflate, inner, cx))?;
    }
    let take = buf.len().min(Deflate::SEND_HIGH_WATER);
    deflate.compress(buf.get(..take).unwrap_or_default())?;
    Poll::Ready(Ok(take))
}

/// `poll_flush` of the compressed stream: a sync flush (once, however
/// often this is polled), everything written, and `inner` flushed.
pub(crate) fn poll_flush<S: AsyncWrite + Unpin>(
    deflate: &mut Deflate,
    inner: &mut S,
    cx: &mut Context<'_>,
) -> Poll<io::Result<()>> {
    deflate.sync_flush()?;
    ready!(poll_send(deflate, inner, cx))?;
    Pin::new(inner).poll_flush(cx)
}

/// Writes out every compressed byte waiting.
fn poll_send<S: AsyncWrite + Unpin>(
    deflate: &mut Deflate,
    inner: &mut S,
    cx: &mut Context<'_>,
) -> Poll<io::Result<()>> {
    while !deflate.outgoing().is_empty() {
        let n = ready!(Pin::new(&mut *inner).poll_write(cx, deflate.outgoing()))?;
        if n == 0 {
            return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
        }
        deflate.sent(n);
    }
    Poll::Ready(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;
    use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};

    /// A compressed end of `stream`, as the transport has it.
    struct Compressed {
        deflate: Deflate,
        inner: DuplexStream,
    }

    impl Compressed {
        async fn write_all(&mut self, mut data: &[u8]) {
            while !data.is_empty() {
                let n = poll_fn(|cx| poll_write(&mut self.deflate, &mut self.inner, cx, data))
                    .await
                    .unwrap();
                data = &data[n..];
            }
        }
        async fn flush(&mut self) {
            poll_fn(|cx| poll_flush(&mut self.deflate, &mut self.inner, cx))
                .await
                .unwrap();
        }
        async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let mut buf = ReadBuf::new(buf);
            poll_fn(|cx| poll_read(&mut self.deflate, &mut self.inner, cx, &mut buf)).await?;
            Ok(buf.filled().len())
        }
    }

    fn pair(pipe: usize) -> (Compressed, Compressed) {
        let (a, b) = tokio::io::duplex(pipe);
        let end = |inner| Compressed {
            deflate: Deflate::new(),
            inner,
        };
        (end(a), end(b))
    }

    fn sample(len: usize) -> Vec<u8> {
        (0..len)
            .map(|i| b"From: joe\r\nSubject: hello world\r\n"[(i * 7 + i / 31) % 33])
            .collect()
    }

    #[tokio::test]
    async fn a_megabyte_round_trips_through_a_tiny_pipe() {
        let (mut client, mut server) = pair(13);
        let data = sample(1 << 20);
        let sent = data.clone();
        let writer = tokio::spawn(async move {
            client.write_all(&sent).await;
            client.flush().await;
            client
        });
        let mut got = Vec::new();
        let mut buf = [0u8; 1000];
        while got.len() < data.len() {
            let n = server.read(&mut buf).await.unwrap();
            assert!(n > 0);
            got.extend_from_slice(&buf[..n]);
        }
        assert!(got == data);
        let client = writer.await.unwrap();
        assert!(client.deflate.outgoing().is_empty());
    }

    #[tokio::test]
    async fn each_flush_makes_the_burst_readable_and_raw_deflate_agrees() {
        let (inner, mut raw) = tokio::io::duplex(4096);
        let mut client = Compressed {
            deflate: Deflate::new(),
            inner,
        };
        client.write_all(b"a1 NOOP\r\n").await;
        client.flush().await;
        // Flushing again without new data sends nothing.
        client.flush().await;
        let mut wire = vec![0u8; 4096];
        let n = raw.read(&mut wire).await.unwrap();
        wire.truncate(n);
        assert!(wire.ends_with(&[0, 0, 0xff, 0xff]), "a sync flush ends it");
        let mut inflated = Vec::with_capacity(64);
        let mut d = flate2::Decompress::new(false);
        d.decompress_vec(&wire, &mut inflated, flate2::FlushDecompress::Sync)
            .unwrap();
        assert_eq!(inflated, b"a1 NOOP\r\n");
        // And the other way: raw deflate from the server reads back.
        let mut c = flate2::Compress::new(flate2::Compression::fast(), false);
        let mut out = Vec::with_capacity(256);
        c.compress_vec(b"* OK hi\r\n", &mut out, flate2::FlushCompress::Sync)
            .unwrap();
        raw.write_all(&out).await.unwrap();
        let mut buf = [0u8; 64];
        let n = client.read(&mut buf).await.unwrap();
        assert_eq!(&buf[..n], b"* OK hi\r\n");
        drop(raw);
        assert_eq!(client.read(&mut buf).await.unwrap(), 0, "EOF");
    }
}
