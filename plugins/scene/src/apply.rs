//! Building a validated scene into a world.
//!
//! [`apply_scene`] removes everything of the previous scene ([`clear_scene`]: its entities,
//! its systems, its resources), resets the clock to step 0 with the scene's `dt`, seeds the
//! generator (the scene's seed unless overridden), sets the episode length and metrics
//! cadence, clears faults and metrics, then builds the scene's networks and its task through
//! the registered kinds.

use bevy::prelude::*;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;

use crate::load::{SceneDocument, networks_of};
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
    clear_scene(world);
    world.insert_resource(SimClock::new(scene.dt_ms));
    world.insert_resource(SimRng::seeded(seed));
    world.insert_resource(Episodes::with_length(Some(scene.run.steps_per_episode)));
    world.insert_resource(Metrics::new(
        record.unwrap_or(RecordEvery::Steps(scene.run.record_every_steps)),
    ));
    world.insert_resource(SimFault::default());
    let kinds = world.resource::<SceneKinds>().clone();
    // Validation already checked every value and cross-reference, so spawning cannot fail
    // here; if it does, the message is kept as a fault rather than lost.
    let report = |world: &mut World, region: &str, error: InvalidParam| {
        world.resource_mut::<SimFault>().report(Fault {
            region: region.to_owned(),
            step: 0,
            what: format!("{}: {}", error.field, error.message),
        });
    };
    for (prefix, section) in networks_of(scene) {
        if let Some(kind) = kinds.network(section.kind())
            && let Err(error) = kind.spawn(world, &section, scene.dt_ms)
        {
            report(
                world,
                if prefix.is_empty() { "scene" } else { &prefix },
                error,
            );
        }
    }
    let task = scene
        .task
        .as_ref()
        .and_then(|section| Some((section, *kinds.task(section.kind())?)));
    if let Some((section, entry)) = task
        && let Err(error) = entry.spawn(world, section, scene.dt_ms)
    {
        report(world, "task", error.within(&format!("task.{}", entry.name)));
    }
    world.insert_resource(ActiveTask(task.map(|(_, entry)| entry)));
    world.insert_resource(LoadedScene {
        document: document.clone(),
        seed,
    });
}
