//! [`CartPolePlugin`]: the CartPole task's registration and checkpoint section `cartpole` (the
//! state, the episode's steps, the random stream).

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use neurarium_tasks::plugin::register_task_with_section;

use crate::systems::PushByHand;
use crate::task::CartPoleTask;
use crate::world::{CartPoleWorld, SavedCartPole};

const SECTION: &str = "cartpole";

fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let saved = world
        .try_query::<&CartPoleWorld>()
        .and_then(|mut q| q.iter(world).next().map(CartPoleWorld::to_saved));
    encode(SECTION, &saved)
}

fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<SavedCartPole> = decode(SECTION, bytes)?;
    if let (Some(saved), Some(mut cart)) = (
        saved,
        world.query::<&mut CartPoleWorld>().iter_mut(world).next(),
    ) {
        cart.restore(saved)
            .map_err(|e| CheckpointError::section(SECTION, e))?;
    }
    Ok(())
}

/// Registers the `CartPole` task and its checkpoint section.
pub struct CartPolePlugin;

impl Plugin for CartPolePlugin {
    fn build(&self, app: &mut App) {
        register_task_with_section::<CartPoleTask>(app, SECTION, save, load);
        app.world_mut().register_component::<CartPoleWorld>();
        app.init_resource::<PushByHand>();
    }
}
