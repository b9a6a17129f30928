//! Deterministic generators of realistic server byte streams.

use std::fmt::Write as _;

/// A small xorshift generator: deterministic streams, no dependency.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Self {
        Rng(seed | 1)
    }
    pub(crate) fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub(crate) fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const NAMES: &[&str] = &[
    "Alice Example",
    "Bob Builder",
    "Carol Kowalski",
    "Dmitri Ivanov",
    "Eve Martin",
    "Frank Ocean",
];
const USERS: &[&str] = &[
    "alice", "bob", "carol", "dmitri", "eve", "frank", "noreply", "billing",
];
const HOSTS: &[&str] = &[
    "example.com",
    "mail.example.org",
    "lists.debian.org",
    "gmail.com",
    "corp.example.net",
];
const SUBJECTS: &[&str] = &[
    "Re: quarterly report draft",
    "Your invoice for March",
    "[debian-devel] Re: proposal to drop i386",
    "Lunch on Friday?",
    "=?UTF-8?B?UmU6IMOcYmVyc2ljaHQ=?=",
    "Meeting notes: \\\"roadmap\\\" review",
];
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn address(r: &mut Rng, out: &mut String) {
    let _ = write!(
        out,
        "(\"{}\" NIL \"{}\" \"{}\")",
        r.pick(NAMES),
        r.pick(USERS),
        r.pick(HOSTS)
    );
}

fn envelope(r: &mut Rng, n: u64, out: &mut String) {
    let _ = write!(
        out,
        "(\"Mon, {} {} 2024 10:{:02}:{:02} +0200\" \"{}\" (",
        1 + r.below(28),
        r.pick(MONTHS),
        r.below(60),
        r.below(60),
        r.pick(SUBJECTS)
    );
    address(r, out);
    out.push_str(") (");
    address(r, out);
    out.push_str(") (");
    address(r, out);
    out.push_str(") (");
    for _ in 0..1 + r.below(3) {
        address(r, out);
    }
    out.push_str(") ");
    if r.below(2) == 0 {
        out.push('(');
        address(r, out);
        out.push(')');
    } else {
        out.push_str("NIL");
    }
    let _ = write!(
        out,
        " NIL NIL \"<{}.{}@{}>\")",
        n,
        r.next() % 100000,
        r.pick(HOSTS)
    );
}

fn bodystructure(r: &mut Rng, out: &mut String) {
    match r.below(3) {
        0 => {
            let _ = write!(
                out,
                "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" {} {} NIL NIL NIL NIL)",
                200 + r.below(5000),
                5 + r.below(100)
            );
        }
        1 => {
            let _ = write!(
                out,
                "((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" {} {} NIL NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" {} {} NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"b1_{}\") NIL NIL NIL)",
                300 + r.below(3000),
                10 + r.below(60),
                900 + r.below(9000),
                20 + r.below(200),
                r.next() % 1_000_000
            );
        }
        _ => {
            let _ = write!(
                out,
                "(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" {} {} NIL NIL NIL NIL)(\"TEXT\" \"HTML\" (\"CHARSET\" \"us-ascii\") NIL NIL \"7BIT\" {} {} NIL NIL NIL NIL) \"ALTERNATIVE\" (\"BOUNDARY\" \"alt\") NIL NIL NIL)(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\") NIL NIL \"BASE64\" {} NIL (\"ATTACHMENT\" (\"FILENAME\" \"report.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"mix\") NIL NIL NIL)",
                100 + r.below(3000),
                3 + r.below(60),
                400 + r.below(9000),
                9 + r.below(200),
                10_000 + r.below(900_000)
            );
        }
    }
}

const FLAGS: &[&str] = &[
    "()",
    "(\\Seen)",
    "(\\Seen \\Answered)",
    "(\\Seen $Forwarded NonJunk)",
    "(\\Flagged \\Seen)",
    "(\\Recent)",
];

/// FETCH of `count` messages' metadata: UID, FLAGS, INTERNALDATE, RFC822.SIZE, ENVELOPE, BODYSTRUCTURE.
pub(crate) fn metadata(count: u64) -> Vec<u8> {
    let mut r = Rng::new(1);
    let mut out = String::new();
    for n in 1..=count {
        let _ = write!(
            out,
            "* {n} FETCH (UID {} FLAGS {} INTERNALDATE \"{:02}-{}-2024 {:02}:{:02}:{:02} +0000\" RFC822.SIZE {} ENVELOPE ",
            n + 1000,
            r.pick(FLAGS),
            1 + r.below(28),
            r.pick(MONTHS),
            r.below(24),
            r.below(60),
            r.below(60),
            1000 + r.below(500_000)
        );
        envelope(&mut r, n, &mut out);
        out.push_str(" BODYSTRUCTURE ");
        bodystructure(&mut r, &mut out);
        out.push_str(")\r\n");
    }
    out.push_str("A0001 OK Fetch completed (0.123 + 0.000 secs).\r\n");
    out.into_bytes()
}

fn message_body(r: &mut Rng, size: usize) -> Vec<u8> {
    let mut body = Vec::with_capacity(size + 80);
    body.extend_from_slice(b"From: someone@example.com\r\nSubject: test\r\n\r\n");
    while body.len() < size {
        let line_len = 60 + r.below(16) as usize;
        for _ in 0..line_len {
            body.push(b'a' + r.below(26) as u8);
        }
        body.extend_from_slice(b"\r\n");
    }
    body.truncate(size);
    body
}

/// `count` message bodies as literals of 2 KB to 200 KB.
pub(crate) fn bodies(count: u64) -> Vec<u8> {
    let mut r = Rng::new(2);
    let mut out = Vec::new();
    for n in 1..=count {
        let size = 2_000 + r.below(198_000) as usize;
        let body = message_body(&mut r, size);
        out.extend_from_slice(
            format!(
                "* {n} FETCH (UID {} BODY[] {{{}}}\r\n",
                n + 1000,
                body.len()
            )
            .as_bytes(),
        );
        out.extend_from_slice(&body);
        out.extend_from_slice(b")\r\n");
    }
    out.extend_from_slice(b"A0002 OK Fetch completed.\r\n");
    out
}

/// One literal of `size` bytes.
pub(crate) fn big_literal(size: usize) -> Vec<u8> {
    let mut r = Rng::new(3);
    let body = message_body(&mut r, size);
    let mut out = format!("* 1 FETCH (UID 77 BODY[] {{{}}}\r\n", body.len()).into_bytes();
    out.extend_from_slice(&body);
    out.extend_from_slice(b")\r\nA0003 OK Fetch completed.\r\n");
    out
}

/// `* SEARCH` with `count` numbers.
pub(crate) fn search(count: u64) -> Vec<u8> {
    let mut out = String::with_capacity(count as usize * 8);
    out.push_str("* SEARCH");
    let mut n = 0u64;
    let mut r = Rng::new(4);
    for _ in 0..count {
        n += 1 + r.below(3);
        let _ = write!(out, " {n}");
    }
    out.push_str("\r\nA0004 OK Search completed.\r\n");
    out.into_bytes()
}

/// `count` LIST lines.
pub(crate) fn list(count: u64) -> Vec<u8> {
    let mut r = Rng::new(5);
    let attrs = [
        "(\\HasNoChildren)",
        "(\\HasChildren)",
        "(\\HasNoChildren \\Sent)",
        "(\\Noselect \\HasChildren)",
        "(\\HasNoChildren \\Trash)",
    ];
    let words = [
        "Archive",
        "Projects",
        "Clients",
        "2024",
        "Receipts",
        "Lists",
        "debian-devel",
        "Family",
        "Travel",
    ];
    let mut out = String::new();
    for n in 0..count {
        let _ = write!(
            out,
            "* LIST {} \"/\" \"{}/{}/{}{}\"\r\n",
            attrs[r.below(attrs.len() as u64) as usize],
            words[r.below(words.len() as u64) as usize],
            words[r.below(words.len() as u64) as usize],
            words[r.below(words.len() as u64) as usize],
            n
        );
    }
    out.push_str("A0005 OK List completed.\r\n");
    out.into_bytes()
}

/// Many small untagged responses, as a busy selected mailbox produces.
pub(crate) fn small_untagged(count: u64) -> Vec<u8> {
    let mut r = Rng::new(6);
    let mut out = String::new();
    for n in 1..=count {
        match r.below(6) {
            0 => {
                let _ = write!(out, "* {} EXISTS\r\n", 1000 + n);
            }
            1 => {
                let _ = write!(out, "* {} RECENT\r\n", r.below(10));
            }
            2 => {
                let _ = write!(out, "* {} EXPUNGE\r\n", 1 + r.below(1000));
            }
            3 => {
                let _ = write!(
                    out,
                    "* {} FETCH (FLAGS {} UID {})\r\n",
                    1 + r.below(1000),
                    r.pick(FLAGS),
                    5000 + n
                );
            }
            4 => out.push_str("* OK [UIDNEXT 4392] Predicted next UID\r\n"),
            _ => {
                let _ = write!(out, "A{n:04} OK NOOP completed.\r\n");
            }
        }
    }
    out.into_bytes()
}
