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
use crate::lif::LifNeurons;
use crate::poisson::PoissonSource;
use crate::projection::{ProjectionLink, Synapses};
use crate::region::{Region, Spikes};

/// The section's name in checkpoint files.
pub const SECTION: &str = "spiking";

#[derive(Serialize, Deserialize)]
struct RegionSnapshot {
    region: Region,
    spikes: Spikes,
    lif: Option<LifNeurons>,
    coba: Option<CobaNeurons>,
    poisson: Option<PoissonSource>,
    ring: Option<DelayRing>,
}

#[derive(Serialize, Deserialize)]
struct ProjectionSnapshot {
    name: String,
    synapses: Synapses,
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
            Option<&PoissonSource>,
            Option<&DelayRing>,
        )>()
        .ok_or_else(|| CheckpointError::section(SECTION, "region components are not registered"))?;
    let regions = regions
        .iter(world)
        .map(
            |(region, spikes, lif, coba, poisson, ring)| RegionSnapshot {
                region: region.clone(),
                spikes: spikes.clone(),
                lif: lif.cloned(),
                coba: coba.cloned(),
                poisson: poisson.cloned(),
                ring: ring.cloned(),
            },
        )
        .collect();
    let mut projections = world
        .try_query::<(&ProjectionLink, &Synapses)>()
        .ok_or_else(|| {
            CheckpointError::section(SECTION, "projection components are not registered")
        })?;
    let projections = projections
        .iter(world)
        .map(|(link, synapses)| ProjectionSnapshot {
            name: link.name.clone(),
            synapses: synapses.clone(),
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
        world.entity_mut(entity).insert(saved.synapses);
    }
    Ok(())
}
