//! The client state machine: tags, pipelined commands, continuations,
//! session state and capabilities, driven without IO. (Being implemented.)
