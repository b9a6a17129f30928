//! The framer: finds complete responses (lines and literals) in the byte
//! stream in linear time. (Being implemented.)

/// Finds complete server responses in a byte stream.
#[derive(Debug, Default)]
pub struct Framer {}
