//! Rewards: how a task teaches a brain of any kind.
//!
//! In `RewardSet::Score` a task sends each reward it wants a brain to learn from
//! ([`Rewards::send`]); in `RewardSet::Teach`, later in the same step, the brain kinds that
//! learn from reward take them (a spiking network turns each into dopamine, the reward minus its
//! running baseline). The core empties the inbox at the end of every step, so a reward nobody
//! takes is dropped, never carried over.

use bevy::prelude::*;

/// The rewards sent this step, in order.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Rewards {
    pending: Vec<f32>,
}

impl Rewards {
    /// Sends `reward` to the brains.
    pub fn send(&mut self, reward: f32) {
        self.pending.push(reward);
    }

    /// The rewards sent this step, oldest first.
    pub fn pending(&self) -> &[f32] {
        &self.pending
    }

    /// Drops this step's rewards (the core does it at the end of every step).
    pub fn clear(&mut self) {
        self.pending.clear();
    }
}
