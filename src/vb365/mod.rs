//! The wire model of the Veeam Backup for Microsoft 365 REST API: its copy
//! job and backup job schedule policy JSON, field for field, and their
//! conversion into the engine's [`Schedule`](crate::Schedule) and
//! [`BackupSchedule`](crate::BackupSchedule).
//!
//! Every field is optional, as in the API's schema. Reading keeps what was
//! given as it was given, and writing gives it back: members the wire model
//! does not know (a newer API version's) are kept, as their JSON text, in
//! each object's [`Extras`], `null` stays `null`, and the members keep
//! their order. Validation is a separate step, [`Schedule::try_from`], so
//! that a document can be read, shown and corrected even when it does not
//! describe a valid schedule.
//!
//! Documents are read as the API and Windows give them: a bare policy, a
//! copy job, or the API's list responses ([`CopyJobDocument`],
//! [`CopyJob::list_from_json`]); in UTF-8 with or without a byte order mark,
//! or UTF-16 with one. Errors name the member by its JSON path and say what
//! the API expects there (`expected a whole number of minutes in
//! -1439..=1439, found "60"`), with the line and column in the document.
//!
//! A document of either family is read with [`JobDocument`] (and
//! [`JobPolicy`], [`Job`]): the family is recognised by the policy's type
//! and members ([`Kind::detect`]), or forced.
//!
//! The reading machinery (`read.rs`) knows no job type: the copy job
//! (`copy_job.rs`), the backup job (`backup_job.rs`) and the window
//! settings both job families share (`window_settings.rs`) are declared on
//! it; the members and rules both policies share are in `fields.rs`.
//!
//! [`Schedule::try_from`]: crate::Schedule

#[macro_use]
mod read;
mod backup_job;
mod copy_job;
mod family;
mod fields;
mod window_settings;

pub use backup_job::{BackupJob, BackupJobDocument, BackupJobSchedulePolicy, BackupJobScheduleType};
pub use copy_job::{
    CopyJob, CopyJobDocument, CopyJobSchedulePolicy, CopyJobScheduleType, DailyType, LastStatus, Link,
    PeriodicallyEvery,
};
pub use family::{Job, JobDocument, JobPolicy, Kind};
pub use read::{Extras, List, Listed};
pub use window_settings::{BackupWindowSettings, TriggerFrame};
