//! The crate's one error type.

/// Everything that can go wrong when reading or validating a schedule.
///
/// Every variant names the field it is about by its JSON path (for example
/// `schedulePolicy.backupCopyWindowSettings.minuteOffset`), so that a message
/// can be shown to the person who wrote the document as it is. Messages are
/// lowercase, without a trailing period, and say what was expected and what
/// was found.
///
/// Values built from code rather than JSON use the same paths: the path is the
/// name of the concept in the API, whatever its source.
///
/// # Example
///
/// ```
/// use backup_schedule::{Error, SchedulePolicy};
///
/// let err = SchedulePolicy::from_json(br#"{"type": "DailyAtTime", "dailyType": "Workdays"}"#)
///     .and_then(|policy| policy.to_schedule())
///     .unwrap_err();
/// assert!(matches!(err, Error::Missing { .. }));
/// assert_eq!(err.path(), "schedulePolicy.dailyTime");
/// assert_eq!(
///     err.to_string(),
///     "schedulePolicy.dailyTime: expected a time HH:MM:SS or HH:MM (required when type is DailyAtTime), found nothing",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field that the policy needs is absent or `null`.
    #[error("{path}: expected {expected}, found nothing")]
    Missing {
        /// JSON path of the absent field.
        path: String,
        /// What should have been there, and why it is needed.
        expected: &'static str,
    },

    /// A field is present and of the right JSON type, but its value is not allowed.
    #[error("{path}: expected {expected}, found {found}")]
    Invalid {
        /// JSON path of the field.
        path: String,
        /// What is allowed.
        expected: &'static str,
        /// The value that was given, as it was given (strings quoted).
        found: String,
    },

    /// The backup window does not have exactly 168 hours (too long is refused
    /// while reading, at the 169th element; too short when validating).
    #[error("{path}: expected 168 booleans, found {found}")]
    WindowLength {
        /// JSON path of the `backupWindow` array.
        path: String,
        /// How many elements the array had.
        found: u64,
    },

    /// The document is valid JSON but a value has the wrong JSON type or an
    /// unknown enum spelling (the message comes from the JSON reader and says
    /// what it expected, for enums the allowed spellings).
    #[error("{path}: {message}")]
    Json {
        /// JSON path of the value, `(document)` for the document itself.
        path: String,
        /// What was wrong, with the line and column.
        message: String,
    },

    /// The text form of a window (see [`Window::parse_with_offset`]) does not
    /// follow the grammar.
    ///
    /// The message has no path: the text is not part of a JSON document.
    /// [`path`](Error::path) gives `backupCopyWindowSettings.backupWindow`, the
    /// field the text describes.
    ///
    /// [`Window::parse_with_offset`]: crate::Window::parse_with_offset
    #[error("at {position}: expected {expected}, found {found}")]
    WindowText {
        /// Byte offset in the text, from 0, of what was found: the start of
        /// the offending word, hour or character, or the text's length at
        /// its end.
        position: usize,
        /// What the grammar allows there.
        expected: &'static str,
        /// What is there, quoted (its first 32 characters and `...` when
        /// longer), or `the end of the text`.
        found: String,
    },

    /// A time zone name that the tz database does not have.
    #[error("zone: expected an IANA time zone name such as Europe/Berlin, found {name:?}{}", did_you_mean(.suggestions))]
    UnknownZone {
        /// The name as given.
        name: String,
        /// The closest names the database has, best first (may be empty).
        suggestions: Vec<&'static str>,
    },

    /// The input is not JSON: a syntax error, an early end, non-UTF-8 bytes
    /// (anywhere, even in members that are ignored), nesting deeper than the
    /// reader allows in a member it reads, or text after the document.
    #[error("{path}: not valid JSON: {message}")]
    Syntax {
        /// JSON path of the value the reader was in when it stopped,
        /// `(document)` at the top level.
        path: String,
        /// What the JSON reader stopped at, with the line and column.
        message: String,
    },

    /// Time zone data that cannot be used: a TZif file that cannot be read
    /// or is not valid TZif (truncated, say), a tz database directory that
    /// is not there, or a data source this build does not include.
    #[error("zone: {name}: {location}: {message}")]
    ZoneData {
        /// The zone's name as given.
        name: String,
        /// Where the data was looked for: the TZif file or the directory, or
        /// the source (`bundled tz database`) when it is not a file.
        location: String,
        /// What is wrong with it.
        message: String,
    },
}

impl Error {
    /// The JSON path of the field this error is about; `(document)` when the
    /// document as a whole is at fault.
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::SchedulePolicy;
    ///
    /// let err = SchedulePolicy::from_json(b"{\"type\": 1}").unwrap_err();
    /// assert_eq!(err.path(), "schedulePolicy.type");
    /// ```
    pub fn path(&self) -> &str {
        match self {
            Error::Missing { path, .. }
            | Error::Invalid { path, .. }
            | Error::WindowLength { path, .. }
            | Error::Json { path, .. }
            | Error::Syntax { path, .. } => path,
            Error::UnknownZone { .. } => "zone",
            Error::WindowText { .. } => "backupCopyWindowSettings.backupWindow",
            Error::ZoneData { .. } => "zone",
        }
    }
}

/// How errors about the document as a whole name their "field".
pub(crate) const DOCUMENT: &str = "(document)";

fn did_you_mean(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}
