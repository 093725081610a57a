//! What spawning adds for structural plasticity: a region's [`GrowingRegion`] and
//! [`RecentActivity`], a projection's [`Rewiring`], and the systems, once per scene.

use bevy::prelude::*;
use neurarium_sim::prelude::{RecordSet, SimRng, SimSet, schedule_once};

use crate::growth::neurons::{GrowingRegion, RecentActivity};
use crate::growth::rewiring::Rewiring;
use crate::growth::systems::{grow, note_activity, record_growth};
use crate::network::spec::{ProjectionSpec, RegionSpec};
use crate::synapses::projection::Synapses;

/// Gives region `entity` its alive neurons and activity, if its spec has `growth`.
pub fn attach_region_growth(world: &mut World, entity: Entity, spec: &RegionSpec, dt_ms: f64) {
    let Some(params) = spec.growth else {
        return;
    };
    let rng = world.resource_mut::<SimRng>().fork();
    world.entity_mut(entity).insert((
        GrowingRegion::new(params, spec.size, dt_ms, rng),
        RecentActivity::new(spec.size),
    ));
}

/// For a projection with `growth` or touching a region with growth: removes the synapses of
/// neurons not yet born and returns its [`Rewiring`]; otherwise `None`. Regions whose activity
/// synaptogenesis reads get a [`RecentActivity`].
pub fn attach_rewiring(
    world: &mut World,
    spec: &ProjectionSpec,
    (source, target): (Entity, Entity),
    (source_spec, target_spec): (&RegionSpec, &RegionSpec),
    synapses: &mut Synapses,
    dt_ms: f64,
) -> Option<Rewiring> {
    let grows = |entity| world.get::<GrowingRegion>(entity).is_some();
    if spec.growth.is_none() && !grows(source) && !grows(target) {
        return None;
    }
    let alive = |entity| world.get::<GrowingRegion>(entity).map(|g| g.alive.clone());
    let (source_alive, target_alive) = (alive(source), alive(target));
    let is_alive = |mask: &Option<Vec<bool>>, i: u32| mask.as_ref().is_none_or(|m| m[i as usize]);
    synapses.restructure(
        |pre, post, _| is_alive(&source_alive, pre) && is_alive(&target_alive, post),
        Vec::new(),
    );
    if spec.growth.is_some_and(|g| g.new_per_check > 0) {
        for (entity, size) in [(source, source_spec.size), (target, target_spec.size)] {
            if world.get::<RecentActivity>(entity).is_none() {
                world.entity_mut(entity).insert(RecentActivity::new(size));
            }
        }
    }
    let rng = world.resource_mut::<SimRng>().fork();
    Some(Rewiring::new(
        spec.growth,
        (spec.connectivity.clone(), spec.weight.clone()),
        (source_spec.layout(), target_spec.layout()),
        dt_ms,
        rng,
    ))
}

/// Schedules the growth systems if any region or projection grows.
pub fn schedule_growth(world: &mut World, regions: &[RegionSpec], projections: &[ProjectionSpec]) {
    if regions.iter().all(|r| r.growth.is_none()) && projections.iter().all(|p| p.growth.is_none())
    {
        return;
    }
    let last = crate::models::NeuronModel::NAMES.len() - 1;
    schedule_once(
        world,
        "growth",
        (
            note_activity
                .after(crate::plugin::SpikingSystems::Fire(last))
                .before(crate::monitors::monitor::record_spikes)
                .in_set(SimSet::Spike),
            grow.after(crate::plasticity::homeostasis::scale_synapses)
                .in_set(SimSet::Grow),
            // After the rates and modulator levels, before the models' potentials: the same table.
            record_growth
                .after(crate::monitors::record::record_region_rates)
                .after(crate::plasticity::modulators::record_modulator_levels)
                .before(crate::plugin::SpikingSystems::Record(0))
                .in_set(RecordSet::Network),
        ),
    );
}
