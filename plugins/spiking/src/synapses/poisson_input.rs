//! Background input: many independent Poisson synapses onto every neuron of a region.
//!
//! Each neuron receives `synapses` independent Poisson spike trains of `rate_hz`, each through
//! a synapse of `weight` on `receptor`; as Brian2's `PoissonInput`, the trains are not
//! simulated one by one: per neuron and step the number of arriving spikes is drawn as
//! `k ~ Poisson(λ)`, `λ = synapses · rate_hz · dt / 1000`, and `k · weight` is added to this
//! step's slot of the region's delay ring just before the model takes the slot (in
//! [`integrate`](crate::models::dynamics::integrate)), so it is received like any other synaptic input. This is how the Brunel (2000) network gets its external
//! drive.
//!
//! `k` is drawn by inversion of a table of the cumulative distribution of `Poisson(λ)`, built
//! once: one uniform number per neuron and step, where Knuth's method (as in `rand_distr`)
//! needs about `λ + 1`. The table ends where the remaining tail is below 10⁻¹²; for
//! `λ > 50` the draws fall back to `rand_distr`'s Poisson.
//!
//! With `exploration: true` the input is a learner's exploration noise: its weight is
//! multiplied by the global learning-rate factor ([`LearningRate::effective`]), so it anneals
//! with a learning-rate schedule and is silent with learning off (an evaluation then measures
//! the learnt policy, not the noise). The draws are made either way, so the random stream does
//! not depend on the factor.

use bevy::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::synapses::delay::{DelayRing, Receptor};
use neurarium_sim::learning_rate::LearningRate;

/// Background Poisson input of a region, as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PoissonInputParams {
    /// Independent input synapses per neuron.
    pub synapses: u32,
    /// Rate of each input train, Hz.
    pub rate_hz: f64,
    /// Weight of each input synapse, in the target's unit (mV or nS).
    pub weight: f64,
    /// The channel the input feeds.
    pub receptor: Receptor,
    /// Exploration noise: the weight is times the global learning-rate factor (0 with
    /// learning off).
    pub exploration: bool,
}

impl Default for PoissonInputParams {
    fn default() -> Self {
        Self {
            synapses: 100,
            rate_hz: 10.0,
            weight: 0.1,
            receptor: Receptor::Excitatory,
            exploration: false,
        }
    }
}

impl PoissonInputParams {
    /// Checks every value; the error names the first bad field (`poisson_input.…`).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::non_negative("rate_hz", self.rate_hz)
            .and(InvalidParam::finite("weight", self.weight))
            .map_err(|e| e.within("poisson_input"))
    }
}

/// A region's background Poisson input and its random stream.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PoissonInput {
    /// The parameters.
    pub params: PoissonInputParams,
    /// Mean arrivals per neuron and step, λ.
    pub arrivals_per_step: f64,
    /// `P(k ≤ i)` for `i = 0, 1, …` (empty: use the general sampler).
    pub cumulative: Vec<f64>,
    /// This region's random stream for the input.
    pub rng: ChaCha8Rng,
}

impl PoissonInput {
    /// The input for step length `dt_ms`.
    pub fn new(params: PoissonInputParams, dt_ms: f64, rng: ChaCha8Rng) -> Self {
        let lambda = f64::from(params.synapses) * params.rate_hz * dt_ms / 1000.0;
        Self {
            arrivals_per_step: lambda,
            cumulative: cumulative_poisson(lambda),
            params,
            rng,
        }
    }

    /// Adds the input of step `step` into the region's delay ring, its weight times
    /// `modulation` (the modulators' `Noise` factor); exploration noise is scaled by
    /// `learning`'s factor too.
    pub fn add_to_ring(
        &mut self,
        ring: &mut DelayRing,
        step: u64,
        learning: &LearningRate,
        modulation: f64,
    ) {
        let scale = if self.params.exploration {
            learning.effective() * modulation
        } else {
            modulation
        };
        self.add_to(ring.slot_mut(step, self.params.receptor), scale);
    }

    /// Adds one step of input into `slot`, its weight times `scale`.
    pub fn add_to(&mut self, slot: &mut [f32], scale: f64) {
        let weight = (self.params.weight * scale) as f32;
        if !self.cumulative.is_empty() {
            let table = &self.cumulative;
            for x in slot {
                let u: f64 = self.rng.random();
                // k = the number of table entries at or below u (the table is increasing):
                // a branch-free count, where a search mispredicts on every draw.
                let k = table.iter().map(|&p| u32::from(p <= u)).sum::<u32>();
                *x += k as f32 * weight;
            }
        } else if let Ok(poisson) = Poisson::new(self.arrivals_per_step) {
            for x in slot {
                *x += poisson.sample(&mut self.rng) as f32 * weight;
            }
        }
    }
}

/// `P(k ≤ i)` of `Poisson(λ)` until the tail is below 10⁻¹²; empty for `λ = 0` or `λ > 50`.
fn cumulative_poisson(lambda: f64) -> Vec<f64> {
    if !(lambda > 0.0 && lambda <= 50.0) {
        return Vec::new();
    }
    let mut table = Vec::new();
    let (mut p, mut total) = ((-lambda).exp(), 0.0);
    for k in 1.. {
        total += p;
        table.push(total);
        if 1.0 - total < 1e-12 {
            break;
        }
        p *= lambda / f64::from(k);
    }
    table
}
