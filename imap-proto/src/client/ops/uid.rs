//! imaplib's generic `uid(command, arg, ...)`: the command chosen by its
//! name, the arguments given as imaplib strings.

use super::Op;
use crate::client::Completion;
use crate::command::ArgError;

/// imaplib `uid(command, args...)`: `UID COPY`, `FETCH`, `SEARCH`, `SORT`,
/// `STORE`, `THREAD`, `MOVE` or `EXPUNGE` (the name in any case) with its
/// arguments as imaplib takes them, e.g. `uid("FETCH", &["1:*", "(FLAGS)"])`
/// or `uid("SEARCH", &["CHARSET", "UTF-8", "ALL"])`. The result is the whole
/// completion, whose [`Completion::imaplib`] is imaplib's `(typ, data)`; the
/// typed `uid_*` functions of this module give typed results instead.
///
/// ```
/// use imap_proto::client::ops;
/// use imap_proto::command::Command;
///
/// let op = ops::uid("store", &["4:7", "+FLAGS.SILENT", r"(\Deleted)"]).unwrap();
/// assert!(matches!(op.command, Command::Store(ref s) if s.uid && s.silent));
/// assert!(ops::uid("DELETE", &["INBOX"]).is_err());
/// assert!(ops::uid("FETCH", &["1"]).is_err());
/// ```
pub fn uid(command: &str, args: &[&str]) -> Result<Op<Completion>, ArgError> {
    let name = command.to_ascii_uppercase();
    let arity = |n: usize| match args.len() >= n {
        true => Ok(()),
        false => Err(ArgError::new("UID command arguments", &args.join(" "))),
    };
    let rest = |from: usize| args.get(from..).unwrap_or_default().join(" ");
    let command = match name.as_str() {
        "FETCH" if args.len() == 2 => super::uid_fetch(args[0], args[1])?.command,
        "SEARCH" => {
            arity(1)?;
            match args {
                [c, charset, _, ..] if c.eq_ignore_ascii_case("CHARSET") => {
                    super::uid_search(Some(charset), rest(2))?.command
                }
                _ => super::uid_search(None, rest(0))?.command,
            }
        }
        "STORE" if args.len() == 3 => super::uid_store(args[0], args[1], args[2])?.command,
        "COPY" if args.len() == 2 => super::uid_copy(args[0], args[1])?.command,
        "MOVE" if args.len() == 2 => super::uid_move(args[0], args[1])?.command,
        "EXPUNGE" if args.len() == 1 => super::uid_expunge(args[0])?.command,
        "SORT" => {
            arity(3)?;
            super::uid_sort(args[0], args[1], rest(2))?.command
        }
        "THREAD" => {
            arity(3)?;
            super::uid_thread(args[0], args[1], rest(2))?.command
        }
        _ => return Err(ArgError::new("UID command", command)),
    };
    Ok(Op::new(command, |done| Ok(done.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_uid_command_by_name() {
        for (name, args) in [
            ("fetch", &["1:*", "(UID FLAGS)"][..]),
            ("SEARCH", &["ALL"]),
            ("search", &["CHARSET", "UTF-8", "FROM", "\"x\""]),
            ("STORE", &["1", "-FLAGS", r"(\Seen)"]),
            ("copy", &["2:4", "Archive"]),
            ("move", &["2:4", "Archive"]),
            ("expunge", &["3"]),
            ("sort", &["(DATE)", "UTF-8", "ALL"]),
            ("thread", &["REFERENCES", "UTF-8", "ALL"]),
        ] {
            let op = uid(name, args).unwrap_or_else(|e| panic!("{name}: {e}"));
            let encoded = op.command.encode(b"A1", &Default::default()).unwrap();
            let line = match encoded.fragments.first() {
                Some(crate::command::Fragment::Line(l)) => String::from_utf8_lossy(l).into_owned(),
                other => panic!("{other:?}"),
            };
            assert!(line.starts_with("A1 UID "), "{line}");
            assert!(
                line.to_ascii_uppercase()
                    .contains(&name.to_ascii_uppercase()),
                "{line}"
            );
        }
    }

    #[test]
    fn wrong_names_and_arities_are_errors() {
        assert!(uid("LIST", &["", "*"]).is_err());
        assert!(uid("FETCH", &["1"]).is_err());
        assert!(uid("COPY", &["1"]).is_err());
        assert!(uid("SORT", &["(DATE)", "UTF-8"]).is_err());
        assert!(uid("FETCH", &["1\r\nA2 DELETE INBOX", "(FLAGS)"]).is_err());
    }
}
