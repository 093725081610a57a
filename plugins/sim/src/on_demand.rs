//! Systems scheduled on first use.
//!
//! Every system in [`SimStep`] costs a dispatch per step even when it has nothing to do
//! (about 0.1 µs on the project's machine; `cargo bench --no-default-features --bench
//! overhead` measures the schedule's cost), and small networks step hundreds of thousands of
//! times per second. So plugins add the systems of optional features (a neuron model, a spike
//! source, plasticity, a task world) when a scene first spawns something that needs them,
//! with [`schedule_once`], instead of up front.

use bevy::ecs::system::ScheduleSystem;
use bevy::prelude::*;

use crate::sets::SimStep;

/// The features whose systems are in [`SimStep`].
#[derive(Resource, Debug, Default)]
pub struct ScheduledFeatures(Vec<&'static str>);

impl ScheduledFeatures {
    /// Whether `feature`'s systems were added.
    pub fn contains(&self, feature: &'static str) -> bool {
        self.0.contains(&feature)
    }

    pub(crate) fn insert(&mut self, feature: &'static str) {
        self.0.push(feature);
    }
}

/// Adds `systems` to [`SimStep`] the first time `feature` is asked for; later calls do
/// nothing. Does nothing in a world without schedules. Call it outside a run of [`SimStep`]
/// (while spawning a scene). The systems have no block counterpart, so while they are scheduled
/// the driver steps one step at a time ([`crate::block`]); see
/// [`schedule_once_with_block`](crate::block::schedule_once_with_block).
pub fn schedule_once<M>(
    world: &mut World,
    feature: &'static str,
    systems: impl IntoScheduleConfigs<ScheduleSystem, M>,
) {
    let mut scheduled = world.get_resource_or_init::<ScheduledFeatures>();
    if scheduled.contains(feature) {
        return;
    }
    scheduled.insert(feature);
    if let Some(mut schedules) = world.get_resource_mut::<Schedules>() {
        schedules.add_systems(SimStep, systems);
    }
}
