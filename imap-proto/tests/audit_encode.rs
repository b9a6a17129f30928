//! The response encoder is a faithful inverse of the parser on inputs the
//! fuzzer found: `parse(encode(parse(x))) == parse(x)`.

use bytes::Bytes;

use imap_proto::response::encode::encode_response;
use imap_proto::response::parse::parse_response;
use imap_proto::response::{Response, Untagged};
use imap_proto::types::Flag;
use imap_proto::Limits;

fn parse(wire: &[u8]) -> Response {
    parse_response(&Bytes::copy_from_slice(wire), &Limits::default())
        .unwrap_or_else(|e| panic!("{e} in {:?}", String::from_utf8_lossy(wire)))
}

fn reparse(r: &Response) -> Response {
    let mut wire = Vec::new();
    encode_response(r, &mut wire);
    parse(&wire)
}

#[test]
fn odd_flag_keywords_round_trip() {
    let odd = [
        "a b",
        "\\Seen",
        "\"x",
        "",
        "[a",
        "x[y]z[",
        "(",
        "a)",
        "b]",
        "a\"b",
        "{5}",
        "\u{e9} x",
        "a\u{0}b c",
    ];
    let r = Response::Untagged(Untagged::Flags(
        odd.iter().map(|k| Flag::Keyword((*k).into())).collect(),
    ));
    assert_eq!(reparse(&r), r);
    let wire = b"*       FLAGS      ( E*   \"      '        ARLIEA  ttttttttt  *  !ttttttt   O     ttt\xd7\xf7E59\"ttt[tH)\n";
    let r = parse(wire);
    assert_eq!(reparse(&r), r);
    // parse_encode_parse: `[MODIFIED*]` was kept as an unknown code and
    // written back as `[MODIFIED *]`, which is the typed code.
    let wire = b"+[MODIFIED*](]\x90\x00iL)\xdf\n";
    let r = parse(wire);
    assert_eq!(reparse(&r), r);
}

#[test]
fn fuzz_found_inputs_round_trip() {
    // parse_encode_parse: a quoted flag holding spaces.
    let wire = b"*       FLAGS      ( E* [         '      \" 2-Feb-2022 01:02:03 +0100\"ttttt   O     ttttttt  \xb1 tttttkM  x  OOVBINARY.SIZEH)\n";
    let r = parse(wire);
    assert_eq!(reparse(&r), r);
    let wire = b"*       FLAGS      ( E*   \"      '        ARLIEA  ttttttttt  *  !ttttttt   O     ttt\xd7\xf7E59\"ttt[tH)\n";
    let r = parse(wire);
    assert_eq!(reparse(&r), r);
}
