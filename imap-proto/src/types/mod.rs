//! Validated value types shared by the parser, the encoder and the client:
//! flags, mailbox names, sequence sets, date-times, capabilities, sections,
//! and [`SmallBytes`] for tags and status texts.

mod capability;
mod datetime;
mod flag;
mod mailbox;
mod section;
mod sequence;
mod small_bytes;
mod utf7;

pub use capability::Capability;
pub use datetime::{DateTime, DateTimeError};
pub use flag::Flag;
pub use mailbox::{Mailbox, MailboxName};
pub use section::{Section, SectionText};
pub use sequence::{SeqNumber, SeqRange, SequenceSet, SequenceSetError};
pub use small_bytes::SmallBytes;
pub use utf7::{decode_utf7, encode_utf7, Utf7Error};
