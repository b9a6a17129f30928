//! A blocking driver for `imap-proto`: moves bytes between a `Read + Write`
//! transport and the sans-IO client. (Being implemented.)
#![forbid(unsafe_code)]
