//! Building a network from its description ([`crate::network::spec`]).
//!
//! [`spawn_network`] checks the cross-references ([`check_network`]), then spawns one entity
//! per region and per projection, drawing connectivity and weights from the run's seeded
//! generator in scene order. Every entity is a [`SceneEntity`]: loading the next scene removes
//! them.

use bevy::prelude::*;
use neurarium_sim::prelude::{
    BlockStepping, RecordSet, SceneEntity, SimRng, SimSet, episode_ends, schedule_once,
};

use crate::coding::decoder::Readout;
use crate::coding::decoder::schedule_readouts;
use crate::error::SpikingError;
use crate::growth::attach::{attach_region_growth, attach_rewiring, schedule_growth};
use crate::monitors::monitor::{
    POPULATION_RATE_BIN_MS, POPULATION_RATE_BINS, PROBE_STEPS, PopulationRate, SpikeRaster,
    StateProbe,
};
use crate::network::block::max_block_steps;
use crate::network::check::check_network;
use crate::network::region::{Region, Spikes};
use crate::network::spec::{ProjectionSpec, RegionSpec};
use crate::plasticity::Plasticity;
use crate::plasticity::critic::{Critic, count_critic_spikes, end_critic_episode};
use crate::plasticity::dopamine::{Dopamine, DopamineChannels};
use crate::plasticity::homeostasis::{ScalingState, schedule_homeostasis};
use crate::plasticity::modulators::{
    Modulated, ModulatorLevels, Releases, apply_modulators, record_modulator_levels,
    release_modulators,
};
use crate::plasticity::state::{IncomingSynapses, Plastic};
use crate::synapses::delay::DelayRing;
use crate::synapses::poisson_input::PoissonInput;
use crate::synapses::projection::{ProjectionLink, Synapses};
use crate::synapses::stp::{ShortTermPlasticity, ShortTermState};

/// Steps of spike history kept for the raster of each region.
pub const RASTER_WINDOW_STEPS: u64 = 2000;

/// Spawns the regions and projections; returns the region entities in scene order.
pub fn spawn_network(
    world: &mut World,
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
    dt_ms: f64,
) -> Result<Vec<Entity>, SpikingError> {
    check_network(regions, projections)?;
    if regions
        .iter()
        .any(|r| r.readout != crate::coding::decoder::ReadoutKind::None)
    {
        schedule_readouts(world);
    }
    for projection in projections {
        projection.plasticity.schedule(world);
        if projection.homeostasis.is_some() {
            schedule_homeostasis(world);
        }
    }
    let max_delay = |name: &str| {
        projections
            .iter()
            .filter(|p| p.to == name)
            .map(|p| p.delay_steps(dt_ms))
            .max()
            .unwrap_or(1)
    };
    let mut entities = Vec::with_capacity(regions.len());
    for (index, spec) in regions.iter().enumerate() {
        let rng = world.resource_mut::<SimRng>().fork();
        let region = Region {
            name: spec.name.clone(),
            size: spec.size,
            index: index as u32,
            model: spec.model.label(),
        };
        let common = (
            region,
            Spikes::default(),
            SpikeRaster::new(RASTER_WINDOW_STEPS),
            SceneEntity,
        );
        let ring = DelayRing::new(spec.size, max_delay(&spec.name));
        let entity = spec.model.spawn(world, spec, common, ring, dt_ms, rng);
        let mut region = world.entity_mut(entity);
        region.insert(PopulationRate::new(
            POPULATION_RATE_BIN_MS,
            dt_ms,
            POPULATION_RATE_BINS,
        ));
        if let Some(readout) = Readout::new(&spec.readout, &spec.name, spec.size, dt_ms) {
            region.insert(readout);
        }
        if !spec.probes.is_empty() {
            region.insert(StateProbe::new(spec.probes.clone(), PROBE_STEPS));
        }
        if let Some(params) = &spec.poisson_input {
            let rng = region.world_scope(|world| world.resource_mut::<SimRng>().fork());
            region.insert(PoissonInput::new(params.clone(), dt_ms, rng));
        }
        if let Some(release) = spec.releases {
            region.insert(Releases(release));
        }
        if !spec.modulation.is_empty() {
            region.insert(Modulated::new(spec.modulation.clone()));
        }
        attach_region_growth(world, entity, spec, dt_ms);
        crate::lesion::attach_lesion(world, entity, index as u32, spec.size, spec.lesion);
        if let Some(params) = spec.critic {
            world.insert_resource(Critic::new(index as u32, spec.size, params, dt_ms));
            world.resource_mut::<Dopamine>().tau_ms = params.burst_ms;
            schedule_once(
                world,
                "critic",
                (
                    count_critic_spikes.in_set(SimSet::Learn),
                    end_critic_episode
                        .run_if(episode_ends)
                        .in_set(RecordSet::EpisodeEnd),
                ),
            );
        }
        entities.push(entity);
    }
    let index_of = |name: &str| regions.iter().position(|r| r.name == name).unwrap_or(0);
    for (index, spec) in projections.iter().enumerate() {
        let (from, to) = (index_of(&spec.from), index_of(&spec.to));
        let mut synapses = {
            let mut rng = world.resource_mut::<SimRng>();
            Synapses::build_on(
                &spec.connectivity,
                &spec.weight,
                regions[from].layout(),
                regions[to].layout(),
                &mut rng.0,
            )
        };
        let rewiring = attach_rewiring(
            world,
            spec,
            (entities[from], entities[to]),
            (&regions[from], &regions[to]),
            &mut synapses,
            dt_ms,
        );
        // A new synapse's weight may differ from the initial ones.
        if spec.plasticity == Plasticity::None
            && spec.homeostasis.is_none()
            && spec.growth.is_none()
        {
            synapses.share_constant_weight();
        }
        let plastic = (spec.plasticity != Plasticity::None).then(|| {
            (
                IncomingSynapses::build(&synapses, regions[to].size),
                Plastic::new(
                    spec.plasticity.clone(),
                    spec.frozen,
                    regions[from].size,
                    regions[to].size,
                    synapses.len(),
                ),
            )
        });
        let mut projection = world.spawn((
            ProjectionLink {
                name: format!("{}→{}", spec.from, spec.to),
                index: index as u32,
                source: entities[from],
                target: entities[to],
                delay_steps: spec.delay_steps(dt_ms),
                receptor: spec.receptor,
            },
            synapses,
            SceneEntity,
        ));
        if let Some(plastic) = plastic {
            projection.insert(plastic);
        }
        if let ShortTermPlasticity::TsodyksMarkram(params) = &spec.short_term {
            projection.insert(ShortTermState::new(params.clone(), regions[from].size));
        }
        if let Some(scaling) = &spec.homeostasis {
            projection.insert(ScalingState::new(scaling.clone(), regions[to].size));
        }
        if !spec.modulation.is_empty() {
            projection.insert(Modulated::new(spec.modulation.clone()));
        }
        if let Some(rewiring) = rewiring {
            projection.insert(rewiring);
        }
    }
    schedule_growth(world, regions, projections);
    // A modulator's level changes within a block: a modulated network steps one step at a time.
    let modulated = regions
        .iter()
        .any(|r| r.releases.is_some() || !r.modulation.is_empty())
        || projections.iter().any(|p| !p.modulation.is_empty());
    if let Some(mut stepping) = world.get_resource_mut::<BlockStepping>() {
        stepping.max_steps = if modulated {
            1
        } else {
            max_block_steps(projections.iter().map(|p| p.delay_steps(dt_ms)))
        };
    }
    world.insert_resource(ModulatorLevels::new(
        regions.iter().filter_map(|r| r.releases),
    ));
    if modulated {
        schedule_once(world, "modulation", apply_modulators.in_set(SimSet::Sense));
    }
    if regions.iter().any(|r| r.releases.is_some()) {
        schedule_once(
            world,
            "modulator release",
            (
                release_modulators.in_set(SimSet::Modulate),
                // Between the rates and the models' potentials, which write the same table.
                record_modulator_levels
                    .after(crate::monitors::record::record_region_rates)
                    .before(crate::plugin::SpikingSystems::Record(0))
                    .in_set(RecordSet::Network),
            ),
        );
    }
    world.insert_resource(DopamineChannels::new(
        projections
            .iter()
            .filter_map(|p| p.plasticity.dopamine_channel()),
    ));
    Ok(entities)
}
