//! The JSON reading machinery every document type of the wire model shares:
//! the reader and its error mapping, objects only, bounded arrays, and the
//! enums of the API's spellings.

use std::fmt;
use std::sync::Arc;

use serde::de::{self, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::error::{Error, DOCUMENT};
use crate::window::HOURS_PER_WEEK;

/// Defines an enum of the API's spellings, read and written as those exact
/// strings. An unknown spelling is an error that lists the allowed ones.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$variant_meta:meta])* $variant:ident,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$variant_meta])* $variant,)+
        }

        impl $name {
            /// Every spelling, in the API's order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The API's spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => stringify!($variant),)+
                }
            }

            /// `one of A, B, C`: every spelling, for messages.
            #[allow(dead_code)] // not every enum is required somewhere
            pub(crate) fn one_of() -> String {
                format!("one of {}", $crate::vb365::read::SpellingOf($name::ALL, $name::as_str).list())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
                input.deserialize_str($crate::vb365::read::SpellingOf($name::ALL, $name::as_str))
            }
        }
    };
}

/// Reads one of `0`'s spellings, as written by `1`.
pub(crate) struct SpellingOf<T: 'static>(pub(crate) &'static [T], pub(crate) fn(T) -> &'static str);

impl<T: Copy> SpellingOf<T> {
    pub(crate) fn list(&self) -> String {
        self.0
            .iter()
            .map(|&item| (self.1)(item))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl<T: Copy> Visitor<'_> for SpellingOf<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "one of {}", self.list())
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        self.0
            .iter()
            .copied()
            .find(|&item| (self.1)(item) == text)
            .ok_or_else(|| E::custom(format_args!("expected one of {}, found {text:?}", self.list())))
    }
}

/// Reads a JSON object into `T`, turning the reader's errors into the
/// crate's, with paths under `prefix`.
pub(super) fn read_json<'de, T: Deserialize<'de>>(json: &'de [u8], prefix: Option<&str>) -> Result<T, Error> {
    match std::str::from_utf8(json) {
        Ok(text) => read_from(serde_json::Deserializer::from_str(text), prefix),
        // serde_json checks UTF-8 only in the strings it keeps: let it say
        // where when it notices, and refuse the document when it does not
        // (the bytes are in a member that is ignored).
        Err(invalid) => Err(
            read_from::<_, T>(serde_json::Deserializer::from_slice(json), prefix)
                .err()
                .unwrap_or_else(|| Error::Syntax {
                    path: DOCUMENT.into(),
                    message: format!("invalid UTF-8 at byte offset {}", invalid.valid_up_to()),
                    source: None,
                }),
        ),
    }
}

fn read_from<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut reader: serde_json::Deserializer<R>,
    prefix: Option<&str>,
) -> Result<T, Error> {
    let value = serde_path_to_error::deserialize(ObjectOnly(&mut reader)).map_err(|err| {
        let path = join_path(prefix, &err.path().to_string());
        let inner = err.into_inner();
        if inner.is_data() {
            json_data_error(path, inner)
        } else {
            // Where the reader stopped inside a member it does not know, the
            // path has `?` segments: name the closest known value instead.
            let known = path.split(".?").next().unwrap_or_default();
            Error::Syntax {
                path: match (known, prefix) {
                    ("" | "?", _) => DOCUMENT.into(),
                    (known, Some(prefix)) if known == prefix => DOCUMENT.into(),
                    (known, _) => known.into(),
                },
                message: inner.to_string(),
                source: Some(Arc::new(inner)),
            }
        }
    })?;
    reader.end().map_err(|err| Error::Syntax {
        path: DOCUMENT.into(),
        message: err.to_string(),
        source: Some(Arc::new(err)),
    })?;
    Ok(value)
}

/// A JSON data error as the crate's error; a too-long `backupWindow` (refused
/// while reading) is the same [`Error::WindowLength`] as a too-short one.
fn json_data_error(path: String, inner: serde_json::Error) -> Error {
    let message = inner.to_string();
    let too_long = message
        .strip_prefix(WINDOW_TOO_LONG)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|count| count.parse().ok());
    match too_long {
        Some(found) => Error::WindowLength { path, found },
        None => Error::Json {
            path,
            message,
            source: Some(Arc::new(inner)),
        },
    }
}

/// How [`at_most_a_week_of_hours`] says the array is too long.
const WINDOW_TOO_LONG: &str = "expected 168 booleans, found ";

/// Reads only JSON objects into a struct. serde's derived code would also
/// read an array, by position (`["DailyAtTime", "Workdays", "08:00"]`); the
/// API's bodies are objects.
struct ObjectOnly<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// For an optional member holding an object (`backupCopyWindowSettings`,
/// `schedulePolicy`): `null` is absent, anything but an object is refused.
pub(super) fn optional_object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    input: D,
) -> Result<Option<T>, D::Error> {
    struct Member<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Member<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            T::deserialize(ObjectOnly(input)).map(Some)
        }
    }

    input.deserialize_option(Member(std::marker::PhantomData))
}

/// `serde_path_to_error` writes the root as `.`.
fn join_path(prefix: Option<&str>, path: &str) -> String {
    match (prefix, path) {
        (None, ".") => DOCUMENT.into(),
        (Some(prefix), ".") => prefix.into(),
        (None, path) => path.into(),
        (Some(prefix), path) if path.starts_with('[') => format!("{prefix}{path}"),
        (Some(prefix), path) => format!("{prefix}.{path}"),
    }
}

/// Reads `backupWindow`, refusing more than a week of hours as soon as the
/// 169th element arrives: a hostile array of millions of elements is counted,
/// not stored.
pub(super) fn at_most_a_week_of_hours<'de, D: Deserializer<'de>>(
    input: D,
) -> Result<Option<Vec<bool>>, D::Error> {
    struct Hours;

    impl<'de> Visitor<'de> for Hours {
        type Value = Option<Vec<bool>>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of 168 booleans")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            input.deserialize_seq(Hours)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut hours = Vec::with_capacity(HOURS_PER_WEEK);
            while hours.len() <= HOURS_PER_WEEK {
                match seq.next_element::<bool>()? {
                    Some(allowed) => hours.push(allowed),
                    None => return Ok(Some(hours)),
                }
            }
            let mut found = hours.len() as u64;
            while seq.next_element::<IgnoredAny>()?.is_some() {
                found += 1;
            }
            Err(de::Error::custom(format_args!("{WINDOW_TOO_LONG}{found}")))
        }
    }

    input.deserialize_option(Hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_paths() {
        assert_eq!(join_path(None, "."), "(document)");
        assert_eq!(join_path(Some("schedulePolicy"), "."), "schedulePolicy");
        assert_eq!(join_path(Some("schedulePolicy"), "type"), "schedulePolicy.type");
    }
}
