//! The regression task's scene section.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

/// Regression, as a scene gives it: `task: Some(Regress((brain: "circuit", …)))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegressSpec {
    /// The brain's examples port.
    pub brain: String,
    /// The table: numbers only, gzip and a header line optional; relative to the working
    /// directory.
    pub file: PathBuf,
    /// The columns read as features (0-based), in the port's order; `None`: every column that
    /// is not a target.
    pub features: Option<Vec<usize>>,
    /// The columns predicted (0-based), one per answer of the port.
    pub targets: Vec<usize>,
    /// Fraction of the rows held out as the test set, in `(0, 1)`.
    pub test_fraction: f64,
    /// Seed of the split; `None`: the run's seed.
    pub split_seed: Option<u64>,
    /// Examples per step while scoring the test rows (no learning; larger is faster).
    pub eval_batch: usize,
}

impl Default for RegressSpec {
    /// Iris's petal width from its sepal length, sepal width and petal length.
    fn default() -> Self {
        Self {
            brain: "examples".to_owned(),
            file: PathBuf::from("assets/data/iris.csv"),
            features: Some(vec![0, 1, 2]),
            targets: vec![3],
            test_fraction: 0.2,
            split_seed: None,
            eval_batch: 100,
        }
    }
}

impl RegressSpec {
    /// The feature columns of a table of `columns` columns.
    pub fn feature_columns(&self, columns: usize) -> Vec<usize> {
        self.features
            .clone()
            .unwrap_or_else(|| (0..columns).filter(|c| !self.targets.contains(c)).collect())
    }
}
