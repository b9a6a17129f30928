//! IDLE (RFC 2177): the server's `+` starts it, `DONE` ends it, and the
//! client refreshes it itself (DONE, then a new IDLE under the same handle)
//! before the 29 minutes after which servers may drop an idle client.

use std::time::{Duration, Instant};

/// The IDLE-specific state of an IDLE command in flight.
#[derive(Clone, Debug, Default)]
pub(crate) struct IdleState {
    /// `+` received for the current IDLE.
    pub(crate) started: bool,
    /// [`Event::IdleStarted`](super::Event::IdleStarted) was emitted
    /// (once per handle, not again after a refresh).
    pub(crate) announced: bool,
    /// `DONE` queued for the current IDLE.
    pub(crate) done_sent: bool,
    /// The caller asked for the end ([`Client::idle_done`](super::Client::idle_done)).
    pub(crate) done_requested: bool,
    /// `DONE` was sent to refresh: a new IDLE follows the tagged OK.
    pub(crate) refreshing: bool,
    /// When the current IDLE started, as far as the client knows the time.
    pub(crate) since: Option<Instant>,
}

impl IdleState {
    /// When the running IDLE must be refreshed, if it is running and its
    /// start time is known.
    pub(crate) fn deadline(&self, refresh: Duration) -> Option<Instant> {
        if self.started && !self.done_sent {
            self.since.and_then(|t| t.checked_add(refresh))
        } else {
            None
        }
    }

    /// The `+` arrived: the IDLE runs from `now` (or from the next time the
    /// clock is known). Returns true when `DONE` must go out at once (the
    /// caller asked before the server was ready).
    pub(crate) fn on_continue(&mut self, now: Option<Instant>) -> bool {
        self.started = true;
        self.since = now;
        self.done_requested && !self.done_sent
    }

    /// Time passes: returns true when the IDLE must be refreshed now.
    pub(crate) fn on_time(&mut self, now: Instant, refresh: Duration) -> bool {
        if !self.started || self.done_sent {
            return false;
        }
        match self.deadline(refresh) {
            None => {
                self.since = Some(now);
                false
            }
            Some(deadline) => now >= deadline,
        }
    }

    /// Ready for the next IDLE of a refresh.
    pub(crate) fn restart(&mut self) {
        self.started = false;
        self.done_sent = false;
        self.refreshing = false;
        self.since = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_follows_start_and_refresh() {
        let t0 = Instant::now();
        let refresh = Duration::from_secs(60);
        let mut idle = IdleState::default();
        assert_eq!(idle.deadline(refresh), None);
        assert!(!idle.on_continue(Some(t0)));
        assert_eq!(idle.deadline(refresh), Some(t0 + refresh));
        assert!(!idle.on_time(t0 + Duration::from_secs(59), refresh));
        assert!(idle.on_time(t0 + refresh, refresh));
    }

    #[test]
    fn unknown_start_is_anchored_at_the_next_clock_reading() {
        let t0 = Instant::now();
        let refresh = Duration::from_secs(60);
        let mut idle = IdleState::default();
        idle.on_continue(None);
        assert_eq!(idle.deadline(refresh), None);
        assert!(!idle.on_time(t0, refresh));
        assert_eq!(idle.deadline(refresh), Some(t0 + refresh));
    }

    #[test]
    fn done_requested_early_goes_out_at_the_continuation() {
        let mut idle = IdleState {
            done_requested: true,
            ..Default::default()
        };
        assert!(idle.on_continue(None));
    }
}
