//! Reading the sections that registered kinds own: `task: Some(Car((…)))` and each entry of
//! `networks: [Lookup((…)), …]`.
//!
//! The first pass over the file keeps each such section as raw RON text. Here the text
//! `Name(inner)` is split into the kind's name and its inner value; the kind registered under
//! that name reads the inner value as its spec ([`TaskEntry::parse`](neurarium_sim::protocol::registry::TaskEntry::parse), [`NetworkEntry::parse`](neurarium_sim::protocol::registry::NetworkEntry::parse)),
//! and any error is moved to its place in the file with the field path below the section
//! (`task.Car.sensors.count`).

use neurarium_sim::prelude::{SceneKinds, Section};
use neurarium_sim::protocol::section::{RonError, from_ron_probing, line_column, offset_in};
use ron::value::RawValue;
use serde::de::{Deserializer, EnumAccess, VariantAccess, Visitor};

/// An identifier (a variant's name), read as RON reads one.
struct Ident(String);

impl<'de> serde::Deserialize<'de> for Ident {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdentVisitor;
        impl Visitor<'_> for IdentVisitor {
            type Value = Ident;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the name of a registered kind")
            }

            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<Ident, E> {
                Ok(Ident(name.to_owned()))
            }
        }
        deserializer.deserialize_identifier(IdentVisitor)
    }
}

/// The kind's name and the text inside its parentheses.
struct KindCall<'a> {
    name: String,
    body: &'a RawValue,
}

impl<'de> serde::Deserialize<'de> for KindCall<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CallVisitor;
        impl<'de> Visitor<'de> for CallVisitor {
            type Value = KindCall<'de>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a registered kind and its section, such as `Car((track: Phase4))`")
            }

            fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
                let (Ident(name), variant) = data.variant()?;
                let body = variant.newtype_variant()?;
                Ok(KindCall { name, body })
            }
        }
        deserializer.deserialize_enum("Kind", &[], CallVisitor)
    }
}

/// Which registry a section belongs to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Owner {
    /// `task: Some(…)`.
    Task,
    /// An entry of `networks`.
    Network,
}

/// Reads the section `raw` (a slice of `source`) at field path `field` (`task`,
/// `networks[0]`) with the kind it names.
pub(crate) fn parse_section(
    source: &str,
    raw: &RawValue,
    field: &str,
    owner: Owner,
    kinds: &SceneKinds,
) -> Result<Section, RonError> {
    let text = raw.get_ron();
    let at = |part: &str| line_column(source, offset_in(source, part));
    // The kind's name is checked against the registry below, which lists the choices.
    let call: KindCall =
        from_ron_probing(text, &|_| None).map_err(|e| e.within(at(text), field))?;
    let (names, parse) = match owner {
        Owner::Task => (
            kinds.tasks().iter().map(|t| t.name).collect::<Vec<_>>(),
            kinds.task(&call.name).map(|t| t.parse(call.body.get_ron())),
        ),
        Owner::Network => (
            kinds.networks().iter().map(|n| n.name).collect::<Vec<_>>(),
            kinds
                .network(&call.name)
                .map(|n| n.parse(call.body.get_ron())),
        ),
    };
    let body = call.body.get_ron();
    let Some(parsed) = parse else {
        let (line, column) = at(text);
        let what = match owner {
            Owner::Task => "task",
            Owner::Network => "network kind",
        };
        let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
        return Err(RonError {
            line,
            column,
            field: Some(field.to_owned()),
            message: format!(
                "unknown {what} `{}`, expected one of {}",
                call.name,
                if list.is_empty() {
                    "none (no plugin registers one)".to_owned()
                } else {
                    list.join(", ")
                }
            ),
        });
    };
    parsed.map_err(|e| e.within(at(body), &format!("{field}.{}", call.name)))
}
