//! BCM (Bienenstock–Cooper–Munro) plasticity with a sliding threshold (metaplasticity).
//!
//! A BCM projection keeps a presynaptic rate trace `x_i` per source neuron and a
//! postsynaptic rate trace `y_j` per target neuron, both in Hz, in the traces of its
//! [`Plastic`] state:
//!
//! ```text
//! τ_r dx_i/dt = −x_i     (x_i ← x_i + 1000 / τ_r at each spike of i; τ_r in ms)
//! τ_r dy_j/dt = −y_j     (likewise for j)
//! ```
//!
//! so each averages to its neuron's firing rate. Every target neuron has a modification
//! threshold `θ_j` (Hz) that slides with the square of its recent activity,
//!
//! ```text
//! τ_θ dθ_j/dt = y_j² / r* − θ_j
//! ```
//!
//! (`r*` the target rate in Hz; `θ_j` starts at `r*`, and stays there while `y_j = r*`), and
//! each weight follows
//!
//! ```text
//! dw_ij/dt = η · x_i · y_j · (y_j − θ_j)
//! ```
//!
//! with `η` in weight units per ms per Hz³, clipped to `[w_min, w_max]`. A target firing above
//! its threshold potentiates its active inputs, one firing below depresses them; sustained
//! high activity raises the threshold, which stabilises the rule.
//!
//! Per step (in `Learn`): the traces decay and count this step's spikes, `θ` relaxes exactly
//! towards `y²/r*` over the step, then every synapse of a source with `x_i > 0` moves by
//! `η · dt · x_i · y_j · (y_j − θ_j)`. A frozen projection updates traces and thresholds but
//! not its weights.

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::plasticity::RuleParams;
use crate::plasticity::state::Plastic;
use crate::synapses::projection::Synapses;

/// BCM parameters, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BcmParams {
    /// Learning rate η, weight units per ms per Hz³.
    pub learning_rate: f64,
    /// Time constant τ_r of the pre- and postsynaptic rate traces, ms (above 0).
    pub tau_rate_ms: f64,
    /// Time constant τ_θ of the sliding threshold, ms (above 0); usually longer than τ_r.
    pub tau_threshold_ms: f64,
    /// Target rate r*, Hz (above 0): the threshold's scale, and its initial value.
    pub target_rate_hz: f64,
    /// Lower weight bound.
    pub w_min: f64,
    /// Upper weight bound.
    pub w_max: f64,
}

impl Default for BcmParams {
    fn default() -> Self {
        Self {
            learning_rate: 1.0e-6,
            tau_rate_ms: 100.0,
            tau_threshold_ms: 1000.0,
            target_rate_hz: 5.0,
            w_min: 0.0,
            w_max: 10.0,
        }
    }
}

impl BcmParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::finite("learning_rate", self.learning_rate)?;
        InvalidParam::positive("tau_rate_ms", self.tau_rate_ms)?;
        InvalidParam::positive("tau_threshold_ms", self.tau_threshold_ms)?;
        InvalidParam::positive("target_rate_hz", self.target_rate_hz)?;
        crate::error::weight_bounds(self.w_min, self.w_max)
    }
}

/// Applies the BCM rule for one step of `dt_ms` (see the module docs), weight changes times
/// `rate_scale` ([`neurarium_sim::learning_rate`]).
pub fn bcm_step(
    params: &BcmParams,
    plastic: &mut Plastic,
    synapses: &mut Synapses,
    (pre_fired, post_fired): (&[u32], &[u32]),
    dt_ms: f64,
    rate_scale: f64,
) {
    let decay = (-dt_ms / params.tau_rate_ms).exp() as f32;
    let jump = (1000.0 / params.tau_rate_ms) as f32;
    let relax = (-dt_ms / params.tau_threshold_ms).exp() as f32;
    let target = params.target_rate_hz as f32;
    let Plastic {
        pre_trace,
        post_trace,
        threshold,
        frozen,
        ..
    } = plastic;
    pre_trace.iter_mut().for_each(|x| *x *= decay);
    post_trace.iter_mut().for_each(|y| *y *= decay);
    pre_fired
        .iter()
        .for_each(|&i| pre_trace[i as usize] += jump);
    post_fired
        .iter()
        .for_each(|&j| post_trace[j as usize] += jump);
    for (theta, &y) in threshold.iter_mut().zip(post_trace.iter()) {
        let goal = y * y / target;
        *theta = goal + (*theta - goal) * relax;
    }
    if *frozen {
        return;
    }
    let rate = (params.learning_rate * rate_scale * dt_ms) as f32;
    let (w_min, w_max) = (params.w_min as f32, params.w_max as f32);
    for (i, &x) in pre_trace.iter().enumerate() {
        if x <= 0.0 {
            continue;
        }
        let (start, end) = (
            synapses.row_offsets[i] as usize,
            synapses.row_offsets[i + 1] as usize,
        );
        for s in start..end {
            let j = synapses.targets[s] as usize;
            let y = post_trace[j];
            let change = rate * x * y * (y - threshold[j]);
            synapses.weights[s] = (synapses.weights[s] + change).clamp(w_min, w_max);
        }
    }
}

impl RuleParams for BcmParams {
    fn validate(&self) -> Result<(), InvalidParam> {
        BcmParams::validate(self)
    }

    fn weight_floor(&self) -> f64 {
        self.w_min
    }

    fn init(&self, plastic: &mut Plastic, target_size: u32, _synapses: usize) {
        plastic.threshold = vec![self.target_rate_hz as f32; target_size as usize];
    }

    fn learn(&self, plastic: &mut Plastic, step: crate::plasticity::LearnStep<'_>) {
        bcm_step(
            self,
            plastic,
            step.synapses,
            step.fired,
            step.dt_ms,
            step.rate_scale,
        );
    }
}
