//! Rewards: how a task teaches a brain of any kind.
//!
//! In `RewardSet::Score` a task sends each reward it wants a brain to learn from
//! ([`Rewards::send`]); in `RewardSet::Teach`, later in the same step, the brain kinds that
//! learn from reward take them (a spiking network turns each into dopamine: the reward minus its
//! running baseline, or a critic's temporal-difference error). The core empties the inbox at the
//! end of every step, so a reward nobody takes is dropped, never carried over.
//!
//! A reward may say how the episode goes on after it ([`Transition`]): a critic that predicts
//! the rewards to come needs to know that nothing follows the goal ([`Rewards::send_last`]).

use bevy::prelude::*;

/// What follows the move a reward is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transition {
    /// The episode goes on from the state the move led to.
    #[default]
    Continues,
    /// The episode ended for good (a goal, a crash): no reward follows, the state after is
    /// worth nothing.
    Terminal,
    /// The episode was cut short (a time limit): rewards would have followed, unseen.
    Cut,
}

/// One reward sent.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Reward {
    /// The reward.
    pub value: f32,
    /// What follows it.
    pub transition: Transition,
}

/// The rewards sent this step, in order.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Rewards {
    pending: Vec<Reward>,
}

impl Rewards {
    /// Sends `reward` to the brains; the episode goes on.
    pub fn send(&mut self, reward: f32) {
        self.send_last(reward, Transition::Continues);
    }

    /// Sends `reward` and what follows it.
    pub fn send_last(&mut self, value: f32, transition: Transition) {
        self.pending.push(Reward { value, transition });
    }

    /// The rewards sent this step, oldest first.
    pub fn pending(&self) -> &[Reward] {
        &self.pending
    }

    /// Drops this step's rewards (the core does it at the end of every step).
    pub fn clear(&mut self) {
        self.pending.clear();
    }
}
