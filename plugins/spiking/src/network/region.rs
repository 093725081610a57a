//! Regions: named populations, and the spikes they emit.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// A population of neurons. Its neurons are indexed `0..size`.
#[derive(Component, Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Unique name, as written in the scene.
    pub name: String,
    /// Number of neurons.
    pub size: u32,
    /// Position in the scene's region list; panels show regions in this order.
    pub index: u32,
    /// A short description of the neuron model, for panels ("LIF", "Poisson 15 Hz").
    pub model: String,
}

impl Region {
    /// The spawned region named `name`: its entity and component.
    pub fn find<'w>(world: &'w mut World, name: &str) -> Option<(Entity, &'w Region)> {
        let entity = world
            .query::<(Entity, &Region)>()
            .iter(world)
            .find(|(_, region)| region.name == name)
            .map(|(entity, _)| entity)?;
        Some((entity, world.get::<Region>(entity)?))
    }
}

/// The spikes of a region: who fired this step, and counts for the rate metrics.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Spikes {
    /// Indices of the neurons that fired during the current step, ascending.
    pub fired: Vec<u32>,
    /// Spikes since the last metrics row.
    pub since_row: u64,
    /// Steps since the last metrics row.
    pub steps_since_row: u64,
    /// During a block of steps ([`crate::network::block`]): who fired at each step of the block.
    #[serde(skip)]
    pub block: FiredInBlock,
}

/// The spikes of a region at each step of a block, in step order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FiredInBlock {
    neurons: Vec<u32>,
    /// `neurons[ends[s − 1]..ends[s]]` fired at step `s` of the block.
    ends: Vec<usize>,
}

impl FiredInBlock {
    /// Forgets the previous block.
    pub fn clear(&mut self) {
        self.neurons.clear();
        self.ends.clear();
    }

    /// Appends the spikes of the next step.
    pub fn push(&mut self, fired: &[u32]) {
        self.neurons.extend_from_slice(fired);
        self.ends.push(self.neurons.len());
    }

    /// Who fired at step `s` of the block (empty past the steps pushed).
    pub fn at(&self, s: usize) -> &[u32] {
        let Some(&end) = self.ends.get(s) else {
            return &[];
        };
        let start = if s == 0 { 0 } else { self.ends[s - 1] };
        &self.neurons[start..end]
    }
}

impl Spikes {
    /// Counts one step's `fired` spikes for the rate metrics.
    pub fn count_step(&mut self, fired: usize) {
        self.since_row += fired as u64;
        self.steps_since_row += 1;
    }

    /// Mean firing rate per neuron since the last row, in Hz.
    pub fn rate_hz(&self, size: u32, dt_ms: f64) -> f64 {
        let seconds = self.steps_since_row as f64 * dt_ms / 1000.0;
        if seconds <= 0.0 || size == 0 {
            0.0
        } else {
            self.since_row as f64 / (f64::from(size) * seconds)
        }
    }
}
