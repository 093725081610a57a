//! [`ClassifyPlugin`]: the classification task's registration and checkpoint section.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};

use crate::classify::classifier::Classifier;
use crate::classify::task::ClassifyTask;
use crate::plugin::register_task_with_section;

const SECTION: &str = "classify";

fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let task = world
        .try_query::<&Classifier>()
        .and_then(|mut tasks| tasks.iter(world).next().cloned());
    encode(SECTION, &task)
}

fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<Classifier> = decode(SECTION, bytes)?;
    if let (Some(saved), Some(mut task)) = (
        saved,
        world.query::<&mut Classifier>().iter_mut(world).next(),
    ) {
        *task = saved;
    }
    Ok(())
}

/// Registers the `Classify` task and its checkpoint section `classify` (the epoch's place,
/// the finished epochs' accuracies).
pub struct ClassifyPlugin;

impl Plugin for ClassifyPlugin {
    fn build(&self, app: &mut App) {
        // A checkpoint without the section (written before the task existed): the scene's
        // classifier, if any, starts its epoch afresh.
        register_task_with_section::<ClassifyTask>(app, SECTION, save, load);
        app.world_mut().register_component::<Classifier>();
    }
}
