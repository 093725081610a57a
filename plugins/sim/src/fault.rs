//! Runaway values stop the run.
//!
//! A system that finds a non-finite or runaway value in its state reports a [`Fault`] in the
//! [`SimFault`] resource. The clock's driver then runs no further step; headless runs exit
//! with the fault's message and the window shows it. Nothing non-finite is propagated.

use bevy::prelude::*;
use thiserror::Error;

/// A runaway value: where, when and what.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("runaway value in region '{region}' at step {step}: {what}")]
pub struct Fault {
    /// The region (or circuit, or agent) whose state went wrong.
    pub region: String,
    /// The step during which it happened.
    pub step: u64,
    /// What was found, e.g. "neuron 12 membrane potential is NaN".
    pub what: String,
}

/// The first fault of the run, if any.
#[derive(Resource, Debug, Default, Clone)]
pub struct SimFault(pub Option<Fault>);

impl SimFault {
    /// Whether a fault stopped the run.
    pub fn is_some(&self) -> bool {
        self.0.is_some()
    }

    /// Records a fault; the first one is kept.
    pub fn report(&mut self, fault: Fault) {
        if self.0.is_none() {
            self.0 = Some(fault);
        }
    }
}
