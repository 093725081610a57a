//! Short-term plasticity: Tsodyks–Markram depression and facilitation, per projection.
//!
//! Every presynaptic neuron `i` of a projection carries a release probability `u_i` and a
//! fraction of available resources `x_i` (both dimensionless, 0 to 1), shared by all of its
//! synapses in that projection. Between spikes they relax exponentially,
//!
//! ```text
//! τ_f du/dt = U − u        (facilitation decays back to the baseline U)
//! τ_d dx/dt = 1 − x        (resources recover)
//! ```
//!
//! and the state is advanced event-driven, exactly, over the time `Δt` since neuron `i` last
//! fired: `u ← U + (u − U) e^(−Δt/τ_f)`, `x ← 1 − (1 − x) e^(−Δt/τ_d)` (a time constant of 0
//! means instant relaxation). Then, at the spike, in this order:
//!
//! ```text
//! efficacy = u · x          (the fraction of resources released now)
//! x ← x − u · x             (depression: released resources are gone)
//! u ← u + U (1 − u)         (facilitation: the release probability rises)
//! ```
//!
//! The efficacy is taken *before* the facilitation jump, so a neuron that was silent for long
//! (`u = U`, `x = 1`) releases exactly `U`. The transmitted weight is normalised by that:
//! **a spike delivers `w · efficacy / U`**, so `w` keeps its meaning as the PSP of a rested
//! synapse and short-term plasticity only changes the size of the later spikes of a train.
//!
//! For a regular train with interval `T`, pure depression (`τ_f = 0`) gives
//! `x_{n+1} = 1 − (1 − (1 − U) x_n) e^(−T/τ_d)`, PSP `w · x_n`, with `x_1 = 1`; pure
//! facilitation (`τ_d = 0`) gives `u_{n+1} = U + (1 − U) u_n e^(−T/τ_f)`, PSP `w · u_n / U`.
//!
//! The state is updated where the spikes are queued ([`crate::synapses::projection::propagate_spikes`]),
//! at emission time; axonal delays are not added. It is saved in checkpoints.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Tsodyks–Markram parameters, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StpParams {
    /// Baseline release probability U, above 0 and at most 1.
    pub u: f64,
    /// Facilitation time constant τ_f, ms (0: no facilitation, `u` is back at `U` by the next
    /// spike).
    pub tau_facilitation_ms: f64,
    /// Depression (resource recovery) time constant τ_d, ms (0: resources recover at once).
    pub tau_depression_ms: f64,
}

impl Default for StpParams {
    /// A depressing synapse (Tsodyks & Markram 1997): U = 0.5, τ_f = 0, τ_d = 800 ms.
    fn default() -> Self {
        Self {
            u: 0.5,
            tau_facilitation_ms: 0.0,
            tau_depression_ms: 800.0,
        }
    }
}

impl StpParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(self.u > 0.0 && self.u <= 1.0, "u", || {
            format!("must be above 0 and at most 1, got {}", self.u)
        })?;
        InvalidParam::non_negative("tau_facilitation_ms", self.tau_facilitation_ms)?;
        InvalidParam::non_negative("tau_depression_ms", self.tau_depression_ms)
    }
}

/// Short-term plasticity of a projection, as written in a scene.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum ShortTermPlasticity {
    /// Every spike transmits the full weight.
    #[default]
    None,
    /// Tsodyks–Markram depression and facilitation.
    TsodyksMarkram(StpParams),
}

impl ShortTermPlasticity {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        match self {
            ShortTermPlasticity::None => Ok(()),
            ShortTermPlasticity::TsodyksMarkram(p) => {
                p.validate().map_err(|e| e.within("TsodyksMarkram"))
            }
        }
    }
}

/// Marks a neuron that has not fired yet.
const NEVER: u64 = u64::MAX;

/// Short-term plasticity state of a projection, one entry per presynaptic neuron. Saved in
/// checkpoints.
#[derive(Component, Debug, Clone, Serialize, Deserialize)]
pub struct ShortTermState {
    /// The parameters.
    pub params: StpParams,
    /// Release probability u of each source neuron right after its last spike.
    pub u: Vec<f64>,
    /// Available resources x of each source neuron right after its last spike.
    pub x: Vec<f64>,
    /// Step of each source neuron's last spike (`u64::MAX`: never fired).
    pub last_spike: Vec<u64>,
    /// Scale factors `efficacy / U` of the spikes being transmitted (scratch, not state).
    #[serde(skip)]
    scales: Vec<f32>,
}

impl PartialEq for ShortTermState {
    /// Equal state; the scratch buffer is ignored.
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.u == other.u
            && self.x == other.x
            && self.last_spike == other.last_spike
    }
}

/// `e^(−Δt/τ)`, with `τ = 0` meaning instant relaxation.
fn relaxation(elapsed_ms: f64, tau_ms: f64) -> f64 {
    if tau_ms > 0.0 {
        (-elapsed_ms / tau_ms).exp()
    } else {
        0.0
    }
}

impl ShortTermState {
    /// Rested state (`u = U`, `x = 1`) for `n_source` presynaptic neurons.
    pub fn new(params: StpParams, n_source: u32) -> Self {
        let n = n_source as usize;
        Self {
            u: vec![params.u; n],
            x: vec![1.0; n],
            last_spike: vec![NEVER; n],
            params,
            scales: Vec::new(),
        }
    }

    /// Registers a spike of source neuron `i` at `step` and returns its efficacy `u · x`.
    pub fn spike(&mut self, i: usize, step: u64, dt_ms: f64) -> f64 {
        let big_u = self.params.u;
        let (mut u, mut x) = (self.u[i], self.x[i]);
        let last = self.last_spike[i];
        if last != NEVER {
            let elapsed = step.saturating_sub(last) as f64 * dt_ms;
            u = big_u + (u - big_u) * relaxation(elapsed, self.params.tau_facilitation_ms);
            x = 1.0 - (1.0 - x) * relaxation(elapsed, self.params.tau_depression_ms);
        }
        let efficacy = u * x;
        self.x[i] = x - efficacy;
        self.u[i] = u + big_u * (1.0 - u);
        self.last_spike[i] = step;
        efficacy
    }

    /// Registers the spikes of `fired` at `step`; returns the weight scale `efficacy / U` of
    /// each, in the same order.
    pub fn scales(&mut self, fired: &[u32], step: u64, dt_ms: f64) -> &[f32] {
        let mut scales = std::mem::take(&mut self.scales);
        scales.clear();
        let inverse_u = 1.0 / self.params.u;
        for &i in fired {
            scales.push((self.spike(i as usize, step, dt_ms) * inverse_u) as f32);
        }
        self.scales = scales;
        &self.scales
    }
}
