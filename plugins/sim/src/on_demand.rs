//! Systems scheduled for the loaded scene, on first use.
//!
//! Every system in [`SimStep`] costs a dispatch per step even when it has nothing to do
//! (about 0.1 µs on the project's machine; `cargo bench --no-default-features --bench
//! overhead` measures the schedule's cost), and small networks step hundreds of thousands of
//! times per second. So a scene's parts (a neuron model, a spike source, plasticity, a task
//! world) add their systems when the scene first spawns something that needs them, with
//! [`schedule_once`], instead of up front. They are in
//! [`SceneSystems`]: loading the next scene removes them
//! ([`crate::scene_scope`]).

use bevy::ecs::system::ScheduleSystem;
use bevy::prelude::*;

use crate::scene_scope::SceneSystems;
use crate::sets::SimStep;

/// The features whose systems the loaded scene added to [`SimStep`].
#[derive(Resource, Debug, Default)]
pub struct ScheduledFeatures(Vec<&'static str>);

impl ScheduledFeatures {
    /// Whether `feature`'s systems were added.
    pub fn contains(&self, feature: &str) -> bool {
        self.0.contains(&feature)
    }

    /// Forgets every feature; returns whether there were any.
    pub(crate) fn take(&mut self) -> bool {
        let any = !self.0.is_empty();
        self.0.clear();
        any
    }

    /// Records `feature`; returns whether it is new.
    pub(crate) fn insert(&mut self, feature: &'static str) -> bool {
        if self.contains(feature) {
            return false;
        }
        self.0.push(feature);
        true
    }
}

/// Adds `systems` to [`SimStep`] the first time the loaded scene asks for `feature`; later
/// calls do nothing. Does nothing in a world without schedules. Call it outside a run of
/// [`SimStep`] (while spawning a scene). The systems have no block counterpart, so while they
/// are scheduled the driver steps one step at a time ([`crate::block`]); see
/// [`schedule_once_with_block`](crate::block::schedule_once_with_block).
pub fn schedule_once<M>(
    world: &mut World,
    feature: &'static str,
    systems: impl IntoScheduleConfigs<ScheduleSystem, M>,
) {
    if !world
        .get_resource_or_init::<ScheduledFeatures>()
        .insert(feature)
    {
        return;
    }
    if let Some(mut schedules) = world.get_resource_mut::<Schedules>() {
        schedules.add_systems(SimStep, systems.in_set(SceneSystems));
    }
}
