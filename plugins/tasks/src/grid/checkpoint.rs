//! The `grid` checkpoint section: the agent (the map is rebuilt from the scene, its goal where
//! the agent's episode has it). A world
//! without a grid saves `None`.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};

use super::agent::Agent;
use super::systems::GridWorld;

/// The section's name in checkpoint files.
pub const SECTION: &str = "grid";

/// Encodes the agent, if there is one.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let agent = world
        .try_query::<&Agent>()
        .and_then(|mut agents| agents.iter(world).next().cloned());
    encode(SECTION, &agent)
}

/// Restores the agent saved by [`save`].
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<Agent> = decode(SECTION, bytes)?;
    if let (Some(saved), Some((mut agent, mut grid))) = (
        saved,
        world
            .query::<(&mut Agent, &mut GridWorld)>()
            .iter_mut(world)
            .next(),
    ) {
        *agent = saved;
        grid.follow(&agent);
    }
    Ok(())
}
