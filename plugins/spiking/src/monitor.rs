//! Monitors: what panels and probes read.
//!
//! [`SpikeRaster`] keeps the spikes of the last `window_steps` steps of one region as
//! `(step, neuron)` events, oldest first, for the raster plot.

use std::collections::VecDeque;

use bevy::prelude::*;
use neurarium_sim::prelude::SimClock;

use crate::region::Spikes;

/// Recent spikes of a region.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct SpikeRaster {
    /// How many steps of history are kept.
    pub window_steps: u64,
    /// `(step, neuron index)`, oldest first.
    pub events: VecDeque<(u64, u32)>,
}

impl SpikeRaster {
    /// An empty raster keeping `window_steps` steps.
    pub fn new(window_steps: u64) -> Self {
        Self {
            window_steps,
            events: VecDeque::new(),
        }
    }

    /// Appends the spikes of `step` and forgets those older than the window.
    pub fn push(&mut self, step: u64, fired: &[u32]) {
        self.events.extend(fired.iter().map(|&i| (step, i)));
        let oldest_kept = step.saturating_sub(self.window_steps.saturating_sub(1));
        while self.events.front().is_some_and(|&(s, _)| s < oldest_kept) {
            self.events.pop_front();
        }
    }
}

/// `Spike` (after firing): counts spikes for the rate metrics and fills the rasters.
pub fn record_spikes(
    clock: Res<SimClock>,
    mut regions: Query<(&mut Spikes, Option<&mut SpikeRaster>)>,
) {
    for (mut spikes, raster) in &mut regions {
        spikes.since_row += spikes.fired.len() as u64;
        spikes.steps_since_row += 1;
        if let Some(mut raster) = raster {
            raster.push(clock.step, &spikes.fired);
        }
    }
}
