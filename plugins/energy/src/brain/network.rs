//! The component of a spawned energy network.

use bevy::prelude::*;

use crate::train::{BatchOutcome, Relaxed, Trainer};

/// A spawned energy network: its trainer, the batch between its free phase and its update,
/// and what the window shows. Its examples port is on the same entity.
#[derive(Component, Debug)]
pub struct EnergyBrain {
    /// Its name in messages and faults (`networks[0].Energy`'s port name).
    pub name: String,
    /// Parameters, optimiser and random stream.
    pub trainer: Trainer,
    /// Whether it learns (false once frozen: `--learning-off`, `--eval`, a control).
    pub learning: bool,
    /// This step's batch at its free equilibrium, from `relax` to `learn` and `answer`.
    pub relaxed: Option<Relaxed>,
    /// The last batch relaxed, kept for the window (its first example is drawn).
    pub last: Option<Relaxed>,
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
            last: None,
            since_row: BatchOutcome::default(),
            samples_since_row: 0,
        }
    }
}
