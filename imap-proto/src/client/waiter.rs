//! [`Waiter`]: the routing a driver needs between its caller and a
//! [`Client`], without IO. A driver that runs its caller's calls one at a
//! time waits for one event per call (a command's completion, IDLE's `+`,
//! the greeting, the next event during IDLE); the waiter knows which,
//! keeps the events nobody waits for (unsolicited responses, alerts) for
//! the caller, and tells the driver what to do next as a [`Step`].

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use bytes::Bytes;

use super::{Client, CommandHandle, Event, ProtocolError};
use crate::response::Untagged;
use crate::types::SmallBytes;

/// What a wait stops on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Until {
    /// The server's greeting.
    Greeting,
    /// The completion of this command.
    Completed(CommandHandle),
    /// The server's `+` for this IDLE, or its completion.
    IdleStarted(CommandHandle),
    /// An unsolicited response, or the completion of this IDLE.
    IdleEvent(CommandHandle),
}

impl Until {
    /// True when `event` is what this wait stops on.
    pub fn wants(self, event: &Event) -> bool {
        match event {
            Event::Greeting(_) => self == Until::Greeting,
            Event::Unsolicited(_) => matches!(self, Until::IdleEvent(_)),
            Event::IdleStarted { handle } => self == Until::IdleStarted(*handle),
            Event::Completed { handle, .. } => match self {
                Until::Completed(h) | Until::IdleStarted(h) | Until::IdleEvent(h) => h == *handle,
                Until::Greeting => false,
            },
            _ => false,
        }
    }

    /// True when the wait lasts as long as the caller asked, however quiet
    /// the server is (the events of an IDLE), rather than at most the
    /// driver's timeout between the server's bytes.
    fn waits_on_caller(self) -> bool {
        matches!(self, Until::IdleEvent(_))
    }
}

/// What the driver does next, from [`Waiter::poll`].
#[derive(Debug)]
pub enum Step {
    /// Write all these bytes, in order, then poll again.
    Transmit(Bytes),
    /// Flush what was written.
    Flush,
    /// STARTTLS succeeded: do the TLS handshake now, before any other read
    /// or write, then call [`Client::tls_established`].
    StartTls,
    /// COMPRESS succeeded: compress from now on (a driver that cannot
    /// fails the connection with [`Waiter::fail`]).
    StartCompression,
    /// A SASL challenge (decoded): answer it with [`Client::auth_respond`]
    /// (`None` cancels the exchange).
    AuthChallenge {
        /// The authenticating command.
        handle: CommandHandle,
        /// The decoded challenge.
        data: Bytes,
    },
    /// The awaited event; everything due was written before it.
    Done(Event),
    /// The caller's deadline passed first.
    Elapsed,
    /// No byte came from the server for the whole timeout: fatal, close
    /// with [`Waiter::fail`].
    TimedOut,
    /// The connection is over: `None` after LOGOUT, otherwise why.
    Closed(Option<ProtocolError>),
    /// Read what the server sends, waiting no later than `deadline`
    /// (`None`: as long as it takes), then [`Waiter::handle_read`] or
    /// [`Waiter::handle_timeout`].
    Read {
        /// When to stop waiting and poll again.
        deadline: Option<Instant>,
    },
}

/// Routes a [`Client`]'s events for a driver that waits for one event at a
/// time, and keeps the others for its caller.
///
/// The call order, for each wait:
///
/// 1. [`Waiter::begin`] with what to wait for, the caller's deadline and
///    the driver's timeout;
/// 2. [`Waiter::poll`] until it returns [`Step::Done`], [`Step::Elapsed`],
///    [`Step::TimedOut`] or [`Step::Closed`], doing what each other step
///    says: write, flush, TLS handshake, answer a SASL challenge, read;
/// 3. after a read, [`Waiter::handle_read`] (the bytes were read into
///    [`Client::recv_buf`]), or [`Waiter::handle_timeout`] when the read
///    woke with nothing;
/// 4. on a transport failure, [`Waiter::fail`].
///
/// Time is passed in, never read from the clock.
#[derive(Debug)]
pub struct Waiter {
    /// Events the caller has not taken yet: unsolicited responses, alerts,
    /// the reason of a close.
    kept: VecDeque<Event>,
    /// Most events kept before the oldest are dropped.
    max_kept: usize,
    /// The current wait.
    until: Option<Until>,
    /// The caller's deadline: [`Step::Elapsed`] once it passes.
    soft: Option<Instant>,
    /// Longest wait for the server's next bytes, when the wait is bounded.
    limit: Option<Duration>,
    /// When the server's silence becomes [`Step::TimedOut`].
    hard: Option<Instant>,
    /// The awaited event, held until everything due is written.
    found: Option<Event>,
    /// Bytes were handed out since the last [`Step::Flush`].
    unflushed: bool,
}

impl Default for Waiter {
    fn default() -> Self {
        Waiter::new(Waiter::MAX_KEPT_EVENTS)
    }
}

impl Waiter {
    /// The default of the most events kept for the caller.
    pub const MAX_KEPT_EVENTS: usize = 100_000;

    /// A waiter keeping at most `max_kept` events for the caller (drivers pass
    /// [`Limits::max_queued_events`](crate::Limits::max_queued_events); the
    /// oldest are dropped first).
    pub fn new(max_kept: usize) -> Self {
        Waiter {
            kept: VecDeque::new(),
            max_kept: max_kept.max(1),
            until: None,
            soft: None,
            limit: None,
            hard: None,
            found: None,
            unflushed: false,
        }
    }

    /// Starts a wait for `until`, at the latest until `soft` (the caller's
    /// deadline, if any). While the wait is bounded (no `soft` deadline,
    /// not the events of an IDLE), the server's next bytes are awaited at
    /// most `timeout`. An event kept earlier that `until` wants is taken
    /// first.
    pub fn begin(
        &mut self,
        until: Until,
        soft: Option<Instant>,
        timeout: Option<Duration>,
        now: Instant,
    ) {
        // The awaited event of a wait whose caller went away.
        if let Some(event) = self.found.take() {
            self.route_unwanted(event);
        }
        let bounded = soft.is_none() && !until.waits_on_caller();
        self.until = Some(until);
        self.soft = soft;
        self.limit = timeout.filter(|_| bounded);
        self.hard = self.limit.map(|limit| now + limit);
        if let Some(at) = self.kept.iter().position(|event| until.wants(event)) {
            self.found = self.kept.remove(at);
        }
    }

    /// What the driver does next. Events come first (so the TLS handshake
    /// after STARTTLS happens before any further byte is written), then the
    /// bytes to write, then the awaited event, then the deadlines.
    pub fn poll(&mut self, client: &mut Client, now: Instant) -> Step {
        while let Some(event) = client.poll_event() {
            match event {
                Event::StartTls => return Step::StartTls,
                Event::StartCompression => return Step::StartCompression,
                Event::AuthChallenge { handle, data } => {
                    return Step::AuthChallenge { handle, data }
                }
                event if self.found.is_none() && self.until.is_some_and(|u| u.wants(&event)) => {
                    self.found = Some(event);
                }
                event => self.route_unwanted(event),
            }
        }
        if let Some(bytes) = client.poll_transmit() {
            self.unflushed = true;
            return Step::Transmit(bytes);
        }
        if std::mem::take(&mut self.unflushed) {
            return Step::Flush;
        }
        if let Some(event) = self.found.take() {
            self.until = None;
            return Step::Done(event);
        }
        if client.is_closed() {
            return Step::Closed(self.closed_reason());
        }
        if self.soft.is_some_and(|soft| now >= soft) {
            return Step::Elapsed;
        }
        if self.hard.is_some_and(|hard| now >= hard) {
            return Step::TimedOut;
        }
        let deadline = [self.soft, self.hard, client.poll_timeout()]
            .into_iter()
            .flatten()
            .min();
        Step::Read { deadline }
    }

    /// `read` bytes were read into [`Client::recv_buf`]'s slice (0: the
    /// server closed the connection) at `now`.
    pub fn handle_read(&mut self, client: &mut Client, read: usize, now: Instant) {
        if read == 0 {
            client.handle_eof();
        } else {
            client.commit(read);
            self.hard = self.limit.map(|limit| now + limit);
        }
        client.handle_timeout(now);
    }

    /// A read woke at `now` with nothing (its deadline, or interrupted).
    pub fn handle_timeout(&mut self, client: &mut Client, now: Instant) {
        client.handle_timeout(now);
    }

    /// The transport failed: the connection is over. Tells the client,
    /// drops what it still had to send, and keeps what the caller may still
    /// want (unsolicited responses, alerts, the close).
    pub fn fail(&mut self, client: &mut Client) {
        client.handle_eof();
        while client.poll_transmit().is_some() {}
        self.unflushed = false;
        self.until = None;
        self.found = None;
        while let Some(event) = client.poll_event() {
            if matches!(
                event,
                Event::Closed(_) | Event::Unsolicited(_) | Event::Alert(_)
            ) {
                self.keep(event);
            }
        }
    }

    /// Why the connection closed, from the client's last `Closed` event:
    /// `None` after LOGOUT or when it is not known.
    pub fn closed_reason(&self) -> Option<ProtocolError> {
        self.kept.iter().rev().find_map(|event| match event {
            Event::Closed(reason) => reason.clone(),
            _ => None,
        })
    }

    /// Takes the unsolicited responses kept so far, oldest first.
    pub fn take_unsolicited(&mut self) -> Vec<Untagged> {
        let taken = self.take(|event| matches!(event, Event::Unsolicited(_)));
        let untagged = taken.into_iter().filter_map(|event| match event {
            Event::Unsolicited(untagged) => Some(untagged),
            _ => None,
        });
        untagged.collect()
    }

    /// Takes the `[ALERT]` texts kept so far, oldest first.
    pub fn take_alerts(&mut self) -> Vec<SmallBytes> {
        let taken = self.take(|event| matches!(event, Event::Alert(_)));
        let alerts = taken.into_iter().filter_map(|event| match event {
            Event::Alert(text) => Some(text),
            _ => None,
        });
        alerts.collect()
    }

    /// Takes the kept events `pick` accepts, leaving the others in order.
    fn take(&mut self, pick: impl Fn(&Event) -> bool) -> Vec<Event> {
        let kept = std::mem::take(&mut self.kept);
        let (taken, left): (Vec<Event>, Vec<Event>) = kept.into_iter().partition(pick);
        self.kept = left.into();
        taken
    }

    /// An event no wait wants: completions of commands nobody waits for
    /// (the core's own, or one whose caller gave up) are dropped, the rest
    /// is kept for the caller.
    fn route_unwanted(&mut self, event: Event) {
        match event {
            Event::Completed { .. } | Event::IdleStarted { .. } | Event::Greeting(_) => {}
            other => self.keep(other),
        }
    }

    fn keep(&mut self, event: Event) {
        if self.kept.len() >= self.max_kept {
            self.kept.pop_front();
        }
        self.kept.push_back(event);
    }
}

#[cfg(test)]
mod tests;
