//! The JSON reading machinery every document type of the wire model shares.
//!
//! - [`decode`]: the bytes as text: UTF-8 with or without a byte order mark,
//!   UTF-16 with one; anything else is refused, naming what was found.
//! - [`Object`] and [`wire_object!`]: a JSON object read member by member.
//!   Known members are read as [`Member`]s, each with what a message says is
//!   expected; unknown members are kept as their JSON text, where they were,
//!   in [`Extras`], and written back in place; a known member given as
//!   `null` is written back as `null`.
//! - [`read_document`] and [`read_list`]: one document, or the API's list
//!   responses (a page `{"offset":0,"limit":30,"results":[...]}` or a bare
//!   array), each element read on its own.
//! - Errors: serde's wording turned into the API's (`expected a whole number
//!   of minutes, found "60"`), positions as line and column in the document.
//! - [`wire_enum!`]: the enums of the API's spellings.
//!
//! Nothing here knows a copy job: a backup job's wire model is another
//! `wire_object!` over the same readers.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;

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

        impl $crate::vb365::read::Member for $name {
            const EXPECTING: &'static str = "";

            fn read<'de, D: ::serde::Deserializer<'de>>(input: D, _: &'static str) -> Result<Self, D::Error> {
                <$name as ::serde::Deserialize>::deserialize(input)
            }

            fn write<S: ::serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
                out.serialize_str(self.as_str())
            }
        }
    };
}

/// Defines a JSON object of the API: a struct with one `Option` field per
/// known member (`None` when absent or `null`), in the API's order, and
/// `extras` for everything else the document held. Reading and writing go
/// through [`read_object`] and [`write_object`].
///
/// Each member is `"name" => pub field: Type,` with the member's type (a
/// [`Member`]), optionally followed by `expecting "words"` to say what a
/// message expects there instead of the type's default.
macro_rules! wire_object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident: $expecting:literal {
            $(
                $(#[$field_meta:meta])*
                $member:literal => pub $field:ident: $ty:ty $(, expecting $field_expecting:expr)?;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq, Eq)]
        #[non_exhaustive]
        pub struct $name {
            $($(#[$field_meta])* pub $field: Option<$ty>,)+
            /// What the document held besides the values of the known
            /// members: unknown members, where they were, and which known
            /// members were `null`. Written back as it was read.
            pub extras: $crate::vb365::Extras,
        }

        impl $crate::vb365::read::Object for $name {
            const EXPECTING: &'static str = $expecting;
            const MEMBERS: &'static [&'static str] = &[$($member),+];

            fn read_member<'de, A: ::serde::de::MapAccess<'de>>(
                &mut self,
                member: &str,
                map: &mut A,
            ) -> Result<bool, A::Error> {
                match member {
                    $($member => {
                        let expecting = $crate::vb365::read::expecting::<$ty>(&[$($field_expecting)?]);
                        self.$field = map.next_value_seed($crate::vb365::read::MemberSeed::<$ty>::new(expecting))?;
                        Ok(self.$field.is_none())
                    })+
                    _ => Ok(false),
                }
            }

            fn write_member<M: ::serde::ser::SerializeMap>(
                &self,
                member: &'static str,
                map: &mut M,
            ) -> Result<(), M::Error> {
                match member {
                    $($member => $crate::vb365::read::write_member(map, member, self.$field.as_ref(), &self.extras),)+
                    _ => Ok(()),
                }
            }

            fn extras(&self) -> &$crate::vb365::Extras {
                &self.extras
            }

            fn extras_mut(&mut self) -> &mut $crate::vb365::Extras {
                &mut self.extras
            }
        }

        impl ::serde::Serialize for $name {
            /// The members in the order they were read, then the known
            /// members set since, in the API's order.
            fn serialize<S: ::serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
                $crate::vb365::read::write_object(self, out)
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
                $crate::vb365::read::read_object(input)
            }
        }

        impl $crate::vb365::read::Member for $name {
            const EXPECTING: &'static str = $expecting;

            fn read<'de, D: ::serde::Deserializer<'de>>(input: D, _: &'static str) -> Result<Self, D::Error> {
                $crate::vb365::read::read_object(input)
            }

            fn write<S: ::serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
                $crate::vb365::read::write_object(self, out)
            }
        }
    };
}

// ---------------------------------------------------------------------------
// Extras: what a document holds besides the known members' values.

/// What a JSON object of the API held besides the values of the members the
/// wire model knows: the members it does not know (a newer API version's,
/// or a misspelling), each as its JSON text, the order of all members, and
/// which known members were given as `null`.
///
/// Reading keeps them and writing gives them back, so that a document read,
/// changed and written loses nothing: the members are written in the order
/// they were read (a known member set in code and not read comes after
/// them, in the API's order), unknown members with their value's text as it
/// was, numbers digit for digit, without the whitespace between tokens.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::CopyJobSchedulePolicy;
///
/// let json = br#"{"futureMember": {"depth": [1, 2.50]}, "type": "Immediate", "backupCopyWindowEnabled": null}"#;
/// let policy = CopyJobSchedulePolicy::from_json(json)?;
/// assert_eq!(policy.extras.get("futureMember").map(|raw| raw.get()), Some(r#"{"depth":[1,2.50]}"#));
/// assert!(policy.extras.is_null("backupCopyWindowEnabled"));
/// assert_eq!(
///     serde_json::to_string(&policy).unwrap(),
///     r#"{"futureMember":{"depth":[1,2.50]},"type":"Immediate","backupCopyWindowEnabled":null}"#,
/// );
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Extras {
    unknown: Vec<(String, Box<RawValue>)>,
    nulls: Vec<&'static str>,
    /// Every member as read: a known one by name, an unknown one as the
    /// next of `unknown`. Empty for an object built in code.
    order: Vec<Option<&'static str>>,
}

impl PartialEq for Extras {
    /// Equal when they hold the same unknown members with the same text and
    /// the same `null`s: the same JSON value. Where the members were, as the
    /// order of an object's members in JSON, does not count.
    fn eq(&self, other: &Extras) -> bool {
        let nulls = |extras: &Extras| {
            let mut nulls = extras.nulls.clone();
            nulls.sort_unstable();
            nulls
        };
        nulls(self) == nulls(other)
            && self.unknown.len() == other.unknown.len()
            && self
                .iter()
                .zip(other.iter())
                .all(|((a, a_value), (b, b_value))| a == b && a_value.get() == b_value.get())
    }
}

impl Eq for Extras {}

impl Extras {
    /// The value of the first unknown member called `name`, as its JSON text.
    pub fn get(&self, name: &str) -> Option<&RawValue> {
        self.iter()
            .find(|&(member, _)| member == name)
            .map(|(_, value)| value)
    }

    /// The unknown members, in the order they were read.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> + '_ {
        self.unknown.iter().map(|(name, value)| (name.as_str(), &**value))
    }

    /// How many unknown members there are.
    pub fn len(&self) -> usize {
        self.unknown.len()
    }

    /// Whether there is no unknown member.
    pub fn is_empty(&self) -> bool {
        self.unknown.is_empty()
    }

    /// Whether the known member `member` was given as `null` (its field is
    /// then `None`, and it is written back as `null` while it stays `None`).
    pub fn is_null(&self, member: &str) -> bool {
        self.nulls.contains(&member)
    }

    /// Records that the known member `member` is `null`.
    pub(crate) fn set_null(&mut self, member: &'static str) {
        if !self.is_null(member) {
            self.nulls.push(member);
        }
    }

    /// The name of an unknown member that looks like a misspelling of the
    /// known member `member`, which is absent (not `null`): the same but
    /// for letter case, or for one letter added, left out, changed, or two
    /// swapped.
    pub(crate) fn near_miss(&self, member: &str) -> Option<&str> {
        if self.is_null(member) {
            return None;
        }
        self.iter()
            .map(|(name, _)| name)
            .find(|name| one_slip_apart(name, member))
    }

    fn read_known(&mut self, member: &'static str) {
        self.order.push(Some(member));
    }

    fn read_unknown(&mut self, name: String, value: Box<RawValue>) {
        self.order.push(None);
        self.unknown.push((name, without_whitespace(value)));
    }
}

/// Whether `a` and `b` differ, ignoring ASCII case, by at most one letter
/// added, left out, changed, or two neighbours swapped.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().map(|c| c.to_ascii_lowercase()).collect();
    let b: Vec<char> = b.chars().map(|c| c.to_ascii_lowercase()).collect();
    let (short, long) = if a.len() <= b.len() { (&a, &b) } else { (&b, &a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let start = short.iter().zip(long).take_while(|(x, y)| x == y).count();
    if short.len() == long.len() {
        // The same, one changed, or two neighbours swapped.
        let end = short.len()
            - short
                .iter()
                .rev()
                .zip(long.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
        end <= start + 1
            || (end == start + 2 && short[start] == long[start + 1] && short[start + 1] == long[start])
    } else {
        // One added: the rest after the first difference lines up.
        short[start..] == long[start + 1..]
    }
}

/// The JSON text without the whitespace between its tokens.
fn without_whitespace(value: Box<RawValue>) -> Box<RawValue> {
    let text = value.get();
    if !text
        .bytes()
        .any(|byte| matches!(byte, b' ' | b'\t' | b'\n' | b'\r'))
    {
        return value;
    }
    let mut compact = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        } else {
            in_string = c == '"';
        }
        compact.push(c);
    }
    // The compact text is the same JSON, so it reads back; should it not,
    // the value is kept as it was.
    RawValue::from_string(compact).unwrap_or(value)
}

// ---------------------------------------------------------------------------
// Members and objects.

/// A value a known member can hold.
pub(crate) trait Member: Sized {
    /// What a message says is expected, unless the member says otherwise.
    const EXPECTING: &'static str;

    /// Reads a value that is present and not `null`.
    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<Self, D::Error>;

    /// Writes the value.
    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error>;
}

/// What a message expects of a member of type `T`: the member's own words
/// when it has them, else the type's.
pub(crate) fn expecting<T: Member>(own: &[&'static str]) -> &'static str {
    own.first().copied().unwrap_or(T::EXPECTING)
}

/// A JSON object of the API: see [`wire_object!`].
pub(crate) trait Object: Default {
    /// What a message expects in its place: `a copy job object`.
    const EXPECTING: &'static str;
    /// The known members, in the API's order (at most 64).
    const MEMBERS: &'static [&'static str];

    /// Reads the value of the known member `member`; returns whether it was
    /// `null`.
    fn read_member<'de, A: MapAccess<'de>>(&mut self, member: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Writes the known member `member` when it has a value or is `null`.
    fn write_member<M: SerializeMap>(&self, member: &'static str, map: &mut M) -> Result<(), M::Error>;

    fn extras(&self) -> &Extras;

    fn extras_mut(&mut self) -> &mut Extras;
}

/// Reads an optional member: `None` for `null`.
pub(crate) struct MemberSeed<T> {
    expecting: &'static str,
    member: PhantomData<T>,
}

impl<T> MemberSeed<T> {
    pub(crate) fn new(expecting: &'static str) -> MemberSeed<T> {
        MemberSeed {
            expecting,
            member: PhantomData,
        }
    }
}

impl<'de, T: Member> DeserializeSeed<'de> for MemberSeed<T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<Option<T>, D::Error> {
        input.deserialize_option(self)
    }
}

impl<'de, T: Member> Visitor<'de> for MemberSeed<T> {
    type Value = Option<T>;

    /// Never shown by serde_json, whose `deserialize_option` takes any
    /// value (the member's own reader says what it expects); written for
    /// readers that would.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Option<T>, D::Error> {
        T::read(input, self.expecting).map(Some)
    }
}

/// Writes a known member: its value, or `null` when it has none and was
/// read as `null`; nothing when absent.
pub(crate) fn write_member<M: SerializeMap, T: Member>(
    map: &mut M,
    member: &'static str,
    value: Option<&T>,
    extras: &Extras,
) -> Result<(), M::Error> {
    match value {
        Some(value) => map.serialize_entry(member, &Written(value)),
        None if extras.is_null(member) => map.serialize_entry(member, &()),
        None => Ok(()),
    }
}

/// A member's value as `Serialize`.
struct Written<'a, T>(&'a T);

impl<T: Member> Serialize for Written<'_, T> {
    fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        self.0.write(out)
    }
}

/// Reads an [`Object`]: only a JSON object, member by member.
pub(crate) fn read_object<'de, T: Object, D: Deserializer<'de>>(input: D) -> Result<T, D::Error> {
    input.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut object = T::default();
        let mut seen = 0_u64;
        while let Some(Key(name)) = map.next_key()? {
            match T::MEMBERS.iter().position(|&member| member == name) {
                Some(index) => {
                    let member = T::MEMBERS[index];
                    if seen & (1 << index) != 0 {
                        return Err(given_twice(member));
                    }
                    seen |= 1 << index;
                    let null = object.read_member(member, &mut map)?;
                    let extras = object.extras_mut();
                    extras.read_known(member);
                    if null {
                        extras.set_null(member);
                    }
                }
                None => {
                    let value = map.next_value::<Box<RawValue>>()?;
                    object.extras_mut().read_unknown(name.into_owned(), value);
                }
            }
        }
        Ok(object)
    }
}

/// Writes an [`Object`]: its members in the order they were read, then
/// the known members set since, in the API's order.
pub(crate) fn write_object<T: Object, S: Serializer>(object: &T, out: S) -> Result<S::Ok, S::Error> {
    let mut map = out.serialize_map(None)?;
    let extras = object.extras();
    let mut unknown = extras.unknown.iter();
    for slot in &extras.order {
        match slot {
            Some(member) => object.write_member(member, &mut map)?,
            None => {
                if let Some((name, value)) = unknown.next() {
                    map.serialize_entry(name, value)?;
                }
            }
        }
    }
    for &member in T::MEMBERS {
        if !extras.order.contains(&Some(member)) {
            object.write_member(member, &mut map)?;
        }
    }
    map.end()
}

/// A member given twice in one object: JSON leaves it to the reader which
/// one counts, so neither does.
fn given_twice<E: de::Error>(member: &str) -> E {
    E::custom(format_args!("expected {member} once, found it twice"))
}

/// A member's name, borrowed from the document when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Key<'de>, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            /// Never shown: in JSON a member's name is a string, anything
            /// else is a syntax error.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }

            fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(name)))
            }

            fn visit_str<E: de::Error>(self, name: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(name.to_owned())))
            }
        }

        input.deserialize_str(KeyVisitor)
    }
}

impl Member for String {
    const EXPECTING: &'static str = "a string";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<String, D::Error> {
        struct Text(&'static str);

        impl Visitor<'_> for Text {
            type Value = String;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<String, E> {
                Ok(text.to_owned())
            }
        }

        input.deserialize_string(Text(expecting))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_str(self)
    }
}

impl Member for bool {
    const EXPECTING: &'static str = "true or false";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<bool, D::Error> {
        input.deserialize_bool(Flag(expecting))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_bool(*self)
    }
}

/// Reads `true` or `false`.
struct Flag(&'static str);

impl Visitor<'_> for Flag {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<bool, E> {
        Ok(value)
    }
}

/// Reads a whole number that fits `T`.
struct Whole<T>(&'static str, PhantomData<T>);

impl<T: TryFrom<i64> + TryFrom<u64>> Visitor<'_> for Whole<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
    }
}

impl Member for i32 {
    const EXPECTING: &'static str = "a whole number";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<i32, D::Error> {
        input.deserialize_i32(Whole(expecting, PhantomData))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_i32(*self)
    }
}

impl Member for i64 {
    const EXPECTING: &'static str = "a whole number";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<i64, D::Error> {
        input.deserialize_i64(Whole(expecting, PhantomData))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        out.serialize_i64(*self)
    }
}

impl Member for Vec<bool> {
    /// The API's only array of booleans is a week of hours: reading refuses
    /// more than 168 elements as soon as the 169th arrives, counting the
    /// rest without storing them, so that a hostile array of millions of
    /// elements costs no memory.
    const EXPECTING: &'static str = "an array of 168 booleans";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<Vec<bool>, D::Error> {
        struct Hours(&'static str);

        impl<'de> Visitor<'de> for Hours {
            type Value = Vec<bool>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<bool>, A::Error> {
                let mut hours = Vec::with_capacity(HOURS_PER_WEEK);
                while hours.len() <= HOURS_PER_WEEK {
                    match seq.next_element_seed(FlagSeed)? {
                        Some(allowed) => hours.push(allowed),
                        None => return Ok(hours),
                    }
                }
                let mut found = hours.len() as u64;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    found += 1;
                }
                Err(de::Error::custom(format_args!("{WINDOW_TOO_LONG}{found}")))
            }
        }

        input.deserialize_seq(Hours(expecting))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        let mut seq = out.serialize_seq(Some(self.len()))?;
        for allowed in self {
            seq.serialize_element(allowed)?;
        }
        seq.end()
    }
}

/// Reads one hour of a week: `true` or `false`.
struct FlagSeed;

impl<'de> DeserializeSeed<'de> for FlagSeed {
    type Value = bool;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<bool, D::Error> {
        input.deserialize_bool(Flag(<bool as Member>::EXPECTING))
    }
}

/// How the reader says the week of hours is too long.
const WINDOW_TOO_LONG: &str = "expected 168 booleans, found ";

impl<T: Object + Member> Member for Vec<(String, T)> {
    /// An object whose members are all objects of one kind (the `_links`
    /// of a resource), kept in their order.
    const EXPECTING: &'static str = "an object of objects";

    fn read<'de, D: Deserializer<'de>>(input: D, expecting: &'static str) -> Result<Self, D::Error> {
        struct Entries<T>(&'static str, PhantomData<T>);

        impl<'de, T: Object + Member> Visitor<'de> for Entries<T> {
            type Value = Vec<(String, T)>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.0)
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(Key(name)) = map.next_key()? {
                    let value = map.next_value_seed(ObjectSeed(PhantomData))?;
                    entries.push((name.into_owned(), value));
                }
                Ok(entries)
            }
        }

        input.deserialize_map(Entries(expecting, PhantomData))
    }

    fn write<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        let mut map = out.serialize_map(Some(self.len()))?;
        for (name, value) in self {
            map.serialize_entry(name, &Written(value))?;
        }
        map.end()
    }
}

/// Reads an object that must be there (not `null`).
struct ObjectSeed<T>(PhantomData<T>);

impl<'de, T: Object> DeserializeSeed<'de> for ObjectSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<T, D::Error> {
        read_object(input)
    }
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

// ---------------------------------------------------------------------------
// Documents: the bytes as text, one object, or a list of them.

/// A document's bytes as text.
pub(crate) enum Text<'a> {
    /// UTF-8 (a byte order mark removed) or decoded UTF-16.
    Str(Cow<'a, str>),
    /// Bytes that are not UTF-8, from the first faulty one on (at `at`).
    NotUtf8 { bytes: &'a [u8], at: usize },
}

/// The document's text: UTF-8, with or without a byte order mark, or UTF-16
/// (little or big endian) with one, as Windows PowerShell writes files.
///
/// # Errors
///
/// [`Error::Syntax`] naming the encoding found: UTF-32, UTF-16 without a
/// byte order mark, UTF-16 that does not decode.
pub(crate) fn decode(bytes: &[u8]) -> Result<Text<'_>, Error> {
    let refuse = |found: String| Error::Syntax {
        path: DOCUMENT.into(),
        message: format!("{found}; expected UTF-8, or UTF-16 with a byte order mark"),
        source: None,
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => Ok(utf8(rest)),
        [0xFF, 0xFE, 0, 0, ..] => Err(refuse(
            "the document is UTF-32LE (byte order mark FF FE 00 00)".into(),
        )),
        [0, 0, 0xFE, 0xFF, ..] => Err(refuse(
            "the document is UTF-32BE (byte order mark 00 00 FE FF)".into(),
        )),
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes, "UTF-16LE").map_err(refuse),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes, "UTF-16BE").map_err(refuse),
        // A JSON document starts with an ASCII character: zeros around it
        // give the encoding away (RFC 4627, section 3).
        [_, 0, 0, 0, ..] => Err(refuse("the document is UTF-32LE".into())),
        [0, 0, 0, _, ..] => Err(refuse("the document is UTF-32BE".into())),
        [_, 0, ..] => Err(refuse(
            "the document is UTF-16LE without a byte order mark".into(),
        )),
        [0, _, ..] => Err(refuse(
            "the document is UTF-16BE without a byte order mark".into(),
        )),
        _ => Ok(utf8(bytes)),
    }
}

fn utf8(bytes: &[u8]) -> Text<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Text::Str(Cow::Borrowed(text)),
        Err(invalid) => Text::NotUtf8 {
            bytes,
            at: invalid.valid_up_to(),
        },
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16, name: &str) -> Result<Text<'static>, String> {
    if bytes.len() % 2 != 0 {
        return Err(format!(
            "the document is {name} but has an odd number of bytes ({})",
            bytes.len() + 2
        ));
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    // How many units are decoded: a character outside the Basic
    // Multilingual Plane takes two.
    let mut decoded_units = 0;
    for decoded in char::decode_utf16(units) {
        match decoded {
            Ok(c) => {
                text.push(c);
                decoded_units += c.len_utf16();
            }
            Err(_) => {
                return Err(format!(
                    "the document is {name} but has a lone surrogate at byte offset {}",
                    2 + 2 * decoded_units
                ))
            }
        }
    }
    Ok(Text::Str(Cow::Owned(text)))
}

/// Where a piece of text starts in the document: 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Origin {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Origin {
    /// The start of the document.
    pub(crate) const START: Origin = Origin { line: 1, column: 1 };

    /// Line and column in the document of line `line`, column `column` of
    /// the text that starts here. serde_json counts the column of the last
    /// byte it read, 0 when it read none of the line: then the next one is
    /// meant.
    fn of(self, line: usize, column: usize) -> (usize, usize) {
        let column = column.max(1);
        if line <= 1 {
            (self.line, self.column - 1 + column)
        } else {
            (self.line + line - 1, column)
        }
    }
}

/// Reads a document holding one `T`, with error paths under `prefix`.
///
/// # Errors
///
/// [`Error::Syntax`] when the bytes are not a JSON document (empty, not
/// UTF-8 or UTF-16, malformed, text after it); [`Error::Json`] for a value
/// of the wrong type; [`Error::WindowLength`] for a week of more than 168
/// hours.
pub(crate) fn read_document<T: DeserializeOwned>(json: &[u8], prefix: Option<&str>) -> Result<T, Error> {
    match decode(json)? {
        Text::Str(text) => read_text(&text, prefix, Origin::START),
        Text::NotUtf8 { bytes, at } => Err(not_utf8::<T>(bytes, at, prefix)),
    }
}

/// Why a document that is not UTF-8 is refused: serde_json names the member
/// whose string holds the faulty bytes; elsewhere (in a member name, in a
/// member that is kept as text, between values), where they are.
fn not_utf8<'a, T: Deserialize<'a>>(bytes: &'a [u8], at: usize, prefix: Option<&str>) -> Error {
    let from_reader =
        read_from::<_, T>(serde_json::Deserializer::from_slice(bytes), prefix, Origin::START).err();
    match from_reader {
        Some(err) if err.path() != Some(DOCUMENT) => err,
        _ => {
            let (line, column) = line_and_column(&bytes[..at]);
            Error::Syntax {
                path: DOCUMENT.into(),
                message: format!(
                    "byte 0x{:02X} at line {line} column {column} is not UTF-8 (an 8-bit encoding such as Windows-1252?); expected UTF-8, or UTF-16 with a byte order mark",
                    bytes[at]
                ),
                source: None,
            }
        }
    }
}

/// The 1-based line and column just after `before`.
fn line_and_column(before: &[u8]) -> (usize, usize) {
    let line = 1 + before.iter().filter(|&&byte| byte == b'\n').count();
    let column = 1 + before.iter().rev().take_while(|&&byte| byte != b'\n').count();
    (line, column)
}

/// Reads `text`, which starts at `origin` in the document.
fn read_text<'a, T: Deserialize<'a>>(
    text: &'a str,
    prefix: Option<&str>,
    origin: Origin,
) -> Result<T, Error> {
    if text.trim_matches(JSON_WHITESPACE).is_empty() {
        return Err(Error::Syntax {
            path: DOCUMENT.into(),
            message: "the document is empty".into(),
            source: None,
        });
    }
    read_from(serde_json::Deserializer::from_str(text), prefix, origin)
}

/// What JSON counts as whitespace between tokens.
const JSON_WHITESPACE: &[char] = &[' ', '\t', '\n', '\r'];

fn read_from<'de, R: serde_json::de::Read<'de>, T: Deserialize<'de>>(
    mut reader: serde_json::Deserializer<R>,
    prefix: Option<&str>,
    origin: Origin,
) -> Result<T, Error> {
    let value = serde_path_to_error::deserialize(&mut reader).map_err(|err| {
        reading_error(
            join_path(prefix, &err.path().to_string()),
            err.into_inner(),
            prefix,
            origin,
        )
    })?;
    reader
        .end()
        .map_err(|err| reading_error(DOCUMENT.into(), err, prefix, origin))?;
    Ok(value)
}

/// A JSON reader's error as the crate's: a data error in the API's words
/// ([`Error::Json`], or [`Error::WindowLength`] for a too-long week), any
/// other a [`Error::Syntax`] at the deepest member the reader was in; the
/// position in the document's lines and columns.
fn reading_error(path: String, inner: serde_json::Error, prefix: Option<&str>, origin: Origin) -> Error {
    let text = inner.to_string();
    let (line, column) = (inner.line(), inner.column());
    let what = text
        .strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(&text);
    let worded = if inner.is_data() {
        in_api_words(what)
    } else {
        Cow::Borrowed(what)
    };
    // serde_json reads a value before it reports it, except an array or an
    // object, which it only peeks at: then the byte before it is counted.
    let peeked = worded.ends_with("found an array") || worded.ends_with("found an object");
    let at = if line == 0 {
        String::new()
    } else {
        let (line, column) = origin.of(line, column + usize::from(peeked));
        format!(" at line {line} column {column}")
    };
    if inner.is_data() {
        if let Some(found) = what
            .strip_prefix(WINDOW_TOO_LONG)
            .and_then(|count| count.parse().ok())
        {
            return Error::WindowLength { path, found };
        }
        return Error::Json {
            path,
            message: format!("{worded}{at}"),
            source: Some(Arc::new(inner)),
        };
    }
    // Where the reader stopped inside a member it does not know, the path
    // has `?` segments: name the closest known value instead.
    let known = path.split(".?").next().unwrap_or_default();
    Error::Syntax {
        path: match (known, prefix) {
            ("" | "?", _) => DOCUMENT.into(),
            (known, Some(prefix)) if known == prefix => DOCUMENT.into(),
            (known, _) => known.into(),
        },
        message: format!("{worded}{at}"),
        source: Some(Arc::new(inner)),
    }
}

/// serde's `invalid type: string "60", expected a whole number` as the
/// crate's other messages say it: `expected a whole number, found "60"`,
/// the value as JSON writes it.
fn in_api_words(message: &str) -> Cow<'_, str> {
    let rest = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "));
    // The expected text is the crate's own and never says ", expected ".
    match rest.and_then(|rest| rest.rsplit_once(", expected ")) {
        Some((found, expected)) => Cow::Owned(format!("expected {expected}, found {}", as_json(found))),
        None => Cow::Borrowed(message),
    }
}

/// serde's description of an unexpected value (as serde_json words it) as
/// the value in JSON: `integer `1`` is `1`, `sequence` an array.
fn as_json(found: &str) -> &str {
    let quoted = |prefix: &str| found.strip_prefix(prefix)?.strip_suffix('`');
    match found {
        "sequence" => "an array",
        "map" => "an object",
        _ => quoted("integer `")
            .or_else(|| quoted("floating point `"))
            .or_else(|| quoted("boolean `"))
            .or_else(|| found.strip_prefix("string "))
            .unwrap_or(found),
    }
}

/// `serde_path_to_error` writes the root as `.`. A document read under a
/// prefix is an object, so its paths start with a member's name.
fn join_path(prefix: Option<&str>, path: &str) -> String {
    match (prefix, path) {
        (None, ".") => DOCUMENT.into(),
        (Some(prefix), ".") => prefix.into(),
        (None, path) => path.into(),
        (Some(prefix), path) => format!("{prefix}.{path}"),
    }
}

/// What a document is, judged by its top level only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// An object with the member a job holds its policy in.
    Job,
    /// An array, or an object with a `results` member (a page): a list.
    List,
    /// Anything else, including text that is not JSON.
    Other,
}

/// The document's shape. Reads nothing below the top level, so that the
/// reader of what it is reports its faults.
pub(crate) fn shape(json: &[u8], job_member: &'static str) -> Shape {
    struct Probe(&'static str);

    impl<'de> Visitor<'de> for Probe {
        type Value = Shape;

        /// Never shown: a document that is not an object or an array is
        /// `Shape::Other`, whose reader says what is wrong.
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or an array")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
            let (mut job, mut page) = (false, false);
            while let Some(Key(name)) = map.next_key()? {
                job |= name == self.0;
                page |= name == RESULTS;
                map.next_value::<IgnoredAny>()?;
            }
            Ok(if job {
                Shape::Job
            } else if page {
                Shape::List
            } else {
                Shape::Other
            })
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
            // Read to its end, or the reader calls the array malformed.
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(Shape::List)
        }
    }

    let probe = |text: &str| {
        serde_json::Deserializer::from_str(text)
            .deserialize_any(Probe(job_member))
            .unwrap_or(Shape::Other)
    };
    match decode(json) {
        Ok(Text::Str(text)) => probe(&text),
        // Read as far as the bytes allow: non-UTF-8 in a string does not
        // hide the member.
        Ok(Text::NotUtf8 { bytes, .. }) => probe(&String::from_utf8_lossy(bytes)),
        Err(_) => Shape::Other,
    }
}

/// The member of a page that holds its elements.
const RESULTS: &str = "results";

/// One element of a list: a job, or why it could not be read.
///
/// # Example
///
/// ```
/// use backup_schedule::vb365::CopyJob;
///
/// let page = br#"{"offset": 0, "limit": 30, "results": [
///     {"id": "a", "name": "Nightly", "schedulePolicy": {"type": "Immediate"}},
///     {"id": "b", "name": "Broken", "schedulePolicy": {"type": "Hourly"}}
/// ]}"#;
/// let jobs: Vec<_> = CopyJob::list_from_json(page)?.collect();
/// assert_eq!(jobs.len(), 2);
/// assert_eq!(jobs[0].name.as_deref(), Some("Nightly"));
/// assert!(jobs[0].job.is_ok());
/// assert_eq!(jobs[1].path, "results[1]");
/// assert_eq!(jobs[1].id.as_deref(), Some("b"));
/// let err = jobs[1].job.as_ref().unwrap_err();
/// assert_eq!(err.path(), Some("schedulePolicy.type"));
/// // The line and column are the document's: the end of "Hourly" on line 3.
/// assert!(err.to_string().ends_with("found \"Hourly\" at line 3 column 69"));
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Listed<T> {
    /// Where the element is in the document: `results[2]` in a page, `[2]`
    /// in an array.
    pub path: String,
    /// The element's `name`, read on its own, so that an element that
    /// cannot be read is still named (`None` when it has no string `name`).
    pub name: Option<String>,
    /// The element's `id`, read the same way.
    pub id: Option<String>,
    /// The element, or why it could not be read. The error's path starts at
    /// the element (`schedulePolicy.type`); its line and column are the
    /// document's.
    pub job: Result<T, Error>,
}

/// The elements of a list response, read one at a time as they are asked
/// for: a list of any length costs the memory of its text.
///
/// Made by [`CopyJob::list_from_json`](crate::vb365::CopyJob::list_from_json).
///
/// # Example
///
/// ```
/// use backup_schedule::Schedule;
/// use backup_schedule::vb365::CopyJob;
///
/// let jobs = CopyJob::list_from_json(br#"[
///     {"name": "a", "schedulePolicy": {"type": "Immediate"}},
///     {"name": "b", "schedulePolicy": {"type": "Periodically", "periodicallyEvery": "Hours1"}}
/// ]"#)?;
/// assert_eq!(jobs.len(), 2);
/// for listed in jobs {
///     let job = listed.job?;
///     assert!(Schedule::try_from(&job).is_ok(), "{:?}", listed.name);
/// }
/// # Ok::<(), backup_schedule::Error>(())
/// ```
#[derive(Clone)]
pub struct List<T> {
    /// The document's text.
    text: String,
    /// `results` in a page, empty for a bare array.
    prefix: &'static str,
    /// Where the next element (or the array's end) is: after the `[` or
    /// the element before.
    next: usize,
    /// The next element's index, and how many there are.
    index: usize,
    len: usize,
    /// How far the text has been read for line and column, and where that is.
    read: usize,
    at: Origin,
    element: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for List<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List")
            .field("prefix", &self.prefix)
            .field("index", &self.index)
            .field("len", &self.len)
            .finish_non_exhaustive()
    }
}

/// Reads a list of `T`: a page (`{"offset": 0, "limit": 30, "results":
/// [...]}`, its other members ignored) or a bare array. The whole document
/// is checked to be JSON first; then each element is read on its own as it
/// is asked for, so that one that cannot be read does not stop the others.
///
/// # Errors
///
/// [`Error::Syntax`] when the document is not JSON; [`Error::Json`] when it
/// is neither a page nor an array, or a page's `results` is not an array.
pub(crate) fn read_list<T>(json: &[u8]) -> Result<List<T>, Error> {
    let text = match decode(json)? {
        Text::Str(text) => text.into_owned(),
        Text::NotUtf8 { bytes, at } => return Err(not_utf8::<Page>(bytes, at, None)),
    };
    // Checked whole, the elements counted; then the array found.
    let (prefix, len, array) = if text.trim_start_matches(JSON_WHITESPACE).starts_with('[') {
        let Count(len) = read_text(&text, None, Origin::START)?;
        (
            "",
            len,
            offset_in(&text, text.trim_start_matches(JSON_WHITESPACE)),
        )
    } else {
        let Page(len) = read_text(&text, None, Origin::START)?;
        let Results(array) = serde_json::from_str(&text)
            .map_err(|err| reading_error(DOCUMENT.into(), err, None, Origin::START))?;
        (RESULTS, len, offset_in(&text, array.get()))
    };
    Ok(List {
        text,
        prefix,
        next: array + 1,
        index: 0,
        len,
        read: 0,
        at: Origin::START,
        element: PhantomData,
    })
}

/// Where `piece`, a slice of `text`, starts in it.
fn offset_in(text: &str, piece: &str) -> usize {
    (piece.as_ptr() as usize).saturating_sub(text.as_ptr() as usize)
}

impl<T: DeserializeOwned> Iterator for List<T> {
    type Item = Listed<T>;

    fn next(&mut self) -> Option<Listed<T>> {
        if self.index >= self.len {
            return None;
        }
        // The text is JSON (checked when the list was read): after the
        // whitespace and the comma comes an element.
        let rest = &self.text[self.next..];
        let rest = rest.trim_start_matches(JSON_WHITESPACE);
        let rest = rest.strip_prefix(',').unwrap_or(rest);
        let element: &RawValue =
            Deserialize::deserialize(&mut serde_json::Deserializer::from_str(rest)).ok()?;
        let element = element.get();
        let start = offset_in(&self.text, element);
        self.next = start + element.len();
        for byte in self.text[self.read..start].bytes() {
            self.at = if byte == b'\n' {
                Origin {
                    line: self.at.line + 1,
                    column: 1,
                }
            } else {
                Origin {
                    column: self.at.column + 1,
                    ..self.at
                }
            };
        }
        self.read = start;
        let (name, id) = identity(element);
        let listed = Listed {
            path: format!("{}[{}]", self.prefix, self.index),
            name,
            id,
            job: read_text(element, None, self.at),
        };
        self.index += 1;
        Some(listed)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.len - self.index;
        (left, Some(left))
    }
}

impl<T: DeserializeOwned> ExactSizeIterator for List<T> {}

/// How many elements an array has: read without keeping them.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Count, D::Error> {
        input.deserialize_seq(CountVisitor)
    }
}

struct CountVisitor;

impl<'de> Visitor<'de> for CountVisitor {
    type Value = Count;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of jobs")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Count, A::Error> {
        let mut count = 0;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            count += 1;
        }
        Ok(Count(count))
    }
}

impl<'de> DeserializeSeed<'de> for CountVisitor {
    type Value = Count;

    fn deserialize<D: Deserializer<'de>>(self, input: D) -> Result<Count, D::Error> {
        input.deserialize_seq(self)
    }
}

/// A page: how many elements its `results` has.
struct Page(usize);

impl<'de> Deserialize<'de> for Page {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Page, D::Error> {
        struct PageVisitor;

        impl<'de> Visitor<'de> for PageVisitor {
            type Value = Page;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page of jobs ({\"results\": [...]}) or an array of jobs")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page, A::Error> {
                let mut count = None;
                while let Some(Key(name)) = map.next_key()? {
                    if name != RESULTS {
                        map.next_value::<IgnoredAny>()?;
                    } else if count.is_some() {
                        return Err(given_twice(RESULTS));
                    } else {
                        count = Some(map.next_value_seed(CountVisitor)?);
                    }
                }
                count.map(|Count(count)| Page(count)).ok_or_else(|| {
                    de::Error::custom(
                        "expected a page of jobs ({\"results\": [...]}) or an array of jobs, found an object without results",
                    )
                })
            }
        }

        input.deserialize_any(PageVisitor)
    }
}

/// A page's `results`, as its text (in a page already checked).
struct Results<'a>(&'a RawValue);

impl<'de> Deserialize<'de> for Results<'de> {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Results<'de>, D::Error> {
        struct ResultsVisitor;

        impl<'de> Visitor<'de> for ResultsVisitor {
            type Value = Results<'de>;

            /// Never shown: the page was checked before it is read again.
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a page of jobs")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Results<'de>, A::Error> {
                while let Some(Key(name)) = map.next_key()? {
                    if name == RESULTS {
                        let results = map.next_value()?;
                        // The rest is read, or the reader calls it malformed.
                        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                        return Ok(Results(results));
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Err(de::Error::missing_field(RESULTS))
            }
        }

        input.deserialize_map(ResultsVisitor)
    }
}

/// A list element's `name` and `id` when they are strings; read on their
/// own, so that an element that does not read as a job is still named.
fn identity(element: &str) -> (Option<String>, Option<String>) {
    struct Identity;

    impl<'de> Visitor<'de> for Identity {
        type Value = (Option<String>, Option<String>);

        /// Never shown: an element that is not an object has no name.
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let (mut name, mut id) = (None, None);
            while let Some(Key(member)) = map.next_key()? {
                let slot = match member.as_ref() {
                    "name" => &mut name,
                    "id" => &mut id,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                };
                // Read as text, so that a value of another type is passed
                // over whole and the other member still found.
                let value = map.next_value::<&RawValue>()?;
                *slot = serde_json::from_str(value.get()).ok();
            }
            Ok((name, id))
        }
    }

    serde_json::Deserializer::from_str(element)
        .deserialize_map(Identity)
        .unwrap_or((None, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> Box<RawValue> {
        RawValue::from_string(text.to_owned()).unwrap()
    }

    fn extras(unknown: &[(&str, &str)], nulls: &[&'static str]) -> Extras {
        let mut extras = Extras::default();
        for (name, value) in unknown {
            extras.read_unknown((*name).to_owned(), raw(value));
        }
        for null in nulls {
            extras.set_null(null);
        }
        extras
    }

    #[test]
    fn extras_are_equal_when_they_hold_the_same_json() {
        let a = extras(&[("x", "1"), ("y", "[2]")], &["type", "dailyTime"]);
        assert_eq!(a, extras(&[("x", "1"), ("y", "[2]")], &["dailyTime", "type"]));
        // Where they were among the known members does not count.
        let mut b = extras(&[], &["type", "dailyTime"]);
        b.read_known("type");
        b.read_unknown("x".into(), raw("1"));
        b.read_unknown("y".into(), raw("[2]"));
        assert_eq!(a, b);
        // Another name, another value, one more or one fewer, another null.
        assert_ne!(a, extras(&[("z", "1"), ("y", "[2]")], &["type", "dailyTime"]));
        assert_ne!(a, extras(&[("x", "2"), ("y", "[2]")], &["type", "dailyTime"]));
        assert_ne!(a, extras(&[("x", "1")], &["type", "dailyTime"]));
        assert_ne!(
            a,
            extras(&[("x", "1"), ("y", "[2]"), ("z", "3")], &["type", "dailyTime"])
        );
        assert_ne!(a, extras(&[("x", "1"), ("y", "[2]")], &["type"]));
    }

    #[test]
    fn extras_answer_for_their_members() {
        let extras = extras(
            &[("x", "1"), ("x", "2"), ("dailytype", "\"Workdays\"")],
            &["name"],
        );
        assert_eq!(extras.get("x").map(RawValue::get), Some("1"));
        assert_eq!(extras.get("y").map(RawValue::get), None);
        assert_eq!(extras.len(), 3);
        assert!(!extras.is_empty());
        assert!(Extras::default().is_empty());
        assert!(extras.is_null("name"));
        assert!(!extras.is_null("x"));
        assert_eq!(extras.near_miss("dailyType"), Some("dailytype"));
        assert_eq!(extras.near_miss("dailyTime"), None);
    }

    #[test]
    fn slips_of_one_letter() {
        for (a, b) in [
            ("dailyType", "dailyType"),
            ("dailyType", "dailytype"),
            ("dailyType", "DAILYTYPE"),
            ("dailyType", "dailyTyp"),
            ("dailyType", "ailyType"),
            ("dailyType", "dailyTypes"),
            ("dailyType", "xdailyType"),
            ("dailyType", "dailyTxpe"),
            ("dailyType", "dailyTpye"),
            ("dailyType", "adilyType"),
            ("type", "tpye"),
            ("ab", "ba"),
            ("a", ""),
        ] {
            assert!(one_slip_apart(a, b), "{a} {b}");
            assert!(one_slip_apart(b, a), "{b} {a}");
        }
        for (a, b) in [
            ("dailyType", "dailyTime"),
            ("dailyType", "dayType"),
            ("dailyType", "dailyTypess"),
            ("dailyType", "dailyTpey"),
            ("type", "tyep2"),
            ("abc", "cba"),
            ("abcd", "badc"),
            ("ab", ""),
        ] {
            assert!(!one_slip_apart(a, b), "{a} {b}");
            assert!(!one_slip_apart(b, a), "{b} {a}");
        }
    }

    #[test]
    fn whitespace_goes_between_tokens_only() {
        for (text, compact) in [
            ("1", "1"),
            (" [ 1 , 2 ] ", "[1,2]"),
            ("{\"a b\" :\t\"c\\\" d\"\r\n}", "{\"a b\":\"c\\\" d\"}"),
            ("[\"\\\\\", \" \"]", "[\"\\\\\",\" \"]"),
        ] {
            assert_eq!(without_whitespace(raw(text)).get(), compact, "{text}");
        }
    }

    #[test]
    fn serdes_words_become_the_apis() {
        for (serde, api) in [
            (
                "invalid type: string \"60\", expected a whole number",
                "expected a whole number, found \"60\"",
            ),
            ("invalid type: integer `1`, expected x", "expected x, found 1"),
            (
                "invalid type: floating point `1.5`, expected x",
                "expected x, found 1.5",
            ),
            (
                "invalid type: boolean `true`, expected x",
                "expected x, found true",
            ),
            ("invalid type: null, expected x", "expected x, found null"),
            ("invalid type: sequence, expected x", "expected x, found an array"),
            ("invalid type: map, expected x", "expected x, found an object"),
            ("invalid value: integer `-5`, expected x", "expected x, found -5"),
            // A string that holds the separator: the last one is serde's.
            (
                "invalid type: string \"a, expected b\", expected x",
                "expected x, found \"a, expected b\"",
            ),
            // Anything else as it is.
            ("duplicate field `type`", "duplicate field `type`"),
            ("invalid length 3, expected 2", "invalid length 3, expected 2"),
        ] {
            assert_eq!(in_api_words(serde), api);
        }
    }

    #[test]
    fn positions_from_an_origin() {
        let origin = Origin { line: 3, column: 7 };
        // On the piece's first line, columns add up; below it, they are the
        // document's; column 0 (nothing read of the line) is the first.
        assert_eq!(origin.of(1, 1), (3, 7));
        assert_eq!(origin.of(1, 4), (3, 10));
        assert_eq!(origin.of(1, 0), (3, 7));
        assert_eq!(origin.of(2, 4), (4, 4));
        assert_eq!(origin.of(5, 0), (7, 1));
        assert_eq!(Origin::START.of(1, 9), (1, 9));
        assert_eq!(line_and_column(b""), (1, 1));
        assert_eq!(line_and_column(b"ab\ncd"), (2, 3));
        assert_eq!(line_and_column(b"ab\n"), (2, 1));
    }

    #[test]
    fn root_paths() {
        assert_eq!(join_path(None, "."), "(document)");
        assert_eq!(join_path(Some("schedulePolicy"), "."), "schedulePolicy");
        assert_eq!(join_path(Some("schedulePolicy"), "type"), "schedulePolicy.type");
    }
}
