//! Axonal delays: a ring buffer of future synaptic input per target region.
//!
//! Slot `s mod L` of a region's ring holds the summed synaptic input (mV) that arrives at
//! step `s`, where `L = max delay + 1` over the projections into the region. A spike emitted
//! at step `t` on a projection with delay `d ≥ 1` steps is added to slot `(t + d) mod L`; at
//! step `t + d`, in `Deliver`, the slot becomes the region's input and is cleared. So a
//! spike arrives exactly `d` steps after it was emitted.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Future synaptic input of one region.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DelayRing {
    slots: Vec<Vec<f32>>,
}

impl DelayRing {
    /// A ring for `size` neurons and delays up to `max_delay_steps`.
    pub fn new(size: u32, max_delay_steps: u32) -> Self {
        Self {
            slots: vec![vec![0.0; size as usize]; max_delay_steps as usize + 1],
        }
    }

    /// The longest delay the ring can hold, in steps.
    pub fn max_delay_steps(&self) -> u32 {
        (self.slots.len() - 1) as u32
    }

    /// The input slot of step `step`, to add into.
    pub fn slot_mut(&mut self, step: u64) -> &mut [f32] {
        let len = self.slots.len() as u64;
        &mut self.slots[(step % len) as usize]
    }

    /// Moves the input of step `step` into `input` (overwriting it) and clears the slot.
    pub fn take_into(&mut self, step: u64, input: &mut Vec<f32>) {
        let slot = self.slot_mut(step);
        input.clear();
        input.extend_from_slice(slot);
        slot.fill(0.0);
    }
}

/// `Deliver`: this step's slot becomes each LIF region's synaptic input.
pub fn deliver_input(
    clock: Res<neurarium_sim::prelude::SimClock>,
    mut regions: Query<(&mut DelayRing, &mut crate::lif::LifNeurons)>,
) {
    for (mut ring, mut neurons) in &mut regions {
        ring.take_into(clock.step, &mut neurons.input);
    }
}
