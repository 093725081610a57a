//! Izhikevich neurons (Izhikevich 2003, "Simple model of spiking neurons").
//!
//! ```text
//! dv/dt = 0.04 v² + 5 v + 140 − u + I        (v in mV, t in ms)
//! du/dt = a (b v − u)
//! if v ≥ 30 mV:  v ← c,  u ← u + d
//! ```
//!
//! `I = bias + noise` (noise: Gaussian with `noise_sd`, drawn each step from the region's own
//! random stream). Both equations are advanced by forward Euler in substeps of at most
//! [`MAX_SUBSTEP_MS`] (the original code's half-millisecond steps), stopping at the spike
//! peak. Synaptic input arrives as an instantaneous jump of `v` in mV (excitatory minus
//! inhibitory), which equals Izhikevich's `I += w` in his 1 ms network steps.
//!
//! The named firing patterns are the parameter sets of the paper's Fig. 2.

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamics::NeuronDynamics;
use crate::synapses::delay::take_difference;

/// Longest Euler substep, ms.
pub const MAX_SUBSTEP_MS: f64 = 0.5;
/// Spike peak: at or above it the neuron fires, mV.
pub const PEAK_MV: f32 = 30.0;

/// A named firing pattern, or explicit `(a, b, c, d)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum IzhikevichPattern {
    /// Regular spiking (RS): a = 0.02, b = 0.2, c = −65, d = 8. Tonic, adapting.
    RegularSpiking,
    /// Intrinsically bursting (IB): 0.02, 0.2, −55, 4. A burst, then tonic spikes.
    IntrinsicallyBursting,
    /// Chattering (CH): 0.02, 0.2, −50, 2. Repeated high-frequency bursts.
    Chattering,
    /// Fast spiking (FS): 0.1, 0.2, −65, 2. High rate, no adaptation.
    FastSpiking,
    /// Low-threshold spiking (LTS): 0.02, 0.25, −65, 2. High rate, adapting.
    LowThresholdSpiking,
    /// Thalamo-cortical (TC): 0.02, 0.25, −65, 0.05. Tonic when depolarised, rebound burst
    /// after hyperpolarisation.
    ThalamoCortical,
    /// Resonator (RZ): 0.1, 0.26, −65, 2. Damped subthreshold oscillations.
    Resonator,
    /// Explicit parameters.
    Custom {
        /// Time scale of the recovery variable u, 1/ms.
        a: f64,
        /// Sensitivity of u to v.
        b: f64,
        /// Reset potential, mV.
        c: f64,
        /// Reset increment of u.
        d: f64,
    },
}

impl IzhikevichPattern {
    /// Every named pattern.
    pub const NAMED: [IzhikevichPattern; 7] = [
        IzhikevichPattern::RegularSpiking,
        IzhikevichPattern::IntrinsicallyBursting,
        IzhikevichPattern::Chattering,
        IzhikevichPattern::FastSpiking,
        IzhikevichPattern::LowThresholdSpiking,
        IzhikevichPattern::ThalamoCortical,
        IzhikevichPattern::Resonator,
    ];

    /// `(a, b, c, d)`.
    pub fn abcd(self) -> (f64, f64, f64, f64) {
        match self {
            IzhikevichPattern::RegularSpiking => (0.02, 0.2, -65.0, 8.0),
            IzhikevichPattern::IntrinsicallyBursting => (0.02, 0.2, -55.0, 4.0),
            IzhikevichPattern::Chattering => (0.02, 0.2, -50.0, 2.0),
            IzhikevichPattern::FastSpiking => (0.1, 0.2, -65.0, 2.0),
            IzhikevichPattern::LowThresholdSpiking => (0.02, 0.25, -65.0, 2.0),
            IzhikevichPattern::ThalamoCortical => (0.02, 0.25, -65.0, 0.05),
            IzhikevichPattern::Resonator => (0.1, 0.26, -65.0, 2.0),
            IzhikevichPattern::Custom { a, b, c, d } => (a, b, c, d),
        }
    }
}

/// Parameters of an Izhikevich population, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IzhikevichParams {
    /// The firing pattern (its a, b, c, d).
    pub pattern: IzhikevichPattern,
    /// Constant input I, mV/ms.
    pub bias: f64,
    /// Standard deviation of the Gaussian input noise drawn each step, mV/ms.
    pub noise_sd: f64,
    /// Initial membrane potential, mV; u starts at `b · v`.
    pub v_init_mv: f64,
}

impl Default for IzhikevichParams {
    fn default() -> Self {
        Self {
            pattern: IzhikevichPattern::RegularSpiking,
            bias: 0.0,
            noise_sd: 0.0,
            v_init_mv: -65.0,
        }
    }
}

impl IzhikevichParams {
    /// Checks every value; the error names the first bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        let (a, b, c, d) = self.pattern.abcd();
        for value in [a, b, c, d] {
            InvalidParam::finite("pattern", value)?;
        }
        InvalidParam::check(c < f64::from(PEAK_MV), "pattern", || {
            format!("c (reset, {c} mV) must be below the spike peak of {PEAK_MV} mV")
        })?;
        InvalidParam::finite("bias", self.bias)?;
        InvalidParam::non_negative("noise_sd", self.noise_sd)?;
        InvalidParam::check(
            self.v_init_mv.is_finite() && self.v_init_mv < f64::from(PEAK_MV),
            "v_init_mv",
            || {
                format!(
                    "must be finite and below {PEAK_MV} mV, got {}",
                    self.v_init_mv
                )
            },
        )
    }
}

/// State of an Izhikevich population, one entry per neuron.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IzhikevichNeurons {
    /// The parameters.
    pub params: IzhikevichParams,
    /// Membrane potential, mV.
    pub v: Vec<f32>,
    /// Recovery variable.
    pub u: Vec<f32>,
    /// Synaptic input delivered this step, mV.
    pub input: Vec<f32>,
    /// Input current of this step (bias + noise), mV/ms; scratch space.
    #[serde(skip)]
    current: Vec<f32>,
    /// This region's random stream (noise).
    pub rng: ChaCha8Rng,
    dt_ms: f64,
}

impl NeuronDynamics for IzhikevichNeurons {
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]) {
        take_difference(&mut self.input, excitatory, inhibitory);
    }

    /// Advances every neuron by one step. Returns the first neuron whose state is not
    /// finite, if any.
    fn integrate(&mut self) -> Option<usize> {
        let (a, b, _, _) = self.params.pattern.abcd();
        let (a, b) = (a as f32, b as f32);
        let substeps = (self.dt_ms / MAX_SUBSTEP_MS).ceil().max(1.0);
        let h = (self.dt_ms / substeps) as f32;
        let substeps = substeps as u32;
        let bias = self.params.bias as f32;
        let noise_sd = self.params.noise_sd as f32;
        // Input current per neuron: bias plus this step's noise (drawn first, so the
        // integration loop below has no branches and vectorises).
        let n = self.v.len();
        self.current.clear();
        if noise_sd > 0.0 {
            let rng = &mut self.rng;
            self.current.extend((0..n).map(|_| {
                let z: f64 = StandardNormal.sample(rng);
                bias + noise_sd * z as f32
            }));
        } else {
            self.current.resize(n, bias);
        }
        let (v, u) = (&mut self.v[..n], &mut self.u[..n]);
        let (input, current) = (&self.input[..n], &self.current[..n]);
        v.iter_mut().zip(input).for_each(|(v, x)| *v += x);
        // Substeps outside, neurons inside: the inner loop is branch-free over contiguous
        // columns, so it vectorises.
        for _ in 0..substeps {
            for ((v, u), &i) in v.iter_mut().zip(u.iter_mut()).zip(current) {
                let (vi, ui) = (*v, *u);
                // Once at the peak, the neuron waits for its reset in `fire`: its step is 0.
                let step = if vi < PEAK_MV { h } else { 0.0 };
                let dv = 0.04 * vi * vi + 5.0 * vi + 140.0 - ui + i;
                let du = a * (b * vi - ui);
                *v = vi + step * dv;
                *u = ui + step * du;
            }
        }
        let all_finite = v
            .iter()
            .zip(u.iter())
            .fold(true, |ok, (v, u)| ok & v.is_finite() & u.is_finite());
        if all_finite {
            None
        } else {
            (0..n).find(|&i| !(self.v[i].is_finite() && self.u[i].is_finite()))
        }
    }

    /// Fires every neuron at the peak: `v ← c`, `u ← u + d`.
    fn fire(&mut self, fired: &mut Vec<u32>) {
        let (_, _, c, d) = self.params.pattern.abcd();
        fired.clear();
        for (i, (v, u)) in self.v.iter_mut().zip(self.u.iter_mut()).enumerate() {
            if *v >= PEAK_MV {
                fired.push(i as u32);
                *v = c as f32;
                *u += d as f32;
            }
        }
    }

    fn potentials(&self) -> &[f32] {
        &self.v
    }

    fn describe(&self, neuron: usize) -> String {
        format!(
            "neuron {neuron} state is not finite (v = {}, u = {})",
            self.v[neuron], self.u[neuron]
        )
    }
}

impl IzhikevichNeurons {
    /// `size` neurons at `v_init`, `u = b · v_init`.
    pub fn new(params: IzhikevichParams, size: u32, dt_ms: f64, rng: ChaCha8Rng) -> Self {
        let n = size as usize;
        let (_, b, _, _) = params.pattern.abcd();
        let v0 = params.v_init_mv as f32;
        Self {
            v: vec![v0; n],
            u: vec![(b as f32) * v0; n],
            input: vec![0.0; n],
            current: Vec::with_capacity(n),
            params,
            rng,
            dt_ms,
        }
    }
}

impl crate::models::ModelParams for IzhikevichParams {
    type Neurons = IzhikevichNeurons;
    const STATE: &'static str = "izhikevich";

    fn label(&self) -> String {
        match self.pattern {
            IzhikevichPattern::Custom { .. } => "Izhikevich".to_owned(),
            pattern => format!("Izhikevich {pattern:?}"),
        }
    }

    fn validate(&self) -> Result<(), InvalidParam> {
        IzhikevichParams::validate(self)
    }

    fn build(&self, size: u32, dt_ms: f64, rng: ChaCha8Rng) -> IzhikevichNeurons {
        IzhikevichNeurons::new(self.clone(), size, dt_ms, rng)
    }
}
