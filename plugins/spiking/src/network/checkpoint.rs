//! The `spiking` checkpoint section: the state of every region and every projection.
//!
//! The network's structure is rebuilt from the scene first; this section then overwrites the
//! state, matching regions by name and projections by their order and name. A checkpoint
//! whose network does not match the scene's is refused with the mismatch named.
//!
//! Which components make up that state is open: each is registered once with
//! [`SpikingStateAppExt::save_region_state`] or
//! [`SpikingStateAppExt::save_projection_state`] (every neuron model, the delay rings,
//! synapses, plasticity and short-term plasticity state do so) and is then saved as a named
//! blob per entity. A component registered as structure
//! ([`SpikingStateAppExt::save_region_structure`], growth) is one the scene decides: a
//! checkpoint must hold it exactly where the scene builds it.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use serde::{Deserialize, Serialize, de::DeserializeOwned};

use crate::network::region::Region;
use crate::plasticity::state::{IncomingSynapses, Plastic};
use crate::synapses::projection::{ProjectionLink, Synapses};

/// The section's name in checkpoint files.
pub const SECTION: &str = "spiking";

type SaveFn = fn(&World, Entity) -> Option<Result<Vec<u8>, CheckpointError>>;
type LoadFn = fn(&mut World, Entity, &[u8]) -> Result<(), CheckpointError>;

struct StateComponent {
    name: &'static str,
    save: SaveFn,
    load: LoadFn,
    /// Whether the scene decides where it exists (then the checkpoint must agree).
    has: Option<fn(&World, Entity) -> bool>,
}

/// The components saved per region and per projection, in registration order.
#[derive(Resource, Default)]
pub struct SpikingState {
    regions: Vec<StateComponent>,
    projections: Vec<StateComponent>,
}

/// Registers components as part of the `spiking` checkpoint section.
pub trait SpikingStateAppExt {
    /// Saves component `C` of every region that has it, under `name`.
    fn save_region_state<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
    /// Saves component `C` of every projection that has it, under `name`.
    fn save_projection_state<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
    /// Like [`save_region_state`](Self::save_region_state), for a component the scene puts on
    /// some regions: a checkpoint that has it on other regions than the scene is refused.
    fn save_region_structure<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
    /// The same for projections.
    fn save_projection_structure<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self;
}

impl SpikingStateAppExt for App {
    fn save_region_state<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        register::<C>(self, name, |state| &mut state.regions)
    }

    fn save_projection_state<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        register::<C>(self, name, |state| &mut state.projections)
    }

    fn save_region_structure<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        register::<C>(self, name, |state| &mut state.regions);
        mark_structural::<C>(self, |state| &mut state.regions)
    }

    fn save_projection_structure<C: Component + Clone + Serialize + DeserializeOwned>(
        &mut self,
        name: &'static str,
    ) -> &mut Self {
        register::<C>(self, name, |state| &mut state.projections);
        mark_structural::<C>(self, |state| &mut state.projections)
    }
}

fn mark_structural<C: Component>(
    app: &mut App,
    list: fn(&mut SpikingState) -> &mut Vec<StateComponent>,
) -> &mut App {
    let mut state = app.world_mut().resource_mut::<SpikingState>();
    if let Some(entry) = list(&mut state).last_mut() {
        entry.has = Some(|world, entity| world.get::<C>(entity).is_some());
    }
    app
}

fn register<'a, C: Component + Clone + Serialize + DeserializeOwned>(
    app: &'a mut App,
    name: &'static str,
    list: fn(&mut SpikingState) -> &mut Vec<StateComponent>,
) -> &'a mut App {
    app.world_mut().register_component::<C>();
    let entry = state_component::<C>(name);
    list(&mut app.world_mut().get_resource_or_init::<SpikingState>()).push(entry);
    app
}

fn state_component<C: Component + Clone + Serialize + DeserializeOwned>(
    name: &'static str,
) -> StateComponent {
    StateComponent {
        name,
        save: |world, entity| world.get::<C>(entity).map(|c| encode(SECTION, c)),
        load: |world, entity, bytes| {
            let component: C = decode(SECTION, bytes)?;
            world.entity_mut(entity).insert(component);
            Ok(())
        },
        has: None,
    }
}

/// One entity's saved components: (registered name, encoded component).
#[derive(Serialize, Deserialize)]
struct EntitySnapshot {
    name: String,
    size: u32,
    components: Vec<(String, Vec<u8>)>,
}

#[derive(Serialize, Deserialize)]
struct NetworkSnapshot {
    regions: Vec<EntitySnapshot>,
    projections: Vec<EntitySnapshot>,
}

fn snapshot(
    world: &World,
    entries: &[StateComponent],
    entity: Entity,
    name: String,
    size: u32,
) -> Result<EntitySnapshot, CheckpointError> {
    let mut components = Vec::new();
    for entry in entries {
        if let Some(bytes) = (entry.save)(world, entity) {
            components.push((entry.name.to_owned(), bytes?));
        }
    }
    Ok(EntitySnapshot {
        name,
        size,
        components,
    })
}

/// Encodes the network's state.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let state = world
        .get_resource::<SpikingState>()
        .ok_or_else(|| CheckpointError::section(SECTION, "no spiking state is registered"))?;
    let mut regions = Vec::new();
    for (entity, region) in region_entities(world)? {
        regions.push(snapshot(
            world,
            &state.regions,
            entity,
            region.name,
            region.size,
        )?);
    }
    let mut projections = Vec::new();
    for (entity, name) in projection_entities(world)? {
        projections.push(snapshot(world, &state.projections, entity, name, 0)?);
    }
    encode(
        SECTION,
        &NetworkSnapshot {
            regions,
            projections,
        },
    )
}

fn region_entities(world: &World) -> Result<Vec<(Entity, Region)>, CheckpointError> {
    let mut query = world
        .try_query::<(Entity, &Region)>()
        .ok_or_else(|| CheckpointError::section(SECTION, "regions are not registered"))?;
    let mut regions: Vec<_> = query.iter(world).map(|(e, r)| (e, r.clone())).collect();
    regions.sort_by_key(|(_, r)| r.index);
    Ok(regions)
}

fn projection_entities(world: &World) -> Result<Vec<(Entity, String)>, CheckpointError> {
    let mut query = world
        .try_query::<(Entity, &ProjectionLink)>()
        .ok_or_else(|| CheckpointError::section(SECTION, "projections are not registered"))?;
    let mut projections: Vec<_> = query
        .iter(world)
        .map(|(e, l)| (e, l.index, l.name.clone()))
        .collect();
    projections.sort_by_key(|&(_, index, _)| index);
    Ok(projections.into_iter().map(|(e, _, n)| (e, n)).collect())
}

/// How one registered component is restored: its name, loader, and structure test.
type Loader = (&'static str, LoadFn, Option<fn(&World, Entity) -> bool>);

fn restore(
    world: &mut World,
    entries: &[Loader],
    entity: Entity,
    saved: &EntitySnapshot,
) -> Result<(), CheckpointError> {
    for &(name, _, has) in entries {
        let Some(has) = has else { continue };
        let in_scene = has(world, entity);
        let in_checkpoint = saved.components.iter().any(|(n, _)| n == name);
        if in_scene != in_checkpoint {
            let (with, without) = if in_scene {
                ("the scene", "the checkpoint")
            } else {
                ("the checkpoint", "the scene")
            };
            return Err(CheckpointError::section(
                SECTION,
                format!("'{}' has {name} in {with} but not in {without}", saved.name),
            ));
        }
    }
    for (name, bytes) in &saved.components {
        let load = entries
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|&(_, load, _)| load)
            .ok_or_else(|| {
                CheckpointError::section(
                    SECTION,
                    format!(
                        "'{}' holds state '{name}' this build does not know",
                        saved.name
                    ),
                )
            })?;
        load(world, entity, bytes)?;
    }
    Ok(())
}

fn count_mismatch(what: &str, saved: usize, scene: usize) -> Result<(), CheckpointError> {
    if saved == scene {
        return Ok(());
    }
    Err(CheckpointError::section(
        SECTION,
        format!("the checkpoint has {saved} {what}, the scene has {scene}"),
    ))
}

/// Restores the network's state onto the network built from the scene.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let snapshot: NetworkSnapshot = decode(SECTION, bytes)?;
    let loaders = |entries: &[StateComponent]| -> Vec<Loader> {
        entries.iter().map(|e| (e.name, e.load, e.has)).collect()
    };
    let (region_loaders, projection_loaders) = {
        let state = world
            .get_resource::<SpikingState>()
            .ok_or_else(|| CheckpointError::section(SECTION, "no spiking state is registered"))?;
        (loaders(&state.regions), loaders(&state.projections))
    };
    let regions = region_entities(world)?;
    count_mismatch("regions", snapshot.regions.len(), regions.len())?;
    for saved in &snapshot.regions {
        let (entity, region) = regions
            .iter()
            .find(|(_, r)| r.name == saved.name)
            .ok_or_else(|| {
                CheckpointError::section(
                    SECTION,
                    format!("region '{}' is not in the scene", saved.name),
                )
            })?;
        if region.size != saved.size {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "region '{}' has {} neurons in the checkpoint and {} in the scene",
                    region.name, saved.size, region.size
                ),
            ));
        }
        restore(world, &region_loaders, *entity, saved)?;
    }
    let projections = projection_entities(world)?;
    count_mismatch("projections", snapshot.projections.len(), projections.len())?;
    for ((entity, name), saved) in projections.into_iter().zip(&snapshot.projections) {
        if name != saved.name {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "projection '{}' in the checkpoint is '{name}' in the scene",
                    saved.name
                ),
            ));
        }
        restore(world, &projection_loaders, entity, saved)?;
        rebuild_transpose(world, entity);
    }
    Ok(())
}

/// The transpose used by plasticity follows the restored synapses.
fn rebuild_transpose(world: &mut World, entity: Entity) {
    if world.get::<Plastic>(entity).is_none() {
        return;
    }
    let target_size = world
        .get::<ProjectionLink>(entity)
        .and_then(|link| world.get::<Region>(link.target))
        .map_or(0, |region| region.size);
    if let Some(synapses) = world.get::<Synapses>(entity) {
        let incoming = IncomingSynapses::build(synapses, target_size);
        world.entity_mut(entity).insert(incoming);
    }
}
