//! Unit tests of `body`.

use super::*;

fn b(s: &str) -> Bytes {
    Bytes::copy_from_slice(s.as_bytes())
}

fn params(kv: &[(&str, &str)]) -> Vec<(Bytes, Bytes)> {
    kv.iter().map(|(k, v)| (b(k), b(v))).collect()
}

fn fields(p: &[(&str, &str)], enc: &str, octets: u64) -> BodyFields {
    BodyFields {
        params: params(p),
        id: None,
        description: None,
        encoding: b(enc),
        octets,
    }
}

fn parse_with(s: &[u8], depth: usize) -> Result<BodyStructure, bool> {
    let buf = Bytes::copy_from_slice(s);
    let ctx = Ctx::new(&buf, depth);
    match body(&ctx, &buf) {
        Ok((b"", v)) => Ok(*v),
        Ok((rest, _)) => panic!("left over: {:?}", String::from_utf8_lossy(rest)),
        Err(_) => Err(ctx.too_deep.get()),
    }
}

fn parse(s: &[u8]) -> BodyStructure {
    parse_with(s, 100).unwrap()
}

fn text(
    subtype: &str,
    fields: BodyFields,
    lines: u64,
    ext: Option<SinglePartExt>,
) -> BodyStructure {
    BodyStructure::Text {
        subtype: b(subtype),
        fields,
        lines,
        ext,
    }
}

#[test]
fn rfc3501_text_plain() {
    assert_eq!(
        parse(b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)"),
        text(
            "PLAIN",
            fields(&[("CHARSET", "US-ASCII")], "7BIT", 3028),
            92,
            None
        )
    );
}

#[test]
fn rfc3501_multipart_mixed() {
    let s = b"((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 1152 23)\
(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \
\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")";
    let second = BodyFields {
        params: params(&[("CHARSET", "US-ASCII"), ("NAME", "cc.diff")]),
        id: Some(b("<960723163407.20117h@cac.washington.edu>")),
        description: Some(b("Compiler diff")),
        encoding: b("BASE64"),
        octets: 4554,
    };
    assert_eq!(
        parse(s),
        BodyStructure::Multipart {
            parts: vec![
                text(
                    "PLAIN",
                    fields(&[("CHARSET", "US-ASCII")], "7BIT", 1152),
                    23,
                    None
                ),
                text("PLAIN", second, 73, None),
            ],
            subtype: b("MIXED"),
            ext: None,
        }
    );
}

const GMAIL: &[u8] = b"(((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 1234 30 NIL NIL NIL NIL)\
(\"TEXT\" \"HTML\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 5678 100 NIL NIL NIL NIL) \
\"ALTERNATIVE\" (\"BOUNDARY\" \"000000000000abc\") NIL NIL NIL)\
(\"APPLICATION\" \"PDF\" (\"NAME\" \"report.pdf\") \"<f_kx1>\" NIL \"BASE64\" 102400 NIL \
(\"ATTACHMENT\" (\"FILENAME\" \"report.pdf\")) NIL NIL) \"MIXED\" (\"BOUNDARY\" \"000000000000def\") NIL NIL NIL)";

#[test]
fn gmail_alternative_with_attachment() {
    let none = Some(SinglePartExt::default());
    let alt = BodyStructure::Multipart {
        parts: vec![
            text(
                "PLAIN",
                fields(&[("CHARSET", "UTF-8")], "QUOTED-PRINTABLE", 1234),
                30,
                none.clone(),
            ),
            text(
                "HTML",
                fields(&[("CHARSET", "UTF-8")], "QUOTED-PRINTABLE", 5678),
                100,
                none,
            ),
        ],
        subtype: b("ALTERNATIVE"),
        ext: Some(MultipartExt {
            params: params(&[("BOUNDARY", "000000000000abc")]),
            ..Default::default()
        }),
    };
    let pdf = BodyStructure::Basic {
        media_type: b("APPLICATION"),
        subtype: b("PDF"),
        fields: BodyFields {
            id: Some(b("<f_kx1>")),
            ..fields(&[("NAME", "report.pdf")], "BASE64", 102400)
        },
        ext: Some(SinglePartExt {
            disposition: Some(Disposition {
                kind: b("ATTACHMENT"),
                params: params(&[("FILENAME", "report.pdf")]),
            }),
            ..Default::default()
        }),
    };
    assert_eq!(
        parse(GMAIL),
        BodyStructure::Multipart {
            parts: vec![alt, pdf],
            subtype: b("MIXED"),
            ext: Some(MultipartExt {
                params: params(&[("BOUNDARY", "000000000000def")]),
                ..Default::default()
            }),
        }
    );
}

#[test]
fn dovecot_message_rfc822_inside() {
    let s = b"((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 12 1 NIL NIL NIL NIL)\
(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 400 (\"Mon, 1 Jan 2024 00:00:00 +0000\" \"inner\" \
((NIL NIL \"a\" \"x.org\")) ((NIL NIL \"a\" \"x.org\")) ((NIL NIL \"a\" \"x.org\")) NIL NIL NIL NIL \"<i@x>\") \
(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 5 1 NIL NIL NIL NIL) 15 \
\"d41d8cd98f00b204e9800998ecf8427e\" (\"attachment\" NIL) (\"en\" \"de\") \"http://x/y\" 7 (\"z\" 8)) \
\"mixed\" (\"boundary\" \"b1\") (\"inline\" (\"a\" NIL)) \"en\" NIL)";
    let BodyStructure::Multipart {
        parts,
        subtype,
        ext,
    } = parse(s)
    else {
        panic!()
    };
    assert_eq!(subtype, b("mixed"));
    assert_eq!(
        ext,
        Some(MultipartExt {
            params: params(&[("boundary", "b1")]),
            disposition: Some(Disposition {
                kind: b("inline"),
                params: params(&[("a", "")])
            }),
            language: vec![b("en")],
            location: None,
            extension: vec![],
        })
    );
    let BodyStructure::Message {
        subtype,
        fields: f,
        envelope,
        body,
        lines,
        ext,
    } = &parts[1]
    else {
        panic!("{:?}", parts[1])
    };
    assert_eq!(
        (subtype, f, *lines),
        (&b("rfc822"), &fields(&[], "7bit", 400), 15)
    );
    assert_eq!(envelope.subject(), Some(&b"inner"[..]));
    assert_eq!(envelope.from_list().len(), 1);
    assert_eq!(
        **body,
        text(
            "plain",
            fields(&[("charset", "us-ascii")], "7bit", 5),
            1,
            Some(SinglePartExt::default())
        )
    );
    assert_eq!(
        ext,
        &Some(SinglePartExt {
            md5: Some(b("d41d8cd98f00b204e9800998ecf8427e")),
            disposition: Some(Disposition {
                kind: b("attachment"),
                params: vec![]
            }),
            language: vec![b("en"), b("de")],
            location: Some(b("http://x/y")),
            extension: vec![
                BodyExtension::Number(7),
                BodyExtension::List(vec![
                    BodyExtension::NString(Some(b("z"))),
                    BodyExtension::Number(8)
                ]),
            ],
        })
    );
}

#[test]
fn quirks() {
    // All-NIL part: empty type, subtype and encoding.
    assert_eq!(
        parse(b"(NIL NIL NIL NIL NIL \"7BIT\" 0)"),
        BodyStructure::Basic {
            media_type: b(""),
            subtype: b(""),
            fields: fields(&[], "7BIT", 0),
            ext: None
        }
    );
    // A bare string where the disposition list belongs; lines -1; NIL
    // parameter value and NIL encoding; trailing and double spaces.
    let t =
        parse(b"(\"TEXT\"  \"PLAIN\" (\"CHARSET\" NIL) NIL NIL NIL 10 -1 NIL \"inline\" NIL NIL )");
    assert_eq!(
        t,
        text(
            "PLAIN",
            fields(&[("CHARSET", "")], "", 10),
            0,
            Some(SinglePartExt {
                disposition: Some(Disposition {
                    kind: b("inline"),
                    params: vec![]
                }),
                ..Default::default()
            })
        )
    );
    // 8-bit bytes in a quoted parameter; a literal parameter value.
    let t = parse(b"(\"APPLICATION\" \"OCTET-STREAM\" (\"NAME\" \"\xc3\xa9t\xe9\" \"X\" {2}\r\nab) NIL NIL \"BASE64\" 3)");
    let BodyStructure::Basic { fields: f, .. } = t else {
        panic!()
    };
    assert_eq!(
        f.params,
        vec![
            (b("NAME"), Bytes::from_static(b"\xc3\xa9t\xe9")),
            (b("X"), b("ab"))
        ]
    );
    // Text without body-fld-lines (older servers).
    assert_eq!(
        parse(b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 0)"),
        text("PLAIN", fields(&[], "7BIT", 0), 0, None)
    );
}

#[test]
fn malformed_bodies_are_errors() {
    for bad in [
        &b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\")"[..],
        b"()",
        b"(\"TEXT\"",
        b"((\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)",
    ] {
        assert_eq!(
            parse_with(bad, 100),
            Err(false),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

fn nested(levels: usize) -> Vec<u8> {
    let mut s =
        b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL)"
            .to_vec();
    for _ in 1..levels {
        let mut outer = b"(".to_vec();
        outer.extend_from_slice(&s);
        outer.extend_from_slice(b" \"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL NIL)");
        s = outer;
    }
    s
}

/// `levels` MESSAGE/RFC822 parts, each enclosing the next.
fn nested_messages(levels: usize) -> Vec<u8> {
    let mut s = b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1)".to_vec();
    for _ in 1..levels {
        let mut outer = b"(\"MESSAGE\" \"RFC822\" NIL NIL NIL \"7BIT\" 9 \
(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) "
            .to_vec();
        outer.extend_from_slice(&s);
        outer.extend_from_slice(b" 3 NIL NIL NIL NIL)");
        s = outer;
    }
    s
}

fn depth_of(b: &BodyStructure) -> usize {
    match b {
        BodyStructure::Message { body, .. } => 1 + depth_of(body),
        BodyStructure::Multipart { parts, .. } => 1 + parts.iter().map(depth_of).max().unwrap_or(0),
        _ => 1,
    }
}

#[test]
fn deep_nesting_is_bounded_on_a_small_stack() {
    let run = || {
        // A legitimate 50-level structure parses with the default limit;
        // 99 levels is still within it.
        assert_eq!(depth_of(&parse(&nested(50))), 50);
        assert_eq!(depth_of(&parse(&nested(99))), 99);
        assert_eq!(depth_of(&parse(&nested_messages(100))), 100);
        assert_eq!(parse_with(&nested_messages(101), 100), Err(true));
        // One level over the limit, and 10,000 `(`: an error, flagged as too deep.
        assert_eq!(parse_with(&nested(101), 100), Err(true));
        assert_eq!(parse_with(&[b'('; 10_000], 100), Err(true));
        let mut ext = b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 1 1 NIL NIL NIL NIL ".to_vec();
        ext.extend_from_slice(&[b'('; 10_000]);
        assert_eq!(parse_with(&ext, 100), Err(true));
    };
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}
