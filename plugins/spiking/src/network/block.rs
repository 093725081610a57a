//! Block counterparts of the per-step spiking systems: the network advanced
//! [`BlockPlan::steps`] quiet steps per system call ([`neurarium_sim::block`]).
//!
//! Why a region may run ahead of the others: a spike emitted at step `t` over a projection with
//! delay `d` steps arrives at step `t + d`, and every `d ≥ d_min`, the shortest delay in the
//! network. In a block of `k ≤ d_min` steps no spike emitted within the block arrives within
//! it, so the input of every step of the block is in the delay rings before the block starts.
//! Hence, per block:
//!
//! 1. [`advance_regions`] runs each region of model `M` through all `k` steps on its own: add
//!    background input, take the ring slot and integrate, fire, and keep who fired at each
//!    step ([`FiredInBlock`](crate::network::region::FiredInBlock)); [`advance_poisson_sources`] does
//!    the same for Poisson sources.
//! 2. [`record_block`] feeds each step's spikes to the rate counters, rasters and rate
//!    monitors.
//! 3. [`propagate_block`] sends each step's spikes into the target rings, step by step and in
//!    projection order within a step, so each ring slot sums the same numbers in the same
//!    order as step-by-step stepping does: results are the same bit for bit.
//! 4. [`decay_dopamine_block`]: `k` steps of decay.
//!
//! Metrics rows are never written inside a block, so the `Record` systems have no
//! counterpart. Regions are independent within a step, so the only difference to step-by-step
//! stepping is which fault is named when several regions blow up in one block (the first
//! region's, in query order, rather than the earliest step's); a region stops at its faulty
//! step.

use bevy::prelude::*;
use neurarium_sim::fault::SimFault;
use neurarium_sim::prelude::{BlockPlan, LearningRate, SimClock};

use crate::coding::poisson::PoissonSource;
use crate::models::dynamics::{NeuronDynamics, integrate_region};
use crate::monitors::monitor::{MonitoredRegions, monitor_step};
use crate::network::region::{Region, Spikes};
use crate::plasticity::dopamine::Dopamine;
use crate::synapses::delay::DelayRing;
use crate::synapses::poisson_input::PoissonInput;
use crate::synapses::projection::{ProjectionLink, Synapses, transmit_step};
use crate::synapses::stp::ShortTermState;

/// The longest block a network with these projection delays (steps) allows: the shortest
/// delay; without projections, [`UNCONNECTED_BLOCK_STEPS`].
pub fn max_block_steps(delays: impl IntoIterator<Item = u32>) -> u64 {
    delays
        .into_iter()
        .min()
        .map_or(UNCONNECTED_BLOCK_STEPS, u64::from)
}

/// Block length for a network without projections: long enough to amortise the dispatch, short
/// enough that a paced window still meets its frame deadline.
pub const UNCONNECTED_BLOCK_STEPS: u64 = 64;

/// `Integrate` (block): each region of model `M` through every step of the block.
pub fn advance_regions<M: NeuronDynamics>(
    plan: Res<BlockPlan>,
    learning: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
    mut regions: Query<(
        &Region,
        &mut M,
        &mut DelayRing,
        &mut Spikes,
        Option<&mut PoissonInput>,
    )>,
) {
    for (region, mut neurons, mut ring, mut spikes, mut input) in &mut regions {
        let spikes = &mut *spikes;
        spikes.block.clear();
        for step in plan.step_range() {
            if let Some(input) = input.as_deref_mut() {
                // A modulated network never steps in blocks: no noise factor but 1 here.
                input.add_to_ring(&mut ring, step, &learning, 1.0);
            }
            if !integrate_region(step, region, &mut *neurons, &mut ring, &mut fault) {
                break; // the run stops after this step
            }
            neurons.fire(&mut spikes.fired);
            spikes.block.push(&spikes.fired);
        }
    }
}

/// `Spike` (block): each Poisson source through every step of the block.
pub fn advance_poisson_sources(
    plan: Res<BlockPlan>,
    clock: Res<SimClock>,
    mut sources: Query<(&mut PoissonSource, &mut Spikes)>,
) {
    for (mut source, mut spikes) in &mut sources {
        let spikes = &mut *spikes;
        spikes.block.clear();
        for _ in plan.step_range() {
            source.fire(clock.dt_ms, &mut spikes.fired);
            spikes.block.push(&spikes.fired);
        }
    }
}

/// `Spike` (block, after firing): rate counters, rasters and rate monitors, step by step.
pub fn record_block(plan: Res<BlockPlan>, mut regions: MonitoredRegions) {
    for (region, mut spikes, mut raster, mut rate) in &mut regions {
        let spikes = &mut *spikes;
        for (s, step) in plan.step_range().enumerate() {
            let fired = spikes.block.at(s);
            let count = fired.len();
            monitor_step(
                step,
                region.size,
                fired,
                raster.as_deref_mut(),
                rate.as_deref_mut(),
            );
            spikes.count_step(count);
        }
    }
}

/// `Spike` (block, last): every step's spikes into the target rings, in step order.
pub fn propagate_block(
    plan: Res<BlockPlan>,
    clock: Res<SimClock>,
    mut projections: Query<(&ProjectionLink, &Synapses, Option<&mut ShortTermState>)>,
    spikes: Query<&Spikes>,
    mut rings: Query<&mut DelayRing>,
) {
    for (s, step) in plan.step_range().enumerate() {
        let at_step = SimClock {
            dt_ms: clock.dt_ms,
            step,
        };
        for (link, synapses, mut short_term) in &mut projections {
            let Ok(source) = spikes.get(link.source) else {
                continue;
            };
            let fired = source.block.at(s);
            if fired.is_empty() {
                continue;
            }
            if let Ok(mut ring) = rings.get_mut(link.target) {
                let short_term = short_term.as_deref_mut();
                // A modulated network never steps in blocks: no gain but 1 here.
                transmit_step(
                    link,
                    synapses,
                    short_term,
                    (fired, 1.0),
                    &at_step,
                    &mut ring,
                );
            }
        }
    }
}

/// `Modulate` (block): the dopamine level decays over every step of the block.
pub fn decay_dopamine_block(
    plan: Res<BlockPlan>,
    clock: Res<SimClock>,
    mut dopamine: ResMut<Dopamine>,
) {
    for _ in plan.step_range() {
        dopamine.decay(clock.dt_ms);
    }
}
