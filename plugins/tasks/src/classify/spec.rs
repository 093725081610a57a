//! The classification task's scene section.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::classify::table_source::TableSource;

/// A pair of IDX files: images and their labels (gzipped or not).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdxPair {
    /// The images file.
    pub images: PathBuf,
    /// The labels file.
    pub labels: PathBuf,
}

/// Classification, as a scene gives it: `task: Some(Classify((brain: "digits", …)))`, of an
/// IDX pair (`train`, `test`) or a CSV table (`table`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClassifySpec {
    /// The brain's examples port.
    pub brain: String,
    /// The training file pair; `validation` of it is held out. Not read with `table`.
    pub train: IdxPair,
    /// The test file pair: scored every epoch, never learnt from nor selected on. Not read
    /// with `table`.
    pub test: IdxPair,
    /// A CSV table instead of the IDX pair, split into training and test rows by class
    /// ([`crate::classify::table_source`]).
    pub table: Option<TableSource>,
    /// Fraction of the training file held out for validation (what the best checkpoint is
    /// chosen by, and what settings are tuned on), in `[0, 1)`.
    pub validation: f32,
    /// Seed of the validation split: the same split whatever the run's seed, so runs compare.
    pub split_seed: u64,
    /// Examples per step while scoring validation and test (no learning; larger is faster).
    pub eval_batch: usize,
}

impl Default for ClassifySpec {
    /// The shipped MNIST sample (7,196 training and 1,804 test digits), 10% for validation.
    fn default() -> Self {
        let pair = |split: &str| IdxPair {
            images: PathBuf::from(format!("assets/data/mnist9k-{split}-images-idx3-ubyte.gz")),
            labels: PathBuf::from(format!("assets/data/mnist9k-{split}-labels-idx1-ubyte.gz")),
        };
        Self {
            brain: "digits".to_owned(),
            train: pair("train"),
            test: pair("test"),
            table: None,
            validation: 0.1,
            split_seed: 0,
            eval_batch: 1000,
        }
    }
}
