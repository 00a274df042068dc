//! The wire model of the Veeam Backup for Microsoft 365 REST API: its copy
//! job and schedule policy JSON, field for field, and its conversion into the
//! engine's [`Schedule`](crate::Schedule).
//!
//! Every field is optional, as in the API's schema, and unknown fields are
//! ignored (the API adds fields between versions). Parsing keeps what was
//! given as it was given: serializing a parsed value gives back the same JSON
//! value, with absent fields still absent. Validation is a separate step,
//! [`Schedule::try_from`], so that a document can be read, shown and
//! corrected even when it does not describe a valid schedule.

#[macro_use]
mod read;
mod copy_job;

pub use copy_job::*;
