//! imaplib's utility functions in Rust: `Internaldate2tuple`,
//! `Time2Internaldate`, `ParseFlags`, `Int2AP`, and modified UTF-7
//! (RFC 3501 section 5.1.3). (Being implemented.)
