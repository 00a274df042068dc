//! The crate's one error type.

use std::borrow::Cow;
use std::sync::Arc;

/// Everything that can go wrong when reading or validating a schedule.
///
/// Every variant about a document names the field by its JSON path (for
/// example `schedulePolicy.backupCopyWindowSettings.minuteOffset`), so that a
/// message can be shown to the person who wrote the document as it is.
/// Messages are lowercase, without a trailing period, and say what was
/// expected and what was found.
///
/// Values built from code rather than JSON use the same paths: the path is
/// the name of the concept in the API, whatever its source.
///
/// Errors from the JSON reader keep serde_json's error as their
/// [`source`](std::error::Error::source).
///
/// # Example
///
/// ```
/// use backup_schedule::{Error, ErrorKind, Schedule};
/// use backup_schedule::vb365::CopyJobSchedulePolicy;
///
/// let policy = CopyJobSchedulePolicy::from_json(br#"{"type": "DailyAtTime", "dailyType": "Workdays"}"#)?;
/// let err = Schedule::try_from(&policy).unwrap_err();
/// assert!(matches!(err, Error::Missing { .. }));
/// assert_eq!(err.kind(), ErrorKind::Missing);
/// assert_eq!(err.path(), Some("schedulePolicy.dailyTime"));
/// assert_eq!(
///     err.to_string(),
///     "schedulePolicy.dailyTime: expected a time like 22:00:00 or 22:00 (required when type is DailyAtTime), found nothing",
/// );
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A field that the policy needs is absent or `null`.
    #[error("{path}: expected {expected}, found nothing{}", misspelled(.path, .similar))]
    Missing {
        /// JSON path of the absent field.
        path: String,
        /// What should have been there, and why it is needed.
        expected: Cow<'static, str>,
        /// A member of the same object that the wire model does not know
        /// and whose name looks like a misspelling of the absent one's
        /// (`dailytype` for `dailyType`): probably meant as it.
        similar: Option<String>,
    },

    /// A field is present and of the right JSON type, but its value is not allowed.
    #[error("{path}: expected {expected}, found {found}")]
    Invalid {
        /// JSON path of the field.
        path: String,
        /// What is allowed.
        expected: Cow<'static, str>,
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
    /// unknown enum spelling.
    #[error("{path}: {message}")]
    Json {
        /// JSON path of the value, `(document)` for the document itself.
        path: String,
        /// What was expected and found, with the line and column.
        message: String,
        /// The JSON reader's own error.
        #[source]
        source: Option<Arc<serde_json::Error>>,
    },

    /// The text form of a window (see [`Window::parse_with_offset`]) or of a
    /// day set does not follow the grammar. The text is not part of a JSON
    /// document, so the message has no path.
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
        /// The JSON reader's own error, when it was the JSON reader that
        /// stopped.
        #[source]
        source: Option<Arc<serde_json::Error>>,
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

/// What kind of fault an [`Error`] reports, for code that reacts to it
/// (for example, an HTTP service choosing a status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not JSON ([`Error::Syntax`]).
    Syntax,
    /// A value has the wrong JSON type or an unknown spelling ([`Error::Json`]).
    Type,
    /// A required field is absent ([`Error::Missing`]).
    Missing,
    /// A value is out of range or otherwise not allowed ([`Error::Invalid`],
    /// [`Error::WindowLength`]).
    Invalid,
    /// A window's or day set's text form does not parse ([`Error::WindowText`]).
    WindowText,
    /// A time zone is unknown or its data unusable ([`Error::UnknownZone`],
    /// [`Error::ZoneData`]).
    Zone,
}

impl Error {
    /// The JSON path of the field this error is about: `(document)` when the
    /// document as a whole is at fault, `None` where no JSON field is (a
    /// window's text form, a time zone name).
    ///
    /// # Example
    ///
    /// ```
    /// use backup_schedule::Window;
    /// use backup_schedule::vb365::CopyJobSchedulePolicy;
    ///
    /// let err = CopyJobSchedulePolicy::from_json(b"{\"type\": 1}").unwrap_err();
    /// assert_eq!(err.path(), Some("schedulePolicy.type"));
    /// assert_eq!("Mon-Fry 22:00-06:00".parse::<Window>().unwrap_err().path(), None);
    /// ```
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Missing { path, .. }
            | Error::Invalid { path, .. }
            | Error::WindowLength { path, .. }
            | Error::Json { path, .. }
            | Error::Syntax { path, .. } => Some(path),
            Error::UnknownZone { .. } | Error::ZoneData { .. } | Error::WindowText { .. } => None,
        }
    }

    /// What kind of fault this is.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Missing { .. } => ErrorKind::Missing,
            Error::Invalid { .. } | Error::WindowLength { .. } => ErrorKind::Invalid,
            Error::Json { .. } => ErrorKind::Type,
            Error::Syntax { .. } => ErrorKind::Syntax,
            Error::WindowText { .. } => ErrorKind::WindowText,
            Error::UnknownZone { .. } | Error::ZoneData { .. } => ErrorKind::Zone,
        }
    }

    /// [`Error::Invalid`] at `path`.
    pub(crate) fn invalid(
        path: impl Into<String>,
        expected: impl Into<Cow<'static, str>>,
        found: impl Into<String>,
    ) -> Error {
        Error::Invalid {
            path: path.into(),
            expected: expected.into(),
            found: found.into(),
        }
    }

    /// [`Error::Missing`] at `path`.
    pub(crate) fn missing(path: impl Into<String>, expected: impl Into<Cow<'static, str>>) -> Error {
        Error::Missing {
            path: path.into(),
            expected: expected.into(),
            similar: None,
        }
    }

    /// This [`Error::Missing`] pointing at `similar`, a member whose name
    /// looks like a misspelling of the missing one's; other errors as they
    /// are.
    pub(crate) fn with_similar(mut self, similar: Option<&str>) -> Error {
        if let Error::Missing { similar: slot, .. } = &mut self {
            *slot = similar.map(str::to_owned);
        }
        self
    }

    /// This error with its path under `prefix` (`minuteOffset` under
    /// `schedulePolicy` is `schedulePolicy.minuteOffset`); errors without a
    /// path are left as they are.
    pub(crate) fn under(mut self, prefix: &str) -> Error {
        match &mut self {
            Error::Missing { path, .. }
            | Error::Invalid { path, .. }
            | Error::WindowLength { path, .. }
            | Error::Json { path, .. }
            | Error::Syntax { path, .. } => {
                *path = match path.as_str() {
                    DOCUMENT => prefix.to_owned(),
                    inner if inner.starts_with('[') => format!("{prefix}{inner}"),
                    inner => format!("{prefix}.{inner}"),
                };
            }
            Error::UnknownZone { .. } | Error::ZoneData { .. } | Error::WindowText { .. } => {}
        }
        self
    }
}

impl PartialEq for Error {
    /// Errors are equal when they say the same about the same field; the
    /// JSON reader's [`source`](std::error::Error::source) is not compared.
    fn eq(&self, other: &Error) -> bool {
        self.kind() == other.kind() && self.path() == other.path() && self.to_string() == other.to_string()
    }
}

impl Eq for Error {}

/// How errors about the document as a whole name their "field".
pub(crate) const DOCUMENT: &str = "(document)";

/// ` ("dailytype" is not a member: did you mean dailyType?)` for a missing
/// `schedulePolicy.dailyType` and a member `dailytype`.
fn misspelled(path: &str, similar: &Option<String>) -> String {
    match similar {
        Some(found) => {
            let meant = path.rsplit('.').next().unwrap_or(path);
            format!(" ({found:?} is not a member: did you mean {meant}?)")
        }
        None => String::new(),
    }
}

fn did_you_mean(suggestions: &[&str]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!(" (did you mean {}?)", suggestions.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_nest_under_a_prefix() {
        let err = Error::invalid("minuteOffset", "an offset", "1440").under("backupWindowSettings");
        assert_eq!(err.path(), Some("backupWindowSettings.minuteOffset"));
        let err = Error::invalid(DOCUMENT, "an object", "1").under("schedulePolicy");
        assert_eq!(err.path(), Some("schedulePolicy"));
        let err = Error::WindowLength {
            path: "[3]".into(),
            found: 2,
        }
        .under("jobs");
        assert_eq!(err.path(), Some("jobs[3]"));
        let text = Error::WindowText {
            position: 0,
            expected: "a day",
            found: "\"x\"".into(),
        };
        assert_eq!(text.clone().under("x"), text);
    }

    #[test]
    fn equality_ignores_the_source_but_not_the_words() {
        let a = Error::missing("type", "a type");
        assert_eq!(a, Error::missing("type", "a type"));
        assert_ne!(a, Error::missing("type", "a kind"));
        assert_ne!(a, Error::missing("dailyType", "a type"));
        assert_ne!(a, Error::invalid("type", "a type", "nothing"));
    }
}
