//! Metrics: named columns, one row per N steps or per episode.
//!
//! Every row starts with `step` (steps completed), `episode` (episodes completed before this
//! row's step) and `time_ms` (simulated time at the end of the step). Plugins add their own
//! columns with [`Metrics::set`] from systems in [`SimSet::Record`], only when
//! [`Metrics::row_open`] says a row is being written. The set of columns is fixed by the first
//! row. Rows are kept in memory for plots and are saved in checkpoints, so the CSV of a
//! resumed run is complete.
//!
//! [`SimSet::Record`]: crate::sets::SimSet::Record

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// When a metrics row is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RecordEvery {
    /// Every this many steps.
    Steps(u64),
    /// At the end of every episode.
    Episode,
}

/// Names of the columns every row starts with.
pub const LEADING_COLUMNS: [&str; 3] = ["step", "episode", "time_ms"];

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
            columns: LEADING_COLUMNS.iter().map(|c| (*c).to_owned()).collect(),
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

    /// The values of one column over all rows, or `None` if there is no such column.
    pub fn column(&self, name: &str) -> Option<Vec<f64>> {
        let index = self.columns.iter().position(|c| c == name)?;
        Some(self.rows.iter().map(|row| row[index]).collect())
    }

    /// Whether a row is being written during this step.
    pub fn row_open(&self) -> bool {
        self.open.is_some()
    }

    /// Sets a value in the open row. Does nothing when no row is open. A column first set
    /// after the first row was committed is ignored (the CSV header is already written).
    pub fn set(&mut self, column: &str, value: f64) {
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
