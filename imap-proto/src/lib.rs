//! # imap-proto: a sans-IO IMAP client core
//!
//! This crate holds everything an IMAP client needs except the IO: a framer
//! that finds complete server responses in a byte stream in linear time, a
//! zero-copy parser that turns them into typed [`Response`] values, command
//! values with an encoder that can never be tricked into injecting protocol
//! syntax, and a client state machine that drivers only feed bytes and time
//! into. It never opens a socket, reads a clock, spawns a thread or awaits.
//!
//! The drivers `imap-blocking` (std::io) and `imap-tokio` (Tokio) move bytes
//! between a transport and this core.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod client;
pub mod command;
mod limits;
pub mod response;
pub mod types;
pub mod util;

pub use limits::Limits;
pub use response::{Received, Response, ResponseStream};
