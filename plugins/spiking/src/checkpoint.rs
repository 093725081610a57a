//! The `spiking` checkpoint section: the state of every region and the synapses of every
//! projection.
//!
//! The network's structure is rebuilt from the scene first; this section then overwrites the
//! state, matching regions by name and projections by their order and name. A checkpoint
//! whose network does not match the scene's is refused with the mismatch named.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use serde::{Deserialize, Serialize};

use crate::coba::CobaNeurons;
use crate::delay::DelayRing;
use crate::izhikevich::IzhikevichNeurons;
use crate::lif::LifNeurons;
use crate::poisson::PoissonSource;
use crate::projection::{ProjectionLink, Synapses};
use crate::region::{Region, Spikes};
use crate::stdp::{IncomingSynapses, Plastic};

/// The section's name in checkpoint files.
pub const SECTION: &str = "spiking";

#[derive(Serialize, Deserialize)]
struct RegionSnapshot {
    region: Region,
    spikes: Spikes,
    lif: Option<LifNeurons>,
    coba: Option<CobaNeurons>,
    izhikevich: Option<IzhikevichNeurons>,
    poisson: Option<PoissonSource>,
    ring: Option<DelayRing>,
}

#[derive(Serialize, Deserialize)]
struct ProjectionSnapshot {
    name: String,
    synapses: Synapses,
    plastic: Option<Plastic>,
}

#[derive(Serialize, Deserialize)]
struct NetworkSnapshot {
    regions: Vec<RegionSnapshot>,
    projections: Vec<ProjectionSnapshot>,
}

/// Encodes the network's state.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let mut regions = world
        .try_query::<(
            &Region,
            &Spikes,
            Option<&LifNeurons>,
            Option<&CobaNeurons>,
            Option<&IzhikevichNeurons>,
            Option<&PoissonSource>,
            Option<&DelayRing>,
        )>()
        .ok_or_else(|| CheckpointError::section(SECTION, "region components are not registered"))?;
    let regions = regions
        .iter(world)
        .map(
            |(region, spikes, lif, coba, izhikevich, poisson, ring)| RegionSnapshot {
                region: region.clone(),
                spikes: spikes.clone(),
                lif: lif.cloned(),
                coba: coba.cloned(),
                izhikevich: izhikevich.cloned(),
                poisson: poisson.cloned(),
                ring: ring.cloned(),
            },
        )
        .collect();
    let mut projections = world
        .try_query::<(&ProjectionLink, &Synapses, Option<&Plastic>)>()
        .ok_or_else(|| {
            CheckpointError::section(SECTION, "projection components are not registered")
        })?;
    let projections = projections
        .iter(world)
        .map(|(link, synapses, plastic)| ProjectionSnapshot {
            name: link.name.clone(),
            synapses: synapses.clone(),
            plastic: plastic.cloned(),
        })
        .collect();
    encode(
        SECTION,
        &NetworkSnapshot {
            regions,
            projections,
        },
    )
}

/// Restores the network's state onto the network built from the scene.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let snapshot: NetworkSnapshot = decode(SECTION, bytes)?;
    let regions: Vec<(Entity, Region)> = world
        .query::<(Entity, &Region)>()
        .iter(world)
        .map(|(e, r)| (e, r.clone()))
        .collect();
    if regions.len() != snapshot.regions.len() {
        return Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has {} regions, the scene has {}",
                snapshot.regions.len(),
                regions.len()
            ),
        ));
    }
    for saved in snapshot.regions {
        let (entity, region) = regions
            .iter()
            .find(|(_, r)| r.name == saved.region.name)
            .ok_or_else(|| {
                CheckpointError::section(
                    SECTION,
                    format!("region '{}' is not in the scene", saved.region.name),
                )
            })?;
        if region.size != saved.region.size {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "region '{}' has {} neurons in the checkpoint and {} in the scene",
                    region.name, saved.region.size, region.size
                ),
            ));
        }
        let mut e = world.entity_mut(*entity);
        e.insert(saved.spikes);
        if let Some(lif) = saved.lif {
            e.insert(lif);
        }
        if let Some(coba) = saved.coba {
            e.insert(coba);
        }
        if let Some(izhikevich) = saved.izhikevich {
            e.insert(izhikevich);
        }
        if let Some(poisson) = saved.poisson {
            e.insert(poisson);
        }
        if let Some(ring) = saved.ring {
            e.insert(ring);
        }
    }
    let projections: Vec<(Entity, String)> = world
        .query::<(Entity, &ProjectionLink)>()
        .iter(world)
        .map(|(e, l)| (e, l.name.clone()))
        .collect();
    if projections.len() != snapshot.projections.len() {
        return Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has {} projections, the scene has {}",
                snapshot.projections.len(),
                projections.len()
            ),
        ));
    }
    for ((entity, name), saved) in projections.into_iter().zip(snapshot.projections) {
        if name != saved.name {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "projection '{}' in the checkpoint is '{name}' in the scene",
                    saved.name
                ),
            ));
        }
        let target_size = world
            .get::<ProjectionLink>(entity)
            .and_then(|link| world.get::<Region>(link.target))
            .map_or(0, |region| region.size);
        let mut projection = world.entity_mut(entity);
        if let Some(plastic) = saved.plastic {
            projection.insert((
                IncomingSynapses::build(&saved.synapses, target_size),
                plastic,
            ));
        }
        projection.insert(saved.synapses);
    }
    Ok(())
}
