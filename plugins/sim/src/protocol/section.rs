//! Scene sections that plugins register, and reading RON text with positions.
//!
//! A task's section (`task: Some(Car((…)))`) and each entry of `networks: [...]` belong to a
//! kind registered by a plugin ([`crate::protocol::registry`]), so the scene loader cannot name
//! their types. It keeps a parsed section as a [`Section`]: the kind's name and its spec behind
//! a trait object, downcast by the code that owns the kind ([`Section::get`]).
//!
//! [`from_ron`] reads any value from RON text; an error carries the 1-based line and column in
//! that text, the path of the offending field (`sensors.count`) when serde knows it, and RON's
//! message.

use std::any::Any;
use std::fmt;

use serde::de::{Deserialize, DeserializeOwned};

use crate::protocol::ron_hints;

/// What a section's spec must be: read from RON, cloned with the scene, compared on reload.
pub trait SectionSpec:
    DeserializeOwned + Clone + fmt::Debug + PartialEq + Send + Sync + 'static
{
}
impl<T: DeserializeOwned + Clone + fmt::Debug + PartialEq + Send + Sync + 'static> SectionSpec
    for T
{
}

/// A spec behind a trait object (the object-safe part of [`SectionSpec`]).
trait AnySpec: Any + fmt::Debug + Send + Sync {
    fn clone_box(&self) -> Box<dyn AnySpec>;
    fn equals(&self, other: &dyn AnySpec) -> bool;
    fn as_any(&self) -> &dyn Any;
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

impl<T: SectionSpec> AnySpec for T {
    fn clone_box(&self) -> Box<dyn AnySpec> {
        Box::new(self.clone())
    }

    fn equals(&self, other: &dyn AnySpec) -> bool {
        other.as_any().downcast_ref::<T>() == Some(self)
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// A parsed section of a registered kind: `Car((…))` is kind `Car` with a `CarTaskSpec`.
pub struct Section {
    kind: &'static str,
    spec: Box<dyn AnySpec>,
}

impl Section {
    /// The section of kind `kind` holding `spec`.
    pub fn new<S: SectionSpec>(kind: &'static str, spec: S) -> Self {
        Self {
            kind,
            spec: Box::new(spec),
        }
    }

    /// The kind's name as written in scenes (`Car`).
    pub fn kind(&self) -> &'static str {
        self.kind
    }

    /// The spec, if it is an `S`.
    pub fn get<S: SectionSpec>(&self) -> Option<&S> {
        self.spec.as_any().downcast_ref()
    }

    /// The spec, mutably, if it is an `S` (benchmarks and sweeps edit scenes this way).
    pub fn get_mut<S: SectionSpec>(&mut self) -> Option<&mut S> {
        self.spec.as_any_mut().downcast_mut()
    }
}

impl Clone for Section {
    fn clone(&self) -> Self {
        Self {
            kind: self.kind,
            spec: self.spec.clone_box(),
        }
    }
}

impl PartialEq for Section {
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind && self.spec.equals(other.spec.as_ref())
    }
}

impl fmt::Debug for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple(self.kind).field(&self.spec).finish()
    }
}

/// Why RON text could not be read as the value asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RonError {
    /// 1-based line in the text.
    pub line: usize,
    /// 1-based column (in characters) in the text.
    pub column: usize,
    /// Path of the offending field below the value read (`regions[1].size`), if known.
    pub field: Option<String>,
    /// What was found and what is expected ([`ron_hints`]).
    pub message: String,
}

impl RonError {
    /// The same error for text that starts at `(line, column)` of a larger text, with the
    /// field path below `prefix` (`task.Car`).
    pub fn within(mut self, (line, column): (usize, usize), prefix: &str) -> Self {
        if self.line == 1 {
            self.column += column - 1;
        }
        self.line += line - 1;
        self.field = Some(match self.field {
            Some(field) if field.starts_with('[') => format!("{prefix}{field}"),
            Some(field) => format!("{prefix}.{field}"),
            None => prefix.to_owned(),
        });
        self
    }
}

impl fmt::Display for RonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.line, self.column)?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Reads a `T` from RON `text`, which must hold exactly one value. An error says what was
/// found and what is expected ([`ron_hints`]).
pub fn from_ron<T: DeserializeOwned>(text: &str) -> Result<T, RonError> {
    from_ron_probing(text, &|probe| ron_error_code::<T>(probe))
}

/// [`from_ron`] for a `T` that borrows from the text. `probe` reads other text as the same
/// type and returns RON's error, if any ([`ron_error_code`] for that type): it learns the
/// choices of an enum where a value did not name one.
pub fn from_ron_probing<'a, T: Deserialize<'a>>(
    text: &'a str,
    probe: &dyn Fn(&str) -> Option<ron::Error>,
) -> Result<T, RonError> {
    read(text).map_err(|read_error| {
        let ReadError {
            spanned: error,
            field,
        } = *read_error;
        let offset = ron_hints::byte_offset(text, error.span.start.line, error.span.start.col);
        let choices = ron_hints::probe_text(text, offset)
            .and_then(|probe_text| probe(&probe_text))
            .and_then(|code| ron_hints::enum_choices(&code));
        let (line, column) = line_column(text, ron_hints::error_offset(&error.code, text, offset));
        RonError {
            line,
            column,
            field,
            message: ron_hints::explain(&error.code, text, offset, choices),
        }
    })
}

/// RON's error reading `text` as a `T`, if any.
pub fn ron_error_code<'a, T: Deserialize<'a>>(text: &'a str) -> Option<ron::Error> {
    read::<T>(text).err().map(|error| error.spanned.code)
}

/// RON's error and the path of the offending field, if serde knew it.
struct ReadError {
    spanned: ron::error::SpannedError,
    field: Option<String>,
}

/// Reads a `T`, or RON's error with the path of the offending field.
fn read<'a, T: Deserialize<'a>>(text: &'a str) -> Result<T, Box<ReadError>> {
    let error = |spanned, field| Box::new(ReadError { spanned, field });
    let mut deserializer = ron::Deserializer::from_str(text).map_err(|e| error(e, None))?;
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        // `.`: the top level; a `?` segment: serde did not know where it was.
        let path = e.path().to_string();
        let field = path
            .split('.')
            .take_while(|segment| *segment != "?")
            .filter(|segment| !segment.is_empty())
            .collect::<Vec<_>>()
            .join(".");
        let field = (!field.is_empty()).then_some(field);
        let inner = e.into_inner();
        error(deserializer.span_error(inner), field)
    })?;
    deserializer
        .end()
        .map_err(|e| error(deserializer.span_error(e), None))?;
    Ok(value)
}

/// The 1-based `(line, column)` (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where `part`, a slice of `whole`, starts in it: its byte offset.
pub fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}
