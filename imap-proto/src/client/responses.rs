//! imaplib's `untagged_responses`: the data of every untagged response and
//! response code, kept by name until taken with
//! [`Client::response`](super::Client::response).

use std::collections::{HashMap, VecDeque};

use bytes::Bytes;

use super::result::{imaplib_data, imaplib_name};

/// Data kept by name, bounded: past `cap` items in all, the oldest item
/// under the same name (or, failing that, a whole other name) is dropped.
#[derive(Debug)]
pub(crate) struct ResponseStore {
    map: HashMap<String, VecDeque<Bytes>>,
    total: usize,
    cap: usize,
}

impl ResponseStore {
    pub(crate) fn new(cap: usize) -> Self {
        ResponseStore {
            map: HashMap::new(),
            total: 0,
            cap: cap.max(1),
        }
    }

    /// Keeps an untagged response (`* ...`) under its name, and its
    /// response code, if any, under the code's name.
    pub(crate) fn record_untagged(&mut self, raw: &Bytes) {
        if let Some(name) = imaplib_name(raw) {
            self.push(name, imaplib_data(raw));
        }
        self.record_code(raw);
    }

    /// Keeps the `[CODE data]` of a status response (tagged or untagged).
    pub(crate) fn record_code(&mut self, raw: &Bytes) {
        if let Some((name, data)) = code_of(raw) {
            self.push(name, data);
        }
    }

    /// Takes everything kept under `name` (ignoring ASCII case).
    pub(crate) fn take(&mut self, name: &str) -> Vec<Bytes> {
        let items = self
            .map
            .remove(&name.to_ascii_uppercase())
            .unwrap_or_default();
        self.total = self.total.saturating_sub(items.len());
        items.into()
    }

    fn push(&mut self, name: String, data: Bytes) {
        if self.total >= self.cap {
            let same = self.map.get_mut(&name).and_then(VecDeque::pop_front);
            if same.is_some() {
                self.total -= 1;
            } else if let Some(other) = self.map.keys().next().cloned() {
                let dropped = self.map.remove(&other).map_or(0, |v| v.len());
                self.total = self.total.saturating_sub(dropped);
            }
        }
        self.map.entry(name).or_default().push_back(data);
        self.total += 1;
    }
}

/// The response code of a status response: `* OK [UIDVALIDITY 3] x` gives
/// `("UIDVALIDITY", "3")`, `A1 OK [READ-WRITE] done` gives `("READ-WRITE", "")`.
fn code_of(raw: &Bytes) -> Option<(String, Bytes)> {
    let first_sp = raw.iter().position(|&b| b == b' ')?;
    let status_start = first_sp + 1;
    let status_len = raw.get(status_start..)?.iter().position(|&b| b == b' ')?;
    let status = raw.get(status_start..status_start + status_len)?;
    let is_status = [&b"OK"[..], b"NO", b"BAD", b"PREAUTH", b"BYE"]
        .iter()
        .any(|s| s.eq_ignore_ascii_case(status));
    let open = status_start + status_len + 1;
    if !is_status || raw.get(open) != Some(&b'[') {
        return None;
    }
    let close = open + raw.get(open..)?.iter().position(|&b| b == b']')?;
    let inner = raw.slice(open + 1..close);
    let (name, data) = match inner.iter().position(|&b| b == b' ') {
        Some(sp) => (inner.slice(..sp), inner.slice(sp + 1..)),
        None => (inner, Bytes::new()),
    };
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    Some((String::from_utf8_lossy(&name).to_ascii_uppercase(), data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_by_name_and_code() {
        let mut s = ResponseStore::new(100);
        s.record_untagged(&Bytes::from_static(b"* 18 EXISTS\r\n"));
        s.record_untagged(&Bytes::from_static(
            b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
        ));
        s.record_code(&Bytes::from_static(
            b"a002 OK [READ-WRITE] SELECT completed\r\n",
        ));
        assert_eq!(s.take("exists"), vec![Bytes::from_static(b"18")]);
        assert_eq!(
            s.take("UIDVALIDITY"),
            vec![Bytes::from_static(b"3857529045")]
        );
        assert_eq!(s.take("READ-WRITE"), vec![Bytes::new()]);
        assert_eq!(s.take("OK").len(), 1);
        assert!(s.take("EXISTS").is_empty());
    }

    #[test]
    fn bounded() {
        let mut s = ResponseStore::new(3);
        for n in 0..10u8 {
            s.push("X".into(), Bytes::from(vec![n]));
        }
        assert_eq!(
            s.take("X"),
            vec![
                Bytes::from(vec![7]),
                Bytes::from(vec![8]),
                Bytes::from(vec![9])
            ]
        );
        for n in 0..10u8 {
            s.push(format!("N{n}"), Bytes::new());
        }
        assert!(s.total <= 3 && s.map.values().map(VecDeque::len).sum::<usize>() == s.total);
    }

    #[test]
    fn code_of_needs_a_status_word() {
        assert_eq!(code_of(&Bytes::from_static(b"* 1 FETCH [x]\r\n")), None);
        assert_eq!(code_of(&Bytes::from_static(b"* OK no code\r\n")), None);
    }
}
