//! Leaky integrate-and-fire neurons with delta synapses.
//!
//! Between spikes the membrane potential `v` (mV) follows
//!
//! ```text
//! τ_m dv/dt = (v_rest − v) + R · I_bias
//! ```
//!
//! which is integrated exactly over a step `dt` with constant input:
//!
//! ```text
//! v(t + dt) = v_∞ + (v(t) − v_∞) · e^(−dt/τ_m),   v_∞ = v_rest + R · I_bias
//! ```
//!
//! Synaptic input arrives as instantaneous jumps: the summed weights (mV) delivered this step
//! are added after the decay. When `v ≥ v_threshold` the neuron spikes, `v` is set to
//! `v_reset` and held there for the absolute refractory period (`refractory_ms`, rounded to
//! whole steps), during which input is ignored. The threshold may adapt and carry a relative
//! refractory period ([`crate::models::dynamic_threshold`]).

use bevy::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamic_threshold::{DynamicThreshold, DynamicThresholdParams};
use crate::models::dynamics::NeuronDynamics;
use crate::models::threshold::{SpikeRule, check_membrane, initial_potentials};
use crate::synapses::delay::take_difference;

/// Parameters of a LIF population, as written in a scene. Every field has a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct LifParams {
    /// Membrane time constant τ_m, ms.
    pub tau_m_ms: f64,
    /// Resting potential, mV.
    pub v_rest_mv: f64,
    /// Potential after a spike, mV.
    pub v_reset_mv: f64,
    /// Spike threshold, mV.
    pub v_threshold_mv: f64,
    /// Absolute refractory period, ms.
    pub refractory_ms: f64,
    /// Membrane resistance, MΩ.
    pub resistance_mohm: f64,
    /// Constant input current, nA.
    pub bias_na: f64,
    /// Initial potentials are drawn uniformly in `[v_reset, v_reset + spread)`, mV.
    pub initial_spread_mv: f64,
    /// Threshold adaptation and relative refractory period; off by default.
    pub dynamic_threshold: DynamicThresholdParams,
}

impl Default for LifParams {
    fn default() -> Self {
        Self {
            tau_m_ms: 20.0,
            v_rest_mv: -65.0,
            v_reset_mv: -65.0,
            v_threshold_mv: -50.0,
            refractory_ms: 2.0,
            resistance_mohm: 10.0,
            bias_na: 0.0,
            initial_spread_mv: 0.0,
            dynamic_threshold: DynamicThresholdParams::default(),
        }
    }
}

impl LifParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        check_membrane(
            self.tau_m_ms,
            self.v_rest_mv,
            self.v_threshold_mv,
            self.v_reset_mv,
            self.refractory_ms,
        )?;
        InvalidParam::positive("resistance_mohm", self.resistance_mohm)?;
        InvalidParam::finite("bias_na", self.bias_na)?;
        InvalidParam::non_negative("initial_spread_mv", self.initial_spread_mv)?;
        self.dynamic_threshold.validate()
    }

    /// Steady-state potential with the bias current and no spikes, mV.
    pub fn v_infinity_mv(&self) -> f64 {
        self.v_rest_mv + self.resistance_mohm * self.bias_na
    }
}

/// Constants derived from [`LifParams`] for one `dt`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LifDerived {
    /// e^(−dt/τ_m).
    pub decay: f32,
    /// v_∞ (mV).
    pub v_infinity: f32,
    /// Threshold, reset and refractory period in steps.
    pub spike: SpikeRule,
}

impl LifDerived {
    /// The constants for step length `dt_ms`.
    pub fn new(params: &LifParams, dt_ms: f64) -> Self {
        Self {
            decay: (-dt_ms / params.tau_m_ms).exp() as f32,
            v_infinity: params.v_infinity_mv() as f32,
            spike: SpikeRule::new(
                params.v_threshold_mv,
                params.v_reset_mv,
                params.refractory_ms,
                dt_ms,
            ),
        }
    }
}

/// State of a LIF population, one entry per neuron.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LifNeurons {
    /// The parameters.
    pub params: LifParams,
    /// Derived constants for the current `dt`.
    pub derived: LifDerived,
    /// Membrane potential, mV.
    pub v: Vec<f32>,
    /// Steps of refractoriness left.
    pub refractory_left: Vec<u32>,
    /// Synaptic input delivered this step, mV.
    pub input: Vec<f32>,
    /// Adaptation and relative refractoriness of the threshold.
    pub threshold: DynamicThreshold,
}

impl NeuronDynamics for LifNeurons {
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]) {
        take_difference(&mut self.input, excitatory, inhibitory);
    }

    /// Advances every neuron by one step with the input received. Returns the first neuron
    /// whose potential is not finite, if any.
    fn integrate(&mut self) -> Option<usize> {
        let input = std::mem::take(&mut self.input);
        let bad = self.advance(|i| input[i]);
        self.input = input;
        bad
    }

    /// Takes the input and advances in one pass over the columns.
    fn receive_and_integrate(
        &mut self,
        excitatory: &mut [f32],
        inhibitory: &mut [f32],
    ) -> Option<usize> {
        let n = self.v.len();
        let (excitatory, inhibitory) = (&mut excitatory[..n], &mut inhibitory[..n]);
        let mut column = std::mem::take(&mut self.input);
        column.resize(n, 0.0);
        let bad = self.advance(|i| {
            let net = excitatory[i] - inhibitory[i];
            (excitatory[i], inhibitory[i], column[i]) = (0.0, 0.0, net);
            net
        });
        self.input = column;
        bad
    }

    /// Fires every neuron at or above threshold: reset, refractory, index into `fired`.
    fn fire(&mut self, fired: &mut Vec<u32>) {
        let rule = self.derived.spike;
        self.threshold
            .fire(&mut self.v, &mut self.refractory_left, rule, fired);
    }

    fn potentials(&self) -> &[f32] {
        &self.v
    }
}

impl LifNeurons {
    /// One step with input `input(i)` (mV) for neuron `i`. Returns the first neuron whose
    /// potential is not finite, if any.
    fn advance(&mut self, mut input: impl FnMut(usize) -> f32) -> Option<usize> {
        let LifDerived {
            decay, v_infinity, ..
        } = self.derived;
        let v_reset = self.params.v_reset_mv as f32;
        let mut bad = None;
        for (i, (v, refractory)) in self
            .v
            .iter_mut()
            .zip(self.refractory_left.iter_mut())
            .enumerate()
        {
            let x = input(i);
            if *refractory > 0 {
                *refractory -= 1;
                *v = v_reset;
                continue;
            }
            *v = v_infinity + (*v - v_infinity) * decay + x;
            if !v.is_finite() && bad.is_none() {
                bad = Some(i);
            }
        }
        self.threshold.decay();
        bad
    }

    /// `size` neurons with initial potentials drawn as the parameters say.
    pub fn new(params: LifParams, size: u32, dt_ms: f64, rng: &mut impl Rng) -> Self {
        let n = size as usize;
        Self {
            derived: LifDerived::new(&params, dt_ms),
            threshold: DynamicThreshold::new(&params.dynamic_threshold, size, dt_ms),
            v: initial_potentials(size, params.v_reset_mv, params.initial_spread_mv, rng),
            params,
            refractory_left: vec![0; n],
            input: vec![0.0; n],
        }
    }
}

impl crate::models::ModelParams for LifParams {
    type Neurons = LifNeurons;
    const STATE: &'static str = "lif";

    fn label(&self) -> String {
        "LIF".to_owned()
    }

    fn validate(&self) -> Result<(), InvalidParam> {
        LifParams::validate(self)
    }

    fn build(&self, size: u32, dt_ms: f64, mut rng: rand_chacha::ChaCha8Rng) -> LifNeurons {
        LifNeurons::new(self.clone(), size, dt_ms, &mut rng)
    }
}
