//! What belongs to the loaded scene, so the next scene starts from nothing.
//!
//! Loading a scene ([`clear_scene`], called by the scene loader before it spawns) removes
//! - every entity marked [`SceneEntity`] (regions, projections, the car, its track, …);
//! - every system scheduled for the scene ([`SceneSystems`]: whatever
//!   [`schedule_once`](crate::on_demand::schedule_once) and
//!   [`schedule_once_with_block`](crate::block::schedule_once_with_block) added), from
//!   [`SimStep`] and [`SimBlock`], so block stepping comes back after a scene with a task;
//! - the state of every scene resource ([`SceneResourceAppExt::scene_resource`]), reset to its
//!   default.
//!
//! The systems plugins add in `build` stay: they belong to the app, not to a scene.

use bevy::ecs::schedule::{ScheduleCleanupPolicy, ScheduleLabel};
use bevy::prelude::*;

use crate::block::{BlockStepping, SimBlock};
use crate::entities::despawn_all;
use crate::on_demand::ScheduledFeatures;
use crate::sets::SimStep;

/// Marks every entity a scene spawned.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct SceneEntity;

/// The system set of every system scheduled for the loaded scene.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SceneSystems;

/// Resets of the resources that belong to the loaded scene.
#[derive(Resource, Default)]
pub struct SceneResources {
    resets: Vec<fn(&mut World)>,
}

/// Declaring scene resources from a plugin's `build`.
pub trait SceneResourceAppExt {
    /// `R` belongs to the loaded scene: it is reset to its default when a scene is loaded.
    fn scene_resource<R: Resource + Default>(&mut self) -> &mut Self;
}

impl SceneResourceAppExt for App {
    fn scene_resource<R: Resource + Default>(&mut self) -> &mut Self {
        self.init_resource::<R>();
        self.world_mut()
            .get_resource_or_init::<SceneResources>()
            .resets
            .push(|world| world.insert_resource(R::default()));
        self
    }
}

/// Removes everything of the loaded scene (see the module docs).
pub fn clear_scene(world: &mut World) {
    despawn_all::<With<SceneEntity>>(world);
    let resets = world
        .get_resource::<SceneResources>()
        .map(|r| r.resets.clone())
        .unwrap_or_default();
    for reset in resets {
        reset(world);
    }
    let scheduled = world.get_resource_or_init::<ScheduledFeatures>().take();
    if scheduled {
        remove_scene_systems(world);
    }
    if let Some(mut stepping) = world.get_resource_mut::<BlockStepping>() {
        stepping.forget_scene_systems();
    }
}

/// Removes the [`SceneSystems`] from both step schedules.
fn remove_scene_systems(world: &mut World) {
    for label in [SimStep.intern(), SimBlock.intern()] {
        let Some(mut schedule) = world
            .get_resource_mut::<Schedules>()
            .and_then(|mut schedules| schedules.remove(label))
        else {
            continue;
        };
        // Scene systems order themselves after the app's, never the reverse, so removing them
        // breaks no order the app's systems rely on. A schedule without scene systems has no
        // such set: nothing to remove.
        schedule
            .remove_systems_in_set(
                SceneSystems,
                world,
                ScheduleCleanupPolicy::RemoveSystemsOnlyAllowBreakages,
            )
            .ok();
        world.resource_mut::<Schedules>().insert(schedule);
    }
}
