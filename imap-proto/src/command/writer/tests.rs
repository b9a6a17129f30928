//! Unit tests of `writer`.

use super::*;

fn enc(
    ctx: EncodeContext,
    f: impl FnOnce(&mut Writer<'_>) -> Result<(), EncodeError>,
) -> Result<Encoded, EncodeError> {
    let mut w = Writer::new(&ctx);
    f(&mut w)?;
    Ok(w.finish())
}

fn line(e: &Encoded) -> Vec<u8> {
    e.to_bytes()
}

#[test]
fn astring_chooses_by_content() {
    let c = EncodeContext::default();
    let cases: [(&[u8], &[u8]); 6] = [
        (b"INBOX", b"INBOX\r\n"),
        (b"a]b", b"a]b\r\n"),
        (b"", b"\"\"\r\n"),
        (b"two words", b"\"two words\"\r\n"),
        (b"q\"b\\s", b"\"q\\\"b\\\\s\"\r\n"),
        (b"{5}", b"\"{5}\"\r\n"),
    ];
    for (v, want) in cases {
        assert_eq!(
            line(&enc(c, |w| w.astring("x", v).map(drop)).unwrap()),
            want
        );
    }
}

#[test]
fn crlf_and_8bit_become_literals() {
    let c = EncodeContext::default();
    let e = enc(c, |w| w.astring("x", b"a\r\nA1 DELETE INBOX").map(drop)).unwrap();
    assert_eq!(
        e.fragments[0],
        Fragment::Line(Bytes::from_static(b"{18}\r\n"))
    );
    assert_eq!(
        e.fragments[1],
        Fragment::Literal {
            data: Bytes::from_static(b"a\r\nA1 DELETE INBOX"),
            sync: true
        }
    );
    let e = enc(c, |w| w.astring("x", "é".as_bytes()).map(drop)).unwrap();
    assert_eq!(e.fragments.len(), 3);
    // With UTF8=ACCEPT, UTF-8 may be quoted; invalid UTF-8 still cannot.
    let u = EncodeContext {
        utf8_accept: true,
        ..c
    };
    assert_eq!(
        line(&enc(u, |w| w.astring("x", "é".as_bytes()).map(drop)).unwrap()),
        "\"é\"\r\n".as_bytes()
    );
    assert_eq!(
        enc(u, |w| w.astring("x", b"\xff").map(drop))
            .unwrap()
            .fragments
            .len(),
        3
    );
    // Long values go as literals.
    assert_eq!(
        enc(c, |w| w.string("x", &[b' '; 2000]).map(drop))
            .unwrap()
            .fragments
            .len(),
        3
    );
}

#[test]
fn literal_plus_rules() {
    let data = vec![b'\n'; 5000];
    let sync =
        |ctx: EncodeContext, n: usize| match &enc(ctx, |w| w.string("x", &data[..n]).map(drop))
            .unwrap()
            .fragments[1]
        {
            Fragment::Literal { sync, .. } => *sync,
            f => panic!("{f:?}"),
        };
    let plus = EncodeContext {
        literal_plus: true,
        ..Default::default()
    };
    let minus = EncodeContext {
        literal_minus: true,
        ..Default::default()
    };
    assert!(sync(EncodeContext::default(), 10));
    assert!(!sync(plus, 5000));
    assert!(!sync(minus, 4096));
    assert!(sync(minus, 4097));
    let e = enc(minus, |w| w.string("x", &data[..10]).map(drop)).unwrap();
    assert_eq!(
        e.fragments[0],
        Fragment::Line(Bytes::from_static(b"{10+}\r\n"))
    );
}

#[test]
fn nul_in_a_mailbox_name_is_refused_in_both_modes() {
    for utf8_accept in [false, true] {
        let c = EncodeContext {
            utf8_accept,
            ..Default::default()
        };
        let m = MailboxName::Name("a\0b".into());
        assert_eq!(
            enc(c, |w| w.mailbox("mailbox", &m).map(drop)),
            Err(EncodeError::Nul {
                argument: "mailbox"
            })
        );
        assert!(enc(c, |w| w.list_mailbox("pattern", &m).map(drop)).is_err());
        // Other control characters are fine: UTF-7 or a literal carries them.
        let m = MailboxName::Name("a\rb".into());
        assert!(enc(c, |w| w.mailbox("mailbox", &m).map(drop)).is_ok());
    }
}

#[test]
fn nul_refused_except_literal8() {
    let c = EncodeContext::default();
    assert_eq!(
        enc(c, |w| w.astring("password", b"a\0b").map(drop)),
        Err(EncodeError::Nul {
            argument: "password"
        })
    );
    assert!(enc(c, |w| w
        .string_or_literal8("message", b"a\0b", true)
        .map(drop))
    .is_err());
    let b = EncodeContext { binary: true, ..c };
    let e = enc(b, |w| {
        w.string_or_literal8("message", b"a\0b", true).map(drop)
    })
    .unwrap();
    assert_eq!(
        e.fragments[0],
        Fragment::Line(Bytes::from_static(b"~{3}\r\n"))
    );
}

#[test]
fn atoms_and_flags_are_validated() {
    let c = EncodeContext::default();
    assert!(enc(c, |w| w.atom("name", b"X-OK").map(drop)).is_ok());
    for bad in [&b""[..], b"a b", b"a(", b"a\r\n", b"a{1}", b"\xc3\xa9"] {
        assert!(
            enc(c, |w| w.atom("name", bad).map(drop)).is_err(),
            "{bad:?}"
        );
    }
    let err = enc(c, |w| {
        w.flag(&Flag::Keyword(Bytes::from_static(b"a b"))).map(drop)
    })
    .unwrap_err();
    assert!(err.to_string().contains("flag"));
    assert!(enc(c, |w| w.flag(&Flag::Recent).map(drop)).is_err());
    let ok = enc(c, |w| {
        w.flag_list(&[Flag::Seen, Flag::Keyword(Bytes::from_static(b"[test]"))])
            .map(drop)
    })
    .unwrap();
    assert_eq!(line(&ok), b"(\\Seen [test])\r\n");
}

#[test]
fn date_time_format() {
    let d = DateTime {
        year: 2024,
        month: 7,
        day: 5,
        hour: 9,
        minute: 3,
        second: 1,
        offset_minutes: -420,
    };
    let e = enc(EncodeContext::default(), |w| w.date_time(&d).map(drop)).unwrap();
    assert_eq!(line(&e), b"\" 5-Jul-2024 09:03:01 -0700\"\r\n");
    let bad = DateTime { month: 13, ..d };
    assert!(enc(EncodeContext::default(), |w| w.date_time(&bad).map(drop)).is_err());
}
