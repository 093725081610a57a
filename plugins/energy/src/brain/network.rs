//! The component of a spawned energy network.

use bevy::prelude::*;
use faer::Mat;

use crate::train::{BatchOutcome, Relaxed, Trainer};

/// A spawned energy network: its trainer, and this step's batch between its free phase, its
/// update and its answer. Its examples port is on the same entity.
#[derive(Component, Debug)]
pub struct EnergyBrain {
    /// Its name in messages and faults (`networks[0].Energy`'s port name).
    pub name: String,
    /// Parameters, optimiser and random stream.
    pub trainer: Trainer,
    /// Whether it learns (false once frozen: `--learning-off`, `--eval`, a control).
    pub learning: bool,
    /// This step's training batch at its free equilibrium, from `relax` to `learn` (only when
    /// the network learns from it).
    pub relaxed: Option<Relaxed>,
    /// This step's answer, the free equilibrium's outputs (`outputs × batch`), from `relax` to
    /// `answer`.
    pub answer: Option<Mat<f32>>,
    /// Sums over the training batches since the last metrics row.
    pub since_row: BatchOutcome,
    /// Training samples since the last metrics row.
    pub samples_since_row: usize,
}

impl EnergyBrain {
    /// A learning network around `trainer`.
    pub fn new(name: &str, trainer: Trainer) -> Self {
        Self {
            name: name.to_owned(),
            trainer,
            learning: true,
            relaxed: None,
            answer: None,
            since_row: BatchOutcome::default(),
            samples_since_row: 0,
        }
    }
}
