//! Building a network from its description ([`crate::spec`]).
//!
//! [`spawn_network`] checks the cross-references ([`check_network`]), then spawns one entity per region and
//! per projection, drawing connectivity and weights from the run's seeded generator in scene
//! order. [`despawn_network`] removes them again (scene reload).

use bevy::prelude::*;
use neurarium_sim::prelude::{BlockStepping, SimRng, despawn_all};

use crate::block::max_block_steps;
use crate::check::check_network;
use crate::coba::CobaNeurons;
use crate::decoder::Readout;
use crate::delay::DelayRing;
use crate::dopamine::DopamineChannels;
use crate::dynamics::NeuronDynamics;
use crate::encoder::Encoder;
use crate::error::SpikingError;
use crate::hodgkin_huxley::HodgkinHuxleyNeurons;
use crate::homeostasis::ScalingState;
use crate::izhikevich::IzhikevichNeurons;
use crate::lif::LifNeurons;
use crate::monitor::{
    POPULATION_RATE_BIN_MS, POPULATION_RATE_BINS, PROBE_STEPS, PopulationRate, SpikeRaster,
    StateProbe,
};
use crate::plugin::{schedule_features, schedule_model};
use crate::poisson::PoissonSource;
use crate::poisson_input::PoissonInput;
use crate::projection::{ProjectionLink, Synapses};
use crate::region::{Region, Spikes};
use crate::spec::{NeuronModel, ProjectionSpec, RegionSpec};
use crate::stdp::{IncomingSynapses, Plastic, Plasticity};
use crate::stp::{ShortTermPlasticity, ShortTermState};

/// Steps of spike history kept for the raster of each region.
pub const RASTER_WINDOW_STEPS: u64 = 2000;

/// Marks every entity that belongs to the spawned network.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct NetworkPart;

/// Spawns the regions and projections; returns the region entities in scene order.
pub fn spawn_network(
    world: &mut World,
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
    dt_ms: f64,
) -> Result<Vec<Entity>, SpikingError> {
    check_network(regions, projections)?;
    schedule_features(world, regions, projections);
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
        let mut rng = world.resource_mut::<SimRng>().fork();
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
            NetworkPart,
        );
        let ring = DelayRing::new(spec.size, max_delay(&spec.name));
        let entity = match &spec.model {
            NeuronModel::Lif(params) => {
                let neurons = LifNeurons::new(params.clone(), spec.size, dt_ms, &mut rng);
                spawn_model(world, spec, common, neurons, ring)
            }
            NeuronModel::Coba(params) => {
                let neurons = CobaNeurons::new(params.clone(), spec.size, dt_ms, &mut rng);
                spawn_model(world, spec, common, neurons, ring)
            }
            NeuronModel::Izhikevich(params) => {
                let neurons = IzhikevichNeurons::new(params.clone(), spec.size, dt_ms, rng);
                spawn_model(world, spec, common, neurons, ring)
            }
            NeuronModel::HodgkinHuxley(params) => {
                let neurons = HodgkinHuxleyNeurons::new(params.clone(), spec.size, dt_ms);
                spawn_model(world, spec, common, neurons, ring)
            }
            NeuronModel::Encoder(params) => world
                .spawn((common, Encoder::new(params.clone(), spec.size, rng)))
                .id(),
            NeuronModel::Poisson(params) => world
                .spawn((
                    common,
                    PoissonSource {
                        params: params.clone(),
                        size: spec.size,
                        rng,
                    },
                ))
                .id(),
        };
        let mut region = world.entity_mut(entity);
        region.insert(PopulationRate::new(
            POPULATION_RATE_BIN_MS,
            dt_ms,
            POPULATION_RATE_BINS,
        ));
        if let Some(readout) = Readout::new(&spec.readout, spec.size, dt_ms) {
            region.insert(readout);
        }
        if !spec.probes.is_empty() {
            region.insert(StateProbe::new(spec.probes.clone(), PROBE_STEPS));
        }
        if let Some(params) = &spec.poisson_input {
            let rng = region.world_scope(|world| world.resource_mut::<SimRng>().fork());
            region.insert(PoissonInput::new(params.clone(), dt_ms, rng));
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
        if spec.plasticity == Plasticity::None && spec.homeostasis.is_none() {
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
            NetworkPart,
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
    }
    if let Some(mut stepping) = world.get_resource_mut::<BlockStepping>() {
        stepping.max_steps = max_block_steps(projections.iter().map(|p| p.delay_steps(dt_ms)));
    }
    world.insert_resource(DopamineChannels::new(projections.iter().filter_map(|p| {
        match &p.plasticity {
            Plasticity::RewardStdp(r) => r.dopamine.as_deref(),
            _ => None,
        }
    })));
    Ok(entities)
}

/// Spawns a region of model `M` and makes sure the model's systems are scheduled.
fn spawn_model<M: NeuronDynamics>(
    world: &mut World,
    spec: &RegionSpec,
    common: impl Bundle,
    neurons: M,
    ring: DelayRing,
) -> Entity {
    schedule_model::<M>(world, spec);
    world.spawn((common, neurons, ring)).id()
}

/// Removes every region and projection.
pub fn despawn_network(world: &mut World) {
    despawn_all::<With<NetworkPart>>(world);
}
