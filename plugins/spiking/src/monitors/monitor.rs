//! Monitors: what panels and probes read.
//!
//! - [`SpikeRaster`] keeps the spikes of the last `window_steps` steps of one region as
//!   `(step, neuron)` events, oldest first, for the raster plot.
//! - [`PopulationRate`] keeps the region's mean rate per neuron in bins of `bin_steps`
//!   (`spikes / (size · bin duration)`, Hz), the last `capacity` bins.
//! - [`StateProbe`] keeps the membrane potential (mV) of chosen neurons at every step, the
//!   last `capacity` steps; a scene names them in a region's `probes`, a panel may add more
//!   (after [`crate::models::schedule_all_probes`] if the scene had none).

use std::collections::VecDeque;

use bevy::prelude::*;
use neurarium_sim::prelude::{Metrics, SimClock};

use crate::models::dynamics::NeuronDynamics;
use crate::monitors::V_MV;
use crate::network::region::{Region, Spikes};

/// Bin width of the population rate monitor, ms: 500 samples a second, so spectra reach
/// 250 Hz, above the gamma band.
pub const POPULATION_RATE_BIN_MS: f64 = 2.0;
/// Bins kept by the population rate monitor (about 8 s at 2 ms).
pub const POPULATION_RATE_BINS: usize = 4096;
/// Steps kept by a state probe.
pub const PROBE_STEPS: usize = 20_000;

/// Recent spikes of a region.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct SpikeRaster {
    /// How many steps of history are kept.
    pub window_steps: u64,
    /// `(step, neuron index)`, oldest first.
    pub events: VecDeque<(u64, u32)>,
    /// Births and deaths of neurons (regions with growth), oldest first.
    pub marks: VecDeque<RasterMark>,
}

/// A neuron born or dead, drawn in the raster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RasterMark {
    /// The step.
    pub step: u64,
    /// The neuron.
    pub neuron: u32,
    /// Born (true) or died.
    pub born: bool,
}

impl SpikeRaster {
    /// An empty raster keeping `window_steps` steps.
    pub fn new(window_steps: u64) -> Self {
        Self {
            window_steps,
            events: VecDeque::new(),
            marks: VecDeque::new(),
        }
    }

    /// Marks the births `born` and deaths `died` of `step`.
    pub fn mark(&mut self, step: u64, born: &[u32], died: &[u32]) {
        for (neurons, born) in [(born, true), (died, false)] {
            self.marks.extend(
                neurons
                    .iter()
                    .map(|&neuron| RasterMark { step, neuron, born }),
            );
        }
    }

    /// Appends the spikes of `step` and forgets those older than the window.
    pub fn push(&mut self, step: u64, fired: &[u32]) {
        self.events.extend(fired.iter().map(|&i| (step, i)));
        let oldest_kept = step.saturating_sub(self.window_steps.saturating_sub(1));
        while self.events.front().is_some_and(|&(s, _)| s < oldest_kept) {
            self.events.pop_front();
        }
        while self.marks.front().is_some_and(|m| m.step < oldest_kept) {
            self.marks.pop_front();
        }
    }
}

/// A region's mean firing rate over time.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct PopulationRate {
    /// Steps per bin.
    pub bin_steps: u64,
    /// Bin width, ms.
    pub bin_ms: f64,
    /// Bins kept.
    pub capacity: usize,
    /// Completed bins, oldest first, Hz.
    pub bins: VecDeque<f32>,
    spikes_in_bin: u64,
    steps_in_bin: u64,
}

impl PopulationRate {
    /// A monitor with bins of about `bin_ms` (whole steps of `dt_ms`).
    pub fn new(bin_ms: f64, dt_ms: f64, capacity: usize) -> Self {
        let bin_steps = crate::network::spec::whole_steps(bin_ms, dt_ms);
        Self {
            bin_steps,
            bin_ms: bin_steps as f64 * dt_ms,
            capacity,
            bins: VecDeque::with_capacity(capacity),
            spikes_in_bin: 0,
            steps_in_bin: 0,
        }
    }

    /// Takes in one step with `spikes` spikes from `size` neurons.
    pub fn push(&mut self, spikes: usize, size: u32) {
        self.spikes_in_bin += spikes as u64;
        self.steps_in_bin += 1;
        if self.steps_in_bin < self.bin_steps {
            return;
        }
        let seconds = self.bin_ms / 1000.0;
        let rate = self.spikes_in_bin as f64 / (f64::from(size.max(1)) * seconds);
        if self.bins.len() == self.capacity {
            self.bins.pop_front();
        }
        self.bins.push_back(rate as f32);
        self.spikes_in_bin = 0;
        self.steps_in_bin = 0;
    }
}

/// Membrane potentials of chosen neurons of a region, step by step.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct StateProbe {
    /// The probed neurons.
    pub neurons: Vec<u32>,
    /// The first this many neurons (the scene's) also go into the metrics; neurons added
    /// later do not, since metrics columns are fixed after the first row.
    pub recorded: usize,
    /// Steps kept.
    pub capacity: usize,
    /// The step of each sample, oldest first.
    pub steps: VecDeque<u64>,
    /// Per probed neuron, its potential at each kept step, mV.
    pub traces: Vec<VecDeque<f32>>,
}

impl StateProbe {
    /// A probe of `neurons` keeping `capacity` steps.
    pub fn new(neurons: Vec<u32>, capacity: usize) -> Self {
        Self {
            traces: vec![VecDeque::new(); neurons.len()],
            recorded: neurons.len(),
            neurons,
            capacity,
            steps: VecDeque::new(),
        }
    }

    /// A probe added while the run goes on (by a panel): it keeps the potentials but writes
    /// no metrics columns, which are fixed after the first row.
    pub fn unrecorded(neurons: Vec<u32>, capacity: usize) -> Self {
        Self {
            recorded: 0,
            ..Self::new(neurons, capacity)
        }
    }

    /// Starts probing `neuron` too (no effect if it is probed already).
    pub fn add(&mut self, neuron: u32) {
        if !self.neurons.contains(&neuron) {
            self.neurons.push(neuron);
            self.traces
                .push(std::iter::repeat_n(f32::NAN, self.steps.len()).collect());
        }
    }

    /// Records the potentials `v` at `step`.
    pub fn push(&mut self, step: u64, v: &[f32]) {
        if self.steps.len() == self.capacity {
            self.steps.pop_front();
            self.traces.iter_mut().for_each(|t| {
                t.pop_front();
            });
        }
        self.steps.push_back(step);
        for (trace, &i) in self.traces.iter_mut().zip(&self.neurons) {
            trace.push_back(v.get(i as usize).copied().unwrap_or(f32::NAN));
        }
    }
}

/// Regions with their spikes and the monitors fed from them.
pub type MonitoredRegions<'w, 's> = Query<
    'w,
    's,
    (
        &'static Region,
        &'static mut Spikes,
        Option<&'static mut SpikeRaster>,
        Option<&'static mut PopulationRate>,
    ),
>;

/// `Spike` (after firing): counts spikes for the rate metrics, fills rasters and rate monitors.
pub fn record_spikes(clock: Res<SimClock>, mut regions: MonitoredRegions) {
    for (region, mut spikes, mut raster, mut rate) in &mut regions {
        let spikes = &mut *spikes;
        spikes.count_step(spikes.fired.len());
        monitor_step(
            clock.step,
            region.size,
            &spikes.fired,
            raster.as_deref_mut(),
            rate.as_deref_mut(),
        );
    }
}

/// Feeds one step's spikes `fired` of a region of `size` neurons to its raster and rate monitor.
pub fn monitor_step(
    step: u64,
    size: u32,
    fired: &[u32],
    raster: Option<&mut SpikeRaster>,
    rate: Option<&mut PopulationRate>,
) {
    if let Some(raster) = raster {
        raster.push(step, fired);
    }
    if let Some(rate) = rate {
        rate.push(fired.len(), size);
    }
}

/// `Record`: probes of regions with model `M` sample their neurons every step; an open
/// metrics row gets a column `v_mv/R/i` per neuron `i` probed from the scene.
pub fn probe_state<M: NeuronDynamics>(
    clock: Res<SimClock>,
    mut metrics: ResMut<Metrics>,
    mut probes: Query<(&Region, &M, &mut StateProbe)>,
) {
    for (region, neurons, mut probe) in &mut probes {
        let v = neurons.potentials();
        probe.push(clock.step, v);
        if metrics.row_open() {
            for &i in &probe.neurons[..probe.recorded] {
                let value = v.get(i as usize).map_or(f64::NAN, |&x| f64::from(x));
                metrics.set_in(&V_MV, &format!("{}/{i}", region.name), value);
            }
        }
    }
}
