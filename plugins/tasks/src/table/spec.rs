//! The table task's scene section: `task: Some(Table((…)))`.
//!
//! ```ron
//! task: Some(Table((
//!     file: "assets/data/iris.csv",
//!     brain: Some((features: "features", classes: "classes")),
//! ))),
//! ```

use std::path::PathBuf;

use neurarium_sim::prelude::BrainPorts;
use serde::{Deserialize, Serialize};

use crate::episodic::rate_schedule::LearningRateSchedule;
use crate::error::InvalidParam;
use crate::table::csv::{Table, read_table};
use crate::table::sequence::TaskSequence;
use crate::table::split::held_out;

/// The rewards of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableRewards {
    /// A right answer.
    pub right: f32,
    /// A wrong answer.
    pub wrong: f32,
}

impl Default for TableRewards {
    fn default() -> Self {
        Self {
            right: 1.0,
            wrong: -1.0,
        }
    }
}

/// The brain's ports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableBrainSpec {
    /// Input port of one value per feature, each scaled into `0..1` by the training rows'
    /// range (a spiking brain: a `Population` encoder with one input per feature).
    pub features: String,
    /// Output port choosing one class (a spiking brain: a `WinnerTakeAll` readout with one pool
    /// per class).
    pub classes: String,
}

impl Default for TableBrainSpec {
    fn default() -> Self {
        Self {
            features: "features".to_owned(),
            classes: "classes".to_owned(),
        }
    }
}

/// Classification of a table's rows by reward, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableTaskSpec {
    /// The table: a CSV of numeric features with the class index last, gzip and header
    /// optional ([`crate::table::csv`]); relative to the working directory.
    pub file: PathBuf,
    /// Fraction of each class held out as the test set (stratified).
    pub test_fraction: f64,
    /// Seed of the split; `None`: the run's seed (so ten seeds are ten splits, the same a
    /// baseline draws with that seed).
    pub split_seed: Option<u64>,
    /// Few-shot: only this many training rows of each class, drawn at random from the split
    /// and shown in turn as often as the whole training set would be; `None`: every one.
    pub train_per_class: Option<u32>,
    /// Two tasks in turn, to measure forgetting ([`crate::table::sequence`]); `None`: one.
    pub sequence: Option<TaskSequence>,
    /// The rewards.
    pub reward: TableRewards,
    /// The learning-rate schedule over the run's episodes (one row is one episode).
    pub learning_rate: LearningRateSchedule,
    /// The brain.
    pub brain: TableBrainSpec,
}

impl Default for TableTaskSpec {
    fn default() -> Self {
        Self {
            file: PathBuf::from("assets/data/iris.csv"),
            test_fraction: 0.2,
            split_seed: None,
            train_per_class: None,
            sequence: None,
            reward: TableRewards::default(),
            learning_rate: LearningRateSchedule::Constant,
            brain: TableBrainSpec::default(),
        }
    }
}

impl TableTaskSpec {
    /// The table, or the reader's error (file, line, column) as the field `file`'s.
    pub fn read(&self) -> Result<Table, InvalidParam> {
        read_table(&self.file).map_err(|e| InvalidParam::new("file", e.to_string()))
    }

    /// Checks every value, the table and the brain's ports against it.
    pub fn validate(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        InvalidParam::check(
            self.test_fraction > 0.0 && self.test_fraction < 1.0,
            "test_fraction",
            || {
                format!(
                    "must be between 0 and 1 (exclusive), got {}",
                    self.test_fraction
                )
            },
        )?;
        InvalidParam::check(self.train_per_class != Some(0), "train_per_class", || {
            "at least 1 row of each class".to_owned()
        })?;
        InvalidParam::finite("reward.right", self.reward.right.into())?;
        InvalidParam::finite("reward.wrong", self.reward.wrong.into())?;
        self.learning_rate
            .validate()
            .map_err(|e| e.within("learning_rate"))?;
        let table = self.read()?;
        if let Some(sequence) = &self.sequence {
            sequence
                .validate(table.classes)
                .map_err(|e| e.within("sequence"))?;
        }
        // The counts do not depend on the seed.
        let held: usize = (0..table.classes)
            .map(|c| {
                held_out(
                    table.labels.iter().filter(|&&l| l == c).count(),
                    self.test_fraction,
                )
            })
            .sum();
        InvalidParam::check(held > 0 && held < table.len(), "test_fraction", || {
            format!(
                "{} of the {} rows of {} would be held out for testing: both the training and the test set need at least one row",
                held,
                table.len(),
                self.file.display()
            )
        })?;
        let features = ports
            .input(&self.brain.features)
            .map_err(|message| InvalidParam::new("brain.features", message))?;
        InvalidParam::check(features.width == table.features, "brain.features", || {
            format!(
                "input port '{}' ({}) reads {} values, but {} has {} features per row",
                self.brain.features,
                features.what,
                features.width,
                self.file.display(),
                table.features
            )
        })?;
        let classes = ports
            .output(&self.brain.classes)
            .map_err(|message| InvalidParam::new("brain.classes", message))?;
        InvalidParam::check(
            classes.choices == Some(table.classes as u32),
            "brain.classes",
            || {
                format!(
                    "output port '{}' ({}) must choose one of the {} classes of {} (a WinnerTakeAll readout with {} pools)",
                    self.brain.classes,
                    classes.what,
                    table.classes,
                    self.file.display(),
                    table.classes
                )
            },
        )
    }
}
