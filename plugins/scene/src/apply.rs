//! Building a validated scene into a world.
//!
//! [`apply_scene`] resets the clock to step 0 with the scene's `dt`, seeds the generator
//! (the scene's seed unless overridden), sets the episode length and metrics cadence, clears
//! faults and metrics, removes any previous network and task world and spawns the scene's.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{LearningRate, despawn_network, spawn_network};
use neurarium_tasks::prelude::{despawn_task, spawn_task};

use crate::load::SceneDocument;
use crate::plugin::LoadedScene;

/// Builds `document` into `world`, replacing whatever scene was there. `seed` overrides the
/// scene's seed; `record` overrides its metrics cadence.
pub fn apply_scene(
    world: &mut World,
    document: &SceneDocument,
    seed: Option<u64>,
    record: Option<RecordEvery>,
) {
    let scene = &document.scene;
    let seed = seed.unwrap_or(scene.seed);
    despawn_network(world);
    despawn_task(world);
    world.insert_resource(SimClock::new(scene.dt_ms));
    world.insert_resource(SimRng::seeded(seed));
    world.insert_resource(Episodes::with_length(Some(scene.run.steps_per_episode)));
    world.insert_resource(Metrics::new(
        record.unwrap_or(RecordEvery::Steps(scene.run.record_every_steps)),
    ));
    world.insert_resource(SimFault::default());
    // A task's learning-rate schedule sets its own factor when it spawns.
    world.insert_resource(LearningRate::default());
    // Validation already checked every cross-reference, so spawning cannot fail here; if it
    // does, the message is kept as a fault rather than lost.
    if let Err(error) = spawn_network(world, &scene.regions, &scene.projections, scene.dt_ms) {
        world
            .resource_mut::<SimFault>()
            .report(neurarium_sim::fault::Fault {
                region: "scene".to_owned(),
                step: 0,
                what: error.to_string(),
            });
    }
    if let Some(task) = &scene.task
        && let Err(error) = spawn_task(world, task, scene.dt_ms)
    {
        world
            .resource_mut::<SimFault>()
            .report(neurarium_sim::fault::Fault {
                region: "task".to_owned(),
                step: 0,
                what: format!("task.{}: {error}", error.field),
            });
    }
    world.insert_resource(LoadedScene {
        document: document.clone(),
        seed,
    });
}
