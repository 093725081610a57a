//! The outcome of every episode of the run, for the window's learning panel.
//!
//! At the end of each episode an episodic task appends its return (sum of the rewards),
//! whether it succeeded, its curriculum phase and the learning-rate scale it learned with to
//! [`EpisodeHistory`]. It belongs to the loaded scene and is saved in the `episode history`
//! checkpoint section, so a resumed run's plots go on.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// How one episode ended.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpisodeOutcome {
    /// Sum of the rewards.
    pub episode_return: f64,
    /// Whether the episode succeeded (the car: finished without a crash).
    pub succeeded: bool,
    /// Curriculum phase the episode was in, from 0.
    pub phase: usize,
    /// Learning-rate scale during the episode.
    pub learning_rate_scale: f64,
}

/// Every episode's outcome, oldest first.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EpisodeHistory {
    /// The outcomes.
    pub episodes: Vec<EpisodeOutcome>,
}

impl EpisodeHistory {
    /// Mean of `value` over the last `window` episodes up to and including episode `i`.
    pub fn moving_mean(
        &self,
        i: usize,
        window: usize,
        value: impl Fn(&EpisodeOutcome) -> f64,
    ) -> f64 {
        let start = (i + 1).saturating_sub(window.max(1));
        let slice = &self.episodes[start..=i];
        slice.iter().map(value).sum::<f64>() / slice.len() as f64
    }
}
