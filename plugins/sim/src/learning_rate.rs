//! A global factor on every learning change, for learning-rate schedules.
//!
//! [`LearningRate::scale`] (dimensionless, 1 by default) multiplies every weight change a
//! network kind makes while it learns (for spiking networks: pair STDP applied straight to the
//! weights, reward-modulated STDP at the dopamine step, BCM, synaptic scaling; eligibility traces
//! themselves are not scaled). Traces and neuromodulators run as usual whatever the scale; 0 stops learning
//! like freezing does. A task's learning-rate schedule sets it (at spawn, and at the end of
//! every episode for the next one); loading a scene resets it to 1. Saved in checkpoints
//! (section `learning rate`). When every network is frozen (`--learning-off`, `--eval`, a
//! control) [`LearningRate::learning_off`] is set and [`LearningRate::effective`] is 0: what a
//! metrics column of the learning rate shows.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The factor on every learning change. Saved in checkpoints.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LearningRate {
    /// Multiplies every weight change; 1: the rates the scene gives.
    pub scale: f64,
    /// Every network is frozen: no weight changes whatever the scale. Set after a checkpoint
    /// is restored, so not saved.
    #[serde(skip)]
    pub learning_off: bool,
}

impl LearningRate {
    /// The factor weight changes actually get: [`Self::scale`], or 0 with learning off.
    pub fn effective(&self) -> f64 {
        if self.learning_off { 0.0 } else { self.scale }
    }
}

impl Default for LearningRate {
    fn default() -> Self {
        Self {
            scale: 1.0,
            learning_off: false,
        }
    }
}
