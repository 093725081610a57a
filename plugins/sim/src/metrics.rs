//! Metrics: typed columns, one row per N steps or per episode.
//!
//! Every row starts with `step` (steps completed), `episode` (episodes completed before this
//! row's step) and `time_ms` (simulated time at the end of the step). Plugins add their own
//! columns from systems in [`SimSet::Record`], only when [`Metrics::row_open`] says a row is
//! being written. The set of columns is fixed by the first row. Rows are kept in memory for
//! plots and are saved in checkpoints, so the CSV of a resumed run is complete.
//!
//! **A column is declared once, by the plugin that writes it**: a [`Column`] (name, unit,
//! description) or, for one column per region or per neuron, a [`ColumnFamily`] (`rate_hz/R`).
//! Producers write with the declaration ([`Metrics::set`], [`Metrics::set_in`]); consumers
//! read with it ([`Metrics::values`]), so a misspelt name is a compile error, not an empty
//! column. The plugin also lists its declarations in the [`MetricCatalog`]
//! ([`MetricsAppExt::declare_metrics`]); a consumer that only has a name (a sweep file, a
//! command-line flag) resolves it there, and a name nobody declares is an error that lists the
//! declared ones ([`UndeclaredColumn`]).
//!
//! [`SimSet::Record`]: crate::sets::SimSet::Record

use bevy::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// When a metrics row is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordEvery {
    /// Every this many steps.
    Steps(u64),
    /// At the end of every episode.
    Episode,
}

/// One metrics column, declared by the plugin that writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The CSV header, `owner/quantity_unit` (`car/return`).
    pub name: &'static str,
    /// Unit of the values (`m`, `Hz`; `1` for counts and flags, `` for dimensionless).
    pub unit: &'static str,
    /// What a value means, for `metrics_columns.csv` and the docs.
    pub description: &'static str,
}

/// A family of columns, one per key: `prefix/key` (`rate_hz/excitatory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnFamily {
    /// The part before the key (`rate_hz`).
    pub prefix: &'static str,
    /// What the key is (`region`, `region/neuron`).
    pub key: &'static str,
    /// Unit of the values.
    pub unit: &'static str,
    /// What a value means.
    pub description: &'static str,
}

impl ColumnFamily {
    /// The column name for `key`.
    pub fn name(&self, key: &str) -> String {
        format!("{}/{key}", self.prefix)
    }

    /// The key of `name` if it belongs to this family.
    pub fn key_of<'a>(&self, name: &'a str) -> Option<&'a str> {
        name.strip_prefix(self.prefix)?.strip_prefix('/')
    }
}

/// The columns every row starts with.
pub const STEP: Column = Column {
    name: "step",
    unit: "1",
    description: "steps completed at the end of the row's step",
};
/// Episodes completed before the row's step (the episode the row belongs to, from 0).
pub const EPISODE: Column = Column {
    name: "episode",
    unit: "1",
    description: "episodes completed before the row's step: the episode the row belongs to, from 0",
};
/// Simulated time at the end of the row's step.
pub const TIME_MS: Column = Column {
    name: "time_ms",
    unit: "ms",
    description: "simulated time at the end of the row's step",
};
/// Whether the brain sleeps: 1 in a task's sleep phase, else 0. A task with sleep phases
/// writes it in every row; panels mark those stretches on their time axis.
pub const ASLEEP: Column = Column {
    name: "asleep",
    unit: "1",
    description: "1 while the brain is in a sleep phase of its task, else 0",
};
/// The leading columns, in order.
pub const LEADING: [&Column; 3] = [&STEP, &EPISODE, &TIME_MS];

/// A declared column, as the catalog finds it by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    /// A single column.
    Column(Column),
    /// A column of a family, with its key.
    Family(ColumnFamily, String),
}

impl Declared {
    /// Unit of the values.
    pub fn unit(&self) -> &'static str {
        match self {
            Declared::Column(c) => c.unit,
            Declared::Family(f, _) => f.unit,
        }
    }

    /// What a value means.
    pub fn description(&self) -> &'static str {
        match self {
            Declared::Column(c) => c.description,
            Declared::Family(f, _) => f.description,
        }
    }
}

/// A column name no plugin declares.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("no plugin declares a metrics column named '{name}' (declared: {declared})")]
pub struct UndeclaredColumn {
    /// The name asked for.
    pub name: String,
    /// The declared names, comma-separated (families as `prefix/<key>`).
    pub declared: String,
}

/// Every column the app's plugins declare.
#[derive(Resource, Debug, Clone)]
pub struct MetricCatalog {
    columns: Vec<Column>,
    families: Vec<ColumnFamily>,
}

impl MetricCatalog {
    /// A catalog of the leading columns only.
    pub fn new() -> Self {
        Self {
            columns: LEADING.iter().map(|c| **c).collect(),
            families: Vec::new(),
        }
    }

    /// Declares `column` (once; a second declaration of the same name must be identical).
    pub fn declare(&mut self, column: Column) {
        if let Some(known) = self.columns.iter().find(|c| c.name == column.name) {
            assert_eq!(
                *known, column,
                "metric column '{}' declared twice",
                column.name
            );
            return;
        }
        self.columns.push(column);
    }

    /// Declares `family`.
    pub fn declare_family(&mut self, family: ColumnFamily) {
        if let Some(known) = self.families.iter().find(|f| f.prefix == family.prefix) {
            assert_eq!(
                *known, family,
                "metric family '{}' declared twice",
                family.prefix
            );
            return;
        }
        self.families.push(family);
    }

    /// The declaration of the column called `name`.
    pub fn resolve(&self, name: &str) -> Result<Declared, UndeclaredColumn> {
        if let Some(column) = self.columns.iter().find(|c| c.name == name) {
            return Ok(Declared::Column(*column));
        }
        self.families
            .iter()
            .find_map(|f| {
                f.key_of(name)
                    .filter(|key| !key.is_empty())
                    .map(|key| Declared::Family(*f, key.to_owned()))
            })
            .ok_or_else(|| UndeclaredColumn {
                name: name.to_owned(),
                declared: self
                    .columns
                    .iter()
                    .map(|c| c.name.to_owned())
                    .chain(
                        self.families
                            .iter()
                            .map(|f| format!("{}/<{}>", f.prefix, f.key)),
                    )
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    }

    /// The declared single columns, in declaration order.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// The declared families, in declaration order.
    pub fn families(&self) -> &[ColumnFamily] {
        &self.families
    }
}

impl Default for MetricCatalog {
    fn default() -> Self {
        Self::new()
    }
}

/// Declaring metrics columns from a plugin's `build`.
pub trait MetricsAppExt {
    /// Adds `columns` and `families` to the [`MetricCatalog`].
    fn declare_metrics(&mut self, columns: &[Column], families: &[ColumnFamily]) -> &mut Self;
}

impl MetricsAppExt for App {
    fn declare_metrics(&mut self, columns: &[Column], families: &[ColumnFamily]) -> &mut Self {
        let mut catalog = self.world_mut().get_resource_or_init::<MetricCatalog>();
        for column in columns {
            catalog.declare(*column);
        }
        for family in families {
            catalog.declare_family(*family);
        }
        self
    }
}

/// The metrics table of the run.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    every: RecordEvery,
    columns: Vec<String>,
    rows: Vec<Vec<f64>>,
    open: Option<Vec<f64>>,
    /// True once the first row fixed the columns.
    frozen: bool,
}

impl Metrics {
    /// An empty table that records at the given cadence.
    pub fn new(every: RecordEvery) -> Self {
        Self {
            every,
            columns: LEADING.iter().map(|c| c.name.to_owned()).collect(),
            rows: Vec::new(),
            open: None,
            frozen: false,
        }
    }

    /// The recording cadence.
    pub fn every(&self) -> RecordEvery {
        self.every
    }

    /// Changes the cadence (e.g. `--episodes` asks for one row per episode).
    pub fn set_every(&mut self, every: RecordEvery) {
        self.every = every;
    }

    /// Column names, leading columns first.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// All committed rows, oldest first.
    pub fn rows(&self) -> &[Vec<f64>] {
        &self.rows
    }

    /// The values of `column` over all rows, or `None` if no row has it (its producer did not
    /// run in this scene).
    pub fn values(&self, column: &Column) -> Option<Vec<f64>> {
        self.values_named(column.name)
    }

    /// The values of `family`'s column for `key` over all rows, if any row has it.
    pub fn values_in(&self, family: &ColumnFamily, key: &str) -> Option<Vec<f64>> {
        self.values_named(&family.name(key))
    }

    /// The columns of `family` present in the table: `(key, index)` in column order.
    pub fn family_columns(&self, family: &ColumnFamily) -> Vec<(String, usize)> {
        self.columns
            .iter()
            .enumerate()
            .filter_map(|(i, name)| family.key_of(name).map(|key| (key.to_owned(), i)))
            .collect()
    }

    /// The values of the column at `index` over all rows.
    pub fn values_at(&self, index: usize) -> Vec<f64> {
        self.rows.iter().map(|row| row[index]).collect()
    }

    /// Values by column name; names come from declarations ([`Self::values`]) or from the
    /// [`MetricCatalog`].
    fn values_named(&self, name: &str) -> Option<Vec<f64>> {
        let index = self.columns.iter().position(|c| c == name)?;
        Some(self.values_at(index))
    }

    /// Whether a row is being written during this step.
    pub fn row_open(&self) -> bool {
        self.open.is_some()
    }

    /// Sets `column` in the open row. Does nothing when no row is open.
    pub fn set(&mut self, column: &Column, value: f64) {
        self.set_named(column.name, value);
    }

    /// Sets `family`'s column for `key` in the open row. Does nothing when no row is open.
    pub fn set_in(&mut self, family: &ColumnFamily, key: &str, value: f64) {
        if self.open.is_some() {
            self.set_named(&family.name(key), value);
        }
    }

    /// A column first set after the first row was committed is ignored (the CSV header is
    /// already written).
    fn set_named(&mut self, column: &str, value: f64) {
        let Some(open) = self.open.as_mut() else {
            return;
        };
        match self.columns.iter().position(|c| c == column) {
            Some(index) => open[index] = value,
            None if !self.frozen => {
                self.columns.push(column.to_owned());
                open.push(value);
            }
            None => debug_assert!(false, "metric column '{column}' added after the first row"),
        }
    }

    /// Steps from step index `step_index` on, this one included, before the next one that
    /// writes a row by step count (`u64::MAX` when rows are written per episode).
    pub fn steps_before_row(&self, step_index: u64) -> u64 {
        match self.every {
            RecordEvery::Steps(n) => {
                let n = n.max(1);
                (n - (step_index + 1) % n) % n
            }
            RecordEvery::Episode => u64::MAX,
        }
    }

    /// Opens a row if one is due at the end of step `step_index` (0-based).
    pub(crate) fn open_if_due(
        &mut self,
        step_index: u64,
        episode_ends: bool,
        episode: u64,
        time_ms: f64,
    ) {
        let due = match self.every {
            RecordEvery::Steps(n) => (step_index + 1).is_multiple_of(n.max(1)),
            RecordEvery::Episode => episode_ends,
        };
        if due {
            let mut row = vec![f64::NAN; self.columns.len()];
            row[0] = (step_index + 1) as f64;
            row[1] = episode as f64;
            row[2] = time_ms;
            self.open = Some(row);
        }
    }

    /// Commits the open row, if any.
    pub(crate) fn commit(&mut self) {
        if let Some(row) = self.open.take() {
            self.frozen = true;
            self.rows.push(row);
        }
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Self::new(RecordEvery::Steps(1000))
    }
}

/// The committed rows of one run, from episode `since_episode` on, read by declared column:
/// what a task's outcome and best-checkpoint rules look at.
pub struct UnitRows<'a> {
    metrics: &'a Metrics,
    first_row: usize,
}

impl<'a> UnitRows<'a> {
    /// The rows of `metrics` of episodes `since_episode..` (per-episode tables only; `None`
    /// when rows are written every N steps).
    pub fn since(metrics: &'a Metrics, since_episode: u64) -> Option<Self> {
        if metrics.every() != RecordEvery::Episode {
            return None;
        }
        let episode = metrics.values(&EPISODE).unwrap_or_default();
        let first_row = episode
            .iter()
            .position(|&e| e >= since_episode as f64)
            .unwrap_or(episode.len());
        Some(Self { metrics, first_row })
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.metrics.rows().len() - self.first_row
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The values of `column` in these rows, `None` if the table has no such column.
    pub fn values(&self, column: &Column) -> Option<Vec<f64>> {
        let index = self
            .metrics
            .columns()
            .iter()
            .position(|c| c == column.name)?;
        Some(
            self.metrics.rows()[self.first_row..]
                .iter()
                .map(|row| row[index])
                .collect(),
        )
    }

    /// Row `i` of these rows, read by declared column.
    pub fn row(&self, i: usize) -> Row<'_> {
        Row {
            columns: self.metrics.columns(),
            values: &self.metrics.rows()[self.first_row + i],
        }
    }
}

/// One metrics row, read by declared column.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    columns: &'a [String],
    values: &'a [f64],
}

impl Row<'_> {
    /// The value of `column`, `None` if the table has no such column.
    pub fn get(&self, column: &Column) -> Option<f64> {
        let index = self.columns.iter().position(|c| c == column.name)?;
        self.values.get(index).copied()
    }
}
