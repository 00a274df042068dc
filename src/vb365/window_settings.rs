//! The window settings both job families share (`RESTBackupWindowSettings`:
//! a copy job's `backupCopyWindowSettings`, a backup job's
//! `backupWindowSettings`), and the frame a policy's triggers are read in.

use crate::error::Error;
use crate::offset::MinuteOffset;
use crate::window::{Window, HOURS_PER_WEEK};

wire_object! {
    /// The API's backup window settings (`RESTBackupWindowSettings`): a
    /// copy job's `backupCopyWindowSettings`, and a backup job's
    /// `backupWindowSettings`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{"backupCopyWindowSettings": {"minuteOffset": -210}}"#)?;
    /// let settings = policy.backup_copy_window_settings.unwrap();
    /// assert_eq!(settings.minute_offset, Some(-210));
    /// assert_eq!(settings.backup_window, None);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub struct BackupWindowSettings: "a backup window settings object" {
        /// `backupWindow`: 168 hours, Sunday 00:00 local first, `true` =
        /// allowed.
        ///
        /// Reading refuses an array of more than 168 elements as soon as it
        /// sees the 169th, counting the rest without storing them.
        "backupWindow" => pub backup_window: Vec<bool>;
        /// `minuteOffset`: minutes from UTC to the window's local time;
        /// `null` and absent mean 0.
        "minuteOffset" => pub minute_offset: i32, expecting "a whole number of minutes in -1439..=1439";
    }
}

impl BackupWindowSettings {
    /// The settings as a [`Window`]: `None` when `backupWindow` is absent.
    /// Paths in errors are from the settings (`backupWindow`).
    pub(crate) fn to_window(&self) -> Result<Option<Window>, Error> {
        let hours = match &self.backup_window {
            Some(hours) => Some(
                <&[bool; HOURS_PER_WEEK]>::try_from(hours.as_slice()).map_err(|_| Error::WindowLength {
                    path: "backupWindow".into(),
                    found: hours.len() as u64,
                })?,
            ),
            None => None,
        };
        // Without hours the offset must still be well formed.
        let offset = MinuteOffset::from_minutes(self.minute_offset.unwrap_or(0))?;
        hours
            .map(|hours| Window::new(hours, offset.minutes()))
            .transpose()
    }

    /// The window's frame: UTC + `minuteOffset` of `settings`, UTC when
    /// there are no settings or no offset. A policy's triggers are read in
    /// it with [`TriggerFrame::Window`].
    ///
    /// # Errors
    ///
    /// [`Error::Invalid`] at `minuteOffset` when it is outside
    /// `-1439..=1439`.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::MinuteOffset;
    /// use backup_schedule::vb365::{BackupWindowSettings, CopyJobSchedulePolicy};
    ///
    /// let policy = CopyJobSchedulePolicy::from_json(br#"{"backupCopyWindowSettings": {"minuteOffset": 330}}"#)?;
    /// let frame = BackupWindowSettings::frame(policy.backup_copy_window_settings.as_ref())?;
    /// assert_eq!(frame.to_string(), "UTC+05:30");
    /// assert_eq!(BackupWindowSettings::frame(None)?, MinuteOffset::UTC);
    /// # Ok::<(), backup_schedule::Error>(())
    /// ```
    pub fn frame(settings: Option<&BackupWindowSettings>) -> Result<MinuteOffset, Error> {
        MinuteOffset::from_minutes(settings.and_then(|settings| settings.minute_offset).unwrap_or(0))
    }
}

/// Where a policy's triggers are read: `dailyTime`, the `dailyType` days
/// and the `Periodically` grid's midnight.
///
/// The API documents `dailyTime` as UTC, and the crate reads it so by
/// default. A reader who takes the times in the window's frame instead
/// (UTC plus the window settings' `minuteOffset`, which the API calls "the
/// current minute offset from the UTC time") picks [`TriggerFrame::Window`].
/// In an IANA time zone ([`Zoned`](crate::Zoned)) both are the zone's wall
/// clock.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::TriggerFrame;
///
/// assert_eq!(TriggerFrame::default(), TriggerFrame::Utc);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TriggerFrame {
    /// UTC, as the API documents `dailyTime`.
    #[default]
    Utc,
    /// The window's frame: UTC + the window settings' `minuteOffset` (UTC
    /// when the policy has no window settings).
    Window,
}
