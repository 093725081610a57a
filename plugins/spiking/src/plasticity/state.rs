//! The state every plastic projection keeps, whatever its rule: traces, eligibility,
//! thresholds, and the transpose of its synapses for postsynaptic updates.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::plasticity::Plasticity;
use crate::plasticity::eligible_rows::EligibleRows;
use crate::synapses::projection::Synapses;
use crate::synapses::restructure::SynapseRemap;

/// The synapses into each target neuron: the transpose of a projection's CSR.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct IncomingSynapses {
    /// Start of each target neuron's list; length `target size + 1`.
    pub offsets: Vec<u32>,
    /// Synapse index (into [`Synapses`]) of each entry.
    pub synapse: Vec<u32>,
    /// Source neuron of each entry.
    pub source: Vec<u32>,
}

impl IncomingSynapses {
    /// Builds the transpose of `synapses` for `n_target` target neurons.
    pub fn build(synapses: &Synapses, n_target: u32) -> Self {
        let mut counts = vec![0u32; n_target as usize + 1];
        for &post in &synapses.targets {
            counts[post as usize + 1] += 1;
        }
        for j in 0..n_target as usize {
            counts[j + 1] += counts[j];
        }
        let offsets = counts.clone();
        let mut next = counts;
        let mut synapse = vec![0u32; synapses.len()];
        let mut source = vec![0u32; synapses.len()];
        for pre in 0..synapses.row_offsets.len().saturating_sub(1) {
            let (start, end) = (synapses.row_offsets[pre], synapses.row_offsets[pre + 1]);
            for s in start..end {
                let post = synapses.targets[s as usize] as usize;
                let slot = next[post] as usize;
                synapse[slot] = s;
                source[slot] = pre as u32;
                next[post] += 1;
            }
        }
        Self {
            offsets,
            synapse,
            source,
        }
    }
}

/// Plasticity state of a projection: rule, traces, eligibility. Saved in checkpoints.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plastic {
    /// The rule and its parameters (never `Plasticity::None`).
    pub rule: Plasticity,
    /// Weights stay fixed while frozen; traces keep running.
    pub frozen: bool,
    /// Presynaptic traces x, one per source neuron (rates in Hz for BCM).
    pub pre_trace: Vec<f32>,
    /// Postsynaptic traces y, one per target neuron (rates in Hz for BCM).
    pub post_trace: Vec<f32>,
    /// Eligibility per synapse (reward-modulated only; empty otherwise).
    pub eligibility: Vec<f32>,
    /// The rows whose eligibility may be non-zero (reward-modulated only), rebuilt from
    /// `eligibility` when loaded.
    #[serde(skip)]
    pub eligible_rows: EligibleRows,
    /// Sliding modification threshold θ per target neuron, Hz (BCM only; empty otherwise).
    pub threshold: Vec<f32>,
}

impl Plastic {
    /// Fresh state for `synapses` between `n_source` and `n_target` neurons.
    pub fn new(
        rule: Plasticity,
        frozen: bool,
        n_source: u32,
        n_target: u32,
        synapses: usize,
    ) -> Self {
        let mut plastic = Self {
            rule: Plasticity::None,
            frozen,
            pre_trace: vec![0.0; n_source as usize],
            post_trace: vec![0.0; n_target as usize],
            eligibility: Vec::new(),
            eligible_rows: EligibleRows::default(),
            threshold: Vec::new(),
        };
        rule.init(&mut plastic, n_target, synapses);
        plastic.rule = rule;
        plastic
    }
}

impl Plastic {
    /// Follows a change of the projection's synapses: eligibility stays with its synapse (0
    /// for a new one); the list of eligible rows is rebuilt at its next use.
    pub fn follow(&mut self, remap: &SynapseRemap) {
        if !self.eligibility.is_empty() {
            self.eligibility = remap.carry(&self.eligibility, 0.0);
        }
        self.eligible_rows = EligibleRows::default();
    }
}

/// Freezes every plastic projection (learning off: traces run, weights stay), e.g. to evaluate
/// a trained network.
pub fn freeze_all(world: &mut World) {
    let mut plastic = world.query::<&mut Plastic>();
    for mut projection in plastic.iter_mut(world) {
        projection.frozen = true;
    }
}
