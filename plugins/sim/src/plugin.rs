//! [`SimPlugin`]: wires the clock, the step schedule, episodes, metrics and checkpoints.

use bevy::prelude::*;

use crate::block::{BlockAppExt, BlockPlan, BlockStepping, SimBlock, advance_episode};
use crate::checkpoint::{CheckpointAppExt, CheckpointRegistry};
use crate::clock::{Pacing, SimClock, SimControl, drive_simulation};
use crate::episodes::Episodes;
use crate::fault::SimFault;
use crate::learning_rate::LearningRate;
use crate::metrics::{MetricCatalog, Metrics};
use crate::protocol::registry::{ActiveTask, SceneKinds};
use crate::protocol::rewards::Rewards;
use crate::rng::SimRng;
use crate::scene_scope::SceneResourceAppExt;
use crate::sets::{SimSet, build_ordered_schedule, build_sim_step_schedule};

/// The simulation core. Add it before any plugin that adds systems to
/// [`SimStep`](crate::sets::SimStep).
///
/// Resources: [`SimClock`], [`SimControl`], [`Pacing`] (default: unpaced, 1,000 steps per
/// update), [`Episodes`], [`Metrics`] and its [`MetricCatalog`], [`SimRng`], [`SimFault`],
/// [`CheckpointRegistry`], [`BlockStepping`], [`BlockPlan`], the registry of tasks and network
/// kinds ([`SceneKinds`]) and the loaded scene's task ([`ActiveTask`]); the scene resources
/// [`LearningRate`] and [`Rewards`]. Schedules: [`SimStep`](crate::sets::SimStep) and
/// [`SimBlock`].
/// Checkpoint sections: `clock`, `episodes`, `metrics`, `rng`, `learning rate`.
pub struct SimPlugin;

impl Plugin for SimPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<CheckpointRegistry>()
            .insert_resource(SimClock::new(0.1))
            .init_resource::<SimControl>()
            .insert_resource(Pacing::Unpaced {
                steps_per_update: 1000,
            })
            .init_resource::<Episodes>()
            .init_resource::<Metrics>()
            .init_resource::<SimRng>()
            .init_resource::<SimFault>()
            .init_resource::<SceneKinds>()
            .init_resource::<ActiveTask>()
            .scene_resource::<LearningRate>()
            .scene_resource::<Rewards>()
            .add_schedule(build_sim_step_schedule())
            .add_schedule(build_ordered_schedule(SimBlock))
            .init_resource::<BlockPlan>()
            .init_resource::<BlockStepping>()
            .add_step_systems_with_block(
                (
                    bookkeep.in_set(SimSet::Bookkeep),
                    commit.in_set(SimSet::Commit),
                ),
                advance_episode.in_set(SimSet::Bookkeep),
            )
            .add_systems(Update, drive_simulation)
            .init_resource::<MetricCatalog>()
            .checkpoint_resource::<SimClock>("clock")
            .checkpoint_resource::<Episodes>("episodes")
            .checkpoint_resource::<Metrics>("metrics")
            .checkpoint_resource::<SimRng>("rng")
            .checkpoint_resource::<LearningRate>("learning rate");
    }
}

/// Decides whether this step ends an episode and opens a metrics row if one is due.
fn bookkeep(clock: Res<SimClock>, mut episodes: ResMut<Episodes>, mut metrics: ResMut<Metrics>) {
    episodes.bookkeep();
    let end_time_ms = (clock.step + 1) as f64 * clock.dt_ms;
    metrics.open_if_due(
        clock.step,
        episodes.ends_this_step(),
        episodes.completed,
        end_time_ms,
    );
}

/// Commits the metrics row, advances the episode count and drops the step's rewards.
fn commit(
    mut episodes: ResMut<Episodes>,
    mut metrics: ResMut<Metrics>,
    mut rewards: ResMut<Rewards>,
) {
    metrics.commit();
    episodes.commit();
    rewards.clear();
}
