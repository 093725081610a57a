//! The systems of structural plasticity, scheduled only in scenes that use it (so the network
//! then steps one step at a time):
//! - `Spike`, after every model has fired and before spikes are recorded and sent:
//!   [`note_activity`] drops dead neurons' spikes and notes who fired;
//! - `Grow`, after homeostatic scaling: [`grow`] runs each region's due check (apoptosis,
//!   neurogenesis), marks births and deaths in its raster, then rewires each projection whose
//!   own check is due or one of whose regions changed;
//! - `Record`: [`record_growth`] writes `neurons/R` and `synapses/P` into an open row.
//!
//! A step with no check due costs one pass over the fired neurons and one comparison per
//! growing region and rewired projection.

use bevy::prelude::*;
use neurarium_sim::prelude::{LearningRate, Metrics, SimClock};

use crate::growth::neurons::{GrowingRegion, NeuronChanges, RecentActivity};
use crate::growth::rewiring::{End, Rewiring};
use crate::monitors::monitor::SpikeRaster;
use crate::monitors::{NEURONS, SYNAPSES};
use crate::network::region::{Region, Spikes};
use crate::plasticity::state::{IncomingSynapses, Plastic};
use crate::synapses::projection::{Layout, ProjectionLink, Synapses};

/// `Spike`: drops the spikes of dead neurons, then notes who fired.
pub fn note_activity(
    clock: Res<SimClock>,
    mut regions: Query<(&mut Spikes, Option<&mut GrowingRegion>, &mut RecentActivity)>,
) {
    for (mut spikes, growing, mut activity) in &mut regions {
        if spikes.fired.is_empty() {
            continue;
        }
        if let Some(mut growing) = growing {
            growing.drop_dead_spikes(&mut spikes.fired);
        }
        activity.note(clock.step, &spikes.fired);
    }
}

/// Regions as [`grow`] sees them.
type GrowingRegions<'w, 's> = Query<
    'w,
    's,
    (
        &'static Region,
        Option<&'static mut GrowingRegion>,
        Option<&'static mut RecentActivity>,
        Option<&'static mut SpikeRaster>,
    ),
>;

/// A projection as [`grow`] rewires it.
type RewiredProjection = (
    &'static ProjectionLink,
    &'static mut Synapses,
    &'static mut Rewiring,
    Option<&'static mut Plastic>,
    Option<&'static mut IncomingSynapses>,
);

/// `Grow`: each region's due check, then each projection's rewiring. Structure is learnt: with
/// learning off (`--eval`, `--learning-off`, the untrained control, a learning rate of 0) it
/// stays as it is.
pub fn grow(
    clock: Res<SimClock>,
    learning: Res<LearningRate>,
    mut regions: GrowingRegions,
    mut projections: Query<RewiredProjection>,
) {
    let now = clock.step;
    let learning = learning.effective() > 0.0;
    let mut changed = false;
    for (region, growing, activity, raster) in &mut regions {
        let (Some(mut growing), Some(mut activity)) = (growing, activity) else {
            continue;
        };
        if !growing.changes.is_empty() {
            growing.changes = NeuronChanges::default();
        }
        if !growing.due(now) {
            continue;
        }
        if !learning {
            growing.spikes_since_check = 0;
            continue;
        }
        growing.check(&region.name, &mut activity, now, clock.dt_ms);
        if let Some(mut raster) = raster {
            raster.mark(now, &growing.changes.born, &growing.changes.died);
        }
        changed |= !growing.changes.is_empty();
    }
    for (link, mut synapses, mut rewiring, plastic, incoming) in &mut projections {
        let touched = changed && (changes(&regions, link.source) || changes(&regions, link.target));
        let due = learning && rewiring.due(now);
        if !touched && !due {
            continue;
        }
        let (Some((source, _)), Some((target, target_size))) = (
            end(&regions, link.source, rewiring.source_layout),
            end(&regions, link.target, rewiring.target_layout),
        ) else {
            continue;
        };
        let recurrent = link.source == link.target;
        let Some(remap) =
            rewiring.rewire(&link.name, &mut synapses, (source, target), now, recurrent)
        else {
            continue;
        };
        if let Some(mut plastic) = plastic {
            plastic.follow(&remap);
        }
        if let Some(mut incoming) = incoming {
            *incoming = IncomingSynapses::build(&synapses, target_size);
        }
    }
}

/// Whether the region `entity` gained or lost neurons at this step.
fn changes(regions: &GrowingRegions, entity: Entity) -> bool {
    regions
        .get(entity)
        .is_ok_and(|(_, growing, _, _)| growing.is_some_and(|g| !g.changes.is_empty()))
}

/// The region `entity` as one end of a projection, and its size.
fn end<'a>(regions: &'a GrowingRegions, entity: Entity, layout: Layout) -> Option<(End<'a>, u32)> {
    let (region, growing, activity, _) = regions.get(entity).ok()?;
    Some((
        End {
            alive: growing.map(|g| &g.alive[..]),
            born: growing.map_or(&[], |g| &g.changes.born[..]),
            activity,
            layout,
        },
        region.size,
    ))
}

/// `Record`: alive neurons of each growing region and synapses of each rewired projection.
pub fn record_growth(
    mut metrics: ResMut<Metrics>,
    regions: Query<(&Region, &GrowingRegion)>,
    projections: Query<(&ProjectionLink, &Synapses), With<Rewiring>>,
) {
    if !metrics.row_open() {
        return;
    }
    let mut regions: Vec<_> = regions.iter().collect();
    regions.sort_by_key(|(region, _)| region.index);
    for (region, growing) in regions {
        metrics.set_in(&NEURONS, &region.name, f64::from(growing.alive_count));
    }
    let mut projections: Vec<_> = projections.iter().collect();
    projections.sort_by_key(|(link, _)| link.index);
    for (link, synapses) in projections {
        metrics.set_in(&SYNAPSES, &link.name, synapses.len() as f64);
    }
}
