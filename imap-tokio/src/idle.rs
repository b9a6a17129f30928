//! IDLE (RFC 2177) as an async sequence of server events, like imaplib
//! 3.14's `idle()` and `burst()`.

use std::time::{Duration, Instant};

use imap_proto::client::{CommandHandle, Completion, Event};
use imap_proto::command::Command;
use imap_proto::response::Untagged;

use crate::driver::Until;
use crate::{Error, Session};

/// A running IDLE: call [`Idle::next`] for the server's events as they
/// happen. Made by [`Session::idle`]. The events end when the duration is
/// over (or the server ends the IDLE); [`Idle::done`] sends `DONE` and
/// waits for the IDLE's completion. Dropping an `Idle` queues the `DONE`,
/// sent with the session's next command. The core re-issues IDLE before
/// the 29 minutes of RFC 2177 run out, so an IDLE may last as long as the
/// caller likes. [`Idle::next`] may be dropped at any `.await` (a
/// `select!` with a shutdown signal): no event is lost.
///
/// ```no_run
/// # async fn f(session: &mut imap_tokio::Session) -> Result<(), imap_tokio::Error> {
/// use std::time::Duration;
/// session.select("INBOX", false).await?;
/// let mut idle = session.idle(Some(Duration::from_secs(60))).await?;
/// while let Some(event) = idle.next().await {
///     println!("{:?}", event?);
/// }
/// idle.done().await?;
/// # Ok(()) }
/// ```
pub struct Idle<'a> {
    session: &'a mut Session,
    handle: CommandHandle,
    end: Option<Instant>,
    finished: Option<Result<Completion, Error>>,
}

impl std::fmt::Debug for Idle<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Idle")
            .field("end", &self.end)
            .field("finished", &self.finished.is_some())
            .finish()
    }
}

impl Session {
    /// Starts IDLE (imaplib 3.14 `idle(duration)`) and waits for the
    /// server's go-ahead. Unsolicited responses already received are
    /// yielded first. `None` idles until the caller stops.
    pub async fn idle(&mut self, duration: Option<Duration>) -> Result<Idle<'_>, Error> {
        let handle = self.driver.client.enqueue(Command::Idle)?;
        let end = duration.map(|d| Instant::now() + d);
        let started = Until::IdleStarted(handle);
        let finished = match self.driver.wait(started, None, &mut None).await? {
            Some(Event::IdleStarted { .. }) => None,
            // The server answered IDLE at once: NO and BAD are errors.
            Some(Event::Completed { result, .. }) => Some(Ok(result?)),
            _ => return Err(Error::Closed),
        };
        Ok(Idle {
            session: self,
            handle,
            end,
            finished,
        })
    }
}

impl Idle<'_> {
    /// The next server event (EXISTS, EXPUNGE, FETCH, ...), or `None` once
    /// the IDLE's duration is over or the IDLE ended. An error ends the
    /// IDLE too.
    pub async fn next(&mut self) -> Option<Result<Untagged, Error>> {
        self.next_until(None).await.transpose()
    }

    /// Waits for the next event until `deadline` (capped by the IDLE's own
    /// end): `Ok(None)` when it passes or the IDLE is over.
    async fn next_until(&mut self, deadline: Option<Instant>) -> Result<Option<Untagged>, Error> {
        if self.finished.is_some() {
            return Ok(None);
        }
        let soft = [deadline, self.end].into_iter().flatten().min();
        let until = Until::IdleEvent(self.handle);
        match self.session.driver.wait(until, soft, &mut None).await {
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
    pub async fn burst(&mut self, interval: Duration) -> Result<Vec<Untagged>, Error> {
        let mut events = Vec::new();
        let mut deadline = None;
        while let Some(event) = self.next_until(deadline).await? {
            events.push(event);
            deadline = Some(Instant::now() + interval);
        }
        Ok(events)
    }

    /// Ends the IDLE (`DONE`) and waits for its completion.
    pub async fn done(mut self) -> Result<Completion, Error> {
        if let Some(result) = self.finished.replace(Err(Error::Closed)) {
            return result;
        }
        // NotIdling: the IDLE is over already; its completion is still due.
        let _ = self.session.driver.client.idle_done();
        self.session.driver.complete(self.handle, None).await
    }
}

impl Drop for Idle<'_> {
    fn drop(&mut self) {
        if self.finished.is_none() {
            // DONE goes out with the session's next write; the IDLE's
            // completion is then dropped when it arrives.
            let _ = self.session.driver.client.idle_done();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use imap_proto::response::Untagged;

    use crate::testing::{session, Reply};
    use crate::Error;

    const PREAUTH: &str = "* PREAUTH [CAPABILITY IMAP4rev1 IDLE] ready\r\n";

    #[tokio::test]
    async fn idle_yields_the_servers_events_then_done() {
        let replies = vec![
            Reply::Send("+ idling\r\n* 2 EXISTS\r\n"),
            Reply::Send("* 1 EXPUNGE\r\n$TAG OK idle over\r\n"),
        ];
        let (s, script) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let mut idle = s.idle(Some(Duration::from_secs(5))).await.unwrap();
        let event = idle.next().await.unwrap().unwrap();
        assert!(matches!(event, Untagged::Exists(2)), "{event:?}");
        let done = idle.done().await.unwrap();
        assert_eq!(done.status.text, "idle over");
        assert!(script.written().ends_with(" IDLE\r\nDONE\r\n"));
        // The EXPUNGE that came with the completion is applied and kept.
        assert!(matches!(s.unsolicited().as_slice(), [Untagged::Expunge(1)]));
    }

    #[tokio::test]
    async fn the_duration_ends_a_quiet_idle() {
        let replies = vec![Reply::Send("+ idling\r\n"), Reply::Send("$TAG OK done\r\n")];
        let (s, _) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let start = Instant::now();
        let mut idle = s.idle(Some(Duration::from_millis(100))).await.unwrap();
        assert!(idle.next().await.is_none());
        assert!(start.elapsed() >= Duration::from_millis(100));
        assert!(start.elapsed() < Duration::from_secs(3));
        idle.done().await.unwrap();
    }

    #[tokio::test]
    async fn burst_collects_events_close_together() {
        let replies = vec![
            Reply::Send("+ idling\r\n* 3 EXISTS\r\n* 1 RECENT\r\n"),
            Reply::Send("$TAG OK done\r\n"),
        ];
        let (s, _) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let mut idle = s.idle(Some(Duration::from_secs(5))).await.unwrap();
        let burst = idle.burst(Duration::from_millis(100)).await.unwrap();
        assert!(
            matches!(burst.as_slice(), [Untagged::Exists(3), Untagged::Recent(1)]),
            "{burst:?}"
        );
        idle.done().await.unwrap();
    }

    #[tokio::test]
    async fn a_dropped_idle_sends_done_before_the_next_command() {
        let replies = vec![
            Reply::Send("+ idling\r\n"),
            Reply::Send("$TAG OK idle done\r\n"),
            Reply::Send("$TAG OK noop done\r\n"),
        ];
        let (s, script) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        drop(s.idle(None).await.unwrap());
        s.noop().await.unwrap();
        assert_eq!(s.last_completion().unwrap().status.text, "noop done");
        let written = script.written();
        assert!(written.contains(" IDLE\r\nDONE\r\n"), "{written}");
        assert!(written.ends_with(" NOOP\r\n"), "{written}");
    }

    #[tokio::test]
    async fn a_refused_idle_is_an_error() {
        let replies = vec![Reply::Send("$TAG BAD no idling here\r\n")];
        let (s, _) = session(PREAUTH, replies, false).await;
        let mut s = s.unwrap();
        let err = s.idle(None).await.unwrap_err();
        assert!(matches!(err, Error::Bad(_)), "{err:?}");
        assert!(!s.is_closed());
    }
}
