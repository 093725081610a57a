//! Dopamine: reward as a prediction error.
//!
//! A task sends rewards ([`Rewards`]) in `Reward`; [`take_rewards`] hands each to
//! [`Dopamine::reward`]. Each reward `r` raises the
//! dopamine level by `r − b`, the reward minus its running baseline, and moves the baseline
//! towards it: `b ← b + α (r − b)`. Between rewards the level decays,
//! `dD/dt = −D / τ_D` (in `Modulate`), and reward-modulated STDP turns it into weight
//! changes ([`crate::plasticity::stdp::modulate_weights`]).
//!
//! Besides the global signal, [`DopamineChannels`] holds named channels with the same
//! dynamics, one for each name a reward-modulated projection listens to
//! (`RewardStdp((dopamine: Some("left"), …))`). A reward delivered to one channel
//! ([`DopamineChannels::reward`]) moves only the projections listening to it.

use std::collections::BTreeMap;

use bevy::prelude::*;
use neurarium_sim::prelude::{LearningRate, SimClock};
use neurarium_sim::protocol::rewards::Rewards;

use crate::decay::flushed;
use crate::plasticity::critic::Critic;
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
    /// One step of decay: `D ← D · exp(−dt/τ_D)`, flushed to 0 below the normal range of
    /// `f32` (a subnormal level moves no weight and slows every synapse it multiplies).
    pub fn decay(&mut self, dt_ms: f64) {
        self.level = flushed(self.level * (-dt_ms / self.tau_ms).exp() as f32);
    }

    /// Delivers a reward: the level rises by the prediction error `r − b`.
    pub fn reward(&mut self, reward: f32) {
        let error = reward - self.baseline;
        self.level += error;
        self.baseline += self.baseline_rate * error;
    }
}

/// `Reward` (`RewardSet::Teach`): the rewards a task sent this step reach the global
/// dopamine, in order ([`Rewards`]): each raises it by its prediction error, the reward minus
/// the baseline, or, when the network has a [`Critic`], the critic's temporal-difference error.
pub fn take_rewards(
    rewards: Res<Rewards>,
    mut dopamine: ResMut<Dopamine>,
    mut critic: ResMut<Critic>,
    learning_rate: Res<LearningRate>,
) {
    for reward in rewards.pending() {
        if critic.region.is_some() {
            dopamine.level += critic.observe(reward, learning_rate.effective() as f32);
        } else {
            dopamine.reward(reward.value);
        }
    }
}

/// `Modulate`: the dopamine level decays.
pub fn decay_dopamine(clock: Res<SimClock>, mut dopamine: ResMut<Dopamine>) {
    dopamine.decay(clock.dt_ms);
}

/// Named dopamine channels, each with the dynamics of [`Dopamine`]. Created when the network
/// is spawned: a channel exists iff some projection names it. Saved in checkpoints.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DopamineChannels {
    /// The channels by name.
    pub channels: BTreeMap<String, Dopamine>,
}

impl DopamineChannels {
    /// One channel with default dynamics for each name.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        Self {
            channels: names
                .into_iter()
                .map(|name| (name.to_owned(), Dopamine::default()))
                .collect(),
        }
    }

    /// Delivers a reward to `channel` (see [`Dopamine::reward`]); returns whether the channel
    /// exists (a reward to a channel no projection listens to is dropped).
    pub fn reward(&mut self, channel: &str, reward: f32) -> bool {
        self.channels
            .get_mut(channel)
            .map(|d| d.reward(reward))
            .is_some()
    }

    /// The level of `channel`, 0 if it does not exist.
    pub fn level(&self, channel: &str) -> f32 {
        self.channels.get(channel).map_or(0.0, |d| d.level)
    }

    /// The channel named `channel`, to read or tune its dynamics.
    pub fn get_mut(&mut self, channel: &str) -> Option<&mut Dopamine> {
        self.channels.get_mut(channel)
    }
}

/// `Modulate`: every channel's level decays.
pub fn decay_dopamine_channels(clock: Res<SimClock>, mut channels: ResMut<DopamineChannels>) {
    for dopamine in channels.channels.values_mut() {
        dopamine.decay(clock.dt_ms);
    }
}
