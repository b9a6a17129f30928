//! [`Deflate`]: the RFC 4978 COMPRESS=DEFLATE layer without IO, shared by
//! this crate's [`Transport`](crate::Transport) and imap-tokio's.
//!
//! After the server's OK to `COMPRESS DEFLATE` both directions are raw
//! DEFLATE streams (RFC 1951: no zlib header, no checksum). What is
//! written is compressed into [`Deflate::outgoing`] and ended by a sync
//! flush (an empty stored block) on every flush of the transport, so the
//! server can inflate each whole command as soon as it arrives. What is
//! read goes into [`Deflate::recv_buf`] and comes out of
//! [`Deflate::inflate`] into the caller's buffer, never more than it holds:
//! a small compressed input cannot grow memory without bound.

use std::io::{self, Read, Write};

use flate2::{Compress, Compression, Decompress, FlushCompress, FlushDecompress, Status};

/// Both DEFLATE streams of a compressed connection and the compressed
/// bytes between them and the transport. Sans-IO: the caller moves
/// [`Deflate::outgoing`] to the transport and reads the transport into
/// [`Deflate::recv_buf`]; [`Deflate::read_from`], [`Deflate::write_to`]
/// and [`Deflate::flush_to`] do that over any blocking `Read + Write`.
///
/// ```
/// use imap_blocking::Deflate;
///
/// # fn main() -> std::io::Result<()> {
/// let (mut client, mut server) = (Deflate::new(), Deflate::new());
/// client.compress(b"a1 NOOP\r\n")?;
/// client.sync_flush()?;
/// let wire = client.outgoing().to_vec();
/// client.sent(wire.len());
/// server.recv_buf(wire.len()).copy_from_slice(&wire);
/// server.received(wire.len());
/// let mut line = [0u8; 64];
/// let n = server.inflate(&mut line)?;
/// assert_eq!(&line[..n], b"a1 NOOP\r\n");
/// # Ok(()) }
/// ```
pub struct Deflate {
    compress: Compress,
    decompress: Decompress,
    /// Compressed bytes not yet written: `outgoing[sent..]`.
    outgoing: Vec<u8>,
    sent: usize,
    /// Data compressed since the last sync flush.
    unsynced: bool,
    /// Compressed bytes read, not inflated yet: `incoming[start..end]`;
    /// `incoming[end..]` is room for the next read.
    incoming: Vec<u8>,
    start: usize,
    end: usize,
    /// The server ended its DEFLATE stream: nothing more comes.
    finished: bool,
}

impl std::fmt::Debug for Deflate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Deflate")
            .field("outgoing", &self.outgoing().len())
            .field("incoming", &(self.end - self.start))
            .field("finished", &self.finished)
            .finish_non_exhaustive()
    }
}

impl Default for Deflate {
    fn default() -> Self {
        Deflate::new()
    }
}

fn invalid(e: impl std::error::Error + Send + Sync + 'static) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, e)
}

impl Deflate {
    /// How much compressed data is read from the transport at a time.
    pub const RECV_CHUNK: usize = 16 * 1024;

    /// Compressed bytes waiting past this are written out before more is
    /// taken.
    pub const SEND_HIGH_WATER: usize = 64 * 1024;

    /// Fresh streams both ways, at the default compression level.
    pub fn new() -> Self {
        Deflate {
            compress: Compress::new(Compression::default(), false),
            decompress: Decompress::new(false),
            outgoing: Vec::new(),
            sent: 0,
            unsynced: false,
            incoming: Vec::new(),
            start: 0,
            end: 0,
            finished: false,
        }
    }

    // ----- sending -----

    /// Compresses `data` into [`Deflate::outgoing`]; part of it may stay
    /// inside the compressor until [`Deflate::sync_flush`].
    pub fn compress(&mut self, data: &[u8]) -> io::Result<()> {
        if !data.is_empty() {
            self.unsynced = true;
            self.deflate(data, FlushCompress::None)?;
        }
        Ok(())
    }

    /// Ends what was compressed with a sync flush, so that the peer can
    /// inflate all of it from [`Deflate::outgoing`]. Does nothing when
    /// nothing was compressed since the last one.
    pub fn sync_flush(&mut self) -> io::Result<()> {
        if std::mem::take(&mut self.unsynced) {
            self.deflate(&[], FlushCompress::Sync)?;
        }
        Ok(())
    }

    /// Runs the compressor over all of `data` with `flush`, growing the
    /// outgoing buffer until the compressor has no more to say.
    fn deflate(&mut self, mut data: &[u8], flush: FlushCompress) -> io::Result<()> {
        if self.sent > 0 {
            self.outgoing.drain(..self.sent);
            self.sent = 0;
        }
        loop {
            self.outgoing.reserve(data.len() / 2 + 1024);
            let before = self.compress.total_in();
            self.compress
                .compress_vec(data, &mut self.outgoing, flush)
                .map_err(invalid)?;
            let used = usize::try_from(self.compress.total_in() - before).unwrap_or(data.len());
            data = data.get(used..).unwrap_or_default();
            // Room left over means the compressor said all it had.
            if data.is_empty() && self.outgoing.len() < self.outgoing.capacity() {
                return Ok(());
            }
        }
    }

    /// The compressed bytes to write to the transport, in order.
    pub fn outgoing(&self) -> &[u8] {
        self.outgoing.get(self.sent..).unwrap_or_default()
    }

    /// `n` bytes of [`Deflate::outgoing`] were written.
    pub fn sent(&mut self, n: usize) {
        self.sent = (self.sent + n).min(self.outgoing.len());
        if self.sent == self.outgoing.len() {
            self.outgoing.clear();
            self.sent = 0;
        }
    }

    // ----- receiving -----

    /// Room for `n` compressed bytes read from the transport; follow with
    /// [`Deflate::received`]. Calling it again without reading is harmless.
    pub fn recv_buf(&mut self, n: usize) -> &mut [u8] {
        if self.start > 0 {
            self.incoming.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.incoming.len() < self.end + n {
            self.incoming.resize(self.end + n, 0);
        }
        let end = self.end;
        self.incoming.get_mut(end..end + n).unwrap_or_default()
    }

    /// `n` bytes were read into [`Deflate::recv_buf`]'s slice.
    pub fn received(&mut self, n: usize) {
        self.end = (self.end + n).min(self.incoming.len());
    }

    /// Inflates what was received into `out`. Returns how many bytes it
    /// wrote: 0 means everything received is used, so read more (or, when
    /// [`Deflate::is_finished`], the stream is over). A corrupt stream is
    /// an `InvalidData` error.
    pub fn inflate(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while !self.finished && !out.is_empty() {
            let input = self.incoming.get(self.start..self.end).unwrap_or_default();
            let (in_before, out_before) = (self.decompress.total_in(), self.decompress.total_out());
            let status = self
                .decompress
                .decompress(input, out, FlushDecompress::None)
                .map_err(invalid)?;
            let used = usize::try_from(self.decompress.total_in() - in_before).unwrap_or(0);
            let made = usize::try_from(self.decompress.total_out() - out_before).unwrap_or(0);
            self.start = (self.start + used).min(self.end);
            if status == Status::StreamEnd {
                self.finished = true;
            }
            // Stop on output, or when the input moved nothing (it ends
            // inside a block): more must be read first.
            if made > 0 || used == 0 {
                return Ok(made);
            }
        }
        Ok(0)
    }

    /// True once the peer ended its DEFLATE stream (RFC 4978 has no such
    /// thing before the connection closes): reads see end of file.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    // ----- over a blocking stream -----

    /// `Read::read` of the inflated stream over `inner`: reads compressed
    /// bytes from it until something inflates (or it ends: 0).
    pub fn read_from<R: Read + ?Sized>(
        &mut self,
        inner: &mut R,
        buf: &mut [u8],
    ) -> io::Result<usize> {
        loop {
            let n = self.inflate(buf)?;
            if n > 0 || buf.is_empty() || self.finished {
                return Ok(n);
            }
            let read = inner.read(self.recv_buf(Self::RECV_CHUNK))?;
            if read == 0 {
                return Ok(0);
            }
            self.received(read);
        }
    }

    /// `Write::write` of the compressed stream over `inner`: takes all of
    /// `buf`, writing compressed bytes out once enough wait.
    pub fn write_to<W: Write + ?Sized>(&mut self, inner: &mut W, buf: &[u8]) -> io::Result<usize> {
        self.compress(buf)?;
        if self.outgoing().len() >= Self::SEND_HIGH_WATER {
            self.send_all(inner)?;
        }
        Ok(buf.len())
    }

    /// `Write::flush` of the compressed stream over `inner`: a sync flush,
    /// everything written, and `inner` flushed.
    pub fn flush_to<W: Write + ?Sized>(&mut self, inner: &mut W) -> io::Result<()> {
        self.sync_flush()?;
        self.send_all(inner)?;
        inner.flush()
    }

    fn send_all<W: Write + ?Sized>(&mut self, inner: &mut W) -> io::Result<()> {
        while !self.outgoing().is_empty() {
            match inner.write(self.outgoing()) {
                Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
                Ok(n) => self.sent(n),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::DeflateDecoder;
    use flate2::write::DeflateEncoder;

    /// A stream that hands out at most `chunk` bytes per read and records
    /// what is written, with the flushes as boundaries.
    struct Trickle {
        input: Vec<u8>,
        at: usize,
        chunk: usize,
        written: Vec<u8>,
        flushed_at: Vec<usize>,
    }

    impl Trickle {
        fn new(input: Vec<u8>, chunk: usize) -> Self {
            Trickle {
                input,
                at: 0,
                chunk,
                written: Vec::new(),
                flushed_at: Vec::new(),
            }
        }
    }

    impl Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let rest = &self.input[self.at..];
            let n = rest.len().min(buf.len()).min(self.chunk);
            buf[..n].copy_from_slice(&rest[..n]);
            self.at += n;
            Ok(n)
        }
    }

    impl Write for Trickle {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(self.chunk);
            self.written.extend_from_slice(&buf[..n]);
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            self.flushed_at.push(self.written.len());
            Ok(())
        }
    }

    /// Pseudo-random words: compressible, but not trivially.
    fn sample(len: usize) -> Vec<u8> {
        const WORDS: [&[u8]; 8] = [
            b"mail ",
            b"box ",
            b"IMAP ",
            b"deflate ",
            b"the ",
            b"of ",
            b"header\r\n",
            b"x ",
        ];
        let mut x = 0x2545_f491_u32;
        let mut out = Vec::with_capacity(len + 16);
        while out.len() < len {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            out.extend_from_slice(WORDS[(x % 8) as usize]);
        }
        out.truncate(len);
        out
    }

    fn raw_deflate(data: &[u8]) -> Vec<u8> {
        let mut e = DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        e.write_all(data).unwrap();
        e.flush().unwrap();
        e.finish().unwrap()
    }

    fn raw_inflate(data: &[u8]) -> Vec<u8> {
        // The stream has no end (only sync flushes): read until the data
        // runs out, which the decoder reports as an unexpected EOF.
        let mut out = Vec::new();
        let mut d = DeflateDecoder::new(data);
        let mut buf = [0u8; 4096];
        loop {
            match d.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => break,
                Err(e) => panic!("{e}"),
            }
        }
        out
    }

    #[test]
    fn what_is_written_inflates_back_whole_at_each_flush() {
        let mut d = Deflate::new();
        let mut wire = Trickle::new(Vec::new(), 7);
        let big = sample(300_000);
        d.write_to(&mut wire, b"a1 APPEND INBOX {300000}\r\n")
            .unwrap();
        d.flush_to(&mut wire).unwrap();
        // Everything up to the first flush inflates to the whole command.
        let first = wire.flushed_at[0];
        assert_eq!(
            raw_inflate(&wire.written[..first]),
            b"a1 APPEND INBOX {300000}\r\n"
        );
        // Sync flushes end in an empty stored block: 00 00 ff ff.
        assert!(wire.written[..first].ends_with(&[0, 0, 0xff, 0xff]));
        d.write_to(&mut wire, &big).unwrap();
        d.write_to(&mut wire, b"\r\n").unwrap();
        d.flush_to(&mut wire).unwrap();
        let mut all = b"a1 APPEND INBOX {300000}\r\n".to_vec();
        all.extend_from_slice(&big);
        all.extend_from_slice(b"\r\n");
        assert_eq!(raw_inflate(&wire.written), all);
        assert!(wire.written.len() < big.len() / 2, "it compresses");
        // A flush with nothing new adds nothing.
        let len = wire.written.len();
        d.flush_to(&mut wire).unwrap();
        assert_eq!(wire.written.len(), len);
    }

    #[test]
    fn what_is_read_is_inflated_over_tiny_reads_into_tiny_buffers() {
        let data = sample(100_000);
        for (chunk, out) in [(1, 1), (3, 5), (Deflate::RECV_CHUNK, 7), (4096, 65536)] {
            let mut d = Deflate::new();
            let mut wire = Trickle::new(raw_deflate(&data), chunk);
            let mut got = Vec::new();
            let mut buf = vec![0u8; out];
            loop {
                let n = d.read_from(&mut wire, &mut buf).unwrap();
                if n == 0 {
                    break;
                }
                got.extend_from_slice(&buf[..n]);
            }
            assert_eq!(got.len(), data.len(), "chunk {chunk}, buffer {out}");
            assert!(got == data);
            assert!(d.is_finished());
        }
    }

    #[test]
    fn each_sync_flushed_burst_is_readable_before_the_next_arrives() {
        let (mut client, mut server) = (Deflate::new(), Deflate::new());
        for line in [&b"* OK one\r\n"[..], b"* OK two\r\n", b"a1 OK three\r\n"] {
            server.compress(line).unwrap();
            server.sync_flush().unwrap();
            let wire = server.outgoing().to_vec();
            server.sent(wire.len());
            // Fed one byte at a time: nothing is lost between reads.
            let mut got = Vec::new();
            for byte in wire {
                client.recv_buf(1)[0] = byte;
                client.received(1);
                let mut buf = [0u8; 64];
                let n = client.inflate(&mut buf).unwrap();
                got.extend_from_slice(&buf[..n]);
            }
            assert_eq!(got, line);
        }
    }

    #[test]
    fn a_corrupt_stream_is_invalid_data() {
        let mut d = Deflate::new();
        // Block type 3 is reserved.
        let mut wire = Trickle::new(vec![0xff; 16], 16);
        let err = d.read_from(&mut wire, &mut [0u8; 16]).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    }

    #[test]
    fn a_small_bomb_comes_out_only_as_fast_as_it_is_read() {
        let bomb = raw_deflate(&vec![b'a'; 1_000_000]);
        assert!(bomb.len() < 5_000);
        let mut d = Deflate::new();
        d.recv_buf(bomb.len()).copy_from_slice(&bomb);
        d.received(bomb.len());
        let (mut total, mut buf) = (0, [0u8; 4096]);
        loop {
            let n = d.inflate(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            assert!(buf[..n].iter().all(|&b| b == b'a'));
            total += n;
        }
        assert_eq!(total, 1_000_000);
    }
}
