//! An energy network's scene section.

use serde::{Deserialize, Serialize};

use crate::train::TrainingSpec;

/// An energy network as a scene gives it:
/// `Energy((port: "digits", layers: [784, 500, 10], training: (…)))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EnergyNetSpec {
    /// Name of its examples port (unique among the scene's examples ports).
    pub port: String,
    /// Units per layer, input first, output last: 1 to 3 hidden layers between.
    pub layers: Vec<usize>,
    /// How it learns: EqProp's phases or backprop, batch, rates, optimiser, regularisers,
    /// schedule, surprise gate.
    pub training: TrainingSpec,
}

impl Default for EnergyNetSpec {
    /// Scellier & Bengio's 784-500-10 with their settings.
    fn default() -> Self {
        Self {
            port: "examples".to_owned(),
            layers: vec![784, 500, 10],
            training: TrainingSpec::default(),
        }
    }
}
