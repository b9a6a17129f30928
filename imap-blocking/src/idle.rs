//! IDLE (RFC 2177) as an iterator of server events, like imaplib 3.14's
//! `idle()` and `burst()`.

use std::time::{Duration, Instant};

use imap_proto::client::{CommandHandle, Completion, Event};
use imap_proto::command::Command;
use imap_proto::response::Untagged;

use crate::driver::Until;
use crate::{Error, Session};

/// A running IDLE: iterate it for the server's events as they happen.
/// Made by [`Session::idle`]. The iterator ends when the duration is over
/// (or the server ends the IDLE); [`Idle::done`] or dropping it sends
/// `DONE` and waits for the IDLE's completion. The core re-issues IDLE
/// before the 29 minutes of RFC 2177 run out, so an IDLE may last as long
/// as the caller likes.
///
/// ```no_run
/// # fn main() -> Result<(), imap_blocking::Error> {
/// # let mut session = imap_blocking::Session::from_command("imap", ["-u", "alice"])?;
/// use std::time::Duration;
/// session.select("INBOX", false)?;
/// let mut idle = session.idle(Some(Duration::from_secs(60)))?;
/// for event in &mut idle {
///     println!("{:?}", event?);
/// }
/// idle.done()?;
/// # Ok(()) }
/// ```
pub struct Idle<'a> {
    session: &'a mut Session,
    handle: CommandHandle,
    end: Option<Instant>,
    finished: Option<Result<Completion, Error>>,
}

impl Session {
    /// Starts IDLE (imaplib 3.14 `idle(duration)`) and waits for the
    /// server's go-ahead. Unsolicited responses already received are
    /// yielded first. `None` idles until the caller stops iterating.
    pub fn idle(&mut self, duration: Option<Duration>) -> Result<Idle<'_>, Error> {
        let handle = self.driver.client.enqueue(Command::Idle)?;
        let end = duration.map(|d| Instant::now() + d);
        match self
            .driver
            .wait(Until::IdleStarted(handle), None, &mut None)?
        {
            Some(Event::IdleStarted { .. }) => Ok(Idle {
                session: self,
                handle,
                end,
                finished: None,
            }),
            Some(Event::Completed { result, .. }) => {
                // The server answered IDLE at once: NO and BAD are errors.
                let completion = result?;
                Ok(Idle {
                    session: self,
                    handle,
                    end,
                    finished: Some(Ok(completion)),
                })
            }
            _ => Err(Error::Closed),
        }
    }
}

impl Idle<'_> {
    /// Waits for the next event until `deadline` (capped by the IDLE's own
    /// end): `Ok(None)` when it passes or the IDLE is over.
    fn next_until(&mut self, deadline: Option<Instant>) -> Result<Option<Untagged>, Error> {
        if self.finished.is_some() {
            return Ok(None);
        }
        let soft = match (deadline, self.end) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let until = Until::IdleEvent(self.handle);
        match self.session.driver.wait(until, soft, &mut None) {
            Ok(Some(Event::Unsolicited(untagged))) => Ok(Some(untagged)),
            Ok(Some(Event::Completed { result, .. })) => {
                self.finished = Some(result.map_err(Error::from));
                Ok(None)
            }
            Ok(_) => Ok(None),
            Err(e) => {
                self.finished = Some(Err(Error::Closed));
                Err(e)
            }
        }
    }

    /// imaplib 3.14 `burst(interval)`: waits for an event (until the
    /// IDLE's end), then collects the events that follow it less than
    /// `interval` apart. Empty when the IDLE ended with none.
    pub fn burst(&mut self, interval: Duration) -> Result<Vec<Untagged>, Error> {
        let mut events = Vec::new();
        let Some(first) = self.next_until(None)? else {
            return Ok(events);
        };
        events.push(first);
        while let Some(event) = self.next_until(Some(Instant::now() + interval))? {
            events.push(event);
        }
        Ok(events)
    }

    /// Ends the IDLE (`DONE`) and waits for its completion.
    pub fn done(mut self) -> Result<Completion, Error> {
        self.finish()
    }

    fn finish(&mut self) -> Result<Completion, Error> {
        if let Some(result) = self.finished.take() {
            self.finished = Some(Err(Error::Closed));
            return result;
        }
        self.finished = Some(Err(Error::Closed));
        // NotIdling: the IDLE is over already; its completion is still due.
        let _ = self.session.driver.client.idle_done();
        self.session.driver.complete(self.handle, None)
    }
}

impl Iterator for Idle<'_> {
    type Item = Result<Untagged, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_until(None).transpose()
    }
}

impl Drop for Idle<'_> {
    fn drop(&mut self) {
        if self.finished.is_none() {
            let _ = self.finish();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use imap_proto::response::Untagged;

    use crate::testing::{session, Reply, Script};
    use crate::Error;

    const PREAUTH: &str = "* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready\r\n";
    const SELECTED: &str = "* 1 EXISTS\r\n$TAG OK [READ-WRITE] selected\r\n";

    #[test]
    fn idle_yields_events_then_done_completes_it() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::Send("+ idling\r\n* 4 EXISTS\r\n"),
                Reply::Send("$TAG OK idle done\r\n"), // the answer to DONE
            ],
        );
        let mut s = session(&script, true).unwrap();
        s.select("INBOX", false).unwrap();
        let mut idle = s.idle(Some(Duration::from_secs(5))).unwrap();
        let event = idle.next().unwrap().unwrap();
        assert_eq!(event, Untagged::Exists(4));
        let done = idle.done().unwrap();
        assert_eq!(done.status.text, "idle done");
        assert!(script.written().ends_with("DONE\r\n"));
        assert_eq!(s.selected().unwrap().exists, Some(4));
    }

    #[test]
    fn idle_ends_when_its_duration_is_over() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::Send("+ idling\r\n"),
                Reply::Send("$TAG OK idle done\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        s.select("INBOX", false).unwrap();
        // The session's 1 s command timeout does not apply to IDLE.
        let start = Instant::now();
        let mut idle = s.idle(Some(Duration::from_millis(1500))).unwrap();
        assert!(idle.next().is_none());
        assert!(start.elapsed() >= Duration::from_millis(1500));
        drop(idle); // sends DONE
        assert!(script.written().ends_with("DONE\r\n"));
        assert!(!s.is_closed());
    }

    #[test]
    fn burst_collects_events_close_together() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::Send("+ idling\r\n* 2 EXISTS\r\n* 1 RECENT\r\n* 1 EXPUNGE\r\n"),
                Reply::Send("$TAG OK idle done\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        s.select("INBOX", false).unwrap();
        let mut idle = s.idle(Some(Duration::from_secs(5))).unwrap();
        let burst = idle.burst(Duration::from_millis(50)).unwrap();
        assert_eq!(
            burst,
            vec![
                Untagged::Exists(2),
                Untagged::Recent(1),
                Untagged::Expunge(1)
            ]
        );
        idle.done().unwrap();
    }

    #[test]
    fn idle_refused_is_an_error() {
        let script = Script::new(
            PREAUTH,
            vec![
                Reply::Send(SELECTED),
                Reply::Send("$TAG BAD no idling here\r\n"),
            ],
        );
        let mut s = session(&script, true).unwrap();
        s.select("INBOX", false).unwrap();
        assert!(matches!(s.idle(None), Err(Error::Bad(_))));
        assert!(!s.is_closed());
    }
}
