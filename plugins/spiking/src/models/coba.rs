//! Conductance-based leaky integrate-and-fire neurons (COBA).
//!
//! ```text
//! C dv/dt = g_L (E_L − v) + g_e (E_e − v) + g_i (E_i − v)
//! dg_e/dt = −g_e / τ_e        dg_i/dt = −g_i / τ_i
//! ```
//!
//! Units: v and E in mV, g in nS, C in pF, so `g · mV / pF` is mV/ms. All three equations
//! are advanced by forward Euler, as the Vogels–Abbott benchmark specifies (Brette et al.
//! 2007): `v ← v + dt · dv/dt`, `g ← g · (1 − dt/τ)`, so results compare with its peers. An excitatory spike adds its weight (nS) to `g_e`, an
//! inhibitory one to `g_i` ([`crate::synapses::delay::Receptor`]). At `v ≥ v_threshold` the neuron
//! spikes, `v` is set to `v_reset` and not integrated for the refractory period, while its
//! conductances keep decaying and receiving input. The threshold may adapt and carry a
//! relative refractory period ([`crate::models::dynamic_threshold`]).
//!
//! The update loop has no branches on neuron state, so the compiler vectorises it.

use bevy::prelude::*;
use rand::Rng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamic_threshold::{DynamicThreshold, DynamicThresholdParams};
use crate::models::dynamics::NeuronDynamics;
use crate::models::threshold::{SpikeRule, initial_potentials};
use crate::synapses::delay::take_sum;

/// Parameters of a conductance-based LIF population. Defaults: the COBA benchmark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CobaParams {
    /// Membrane capacitance, pF.
    pub capacitance_pf: f64,
    /// Leak conductance, nS.
    pub g_leak_ns: f64,
    /// Leak reversal potential, mV.
    pub e_leak_mv: f64,
    /// Excitatory reversal potential, mV.
    pub e_exc_mv: f64,
    /// Inhibitory reversal potential, mV.
    pub e_inh_mv: f64,
    /// Excitatory conductance decay time constant, ms.
    pub tau_exc_ms: f64,
    /// Inhibitory conductance decay time constant, ms.
    pub tau_inh_ms: f64,
    /// Spike threshold, mV.
    pub v_threshold_mv: f64,
    /// Potential after a spike, mV.
    pub v_reset_mv: f64,
    /// Refractory period, ms.
    pub refractory_ms: f64,
    /// Initial potentials: uniform in `[v_reset, v_reset + spread)`, mV.
    pub initial_spread_mv: f64,
    /// Initial g_e: normal `(mean, sd)`, nS, clamped at 0.
    pub initial_g_exc_ns: (f64, f64),
    /// Initial g_i: normal `(mean, sd)`, nS, clamped at 0.
    pub initial_g_inh_ns: (f64, f64),
    /// Threshold adaptation and relative refractory period; off by default.
    pub dynamic_threshold: DynamicThresholdParams,
}

impl Default for CobaParams {
    fn default() -> Self {
        Self {
            capacitance_pf: 200.0,
            g_leak_ns: 10.0,
            e_leak_mv: -60.0,
            e_exc_mv: 0.0,
            e_inh_mv: -80.0,
            tau_exc_ms: 5.0,
            tau_inh_ms: 10.0,
            v_threshold_mv: -50.0,
            v_reset_mv: -60.0,
            refractory_ms: 5.0,
            initial_spread_mv: 10.0,
            initial_g_exc_ns: (40.0, 15.0),
            initial_g_inh_ns: (200.0, 120.0),
            dynamic_threshold: DynamicThresholdParams::default(),
        }
    }
}

impl CobaParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("capacitance_pf", self.capacitance_pf)?;
        InvalidParam::positive("g_leak_ns", self.g_leak_ns)?;
        for (field, value) in [
            ("e_leak_mv", self.e_leak_mv),
            ("e_exc_mv", self.e_exc_mv),
            ("e_inh_mv", self.e_inh_mv),
        ] {
            InvalidParam::finite(field, value)?;
        }
        InvalidParam::positive("tau_exc_ms", self.tau_exc_ms)?;
        InvalidParam::positive("tau_inh_ms", self.tau_inh_ms)?;
        crate::error::threshold_above_reset(self.v_threshold_mv, self.v_reset_mv)?;
        InvalidParam::non_negative("refractory_ms", self.refractory_ms)?;
        InvalidParam::non_negative("initial_spread_mv", self.initial_spread_mv)?;
        InvalidParam::non_negative("initial_g_exc_ns", self.initial_g_exc_ns.1)?;
        InvalidParam::non_negative("initial_g_inh_ns", self.initial_g_inh_ns.1)?;
        self.dynamic_threshold.validate()
    }
}

/// State of a conductance-based LIF population, one entry per neuron.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CobaNeurons {
    /// The parameters.
    pub params: CobaParams,
    /// Membrane potential, mV.
    pub v: Vec<f32>,
    /// Excitatory conductance, nS.
    pub g_exc: Vec<f32>,
    /// Inhibitory conductance, nS.
    pub g_inh: Vec<f32>,
    /// Steps of refractoriness left.
    pub refractory_left: Vec<u32>,
    /// Adaptation and relative refractoriness of the threshold.
    pub threshold: DynamicThreshold,
    /// Threshold, reset and refractory period in steps, for `dt_ms`.
    spike: SpikeRule,
    dt_ms: f64,
}

impl NeuronDynamics for CobaNeurons {
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]) {
        take_sum(&mut self.g_exc, excitatory);
        take_sum(&mut self.g_inh, inhibitory);
    }

    /// Advances every neuron by one step. Returns the first neuron whose potential is not
    /// finite, if any.
    fn integrate(&mut self) -> Option<usize> {
        self.advance::<false>(&mut [], &mut [])
    }

    /// Adds the input to the conductances and advances, in one pass over the columns.
    fn receive_and_integrate(
        &mut self,
        excitatory: &mut [f32],
        inhibitory: &mut [f32],
    ) -> Option<usize> {
        self.advance::<true>(excitatory, inhibitory)
    }

    /// Fires every neuron at or above threshold: reset, refractory, index into `fired`.
    fn fire(&mut self, fired: &mut Vec<u32>) {
        let rule = self.spike;
        self.threshold
            .fire(&mut self.v, &mut self.refractory_left, rule, fired);
    }

    fn potentials(&self) -> &[f32] {
        &self.v
    }
}

impl CobaNeurons {
    /// One step: with `RECEIVE`, this step's input is first added to the conductances (and
    /// cleared) in the same pass as the update. Returns the first neuron whose potential is
    /// not finite, if any.
    fn advance<const RECEIVE: bool>(
        &mut self,
        excitatory: &mut [f32],
        inhibitory: &mut [f32],
    ) -> Option<usize> {
        let p = &self.params;
        let dt = self.dt_ms;
        let k = (dt / p.capacitance_pf) as f32;
        let (g_leak, e_leak) = (p.g_leak_ns as f32, p.e_leak_mv as f32);
        let (e_exc, e_inh) = (p.e_exc_mv as f32, p.e_inh_mv as f32);
        let decay_exc = (1.0 - dt / p.tau_exc_ms) as f32;
        let decay_inh = (1.0 - dt / p.tau_inh_ms) as f32;
        let n = self.v.len();
        let (v, g_exc, g_inh) = (&mut self.v[..n], &mut self.g_exc[..n], &mut self.g_inh[..n]);
        let refractory = &mut self.refractory_left[..n];
        let (excitatory, inhibitory) = if RECEIVE {
            (&mut excitatory[..n], &mut inhibitory[..n])
        } else {
            (excitatory, inhibitory)
        };
        let mut all_finite = true;
        for i in 0..n {
            let (ve, mut ge, mut gi) = (v[i], g_exc[i], g_inh[i]);
            if RECEIVE {
                ge += excitatory[i];
                gi += inhibitory[i];
                (excitatory[i], inhibitory[i]) = (0.0, 0.0);
            }
            let dv = k * (g_leak * (e_leak - ve) + ge * (e_exc - ve) + gi * (e_inh - ve));
            let active = refractory[i] == 0;
            let v_new = if active { ve + dv } else { ve };
            v[i] = v_new;
            refractory[i] -= u32::from(!active);
            g_exc[i] = ge * decay_exc;
            g_inh[i] = gi * decay_inh;
            all_finite &= v_new.is_finite();
        }
        self.threshold.decay();
        if all_finite {
            None
        } else {
            self.v.iter().position(|v| !v.is_finite())
        }
    }

    /// `size` neurons with initial state drawn as the parameters say.
    pub fn new<R: Rng>(params: CobaParams, size: u32, dt_ms: f64, rng: &mut R) -> Self {
        let n = size as usize;
        let normal = |(mean, sd): (f64, f64)| Normal::new(mean, sd).ok();
        let (exc, inh) = (
            normal(params.initial_g_exc_ns),
            normal(params.initial_g_inh_ns),
        );
        let draw = |d: &Option<Normal<f64>>, mean: f64, rng: &mut R| {
            d.as_ref().map_or(mean, |d| d.sample(rng)).max(0.0) as f32
        };
        let v = initial_potentials(size, params.v_reset_mv, params.initial_spread_mv, rng);
        let g_exc = (0..n)
            .map(|_| draw(&exc, params.initial_g_exc_ns.0, rng))
            .collect();
        let g_inh = (0..n)
            .map(|_| draw(&inh, params.initial_g_inh_ns.0, rng))
            .collect();
        let threshold = DynamicThreshold::new(&params.dynamic_threshold, size, dt_ms);
        let spike = SpikeRule::new(
            params.v_threshold_mv,
            params.v_reset_mv,
            params.refractory_ms,
            dt_ms,
        );
        Self {
            spike,
            params,
            v,
            g_exc,
            g_inh,
            refractory_left: vec![0; n],
            threshold,
            dt_ms,
        }
    }
}

impl crate::models::ModelParams for CobaParams {
    type Neurons = CobaNeurons;
    const STATE: &'static str = "coba";

    fn label(&self) -> String {
        "LIF (COBA)".to_owned()
    }

    fn validate(&self) -> Result<(), InvalidParam> {
        CobaParams::validate(self)
    }

    fn build(&self, size: u32, dt_ms: f64, mut rng: rand_chacha::ChaCha8Rng) -> CobaNeurons {
        CobaNeurons::new(self.clone(), size, dt_ms, &mut rng)
    }
}
