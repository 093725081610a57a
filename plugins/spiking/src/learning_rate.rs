//! A global factor on every plastic weight change, for learning-rate schedules.
//!
//! [`LearningRate::scale`] (dimensionless, 1 by default) multiplies the weight change of
//! every learning rule:
//! - pair STDP applied straight to the weights: `Δw = scale · A± · trace` ([`crate::stdp`]);
//! - reward-modulated STDP: `Δw = scale · η · D · e · dt` at the dopamine step
//!   ([`crate::stdp::modulate_weights`]); eligibility traces themselves are not scaled;
//! - BCM: `Δw = scale · η · x · y · (y − θ) · dt` ([`crate::bcm`]).
//!
//! Traces, thresholds and dopamine run as usual whatever the scale; 0 stops learning like
//! freezing does. Something outside the network sets it: a car task's schedule, at spawn and
//! in `Record` on the last step of each episode (for the next one). Saved in checkpoints
//! (section `learning rate`); loading a scene resets it to 1.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The factor on every plastic weight change. Saved in checkpoints.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LearningRate {
    /// Multiplies every weight change; 1: the rates the scene gives.
    pub scale: f64,
}

impl Default for LearningRate {
    fn default() -> Self {
        Self { scale: 1.0 }
    }
}
