//! Thresholds that move: adaptation (Diehl & Cook 2015) and a relative refractory period.
//!
//! The effective threshold of neuron `i` is
//!
//! ```text
//! ϑ_i = v_threshold + θ_i + r_i
//! τ_θ dθ_i/dt = −θ_i     θ_i ← θ_i + θ₊   at each spike of i   (adaptation)
//! τ_r dr_i/dt = −r_i     r_i ← Δ_r        at each spike of i   (relative refractoriness)
//! ```
//!
//! `θ` accumulates over many spikes and decays slowly (Diehl & Cook use θ₊ = 0.05 mV and
//! τ_θ = 10⁷ ms), so a neuron that fires a lot becomes harder to fire: homeostasis of the
//! rate, and competition between neurons. `r` is set at each spike and decays quickly: once
//! the absolute refractory period `t_ref` is over, the neuron can fire again but needs
//! `Δ_r e^(−t_ref/τ_r)` more depolarisation, less and less as time passes. Both decay
//! exactly (`× e^(−dt/τ)` per step). With θ₊ = 0 and Δ_r = 0 (the defaults) the threshold is
//! fixed and the integrate-and-fire models use the faster fixed-threshold scan.

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::threshold::{SpikeRule, fire_above};

/// Threshold adaptation and relative refractoriness, as written in a scene. Off by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DynamicThresholdParams {
    /// Threshold increase θ₊ per spike, mV; 0 turns adaptation off.
    pub adaptation_mv: f64,
    /// Decay time constant τ_θ of the adaptation, ms.
    pub adaptation_tau_ms: f64,
    /// Threshold elevation Δ_r right after a spike, mV; 0 turns it off.
    pub relative_refractory_mv: f64,
    /// Decay time constant τ_r of the elevation, ms.
    pub relative_refractory_tau_ms: f64,
}

impl Default for DynamicThresholdParams {
    fn default() -> Self {
        Self {
            adaptation_mv: 0.0,
            adaptation_tau_ms: 1e7,
            relative_refractory_mv: 0.0,
            relative_refractory_tau_ms: 10.0,
        }
    }
}

impl DynamicThresholdParams {
    /// Checks every value; the error names the first bad field (`dynamic_threshold.…`).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        self.check().map_err(|e| e.within("dynamic_threshold"))
    }

    fn check(&self) -> Result<(), InvalidParam> {
        InvalidParam::non_negative("adaptation_mv", self.adaptation_mv)?;
        InvalidParam::positive("adaptation_tau_ms", self.adaptation_tau_ms)?;
        InvalidParam::non_negative("relative_refractory_mv", self.relative_refractory_mv)?;
        InvalidParam::positive(
            "relative_refractory_tau_ms",
            self.relative_refractory_tau_ms,
        )
    }
}

/// The moving part of each neuron's threshold. Columns are empty when their term is off.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DynamicThreshold {
    /// θ₊, mV.
    pub adaptation_step: f32,
    /// Δ_r, mV.
    pub relative_step: f32,
    /// e^(−dt/τ_θ).
    pub adaptation_decay: f32,
    /// e^(−dt/τ_r).
    pub relative_decay: f32,
    /// Adaptation θ per neuron, mV.
    pub adaptation: Vec<f32>,
    /// Relative refractory elevation r per neuron, mV.
    pub relative: Vec<f32>,
}

impl DynamicThreshold {
    /// The state of `size` neurons at rest, for step `dt_ms`.
    pub fn new(params: &DynamicThresholdParams, size: u32, dt_ms: f64) -> Self {
        let column = |on: bool| {
            if on {
                vec![0.0; size as usize]
            } else {
                Vec::new()
            }
        };
        Self {
            adaptation_step: params.adaptation_mv as f32,
            relative_step: params.relative_refractory_mv as f32,
            adaptation_decay: (-dt_ms / params.adaptation_tau_ms).exp() as f32,
            relative_decay: (-dt_ms / params.relative_refractory_tau_ms).exp() as f32,
            adaptation: column(params.adaptation_mv > 0.0),
            relative: column(params.relative_refractory_mv > 0.0),
        }
    }

    /// Whether the threshold is fixed.
    pub fn is_fixed(&self) -> bool {
        self.adaptation.is_empty() && self.relative.is_empty()
    }

    /// One step of decay of both terms.
    pub fn decay(&mut self) {
        let (a, r) = (self.adaptation_decay, self.relative_decay);
        self.adaptation.iter_mut().for_each(|x| *x *= a);
        self.relative.iter_mut().for_each(|x| *x *= r);
    }

    /// The offset above the base threshold of neuron `i`, mV.
    pub fn offset(&self, i: usize) -> f32 {
        self.adaptation.get(i).copied().unwrap_or(0.0)
            + self.relative.get(i).copied().unwrap_or(0.0)
    }

    /// Fires every neuron at or above its threshold `base + offset` (`base` the rule's
    /// threshold): reset, refractory, index
    /// into `fired`, and the threshold terms step up.
    pub fn fire(
        &mut self,
        v: &mut [f32],
        refractory_left: &mut [u32],
        rule: SpikeRule,
        fired: &mut Vec<u32>,
    ) {
        let SpikeRule {
            threshold_mv: base,
            reset_mv: reset,
            refractory_steps,
        } = rule;
        if self.is_fixed() {
            return fire_above(v, refractory_left, base, reset, refractory_steps, fired);
        }
        fired.clear();
        for i in 0..v.len() {
            if v[i] >= base + self.offset(i) {
                fired.push(i as u32);
                v[i] = reset;
                refractory_left[i] = refractory_steps;
                if let Some(theta) = self.adaptation.get_mut(i) {
                    *theta += self.adaptation_step;
                }
                if let Some(r) = self.relative.get_mut(i) {
                    *r = self.relative_step;
                }
            }
        }
    }
}
