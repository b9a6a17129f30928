//! `section`, `section-binary` and `<origin>` of FETCH responses
//! (RFC 3501 section 9, RFC 3516).

use bytes::Bytes;
use nom::error::ErrorKind;

use super::core::{astring, error, fail, number, nz_number, opt_sp, sp, Ctx, PResult};
use super::envelope::close;
use crate::types::{Section, SectionText};

/// `section = "[" [section-spec] "]"`
///
/// `section-spec = section-msgtext / (section-part ["." section-text])`
pub(crate) fn section<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Section> {
    let Some(i) = i.strip_prefix(b"[") else {
        return error(i, ErrorKind::Char);
    };
    let (i, part) = section_part(i)?;
    let (i, text) = if i.first() == Some(&b']') {
        (i, None)
    } else {
        let i = if part.is_empty() {
            i
        } else {
            match i.strip_prefix(b".") {
                Some(j) => j,
                None => return fail(i, ErrorKind::Char),
            }
        };
        let (i, t) = section_text(ctx, i, !part.is_empty())?;
        (i, Some(t))
    };
    match i.strip_prefix(b"]") {
        Some(rest) => Ok((rest, Section { part, text })),
        None => fail(i, ErrorKind::Char),
    }
}

/// `section-binary = "[" [section-part] "]"`
pub(crate) fn section_binary(i: &[u8]) -> PResult<'_, Vec<u32>> {
    let Some(i) = i.strip_prefix(b"[") else {
        return error(i, ErrorKind::Char);
    };
    let (i, part) = section_part(i)?;
    match i.strip_prefix(b"]") {
        Some(rest) => Ok((rest, part)),
        None => fail(i, ErrorKind::Char),
    }
}

/// `section-part = nz-number *("." nz-number)`, or nothing (an empty path).
/// A `.` followed by a non-digit (the start of `section-text`) is left.
pub(crate) fn section_part(i: &[u8]) -> PResult<'_, Vec<u32>> {
    let mut part = Vec::new();
    if !i.first().is_some_and(u8::is_ascii_digit) {
        return Ok((i, part));
    }
    let (mut i, n) = nz_number(i)?;
    part.push(n);
    while let Some(j) = i.strip_prefix(b".") {
        if !j.first().is_some_and(u8::is_ascii_digit) {
            break;
        }
        let (j, n) = nz_number(j)?;
        part.push(n);
        i = j;
    }
    Ok((i, part))
}

/// `section-text = section-msgtext / "MIME"` (MIME only after a part),
/// `section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"`
fn section_text<'a>(ctx: &Ctx<'_>, i: &'a [u8], mime_ok: bool) -> PResult<'a, SectionText> {
    let word_len = i.iter().take_while(|&&b| b != b']' && b != b' ').count();
    let word = &i[..word_len];
    let rest = &i[word_len..];
    let is = |w: &[u8]| word.eq_ignore_ascii_case(w);
    if is(b"HEADER") {
        Ok((rest, SectionText::Header))
    } else if is(b"TEXT") {
        Ok((rest, SectionText::Text))
    } else if mime_ok && is(b"MIME") {
        Ok((rest, SectionText::Mime))
    } else if is(b"HEADER.FIELDS") {
        let (rest, names) = header_list(ctx, rest)?;
        Ok((rest, SectionText::HeaderFields(names)))
    } else if is(b"HEADER.FIELDS.NOT") {
        let (rest, names) = header_list(ctx, rest)?;
        Ok((rest, SectionText::HeaderFieldsNot(names)))
    } else {
        fail(i, ErrorKind::Tag)
    }
}

/// `SP header-list`, `header-list = "(" header-fld-name *(SP header-fld-name) ")"`,
/// `header-fld-name = astring` (leniently: an empty list, extra spaces).
fn header_list<'a>(ctx: &Ctx<'_>, i: &'a [u8]) -> PResult<'a, Vec<Bytes>> {
    let (i, ()) = sp(i)?;
    let Some(mut i) = i.strip_prefix(b"(") else {
        return fail(i, ErrorKind::Char);
    };
    let mut names = Vec::new();
    loop {
        let (j, ()) = opt_sp(i)?;
        if j.first() == Some(&b')') {
            return close(j).map(|(rest, ())| (rest, names));
        }
        let (j, name) = astring(ctx, j)?;
        names.push(name);
        i = j;
    }
}

/// `"<" number ">"`: the origin octet of a partial FETCH, if present.
pub(crate) fn origin(i: &[u8]) -> PResult<'_, Option<u32>> {
    let Some(j) = i.strip_prefix(b"<") else {
        return Ok((i, None));
    };
    let (j, n) = number(j)?;
    match j.strip_prefix(b">") {
        Some(rest) => Ok((rest, Some(n))),
        None => fail(j, ErrorKind::Char),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &'static [u8]) -> Section {
        let buf = Bytes::from_static(s);
        let ctx = Ctx::new(&buf, 10);
        let (rest, sec) = section(&ctx, &buf).unwrap();
        assert_eq!(rest, b"");
        sec
    }

    fn names(v: &[&str]) -> Vec<Bytes> {
        v.iter()
            .map(|s| Bytes::copy_from_slice(s.as_bytes()))
            .collect()
    }

    #[test]
    fn every_section_form() {
        assert_eq!(parse(b"[]"), Section::default());
        assert_eq!(
            parse(b"[1.2.3]"),
            Section {
                part: vec![1, 2, 3],
                text: None
            }
        );
        assert_eq!(
            parse(b"[HEADER]"),
            Section {
                part: vec![],
                text: Some(SectionText::Header)
            }
        );
        assert_eq!(
            parse(b"[text]"),
            Section {
                part: vec![],
                text: Some(SectionText::Text)
            }
        );
        assert_eq!(
            parse(b"[1.MIME]"),
            Section {
                part: vec![1],
                text: Some(SectionText::Mime)
            }
        );
        assert_eq!(
            parse(b"[2.3.HEADER]"),
            Section {
                part: vec![2, 3],
                text: Some(SectionText::Header)
            }
        );
        assert_eq!(
            parse(b"[HEADER.FIELDS (DATE FROM \"X-A b\")]"),
            Section {
                part: vec![],
                text: Some(SectionText::HeaderFields(names(&["DATE", "FROM", "X-A b"])))
            }
        );
        assert_eq!(
            parse(b"[1.HEADER.FIELDS.NOT (A)]"),
            Section {
                part: vec![1],
                text: Some(SectionText::HeaderFieldsNot(names(&["A"])))
            }
        );
    }

    #[test]
    fn bad_sections() {
        for bad in [
            &b"[MIME]"[..],
            b"[0]",
            b"[1.]",
            b"[HEADER.FIELDS]",
            b"[FOO]",
            b"[1",
        ] {
            let buf = Bytes::copy_from_slice(bad);
            let ctx = Ctx::new(&buf, 10);
            assert!(section(&ctx, &buf).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn binary_sections_and_origins() {
        assert_eq!(section_binary(b"[]").unwrap().1, Vec::<u32>::new());
        assert_eq!(section_binary(b"[1.4]x").unwrap(), (&b"x"[..], vec![1, 4]));
        assert!(section_binary(b"[TEXT]").is_err());
        assert_eq!(origin(b"<42> ").unwrap(), (&b" "[..], Some(42)));
        assert_eq!(origin(b" ").unwrap(), (&b" "[..], None));
        assert!(origin(b"<x>").is_err());
    }
}
