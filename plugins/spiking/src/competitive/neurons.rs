//! A population of conductance-based leaky integrate-and-fire neurons, stepped as columns.
//!
//! ```text
//! τ_m dv/dt = (v_rest − v) + g_e (E_e − v) + g_i (E_i − v)      (backward Euler, step dt)
//! τ_e dg_e/dt = −g_e        τ_i dg_i/dt = −g_i                 (exact decay per step)
//! v > v_threshold + θ  →  spike, v ← v_reset, held there for the refractory period
//! ```
//!
//! Backward Euler, `v ← (v + k (v_rest + g_e E_e + g_i E_i)) / (1 + k (1 + g_e + g_i))` with
//! `k = dt/τ_m`, stays between the reversal potentials however large the conductances (the
//! inhibition of hundreds of neurons firing at once would make forward Euler overshoot);
//! for small `k (1 + g)` it agrees with forward Euler to O(k²).
//!
//! Conductances are dimensionless (multiples of the leak conductance); an incoming spike adds
//! its weight to `g_e` or `g_i`. `θ` is an extra threshold per neuron (the excitatory neurons'
//! adaptation, [`crate::competitive::layer`]); potentials in mV, times in ms.

use serde::{Deserialize, Serialize};

use crate::competitive::params::ConductanceLifParams;
use crate::decay::flushed;

/// The state of every neuron of one population, and its per-step constants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConductanceLif {
    /// Membrane potential per neuron, mV.
    pub v: Vec<f32>,
    /// Excitatory conductance per neuron.
    pub g_exc: Vec<f32>,
    /// Inhibitory conductance per neuron.
    pub g_inh: Vec<f32>,
    /// Refractory steps left per neuron (0 or below: free).
    refractory_left: Vec<f32>,
    v_rest: f32,
    v_reset: f32,
    v_threshold: f32,
    e_exc: f32,
    e_inh: f32,
    /// dt / τ_m.
    step_over_tau: f32,
    /// e^(−dt/τ_e), e^(−dt/τ_i).
    decay_exc: f32,
    decay_inh: f32,
    refractory_steps: f32,
}

impl ConductanceLif {
    /// `n` neurons at rest.
    pub fn new<D>(n: usize, params: &ConductanceLifParams<D>, dt_ms: f64) -> Self {
        Self {
            v: vec![params.v_rest_mv as f32; n],
            g_exc: vec![0.0; n],
            g_inh: vec![0.0; n],
            refractory_left: vec![0.0; n],
            v_rest: params.v_rest_mv as f32,
            v_reset: params.v_reset_mv as f32,
            v_threshold: params.v_threshold_mv as f32,
            e_exc: params.e_exc_mv as f32,
            e_inh: params.e_inh_mv as f32,
            step_over_tau: (dt_ms / params.tau_m_ms) as f32,
            decay_exc: (-dt_ms / params.tau_exc_ms).exp() as f32,
            decay_inh: (-dt_ms / params.tau_inh_ms).exp() as f32,
            refractory_steps: (params.refractory_ms / dt_ms).round() as f32,
        }
    }

    /// Neurons in the population.
    pub fn len(&self) -> usize {
        self.v.len()
    }

    /// Whether it has no neurons.
    pub fn is_empty(&self) -> bool {
        self.v.is_empty()
    }

    /// One step: potentials advance (refractory ones stay at reset), conductances decay, and
    /// every neuron above `v_threshold + extra_threshold[i]` (0 without) spikes, is reset and
    /// goes into `spiked`, which is cleared first.
    pub fn step(&mut self, extra_threshold: Option<&[f32]>, spiked: &mut Vec<u32>) {
        let (k, rest, e_exc, e_inh) = (self.step_over_tau, self.v_rest, self.e_exc, self.e_inh);
        let (decay_exc, decay_inh) = (self.decay_exc, self.decay_inh);
        for (((v, g_exc), g_inh), left) in self
            .v
            .iter_mut()
            .zip(&mut self.g_exc)
            .zip(&mut self.g_inh)
            .zip(&mut self.refractory_left)
        {
            let drive = *v + k * (rest + *g_exc * e_exc + *g_inh * e_inh);
            let next = drive / (1.0 + k * (1.0 + *g_exc + *g_inh));
            *v = if *left > 0.0 { *v } else { next };
            *left = (*left - 1.0).max(0.0);
            *g_exc = flushed(*g_exc * decay_exc);
            *g_inh = flushed(*g_inh * decay_inh);
        }
        spiked.clear();
        let threshold = self.v_threshold;
        for (i, v) in self.v.iter().enumerate() {
            let extra = extra_threshold.map_or(0.0, |extra| extra[i]);
            if *v > threshold + extra {
                spiked.push(i as u32);
            }
        }
        for &i in spiked.iter() {
            self.v[i as usize] = self.v_reset;
            self.refractory_left[i as usize] = self.refractory_steps;
        }
    }

    /// Whether any potential or conductance is not finite (a blown-up integration).
    pub fn diverged(&self) -> bool {
        self.v
            .iter()
            .chain(&self.g_exc)
            .chain(&self.g_inh)
            .any(|x| !x.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitive::params::{ExcitatoryParams, InhibitoryParams};

    #[test]
    fn a_strong_conductance_fires_then_the_neuron_rests_for_its_refractory_period() {
        let params = ExcitatoryParams::default();
        let mut neurons = ConductanceLif::new(2, &params, 0.5);
        let mut spiked = Vec::new();
        let mut first = None;
        for step in 0..400 {
            neurons.g_exc[0] = 2.0; // driven toward 0 mV, far above threshold
            neurons.step(None, &mut spiked);
            if spiked.contains(&0) && first.is_none() {
                first = Some(step);
            }
            assert!(!spiked.contains(&1), "an undriven neuron never fires");
        }
        let first = first.expect("the driven neuron fires");
        assert!(first < 100, "fires within 50 ms, fired at step {first}");
        assert_eq!(neurons.v[1], -65.0, "the undriven neuron stays at rest");
    }

    #[test]
    fn an_extra_threshold_silences_a_neuron() {
        let params = ExcitatoryParams::default();
        let mut neurons = ConductanceLif::new(2, &params, 0.5);
        let mut spiked = Vec::new();
        let mut count = [0, 0];
        for _ in 0..2000 {
            neurons.g_exc[0] = 0.5;
            neurons.g_exc[1] = 0.5;
            neurons.step(Some(&[0.0, 60.0]), &mut spiked);
            for &i in &spiked {
                count[i as usize] += 1;
            }
        }
        assert!(count[0] > 10, "the plain neuron fires, {count:?}");
        assert_eq!(
            count[1], 0,
            "a 60 mV higher threshold is above the drive's 0 mV"
        );
    }

    #[test]
    fn refractory_period_spaces_spikes() {
        let params = InhibitoryParams::default(); // 2 ms refractory
        let mut neurons = ConductanceLif::new(1, &params, 0.5);
        let mut spiked = Vec::new();
        let mut times = Vec::new();
        for step in 0..200 {
            neurons.g_exc[0] = 50.0;
            neurons.step(None, &mut spiked);
            if !spiked.is_empty() {
                times.push(step);
            }
        }
        let gaps: Vec<i32> = times.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(gaps.len() > 10, "a saturating drive fires repeatedly");
        assert!(
            gaps.iter().all(|&g| g > 4),
            "at least 2 ms (4 steps) apart: {gaps:?}"
        );
    }
}
