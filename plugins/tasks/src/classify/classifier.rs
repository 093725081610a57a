//! The component of a spawned classification task.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::epoch::{EpochPlan, EpochScores, Split};

/// A classification task in the world: where its epoch stands and how the finished ones went.
/// Saved in the checkpoint section `classify`.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classifier {
    /// The current epoch.
    pub plan: EpochPlan,
    /// Every finished epoch's accuracies, in order.
    pub history: Vec<EpochScores>,
    /// The test confusion counts of the last finished epoch (`classes × classes`, true class
    /// by row); empty before one.
    pub last_confusion: Vec<u32>,
    /// Examples per training batch (the brain's mini-batch).
    pub train_batch: usize,
    /// Examples per scoring batch.
    pub eval_batch: usize,
    /// The splits an epoch goes through: all three, or the test set alone (`--eval`).
    pub splits: Vec<Split>,
}

/// The brain's examples port, found at spawn.
#[derive(Component, Debug, Clone, Copy)]
pub struct BrainPort(pub Entity);
