//! Projections: synapses from one region to another, stored as CSR arrays.
//!
//! The synapses of presynaptic neuron `i` are the rows `row_offsets[i] .. row_offsets[i+1]`
//! of `targets` (postsynaptic index) and `weights` (mV). A spike of neuron `i` at step `t`
//! adds each of its weights to the target's delay ring slot `t + delay_steps`
//! ([`crate::synapses::delay`]), touching only the synapses of neurons that fired. With short-term
//! plasticity ([`crate::synapses::stp`]) each spike's weights are scaled by its efficacy.
//!
//! Distance-based connectivity ([`Connectivity::Gaussian`]) places each region's neurons on a
//! [`Layout`] grid, normalised to `[0, 1]` per axis, so regions of different sizes map onto
//! each other.

use bevy::prelude::*;
use neurarium_sim::prelude::SimClock;
use rand::Rng;
use rand::seq::index::sample;
use rand_distr::{Distribution, Geometric, Normal};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::network::region::Spikes;
use crate::plasticity::modulators::{Effect, Modulated};
use crate::synapses::delay::{DelayRing, Receptor};
use crate::synapses::stp::ShortTermState;

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
    /// Distance-based receptive fields: source `i` connects to target `j` with probability
    /// `p_max · exp(−d² / (2σ²))`, where `d` is the distance between their normalised grid
    /// positions ([`Layout::position`]; both axes run from 0 to 1 in every region).
    Gaussian {
        /// Width σ of the Gaussian, in normalised units (a fraction of the region's extent),
        /// above 0.
        sigma: f64,
        /// Probability at distance 0, from 0 to 1.
        p_max: f64,
    },
    /// Every pair `i ≠ j`, no self-synapses: `n (n − 1)` synapses. Meant for a region
    /// projecting onto itself (or onto a region of the same size), usually with
    /// `receptor: Inhibitory`.
    LateralInhibition,
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
            Connectivity::Gaussian { sigma, p_max } => InvalidParam::positive("sigma", *sigma)
                .and(InvalidParam::check(
                    (0.0..=1.0).contains(p_max),
                    "p_max",
                    || format!("must be between 0 and 1, got {p_max}"),
                ))
                .map_err(|e| e.within("connectivity.Gaussian")),
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

    /// One weight drawn from the distribution.
    pub fn draw(&self, rng: &mut impl Rng) -> f32 {
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

/// Where a region's neurons lie: a grid of `columns × rows`, neuron `k` at column
/// `k % columns` and row `k / columns`. A region without a grid is a line: `size × 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Layout {
    /// Number of columns (x axis), at least 1.
    pub columns: u32,
    /// Number of rows (y axis), at least 1.
    pub rows: u32,
}

impl Layout {
    /// `size` neurons on a line.
    pub fn line(size: u32) -> Self {
        Self {
            columns: size,
            rows: 1,
        }
    }

    /// Number of neurons, `columns · rows`.
    pub fn size(&self) -> u32 {
        self.columns * self.rows
    }

    /// Normalised position of neuron `k`, each axis in `[0, 1]`: column `c` of `C` is at
    /// `c / (C − 1)` (0.5 when `C = 1`), and likewise for rows. The corners of every grid
    /// coincide, so a 28 × 28 input maps onto a 10 × 10 layer.
    pub fn position(&self, k: u32) -> (f64, f64) {
        let axis = |index: u32, count: u32| {
            if count > 1 {
                f64::from(index) / f64::from(count - 1)
            } else {
                0.5
            }
        };
        let columns = self.columns.max(1);
        (axis(k % columns, columns), axis(k / columns, self.rows))
    }
}

/// The synapses of a projection in CSR form.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Synapses {
    /// Start of each presynaptic neuron's row; length `source size + 1`.
    pub row_offsets: Vec<u32>,
    /// Postsynaptic index of each synapse.
    pub targets: Vec<u32>,
    /// Weight of each synapse, mV; empty when `shared_weight` is set.
    pub weights: Vec<f32>,
    /// The one weight of every synapse of a static projection with a constant weight
    /// ([`Synapses::share_constant_weight`]): half the memory, and half the memory traffic
    /// per synaptic event.
    pub shared_weight: Option<f32>,
}

impl Synapses {
    /// Draws the synapses between `n_source` and `n_target` neurons, each region on a line.
    pub fn build(
        connectivity: &Connectivity,
        weight: &WeightInit,
        n_source: u32,
        n_target: u32,
        rng: &mut impl Rng,
    ) -> Self {
        Self::build_on(
            connectivity,
            weight,
            Layout::line(n_source),
            Layout::line(n_target),
            rng,
        )
    }

    /// Draws the synapses between a source and a target region laid out as given (the
    /// layouts matter only to [`Connectivity::Gaussian`]).
    pub fn build_on(
        connectivity: &Connectivity,
        weight: &WeightInit,
        source: Layout,
        target: Layout,
        rng: &mut impl Rng,
    ) -> Self {
        let (n_source, n_target) = (source.size(), target.size());
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
            Connectivity::Gaussian { sigma, p_max } => {
                let targets: Vec<(f64, f64)> = (0..n_target).map(|j| target.position(j)).collect();
                let scale = -1.0 / (2.0 * sigma * sigma);
                for (i, row) in rows.iter_mut().enumerate() {
                    let (xi, yi) = source.position(i as u32);
                    for (j, &(xj, yj)) in targets.iter().enumerate() {
                        let d2 = (xi - xj).powi(2) + (yi - yj).powi(2);
                        if rng.random::<f64>() < p_max * (d2 * scale).exp() {
                            row.push(j as u32);
                        }
                    }
                }
            }
            Connectivity::LateralInhibition => {
                for (i, row) in rows.iter_mut().enumerate() {
                    row.extend((0..n_target).filter(|&j| j as usize != i));
                }
            }
        }
        let mut row_offsets = Vec::with_capacity(rows.len() + 1);
        let mut targets = Vec::with_capacity(rows.iter().map(Vec::len).sum());
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
            shared_weight: None,
        }
    }

    /// Stores one weight for all synapses if they all have the same one; for projections
    /// whose weights never change (no plasticity, no homeostasis).
    pub fn share_constant_weight(&mut self) {
        if let Some(&first) = self.weights.first()
            && self.weights.iter().all(|&w| w == first)
        {
            self.shared_weight = Some(first);
            self.weights = Vec::new();
        }
    }

    /// The weight of synapse `s`.
    pub fn weight(&self, s: usize) -> f32 {
        self.shared_weight.unwrap_or_else(|| self.weights[s])
    }

    /// Number of synapses.
    pub fn len(&self) -> usize {
        self.targets.len()
    }

    /// Whether there are no synapses.
    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }

    /// Heap memory of the CSR arrays, bytes (capacity, not just length).
    pub fn heap_bytes(&self) -> usize {
        self.row_offsets.capacity() * size_of::<u32>()
            + self.targets.capacity() * size_of::<u32>()
            + self.weights.capacity() * size_of::<f32>()
    }

    /// Adds the weights of the synapses of every neuron in `fired` into `slot`.
    pub fn transmit(&self, fired: &[u32], slot: &mut [f32]) {
        self.transmit_scaled_by(fired, std::iter::repeat(1.0), slot);
    }

    /// Like [`transmit`](Self::transmit), with the weights of `fired[k]` scaled by
    /// `scales[k]` (short-term plasticity).
    pub fn transmit_scaled(&self, fired: &[u32], scales: &[f32], gain: f32, slot: &mut [f32]) {
        self.transmit_scaled_by(fired, scales.iter().map(|&s| s * gain), slot);
    }

    fn transmit_scaled_by(
        &self,
        fired: &[u32],
        scales: impl Iterator<Item = f32>,
        slot: &mut [f32],
    ) {
        for (&pre, scale) in fired.iter().zip(scales) {
            let start = self.row_offsets[pre as usize] as usize;
            let end = self.row_offsets[pre as usize + 1] as usize;
            let targets = &self.targets[start..end];
            match self.shared_weight {
                Some(w) => {
                    let w = w * scale;
                    for &post in targets {
                        slot[post as usize] += w;
                    }
                }
                None => {
                    for (&post, &w) in targets.iter().zip(&self.weights[start..end]) {
                        slot[post as usize] += w * scale;
                    }
                }
            }
        }
    }
}

/// `Spike` (after firing): queues this step's spikes on every projection, scaled by their
/// short-term efficacy where the projection has [`ShortTermState`] and by the modulators'
/// `Gain` where it is [`Modulated`].
pub fn propagate_spikes(
    clock: Res<SimClock>,
    mut projections: Query<(
        &ProjectionLink,
        &Synapses,
        Option<&mut ShortTermState>,
        Option<&Modulated>,
    )>,
    spikes: Query<&Spikes>,
    mut rings: Query<&mut DelayRing>,
) {
    for (link, synapses, short_term, modulated) in &mut projections {
        let Ok(source) = spikes.get(link.source) else {
            continue;
        };
        if source.fired.is_empty() {
            continue;
        }
        if let Ok(mut ring) = rings.get_mut(link.target) {
            let short_term = short_term.map(Mut::into_inner);
            let gain = modulated.map_or(1.0, |m| m.factor(Effect::Gain));
            let spikes = (&source.fired[..], gain);
            transmit_step(link, synapses, short_term, spikes, &clock, &mut ring);
        }
    }
}

/// Sends the spikes `fired` of the current step of `clock` over one projection into its
/// target's delay ring, their weights times `gain`, scaled by short-term plasticity if the
/// projection has it.
pub fn transmit_step(
    link: &ProjectionLink,
    synapses: &Synapses,
    short_term: Option<&mut ShortTermState>,
    (fired, gain): (&[u32], f32),
    clock: &SimClock,
    ring: &mut DelayRing,
) {
    let slot = ring.slot_mut(clock.step + u64::from(link.delay_steps), link.receptor);
    match short_term {
        None if gain == 1.0 => synapses.transmit(fired, slot),
        None => synapses.transmit_scaled_by(fired, std::iter::repeat(gain), slot),
        Some(state) => {
            let scales = state.scales(fired, clock.step, clock.dt_ms);
            synapses.transmit_scaled(fired, scales, gain, slot);
        }
    }
}
