//! The component of a spawned classification task.

use bevy::ecs::system::ScheduleSystem;
use bevy::prelude::*;
use neurarium_sim::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::epoch::{EpochPlan, EpochScores, Split};

/// A classification task in the world: where its epoch stands and how the finished ones went.
/// Saved in the checkpoint section `classify`.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classifier {
    /// The current epoch.
    pub plan: EpochPlan,
    /// Every finished epoch's accuracies, in order.
    pub history: Vec<EpochScores>,
    /// The test confusion counts of the last finished epoch (`classes × classes`, true class
    /// by row); empty before one.
    pub last_confusion: Vec<u32>,
    /// Examples per training batch (the brain's mini-batch).
    pub train_batch: usize,
    /// Examples per scoring batch.
    pub eval_batch: usize,
    /// The splits an epoch goes through: all three, or the test set alone (`--eval`).
    pub splits: Vec<Split>,
}

/// The brain's examples port, found at spawn.
#[derive(Component, Debug, Clone, Copy)]
pub struct BrainPort(pub Entity);

/// The examples port called `brain`, found at spawn: its entity, `features`, `answers` and
/// training `batch`; an error naming the field `brain` when no brain has it.
pub fn examples_port(
    world: &mut World,
    brain: &str,
) -> Result<(Entity, usize, usize, usize), InvalidParam> {
    find_examples(world, brain)
        .and_then(|e| {
            world
                .get::<ExamplePort>(e)
                .map(|p| (e, p.features, p.answers, p.batch))
        })
        .ok_or_else(|| InvalidParam::new("brain", format!("no examples port '{brain}'")))
}

/// Adds the five systems of a task shown in epochs of batches (once per app, under `feature`):
/// `show` a batch in `Sense`, `score` the answers in `Control`, `end` the epoch in `Score`,
/// `record` in `Task` and start the `next` epoch at an episode's end.
pub fn schedule_epoch_task<M1, M2, M3, M4, M5>(
    world: &mut World,
    feature: &'static str,
    show: impl IntoScheduleConfigs<ScheduleSystem, M1>,
    score: impl IntoScheduleConfigs<ScheduleSystem, M2>,
    end: impl IntoScheduleConfigs<ScheduleSystem, M3>,
    record: impl IntoScheduleConfigs<ScheduleSystem, M4>,
    next: impl IntoScheduleConfigs<ScheduleSystem, M5>,
) {
    schedule_once(
        world,
        feature,
        (
            show.in_set(SimSet::Sense),
            score.in_set(ActSet::Control),
            end.in_set(RewardSet::Score),
            record.in_set(RecordSet::Task),
            next.run_if(episode_ends).in_set(RecordSet::EpisodeEnd),
        ),
    );
}
