//! A resistor network's scene section.

use serde::{Deserialize, Serialize};

use crate::board::link::BoardSettings;
use crate::classify::ClassifierShape;
use crate::coupled::Learning;

/// Edges cut at the start of an epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cut {
    /// The epoch (0: before training; `learn_epochs`: right after it).
    pub epoch: u64,
    /// Share of all the network's edges cut from then on, cuts before included, `0..=1`.
    pub fraction: f64,
    /// Epochs the damaged network learns for after the cut's epoch (0: none; the cut's epoch
    /// itself only answers).
    #[serde(default)]
    pub relearn_epochs: u64,
}

/// Where the network's physics runs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Backend {
    /// Kirchhoff solves in the app.
    #[default]
    Simulated,
    /// A board on a serial port (`docs/board.md`): it settles both twins and steps its
    /// potentiometers; the app sets inputs and clamps, reads outputs and keeps the steps.
    Board(BoardSettings),
}

/// A resistor network that learns by coupled learning, as a scene gives it:
/// `Circuit((port: "iris", features: 4, answers: 3, shape: (…), learning: (…)))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CircuitNetSpec {
    /// Name of its examples port (unique among the scene's examples ports).
    pub port: String,
    /// Values per example in (standardised features); two input nodes each, plus two bias
    /// inputs.
    pub features: usize,
    /// Output nodes: one per class, or per regression output.
    pub answers: usize,
    /// Hidden nodes, edges, and the output targets.
    pub shape: ClassifierShape,
    /// The rule (discrete potentiometers or continuous), nudge and update probability.
    pub learning: Learning,
    /// Input volts per unit of a feature (per sd: the classification task standardises).
    pub volts_per_sd: f64,
    /// Examples a training batch holds (each is still one learning step of its own).
    pub batch: usize,
    /// Epochs it learns for; then learning stops (`None`: for the whole run).
    pub learn_epochs: Option<u64>,
    /// Each edge's chance of taking part in a tick falls from `update_probability` toward 0
    /// over each learning phase (`learn_epochs`, and each relearning after damage) on a half
    /// cosine ([`crate::schedule`]).
    pub anneal: bool,
    /// Damage: edges cut at the start of chosen epochs.
    pub damage: Vec<Cut>,
    /// Simulated, or a real board.
    pub backend: Backend,
}

impl Default for CircuitNetSpec {
    /// The Iris network: 4 features, 3 classes, the benchmark's shape and rule.
    fn default() -> Self {
        Self {
            port: "examples".to_owned(),
            features: 4,
            answers: 3,
            shape: ClassifierShape::default(),
            learning: Learning::default(),
            volts_per_sd: 1.0,
            batch: 10,
            learn_epochs: None,
            anneal: false,
            damage: Vec::new(),
            backend: Backend::Simulated,
        }
    }
}
