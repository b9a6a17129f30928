//! Extension data: NAMESPACE (RFC 2342), QUOTA/QUOTAROOT (RFC 2087/9208),
//! ACL/LISTRIGHTS/MYRIGHTS (RFC 4314), METADATA (RFC 5464), ANNOTATION
//! (draft-daboo-imap-annotatemore) and ID (RFC 2971).

use bytes::Bytes;

use super::core::{astring, delimiter, nstring, nstring8, number, paren_list, spaced, string};
use crate::response::{MetadataEntries, Namespace, Namespaces, Quota};
use crate::types::Mailbox;

/// `namespace-response = "NAMESPACE" SP namespace SP namespace SP namespace`.
pub(super) fn namespace_response(out: &mut Vec<u8>, n: &Namespaces) {
    out.extend_from_slice(b"NAMESPACE");
    for group in [&n.personal, &n.other_users, &n.shared] {
        out.push(b' ');
        namespace(out, group);
    }
}

/// `namespace = nil / "(" 1*namespace-descr ")"`: an empty group is `NIL`.
fn namespace(out: &mut Vec<u8>, group: &[Namespace]) {
    if group.is_empty() {
        out.extend_from_slice(b"NIL");
        return;
    }
    out.push(b'(');
    for d in group {
        namespace_descr(out, d);
    }
    out.push(b')');
}

/// `namespace-descr = "(" string SP (DQUOTE QUOTED-CHAR DQUOTE / nil)
/// [namespace-response-extensions] ")"`, where each extension is
/// `SP string SP "(" string *(SP string) ")"`.
fn namespace_descr(out: &mut Vec<u8>, d: &Namespace) {
    out.push(b'(');
    string(out, &d.prefix);
    out.push(b' ');
    delimiter(out, d.delimiter);
    for (name, values) in &d.extensions {
        out.push(b' ');
        string(out, name);
        out.push(b' ');
        paren_list(out, values, |o, v| string(o, v));
    }
    out.push(b')');
}

/// `quota-response = "QUOTA" SP quota-root-name SP quota-list`, where
/// `quota-resource = resource-name SP resource-usage SP resource-limit`.
pub(super) fn quota_response(out: &mut Vec<u8>, q: &Quota) {
    out.extend_from_slice(b"QUOTA ");
    astring(out, &q.root);
    out.push(b' ');
    paren_list(out, &q.resources, |o, r| {
        o.extend_from_slice(&r.name);
        o.push(b' ');
        number(o, r.usage);
        o.push(b' ');
        number(o, r.limit);
    });
}

/// `quotaroot-response = "QUOTAROOT" SP mailbox *(SP quota-root-name)`.
pub(super) fn quotaroot_response(out: &mut Vec<u8>, mailbox: &Mailbox, roots: &[Bytes]) {
    out.extend_from_slice(b"QUOTAROOT ");
    astring(out, mailbox.as_bytes());
    for r in roots {
        out.push(b' ');
        astring(out, r);
    }
}

/// `acl-data = "ACL" SP mailbox *(SP identifier SP rights)`.
pub(super) fn acl_data(out: &mut Vec<u8>, mailbox: &Mailbox, entries: &[(Bytes, Bytes)]) {
    out.extend_from_slice(b"ACL ");
    astring(out, mailbox.as_bytes());
    for (id, rights) in entries {
        out.push(b' ');
        astring(out, id);
        out.push(b' ');
        astring(out, rights);
    }
}

/// `listrights-data = "LISTRIGHTS" SP mailbox SP identifier SP rights *(SP rights)`.
pub(super) fn listrights_data(
    out: &mut Vec<u8>,
    mailbox: &Mailbox,
    identifier: &[u8],
    required: &[u8],
    optional: &[Bytes],
) {
    out.extend_from_slice(b"LISTRIGHTS ");
    astring(out, mailbox.as_bytes());
    out.push(b' ');
    astring(out, identifier);
    out.push(b' ');
    astring(out, required);
    for r in optional {
        out.push(b' ');
        astring(out, r);
    }
}

/// `myrights-data = "MYRIGHTS" SP mailbox SP rights`.
pub(super) fn myrights_data(out: &mut Vec<u8>, mailbox: &Mailbox, rights: &[u8]) {
    out.extend_from_slice(b"MYRIGHTS ");
    astring(out, mailbox.as_bytes());
    out.push(b' ');
    astring(out, rights);
}

/// `metadata-resp = "METADATA" SP mailbox SP (entry-values / entry-list)`,
/// `entry-values = "(" entry-value *(SP entry-value) ")"`,
/// `entry-value = entry SP value`, `value = nstring / literal8`,
/// `entry-list = entry *(SP entry)`.
pub(super) fn metadata_resp(out: &mut Vec<u8>, mailbox: &Mailbox, entries: &MetadataEntries) {
    out.extend_from_slice(b"METADATA ");
    astring(out, mailbox.as_bytes());
    out.push(b' ');
    match entries {
        MetadataEntries::Values(values) => paren_list(out, values, |o, (entry, value)| {
            astring(o, entry);
            o.push(b' ');
            nstring8(o, value.as_deref());
        }),
        MetadataEntries::Names(names) => spaced(out, names, |o, n| astring(o, n)),
    }
}

/// `annotation-data = "ANNOTATION" SP mailbox SP entry SP "(" att-value
/// *(SP att-value) ")"`, `att-value = attrib SP value`, where `entry` and
/// `attrib` are strings and `value` an nstring.
pub(super) fn annotation_data(
    out: &mut Vec<u8>,
    mailbox: &Mailbox,
    entry: &[u8],
    attributes: &[(Bytes, Option<Bytes>)],
) {
    out.extend_from_slice(b"ANNOTATION ");
    astring(out, mailbox.as_bytes());
    out.push(b' ');
    string(out, entry);
    out.push(b' ');
    paren_list(out, attributes, |o, (a, v)| {
        string(o, a);
        o.push(b' ');
        nstring(o, v.as_deref());
    });
}

/// `id-response = "ID" SP id-params-list`,
/// `id-params-list = "(" *(string SP nstring) ")" / nil`.
pub(super) fn id_response(out: &mut Vec<u8>, params: Option<&[(Bytes, Option<Bytes>)]>) {
    out.extend_from_slice(b"ID ");
    match params {
        None => out.extend_from_slice(b"NIL"),
        Some(params) => paren_list(out, params, |o, (k, v)| {
            string(o, k);
            o.push(b' ');
            nstring(o, v.as_deref());
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespace_groups() {
        let n = Namespaces {
            personal: vec![Namespace {
                prefix: "".into(),
                delimiter: Some(b'/'),
                extensions: vec![],
            }],
            other_users: vec![],
            shared: vec![Namespace {
                prefix: "#news.".into(),
                delimiter: Some(b'.'),
                extensions: vec![("X-PARAM".into(), vec!["FLAG1".into(), "FLAG2".into()])],
            }],
        };
        let mut out = Vec::new();
        namespace_response(&mut out, &n);
        assert_eq!(
            out,
            b"NAMESPACE ((\"\" \"/\")) NIL ((\"#news.\" \".\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\")))"
        );
    }

    #[test]
    fn metadata_forms() {
        let m = Mailbox("".into());
        let mut out = Vec::new();
        let values = MetadataEntries::Values(vec![
            ("/shared/comment".into(), Some("Shared comment".into())),
            ("/private/comment".into(), None),
        ]);
        metadata_resp(&mut out, &m, &values);
        assert_eq!(
            out,
            b"METADATA \"\" (/shared/comment \"Shared comment\" /private/comment NIL)"
        );
        let mut out = Vec::new();
        metadata_resp(
            &mut out,
            &Mailbox("INBOX".into()),
            &MetadataEntries::Names(vec!["/a".into(), "/b".into()]),
        );
        assert_eq!(out, b"METADATA INBOX /a /b");
    }

    #[test]
    fn id_and_acl() {
        let mut out = Vec::new();
        id_response(&mut out, None);
        assert_eq!(out, b"ID NIL");
        let mut out = Vec::new();
        id_response(
            &mut out,
            Some(&[("name".into(), Some("Cyrus".into())), ("os".into(), None)]),
        );
        assert_eq!(out, b"ID (\"name\" \"Cyrus\" \"os\" NIL)");
        let mut out = Vec::new();
        acl_data(
            &mut out,
            &Mailbox("INBOX".into()),
            &[("Fred".into(), "rwipsldexta".into())],
        );
        assert_eq!(out, b"ACL INBOX Fred rwipsldexta");
    }
}
