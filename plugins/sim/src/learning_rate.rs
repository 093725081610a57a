//! A global factor on every learning change, for learning-rate schedules.
//!
//! [`LearningRate::scale`] (dimensionless, 1 by default) multiplies every weight change a
//! network kind makes while it learns (for spiking networks: pair STDP applied straight to the
//! weights, reward-modulated STDP at the dopamine step, BCM; eligibility traces themselves are
//! not scaled). Traces and neuromodulators run as usual whatever the scale; 0 stops learning
//! like freezing does. A task's learning-rate schedule sets it (at spawn, and at the end of
//! every episode for the next one); loading a scene resets it to 1. Saved in checkpoints
//! (section `learning rate`).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The factor on every learning change. Saved in checkpoints.
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
