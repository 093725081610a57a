//! Hodgkin–Huxley neurons: sodium, potassium and leak channels (Hodgkin & Huxley 1952).
//!
//! Per unit membrane area, with `v` in mV and `t` in ms (modern sign convention, rest near
//! −65 mV):
//!
//! ```text
//! C dv/dt = g_Na m³ h (E_Na − v) + g_K n⁴ (E_K − v) + g_L (E_L − v) + I
//! dx/dt   = α_x(v) (1 − x) − β_x(v) x          for the gates x ∈ {m, h, n}
//! α_m = 0.1 (v + 40) / (1 − e^(−(v+40)/10))    β_m = 4 e^(−(v+65)/18)
//! α_h = 0.07 e^(−(v+65)/20)                    β_h = 1 / (1 + e^(−(v+35)/10))
//! α_n = 0.01 (v + 55) / (1 − e^(−(v+55)/10))   β_n = 0.125 e^(−(v+65)/80)
//! ```
//!
//! Units: C in µF/cm², conductances in mS/cm², currents in µA/cm² (so µA/µF = mV/ms), rates
//! in 1/ms. `I` is the bias current. There is no reset: a spike is an upward crossing of
//! `spike_threshold_mv` (0 mV by default), and the channels repolarise the membrane.
//!
//! Integration is exponential Euler, as Brian2 does it: over a substep `h` each variable
//! follows the exact solution of its equation with the others held at their values at the
//! start of the substep (`x ← x_∞ + (x − x_∞) e^(−h/τ_x)` for gates; for `v` the same with
//! `v_∞ = Σ g E / Σ g` and `τ_v = C / Σ g`). Substeps are at most [`MAX_SUBSTEP_MS`].
//! Synaptic input arrives as an instantaneous jump of `v` in mV (excitatory minus
//! inhibitory), added at the start of the step.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamics::NeuronDynamics;
use crate::synapses::delay::take_difference;

/// Longest exponential-Euler substep, ms.
pub const MAX_SUBSTEP_MS: f64 = 0.01;

/// Parameters of a Hodgkin–Huxley population, per unit area. Defaults: the squid giant axon.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HodgkinHuxleyParams {
    /// Membrane capacitance, µF/cm².
    pub capacitance_uf_cm2: f64,
    /// Maximal sodium conductance, mS/cm².
    pub g_na_ms_cm2: f64,
    /// Maximal potassium conductance, mS/cm².
    pub g_k_ms_cm2: f64,
    /// Leak conductance, mS/cm².
    pub g_leak_ms_cm2: f64,
    /// Sodium reversal potential, mV.
    pub e_na_mv: f64,
    /// Potassium reversal potential, mV.
    pub e_k_mv: f64,
    /// Leak reversal potential, mV.
    pub e_leak_mv: f64,
    /// Constant input current, µA/cm².
    pub bias_ua_cm2: f64,
    /// An upward crossing of this potential is a spike, mV.
    pub spike_threshold_mv: f64,
    /// Initial potential, mV; the gates start at their steady state for it.
    pub v_init_mv: f64,
}

impl Default for HodgkinHuxleyParams {
    fn default() -> Self {
        Self {
            capacitance_uf_cm2: 1.0,
            g_na_ms_cm2: 120.0,
            g_k_ms_cm2: 36.0,
            g_leak_ms_cm2: 0.3,
            e_na_mv: 50.0,
            e_k_mv: -77.0,
            e_leak_mv: -54.387,
            bias_ua_cm2: 0.0,
            spike_threshold_mv: 0.0,
            v_init_mv: -65.0,
        }
    }
}

impl HodgkinHuxleyParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("capacitance_uf_cm2", self.capacitance_uf_cm2)?;
        InvalidParam::non_negative("g_na_ms_cm2", self.g_na_ms_cm2)?;
        InvalidParam::non_negative("g_k_ms_cm2", self.g_k_ms_cm2)?;
        InvalidParam::positive("g_leak_ms_cm2", self.g_leak_ms_cm2)?;
        InvalidParam::finite("e_na_mv", self.e_na_mv)?;
        InvalidParam::finite("e_k_mv", self.e_k_mv)?;
        InvalidParam::finite("e_leak_mv", self.e_leak_mv)?;
        InvalidParam::finite("bias_ua_cm2", self.bias_ua_cm2)?;
        InvalidParam::finite("spike_threshold_mv", self.spike_threshold_mv)?;
        InvalidParam::finite("v_init_mv", self.v_init_mv)
    }
}

/// `x / (1 − e^(−x/k))`, continuous at `x = 0` (where it is `k`).
fn x_over_one_minus_exp(x: f64, k: f64) -> f64 {
    if (x / k).abs() < 1e-6 {
        k + x / 2.0
    } else {
        x / (1.0 - (-x / k).exp())
    }
}

/// Opening and closing rates `(α, β)` of the gates m, h, n at potential `v`, 1/ms.
pub fn gate_rates(v: f64) -> [(f64, f64); 3] {
    [
        (
            0.1 * x_over_one_minus_exp(v + 40.0, 10.0),
            4.0 * (-(v + 65.0) / 18.0).exp(),
        ),
        (
            0.07 * (-(v + 65.0) / 20.0).exp(),
            1.0 / (1.0 + (-(v + 35.0) / 10.0).exp()),
        ),
        (
            0.01 * x_over_one_minus_exp(v + 55.0, 10.0),
            0.125 * (-(v + 65.0) / 80.0).exp(),
        ),
    ]
}

/// Steady-state openings `[m, h, n]` at potential `v`.
pub fn steady_gates(v: f64) -> [f64; 3] {
    gate_rates(v).map(|(a, b)| a / (a + b))
}

/// State of a Hodgkin–Huxley population, one entry per neuron.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HodgkinHuxleyNeurons {
    /// The parameters.
    pub params: HodgkinHuxleyParams,
    /// Substeps per step.
    pub substeps: u32,
    /// Step length, ms.
    pub dt_ms: f64,
    /// Membrane potential, mV.
    pub v: Vec<f32>,
    /// Gates `[m, h, n]` per neuron.
    pub gates: Vec<[f32; 3]>,
    /// Whether each neuron was at or above the spike threshold at the end of the last step.
    pub above: Vec<bool>,
    /// Synaptic input delivered this step, mV.
    pub input: Vec<f32>,
}

impl HodgkinHuxleyNeurons {
    /// `size` neurons at rest at `v_init_mv`.
    pub fn new(params: HodgkinHuxleyParams, size: u32, dt_ms: f64) -> Self {
        let n = size as usize;
        let gates = steady_gates(params.v_init_mv).map(|g| g as f32);
        Self {
            substeps: (dt_ms / MAX_SUBSTEP_MS).ceil().max(1.0) as u32,
            dt_ms,
            v: vec![params.v_init_mv as f32; n],
            gates: vec![gates; n],
            above: vec![params.v_init_mv >= params.spike_threshold_mv; n],
            input: vec![0.0; n],
            params,
        }
    }

    /// Advances one neuron by `h` ms (exponential Euler), in f64.
    fn substep(p: &HodgkinHuxleyParams, v: f64, gates: [f64; 3], h: f64) -> (f64, [f64; 3]) {
        let rates = gate_rates(v);
        let mut next = gates;
        for (x, (a, b)) in next.iter_mut().zip(rates) {
            let (x_inf, tau) = (a / (a + b), 1.0 / (a + b));
            *x = x_inf + (*x - x_inf) * (-h / tau).exp();
        }
        let [m, hg, n] = gates;
        let g_na = p.g_na_ms_cm2 * m * m * m * hg;
        let g_k = p.g_k_ms_cm2 * n * n * n * n;
        let g_total = g_na + g_k + p.g_leak_ms_cm2;
        let drive = g_na * p.e_na_mv + g_k * p.e_k_mv + p.g_leak_ms_cm2 * p.e_leak_mv;
        let v_inf = (drive + p.bias_ua_cm2) / g_total;
        let tau_v = p.capacitance_uf_cm2 / g_total;
        (v_inf + (v - v_inf) * (-h / tau_v).exp(), next)
    }
}

impl NeuronDynamics for HodgkinHuxleyNeurons {
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]) {
        take_difference(&mut self.input, excitatory, inhibitory);
    }

    fn integrate(&mut self) -> Option<usize> {
        let h = self.dt_ms / f64::from(self.substeps);
        let mut bad = None;
        for (i, ((v, gates), input)) in self
            .v
            .iter_mut()
            .zip(self.gates.iter_mut())
            .zip(&self.input)
            .enumerate()
        {
            let mut state = (f64::from(*v + input), gates.map(f64::from));
            for _ in 0..self.substeps {
                state = Self::substep(&self.params, state.0, state.1, h);
            }
            *v = state.0 as f32;
            *gates = state.1.map(|g| g as f32);
            if !v.is_finite() && bad.is_none() {
                bad = Some(i);
            }
        }
        bad
    }

    /// Fires every neuron that crossed the spike threshold upward during this step.
    fn fire(&mut self, fired: &mut Vec<u32>) {
        let threshold = self.params.spike_threshold_mv as f32;
        fired.clear();
        for (i, (v, above)) in self.v.iter().zip(self.above.iter_mut()).enumerate() {
            let now = *v >= threshold;
            if now && !*above {
                fired.push(i as u32);
            }
            *above = now;
        }
    }

    fn potentials(&self) -> &[f32] {
        &self.v
    }

    fn describe(&self, neuron: usize) -> String {
        let [m, h, n] = self.gates[neuron];
        format!(
            "neuron {neuron} membrane potential is {} (gates m {m}, h {h}, n {n})",
            self.v[neuron]
        )
    }
}

impl crate::models::ModelParams for HodgkinHuxleyParams {
    type Neurons = HodgkinHuxleyNeurons;
    const STATE: &'static str = "hodgkin-huxley";

    fn label(&self) -> String {
        "Hodgkin–Huxley".to_owned()
    }

    fn validate(&self) -> Result<(), InvalidParam> {
        HodgkinHuxleyParams::validate(self)
    }

    fn build(&self, size: u32, dt_ms: f64, _rng: rand_chacha::ChaCha8Rng) -> HodgkinHuxleyNeurons {
        HodgkinHuxleyNeurons::new(self.clone(), size, dt_ms)
    }
}
