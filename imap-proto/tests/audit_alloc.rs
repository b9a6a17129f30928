//! Issue 2 item 4: an announced literal size is never allocated up front.
//! A 64 MiB literal's header (and a little of its data) must not make the
//! process reserve 64 MiB; memory grows only as the bytes arrive.
//!
//! Measured as the process's virtual size (`/proc/self/statm`, Linux), which
//! counts reserved-but-untouched memory that the resident size would miss.
//! The file holds a single test so that no other test allocates meanwhile.

/// The process's virtual size in bytes, `None` where it cannot be read.
fn virtual_size() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().next()?.parse().ok()?;
    Some(pages * 4096)
}

#[test]
fn a_64_mib_literal_is_not_allocated_up_front() {
    use imap_proto::response::Framer;
    use imap_proto::{Limits, Received, ResponseStream};

    let Some(start) = virtual_size() else {
        return; // not Linux: nothing to measure with
    };
    const MIB: u64 = 1 << 20;
    // The probe sees a reservation of that size (so a pass below means
    // something).
    let v: Vec<u8> = Vec::with_capacity(64 << 20);
    let grown = virtual_size().unwrap() - start;
    assert!(grown >= 60 * MIB, "probe cannot see allocations: {grown}");
    drop(v);

    let base = virtual_size().unwrap();
    let mut framer = Framer::new(Limits::default());
    let mut stream = ResponseStream::new(Limits::default());
    let header = b"* 1 FETCH (BODY[] {67108864}\r\n";
    framer.feed(header);
    stream.feed(header);
    let chunk = [b'x'; 4096];
    for _ in 0..16 {
        framer.feed(&chunk);
        stream.feed(&chunk);
        assert!(framer.next_frame().is_none());
        assert!(stream.next().is_none());
    }
    let grown = virtual_size().unwrap().saturating_sub(base);
    assert!(
        grown < 16 * MIB,
        "grew by {grown} bytes for 64 KiB received"
    );

    // And the literal does come out once all of it has arrived.
    let mut left = (64 << 20) - 16 * chunk.len();
    while left > 0 {
        let n = left.min(chunk.len());
        stream.feed(&chunk[..n]);
        left -= n;
        assert!(stream.next().is_none());
    }
    stream.feed(b")\r\n");
    match stream.next() {
        Some(Ok(Received::Response { raw, .. })) => {
            assert_eq!(raw.len(), header.len() + (64 << 20) + 3);
        }
        other => panic!("{:?}", other.map(|r| r.map(|_| ()))),
    }
}
