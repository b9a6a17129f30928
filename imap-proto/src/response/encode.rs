//! The server side: encodes a [`super::Response`] to wire bytes. Useful for
//! test servers, and the other half of the parse/encode round-trip
//! property. (Being implemented.)
