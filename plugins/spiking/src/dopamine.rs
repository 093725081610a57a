//! Dopamine: reward as a prediction error.
//!
//! A task reports rewards with [`Dopamine::reward`] (in `Reward`). Each reward `r` raises the
//! dopamine level by `r − b`, the reward minus its running baseline, and moves the baseline
//! towards it: `b ← b + α (r − b)`. Between rewards the level decays,
//! `dD/dt = −D / τ_D` (in `Modulate`), and reward-modulated STDP turns it into weight
//! changes ([`crate::stdp::modulate_weights`]).

use bevy::prelude::*;
use neurarium_sim::prelude::SimClock;
use serde::{Deserialize, Serialize};

/// The global dopamine signal. Saved in checkpoints.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dopamine {
    /// Current level D (reward prediction error, decaying).
    pub level: f32,
    /// Running baseline b of the rewards.
    pub baseline: f32,
    /// Baseline learning rate α (0 to 1).
    pub baseline_rate: f32,
    /// Decay time constant τ_D of the level, ms.
    pub tau_ms: f64,
}

impl Default for Dopamine {
    fn default() -> Self {
        Self {
            level: 0.0,
            baseline: 0.0,
            baseline_rate: 0.05,
            tau_ms: 20.0,
        }
    }
}

impl Dopamine {
    /// Delivers a reward: the level rises by the prediction error `r − b`.
    pub fn reward(&mut self, reward: f32) {
        let error = reward - self.baseline;
        self.level += error;
        self.baseline += self.baseline_rate * error;
    }
}

/// `Modulate`: the dopamine level decays.
pub fn decay_dopamine(clock: Res<SimClock>, mut dopamine: ResMut<Dopamine>) {
    dopamine.level *= (-clock.dt_ms / dopamine.tau_ms).exp() as f32;
}
