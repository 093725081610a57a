//! Projections: synapses from one region to another, stored as CSR arrays.
//!
//! The synapses of presynaptic neuron `i` are the rows `row_offsets[i] .. row_offsets[i+1]`
//! of `targets` (postsynaptic index) and `weights` (mV). A spike of neuron `i` at step `t`
//! adds each of its weights to the target's delay ring slot `t + delay_steps`
//! ([`crate::delay`]), touching only the synapses of neurons that fired.

use bevy::prelude::*;
use neurarium_sim::prelude::SimClock;
use rand::Rng;
use rand::seq::index::sample;
use rand_distr::{Distribution, Geometric, Normal};
use serde::{Deserialize, Serialize};

use crate::delay::{DelayRing, Receptor};
use crate::error::InvalidParam;
use crate::region::Spikes;

/// Which pairs of neurons are connected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Connectivity {
    /// Every source neuron to every target neuron.
    AllToAll,
    /// Source `i` to target `i`; the regions must have equal sizes.
    OneToOne,
    /// Each pair independently with this probability (0 to 1).
    FixedProbability(f64),
    /// Each target receives exactly this many distinct, randomly chosen sources.
    FixedInDegree(u32),
}

impl Default for Connectivity {
    fn default() -> Self {
        Connectivity::FixedProbability(0.1)
    }
}

impl Connectivity {
    /// Checks the value; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        match self {
            Connectivity::FixedProbability(p) => {
                InvalidParam::check((0.0..=1.0).contains(p), "connectivity", || {
                    format!("FixedProbability must be between 0 and 1, got {p}")
                })
            }
            _ => Ok(()),
        }
    }
}

/// How initial weights are drawn, in mV.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum WeightInit {
    /// Every weight equal to this value.
    Constant(f64),
    /// Uniform in `[low, high)`.
    Uniform(f64, f64),
    /// Normal with this mean and standard deviation.
    Normal(f64, f64),
}

impl Default for WeightInit {
    fn default() -> Self {
        WeightInit::Constant(1.0)
    }
}

impl WeightInit {
    /// Checks the values; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        match *self {
            WeightInit::Constant(w) => InvalidParam::finite("weight", w),
            WeightInit::Uniform(low, high) => InvalidParam::check(
                low.is_finite() && high.is_finite() && low < high,
                "weight",
                || format!("Uniform needs finite low < high, got ({low}, {high})"),
            ),
            WeightInit::Normal(mean, sd) => InvalidParam::check(
                mean.is_finite() && sd.is_finite() && sd >= 0.0,
                "weight",
                || {
                    format!(
                        "Normal needs a finite mean and a standard deviation ≥ 0, got ({mean}, {sd})"
                    )
                },
            ),
        }
    }

    /// The smallest weight this distribution can draw (−∞ for a normal with sd > 0).
    pub fn minimum(&self) -> f64 {
        match *self {
            WeightInit::Constant(w) => w,
            WeightInit::Uniform(low, _) => low,
            WeightInit::Normal(mean, 0.0) => mean,
            WeightInit::Normal(..) => f64::NEG_INFINITY,
        }
    }

    fn draw(&self, rng: &mut impl Rng) -> f32 {
        match *self {
            WeightInit::Constant(w) => w as f32,
            WeightInit::Uniform(low, high) => rng.random_range(low..high) as f32,
            WeightInit::Normal(mean, sd) => {
                Normal::new(mean, sd).map_or(mean, |n| n.sample(rng)) as f32
            }
        }
    }
}

/// The regions a projection links, and its delay.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct ProjectionLink {
    /// A readable name, `"source→target"`.
    pub name: String,
    /// Position in the scene's list of projections.
    pub index: u32,
    /// The presynaptic region entity.
    pub source: Entity,
    /// The postsynaptic region entity.
    pub target: Entity,
    /// Axonal delay in whole steps, at least 1.
    pub delay_steps: u32,
    /// The synaptic channel of the target that the synapses feed.
    pub receptor: Receptor,
}

/// The synapses of a projection in CSR form.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synapses {
    /// Start of each presynaptic neuron's row; length `source size + 1`.
    pub row_offsets: Vec<u32>,
    /// Postsynaptic index of each synapse.
    pub targets: Vec<u32>,
    /// Weight of each synapse, mV.
    pub weights: Vec<f32>,
}

impl Synapses {
    /// Draws the synapses between `n_source` and `n_target` neurons.
    pub fn build(
        connectivity: &Connectivity,
        weight: &WeightInit,
        n_source: u32,
        n_target: u32,
        rng: &mut impl Rng,
    ) -> Self {
        let mut rows: Vec<Vec<u32>> = vec![Vec::new(); n_source as usize];
        match *connectivity {
            Connectivity::AllToAll => rows.iter_mut().for_each(|row| row.extend(0..n_target)),
            Connectivity::OneToOne => {
                for (i, row) in rows.iter_mut().enumerate().take(n_target as usize) {
                    row.push(i as u32);
                }
            }
            Connectivity::FixedProbability(p) => {
                // Gaps between connected targets are geometric: O(synapses) draws, not O(n²).
                if let Ok(gap) = Geometric::new(p) {
                    for row in &mut rows {
                        let mut next = gap.sample(rng);
                        while next < u64::from(n_target) {
                            row.push(next as u32);
                            next += 1 + gap.sample(rng);
                        }
                    }
                }
            }
            Connectivity::FixedInDegree(k) => {
                for post in 0..n_target {
                    for pre in sample(rng, n_source as usize, (k.min(n_source)) as usize) {
                        rows[pre].push(post);
                    }
                }
            }
        }
        let mut row_offsets = Vec::with_capacity(rows.len() + 1);
        let mut targets = Vec::new();
        row_offsets.push(0);
        for mut row in rows {
            row.sort_unstable();
            targets.extend_from_slice(&row);
            row_offsets.push(targets.len() as u32);
        }
        let weights = (0..targets.len()).map(|_| weight.draw(rng)).collect();
        Self {
            row_offsets,
            targets,
            weights,
        }
    }

    /// Number of synapses.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there are no synapses.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Adds the weights of the synapses of every neuron in `fired` into `slot`.
    pub fn transmit(&self, fired: &[u32], slot: &mut [f32]) {
        for &pre in fired {
            let start = self.row_offsets[pre as usize] as usize;
            let end = self.row_offsets[pre as usize + 1] as usize;
            for (&post, &w) in self.targets[start..end]
                .iter()
                .zip(&self.weights[start..end])
            {
                slot[post as usize] += w;
            }
        }
    }
}

/// `Spike` (after firing): queues this step's spikes on every projection.
pub fn propagate_spikes(
    clock: Res<SimClock>,
    projections: Query<(&ProjectionLink, &Synapses)>,
    spikes: Query<&Spikes>,
    mut rings: Query<&mut DelayRing>,
) {
    for (link, synapses) in &projections {
        let Ok(source) = spikes.get(link.source) else {
            continue;
        };
        if source.fired.is_empty() {
            continue;
        }
        if let Ok(mut ring) = rings.get_mut(link.target) {
            synapses.transmit(
                &source.fired,
                ring.slot_mut(clock.step + u64::from(link.delay_steps), link.receptor),
            );
        }
    }
}
