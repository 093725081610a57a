//! Homeostatic synaptic scaling: incoming weights scale to hold a target firing rate.
//!
//! A projection with [`SynapticScaling`] keeps a rate estimate `r_j` (Hz) of every target
//! neuron, an exponential trace of its spikes:
//!
//! ```text
//! τ_r dr_j/dt = −r_j     (r_j ← r_j + 1000 / τ_r at each spike of j; τ_r in ms)
//! ```
//!
//! so that `r_j` averages to the neuron's firing rate in Hz. Every `every_ms` (rounded to
//! whole steps, at least one; `T` below is that interval in seconds) each incoming weight of
//! the projection is multiplied by
//!
//! ```text
//! w_ij ← w_ij · max(0, 1 + η · (r* − r_j) / r* · T)
//! ```
//!
//! with `r*` the target rate (Hz) and `η` the scaling rate (per second) times the global
//! learning-rate factor ([`LearningRate::effective`]): a learning-rate schedule anneals the
//! scaling with the plasticity, and with learning off (`--eval`, `--learning-off`, the
//! untrained control) or the projection's plasticity frozen no weight is scaled, though the
//! estimates go on. A neuron firing above
//! its target has its inputs scaled down, one below it up; all inputs of a neuron by the same
//! factor, so their ratios (what plasticity has learnt) are kept. The factor is clipped at 0,
//! so a weight never changes sign (inhibitory weights stay inhibitory). Weight bounds of a
//! plasticity rule are not applied here; the rule applies them at its next change.
//!
//! The trace advances in `Grow` every step; each projection keeps its own estimate.

use bevy::prelude::*;
use neurarium_sim::prelude::{LearningRate, SimClock, SimSet, schedule_once};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::network::region::Spikes;
use crate::plasticity::state::Plastic;
use crate::synapses::projection::{ProjectionLink, Synapses};

/// Synaptic scaling parameters, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SynapticScaling {
    /// Target firing rate r* of each target neuron, Hz (above 0).
    pub target_rate_hz: f64,
    /// Time constant τ_r of the rate estimate, ms (above 0).
    pub tau_rate_ms: f64,
    /// Scaling rate η, per second (0 or more): the relative weight change per second per unit
    /// of relative rate error.
    pub rate: f64,
    /// Interval between scalings, ms (above 0; rounded to whole steps, at least one).
    pub every_ms: f64,
}

impl Default for SynapticScaling {
    fn default() -> Self {
        Self {
            target_rate_hz: 5.0,
            tau_rate_ms: 1000.0,
            rate: 0.1,
            every_ms: 100.0,
        }
    }
}

impl SynapticScaling {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("target_rate_hz", self.target_rate_hz)?;
        InvalidParam::positive("tau_rate_ms", self.tau_rate_ms)?;
        InvalidParam::non_negative("rate", self.rate)?;
        InvalidParam::positive("every_ms", self.every_ms)
    }

    /// The interval between scalings in whole steps of `dt_ms`, at least 1.
    pub fn every_steps(&self, dt_ms: f64) -> u64 {
        crate::network::spec::whole_steps(self.every_ms, dt_ms)
    }
}

/// Synaptic scaling state of a projection: the target neurons' rate estimates. Saved in
/// checkpoints.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScalingState {
    /// The parameters.
    pub params: SynapticScaling,
    /// Rate estimate r_j of each target neuron, Hz.
    pub rate_hz: Vec<f64>,
    /// Steps since the last scaling.
    pub steps_since_scaling: u64,
}

impl ScalingState {
    /// Fresh state for `n_target` neurons; the estimates start at the target rate, so nothing
    /// is scaled before the estimate has seen the neurons fire.
    pub fn new(params: SynapticScaling, n_target: u32) -> Self {
        Self {
            rate_hz: vec![params.target_rate_hz; n_target as usize],
            params,
            steps_since_scaling: 0,
        }
    }

    /// One step: decays the estimates, counts this step's spikes of the targets, and scales
    /// the weights when an interval is complete, at `learning_rate` times the scaling rate.
    pub fn step(
        &mut self,
        synapses: &mut Synapses,
        post_fired: &[u32],
        dt_ms: f64,
        learning_rate: f64,
    ) {
        let p = &self.params;
        let decay = (-dt_ms / p.tau_rate_ms).exp();
        let jump = 1000.0 / p.tau_rate_ms;
        self.rate_hz.iter_mut().for_each(|r| *r *= decay);
        for &j in post_fired {
            self.rate_hz[j as usize] += jump;
        }
        self.steps_since_scaling += 1;
        let every = p.every_steps(dt_ms);
        if self.steps_since_scaling < every {
            return;
        }
        self.steps_since_scaling = 0;
        let interval_s = every as f64 * dt_ms / 1000.0;
        let (target, rate) = (p.target_rate_hz, p.rate * learning_rate);
        if rate == 0.0 {
            return;
        }
        let factors: Vec<f32> = self
            .rate_hz
            .iter()
            .map(|&r| (1.0 + rate * (target - r) / target * interval_s).max(0.0) as f32)
            .collect();
        for (w, &post) in synapses.weights.iter_mut().zip(&synapses.targets) {
            *w *= factors[post as usize];
        }
    }
}

/// `Grow`: rate estimates and synaptic scaling on every projection with [`ScalingState`]; a
/// projection whose plasticity is frozen keeps its weights too.
pub fn scale_synapses(
    clock: Res<SimClock>,
    learning_rate: Res<LearningRate>,
    mut projections: Query<(
        &ProjectionLink,
        &mut Synapses,
        &mut ScalingState,
        Option<&Plastic>,
    )>,
    spikes: Query<&Spikes>,
) {
    for (link, mut synapses, mut state, plastic) in &mut projections {
        let post: &[u32] = spikes.get(link.target).map_or(&[], |s| &s.fired);
        let frozen = plastic.is_some_and(|p| p.frozen);
        let rate = if frozen {
            0.0
        } else {
            learning_rate.effective()
        };
        state.step(&mut synapses, post, clock.dt_ms, rate);
    }
}

/// Schedules synaptic scaling in `Grow` (once per scene).
pub fn schedule_homeostasis(world: &mut World) {
    schedule_once(world, "homeostasis", scale_synapses.in_set(SimSet::Grow));
}
