//! A Tokio driver for `imap-proto`: moves bytes between an
//! `AsyncRead + AsyncWrite` transport and the sans-IO client. (Being implemented.)
#![forbid(unsafe_code)]
