//! Block stepping: many steps in one run of a schedule.
//!
//! Running [`SimStep`] costs a dispatch per system and step (about 0.1 µs each on the
//! project's machine), which for a network of a hundred neurons is more than half of the step
//! (`cargo bench --no-default-features --bench overhead` measures it). So a plugin may give its
//! step systems a counterpart in [`SimBlock`] that advances the same state
//! [`BlockPlan::steps`] steps in one call. Where every system in [`SimStep`] has one, the driver
//! runs [`SimBlock`] once instead of [`SimStep`] `k` times, for *quiet* steps only: steps on
//! which no metrics row is written, no episode ends and the run does not stop. The results must
//! be the same, bit for bit (the root crate's `tests/block_stepping.rs` checks every shipped
//! scene that qualifies).
//!
//! How long a block may be is the plugins' business ([`BlockStepping::max_steps`]): for a
//! spiking network it is the shortest axonal delay, because a spike emitted within a block
//! then cannot arrive within it, so each region can be advanced `k` steps on its own before the
//! block's spikes are propagated (the "min-delay" interval of NEST and other simulators).
//!
//! A fault ([`SimFault`](crate::fault::SimFault)) inside a block stops the clock after the
//! faulty step, as step by step; parts of the state that do not depend on the faulty one (other
//! regions) may have run on to the end of the block. A faulted state is never saved: headless
//! runs keep their last good checkpoint.
//!
//! A system added to [`SimStep`] any other way than [`schedule_once_with_block`] or
//! [`BlockAppExt::add_step_systems_with_block`] has no counterpart, and turns block stepping
//! off for as long as it is scheduled.

use bevy::ecs::schedule::ScheduleLabel;
use bevy::ecs::system::ScheduleSystem;
use bevy::prelude::*;

use crate::clock::{SimClock, SimControl};
use crate::episodes::Episodes;
use crate::metrics::Metrics;
use crate::on_demand::ScheduledFeatures;
use crate::scene_scope::SceneSystems;
use crate::sets::SimStep;

/// The schedule that advances [`BlockPlan::steps`] quiet steps at once. Its systems are in the
/// same [`SimSet`](crate::sets::SimSet)s as their step counterparts.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct SimBlock;

/// The block being run: steps `start_step .. start_step + steps`. Set by the driver.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BlockPlan {
    /// The first step of the block ([`SimClock::step`] when it starts).
    pub start_step: u64,
    /// Steps in the block, at least 2.
    pub steps: u64,
}

impl BlockPlan {
    /// The steps of the block, in order.
    pub fn step_range(&self) -> std::ops::Range<u64> {
        self.start_step..self.start_step + self.steps
    }
}

/// Whether and how far the driver may step in blocks.
#[derive(Resource, Debug, Clone)]
pub struct BlockStepping {
    /// Off: always run [`SimStep`] (tests compare both ways).
    pub enabled: bool,
    /// The longest block the scheduled plugins allow; `0` or `1`: no blocks.
    pub max_steps: u64,
    /// Steps run in blocks since the app started (the rest ran one by one).
    pub steps_in_blocks: u64,
    /// Systems of [`SimStep`] added by plugins that have a [`SimBlock`] counterpart.
    covered_app_systems: usize,
    /// Systems of [`SimStep`] added for the loaded scene that have one.
    covered_scene_systems: usize,
}

impl Default for BlockStepping {
    fn default() -> Self {
        Self {
            enabled: true,
            max_steps: 0,
            steps_in_blocks: 0,
            covered_app_systems: 0,
            covered_scene_systems: 0,
        }
    }
}

impl BlockStepping {
    /// Whether every one of the `step_systems` systems of [`SimStep`] has a counterpart.
    fn covers(&self, step_systems: usize) -> bool {
        self.enabled
            && self.max_steps > 1
            && self.covered_app_systems + self.covered_scene_systems == step_systems
    }

    /// The loaded scene's systems were removed ([`crate::scene_scope::clear_scene`]): they no
    /// longer count, and the next scene sets its own block length.
    pub(crate) fn forget_scene_systems(&mut self) {
        self.covered_scene_systems = 0;
        self.max_steps = 0;
    }
}

/// Steps from `clock.step` on, this one included, that are quiet: no metrics row, no episode end.
pub fn quiet_steps_ahead(clock: &SimClock, episodes: &Episodes, metrics: &Metrics) -> u64 {
    metrics
        .steps_before_row(clock.step)
        .min(episodes.steps_before_end())
}

/// The length of the block the driver may run now instead of single steps, at most `budget`;
/// `None` when it must run [`SimStep`] (blocks off or not covered, or fewer than 2 quiet
/// steps).
pub(crate) fn block_length(world: &World, step_systems: usize, budget: u64) -> Option<u64> {
    let stepping = world.get_resource::<BlockStepping>()?;
    if !stepping.covers(step_systems) {
        return None;
    }
    let clock = world.resource::<SimClock>();
    let until_stop = world
        .resource::<SimControl>()
        .stop_at_step
        .map_or(u64::MAX, |stop| stop.saturating_sub(clock.step));
    let quiet = quiet_steps_ahead(
        clock,
        world.resource::<Episodes>(),
        world.resource::<Metrics>(),
    );
    let length = stepping.max_steps.min(quiet).min(until_stop).min(budget);
    (length > 1).then_some(length)
}

/// Counts the systems of [`SimStep`] (added and not yet added to its executable).
fn step_system_count(schedules: &Schedules) -> usize {
    schedules
        .get(SimStep)
        .map_or(0, |schedule| schedule.graph().systems.len())
}

/// Adds `step_systems` to [`SimStep`] and `block_systems` to [`SimBlock`], and records that
/// the former are covered by the latter (for the loaded scene only, or for good).
fn add_covered<M1, M2>(
    world: &mut World,
    step_systems: impl IntoScheduleConfigs<ScheduleSystem, M1>,
    block_systems: impl IntoScheduleConfigs<ScheduleSystem, M2>,
    for_scene: bool,
) {
    let Some(mut schedules) = world.get_resource_mut::<Schedules>() else {
        return;
    };
    let before = step_system_count(&schedules);
    if for_scene {
        schedules.add_systems(SimStep, step_systems.in_set(SceneSystems));
        schedules.add_systems(SimBlock, block_systems.in_set(SceneSystems));
    } else {
        schedules.add_systems(SimStep, step_systems);
        schedules.add_systems(SimBlock, block_systems);
    }
    let added = step_system_count(&schedules) - before;
    let mut stepping = world.get_resource_or_init::<BlockStepping>();
    if for_scene {
        stepping.covered_scene_systems += added;
    } else {
        stepping.covered_app_systems += added;
    }
}

/// Like [`schedule_once`](crate::on_demand::schedule_once) (for the loaded scene only), with
/// the systems that do in one call what `step_systems` do over a block of quiet steps.
pub fn schedule_once_with_block<M1, M2>(
    world: &mut World,
    feature: &'static str,
    step_systems: impl IntoScheduleConfigs<ScheduleSystem, M1>,
    block_systems: impl IntoScheduleConfigs<ScheduleSystem, M2>,
) {
    if world
        .get_resource_or_init::<ScheduledFeatures>()
        .insert(feature)
    {
        add_covered(world, step_systems, block_systems, true);
    }
}

/// Adds step systems with their block counterparts from a plugin's `build`.
pub trait BlockAppExt {
    /// `step_systems` into [`SimStep`], `block_systems` into [`SimBlock`].
    fn add_step_systems_with_block<M1, M2>(
        &mut self,
        step_systems: impl IntoScheduleConfigs<ScheduleSystem, M1>,
        block_systems: impl IntoScheduleConfigs<ScheduleSystem, M2>,
    ) -> &mut Self;
}

impl BlockAppExt for App {
    fn add_step_systems_with_block<M1, M2>(
        &mut self,
        step_systems: impl IntoScheduleConfigs<ScheduleSystem, M1>,
        block_systems: impl IntoScheduleConfigs<ScheduleSystem, M2>,
    ) -> &mut Self {
        add_covered(self.world_mut(), step_systems, block_systems, false);
        self
    }
}

/// Block counterpart of the core's `Bookkeep` and `Commit`: quiet steps only count.
pub(crate) fn advance_episode(plan: Res<BlockPlan>, mut episodes: ResMut<Episodes>) {
    episodes.step_in_episode += plan.steps;
}
