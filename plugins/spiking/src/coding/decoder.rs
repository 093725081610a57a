//! Decoders: what a task reads from a region in `Act`.
//!
//! A region's `readout` (scene) makes it an output port of the brain ([`OutputPort`], named
//! after the region) with a [`Readout`] decoder, updated every step in `Act`
//! (`ActSet::Decode`):
//!
//! - **SpikeCounts**: spikes per neuron are counted over windows of `window_ms`; at the end
//!   of each window `values[i]` becomes neuron `i`'s count and counting restarts.
//! - **WinnerTakeAll**: the region is cut into `pools` equal, consecutive motor pools (pool
//!   `k` is neurons `k·n/pools .. (k+1)·n/pools`); at the end of each window `values[k]` is
//!   pool `k`'s spike count and the port's `choice` the pool with the most spikes (the lowest
//!   index on a tie; none when no pool fired). Metrics column `winner/R` (−1: none).
//! - **Membrane**: `values[i]` is neuron `i`'s membrane potential (mV), every step.
//! - **SynapticCurrent**: `values[i]` is neuron `i`'s spike train filtered as a synapse
//!   would see it, `τ ds/dt = −s`, `s ← s + 1` at each spike (so `s/τ` estimates the rate,
//!   1/ms), every step.
//!
//! `ready` is true in the step a window closes (always for the per-step readouts), so a task
//! acting once per window knows when to read.

use bevy::prelude::*;
use neurarium_sim::metrics::ColumnFamily;
use neurarium_sim::prelude::{ActSet, Metrics, RecordSet, schedule_once};
use neurarium_sim::protocol::ports::{OutputPort, PortDecl, PortDirection};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;
use crate::models::dynamics::NeuronDynamics;
use crate::network::region::{Region, Spikes};
use crate::plugin::SpikingSystems;

/// What a region's readout reports, as written in a scene.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum ReadoutKind {
    /// No readout.
    #[default]
    None,
    /// Spikes per neuron over each window.
    SpikeCounts {
        /// Window, ms.
        window_ms: f64,
    },
    /// Spikes per motor pool over each window, and the winning pool.
    WinnerTakeAll {
        /// Number of equal, consecutive pools.
        pools: u32,
        /// Window, ms.
        window_ms: f64,
    },
    /// Membrane potentials, mV.
    Membrane,
    /// Exponentially filtered spike trains.
    SynapticCurrent {
        /// Filter time constant, ms.
        tau_ms: f64,
    },
}

impl ReadoutKind {
    /// Checks the values against a region of `size` neurons; the error names the field.
    pub fn validate(&self, size: u32) -> Result<(), InvalidParam> {
        match *self {
            ReadoutKind::None | ReadoutKind::Membrane => Ok(()),
            ReadoutKind::SpikeCounts { window_ms } => {
                InvalidParam::positive("readout.SpikeCounts.window_ms", window_ms)
            }
            ReadoutKind::WinnerTakeAll { pools, window_ms } => {
                InvalidParam::check(
                    pools >= 1 && size.is_multiple_of(pools),
                    "readout.WinnerTakeAll.pools",
                    || format!("must be at least 1 and divide the region size {size}, got {pools}"),
                )?;
                InvalidParam::positive("readout.WinnerTakeAll.window_ms", window_ms)
            }
            ReadoutKind::SynapticCurrent { tau_ms } => {
                InvalidParam::positive("readout.SynapticCurrent.tau_ms", tau_ms)
            }
        }
    }
}

/// A region's decoder: what it decodes and its running counts. Its output is the region's
/// [`OutputPort`].
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readout {
    /// What is decoded.
    pub kind: ReadoutKind,
    /// Window length in steps (counting readouts).
    pub window_steps: u64,
    /// Steps into the current window.
    pub steps_in_window: u64,
    /// Spikes per neuron in the current window.
    pub counts: Vec<u32>,
    decay: f32,
}

impl Readout {
    /// The decoder and output port of a region `name` of `size` neurons at step `dt_ms`;
    /// `None` for no readout.
    pub fn new(
        kind: &ReadoutKind,
        name: &str,
        size: u32,
        dt_ms: f64,
    ) -> Option<(Self, OutputPort)> {
        let steps = |ms: f64| crate::network::spec::whole_steps(ms, dt_ms);
        let (window_steps, outputs, decay) = match *kind {
            ReadoutKind::None => return None,
            ReadoutKind::SpikeCounts { window_ms } => (steps(window_ms), size, 1.0),
            ReadoutKind::WinnerTakeAll { pools, window_ms } => (steps(window_ms), pools, 1.0),
            ReadoutKind::Membrane => (1, size, 1.0),
            ReadoutKind::SynapticCurrent { tau_ms } => (1, size, (-dt_ms / tau_ms).exp() as f32),
        };
        let readout = Self {
            kind: kind.clone(),
            window_steps,
            steps_in_window: 0,
            counts: vec![0; size as usize],
            decay,
        };
        Some((readout, OutputPort::new(name, outputs as usize)))
    }

    /// Takes in one step's spikes, updating `port`.
    pub fn observe(&mut self, fired: &[u32], port: &mut OutputPort) {
        match self.kind {
            ReadoutKind::None | ReadoutKind::Membrane => port.ready = true,
            ReadoutKind::SynapticCurrent { .. } => {
                let decay = self.decay;
                port.values.iter_mut().for_each(|s| *s *= decay);
                for &i in fired {
                    port.values[i as usize] += 1.0;
                }
                port.ready = true;
            }
            ReadoutKind::SpikeCounts { .. } | ReadoutKind::WinnerTakeAll { .. } => {
                for &i in fired {
                    self.counts[i as usize] += 1;
                }
                self.steps_in_window += 1;
                port.ready = self.steps_in_window >= self.window_steps;
                if port.ready {
                    self.close_window(port);
                }
            }
        }
    }

    fn close_window(&mut self, port: &mut OutputPort) {
        let pools = port.values.len();
        let per_pool = self.counts.len() / pools.max(1);
        for (value, pool) in port
            .values
            .iter_mut()
            .zip(self.counts.chunks(per_pool.max(1)))
        {
            *value = pool.iter().sum::<u32>() as f32;
        }
        if matches!(self.kind, ReadoutKind::WinnerTakeAll { .. }) {
            let best = port.values.iter().copied().fold(0.0f32, f32::max);
            port.choice = (best > 0.0)
                .then(|| port.values.iter().position(|&v| v == best))
                .flatten()
                .map(|k| k as u32);
        }
        self.counts.iter_mut().for_each(|c| *c = 0);
        self.steps_in_window = 0;
    }

    /// The port a region with readout `kind` offers, for a task's checks at load.
    pub fn port_decl(kind: &ReadoutKind, name: &str, size: u32) -> Option<PortDecl> {
        let (width, choices, what) = match *kind {
            ReadoutKind::None => return None,
            ReadoutKind::SpikeCounts { .. } => (size, None, "SpikeCounts readout"),
            ReadoutKind::WinnerTakeAll { pools, .. } => {
                (pools, Some(pools), "WinnerTakeAll readout")
            }
            ReadoutKind::Membrane => (size, None, "Membrane readout"),
            ReadoutKind::SynapticCurrent { .. } => (size, None, "SynapticCurrent readout"),
        };
        Some(PortDecl {
            name: name.to_owned(),
            direction: PortDirection::Output,
            width: width as usize,
            choices,
            answers: 0,
            what: what.to_owned(),
        })
    }
}

/// `Act`: every readout takes in this step's spikes.
pub fn decode_spikes(mut readouts: Query<(&mut Readout, &mut OutputPort, &Spikes)>) {
    for (mut readout, mut port, spikes) in &mut readouts {
        readout.observe(&spikes.fired, &mut port);
    }
}

/// `Act`: membrane readouts of regions with model `M` copy the potentials.
pub fn decode_membrane<M: NeuronDynamics>(mut readouts: Query<(&Readout, &mut OutputPort, &M)>) {
    for (readout, mut port, neurons) in &mut readouts {
        if readout.kind == ReadoutKind::Membrane {
            port.values.copy_from_slice(neurons.potentials());
        }
    }
}

/// The winning pool of a winner-take-all readout at the end of the row's step.
pub const WINNER: ColumnFamily = ColumnFamily {
    prefix: "winner",
    key: "region",
    unit: "1",
    description: "the pool of the region's WinnerTakeAll readout that won the last window, from 0 (−1: no pool fired)",
};

/// `Record`: the winner of each winner-take-all readout, column `winner/R` (−1: none).
pub fn record_winners(
    mut metrics: ResMut<Metrics>,
    readouts: Query<(&Region, &Readout, &OutputPort)>,
) {
    if !metrics.row_open() {
        return;
    }
    let mut readouts: Vec<_> = readouts
        .iter()
        .filter(|(_, r, _)| matches!(r.kind, ReadoutKind::WinnerTakeAll { .. }))
        .collect();
    readouts.sort_by_key(|(region, _, _)| region.index);
    for (region, _, port) in readouts {
        let winner = port.choice.map_or(-1.0, f64::from);
        metrics.set_in(&WINNER, &region.name, winner);
    }
}

/// Schedules the readout systems (once per scene): decoding in `ActSet::Decode`, before the
/// membrane readouts of each model, and the `winner/R` columns in `RecordSet::Readouts`.
pub fn schedule_readouts(world: &mut World) {
    schedule_once(
        world,
        "readouts",
        (
            decode_spikes
                .before(SpikingSystems::Decode(0))
                .in_set(ActSet::Decode),
            record_winners.in_set(RecordSet::Readouts),
        ),
    );
}
