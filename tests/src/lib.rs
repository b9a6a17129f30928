//! Test support: a harness that runs a real Dovecot on 127.0.0.1 from a
//! config in a temporary directory, and scripted hostile servers. (Being implemented.)
#![forbid(unsafe_code)]
