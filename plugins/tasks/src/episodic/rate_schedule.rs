//! Learning-rate schedules, for any episodic task: the factor on every learning change
//! ([`LearningRate`]) as a function of the episode.
//!
//! With `n` the episodes completed in the run and `k` those completed in the current
//! curriculum phase (both 0 in the first episode):
//! - `Constant`: `scale = 1`.
//! - `WarmupCosine`: linear warm-up over `W = warmup_episodes`, then a cosine down to `floor`
//!   at `T = total_episodes`, and `floor` after:
//!   `scale = (n + 1) / W` for `n < W`;
//!   `scale = floor + (1 − floor) · ½ · (1 + cos(π · min(1, (n − W) / (T − W))))` after.
//! - `PhaseDecay`: back to 1 at the start of every curriculum phase, then halving every
//!   `half_life_episodes` episodes down towards `floor`:
//!   `scale = floor + (1 − floor) · 2^(−k / half_life_episodes)`.
//!
//! The scale is set when the task is spawned or a checkpoint is loaded, and at the end of every
//! episode for the next one: by the curriculum ([`set_learning_rate`]), or, for a task without
//! phases, by its [`EpisodeRateSchedule`] ([`start_learning_rate_schedule`], [`set_learning_rate_by_episode`]).

use bevy::prelude::*;
use neurarium_sim::prelude::{Episodes, LearningRate};
use serde::{Deserialize, Serialize};

use crate::episodic::curriculum::Curriculum;
use crate::error::InvalidParam;

/// How the learning rate changes over a run, as a scene gives it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum LearningRateSchedule {
    /// The rates the scene gives, always.
    #[default]
    Constant,
    /// Linear warm-up, then a cosine decay.
    WarmupCosine(WarmupCosine),
    /// Reset at every curriculum phase, then exponential decay.
    PhaseDecay(PhaseDecay),
}

/// Linear warm-up, then a cosine decay to a floor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct WarmupCosine {
    /// Episodes over which the scale rises linearly to 1.
    pub warmup_episodes: u32,
    /// Episode at which the cosine reaches `floor`.
    pub total_episodes: u32,
    /// The scale at the end, `0..=1`.
    pub floor: f64,
}

impl Default for WarmupCosine {
    fn default() -> Self {
        Self {
            warmup_episodes: 10,
            total_episodes: 300,
            floor: 0.1,
        }
    }
}

/// Reset to 1 at every curriculum phase, then exponential decay to a floor.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PhaseDecay {
    /// Episodes in which the distance to `floor` halves.
    pub half_life_episodes: f64,
    /// The scale it decays towards, `0..=1`.
    pub floor: f64,
}

impl Default for PhaseDecay {
    fn default() -> Self {
        Self {
            half_life_episodes: 50.0,
            floor: 0.2,
        }
    }
}

impl LearningRateSchedule {
    /// The scale for the episode after `episodes` completed ones, `in_phase` of them in the
    /// current curriculum phase (`episodes_in_phase`).
    pub fn scale(&self, episodes: u64, in_phase: u64) -> f64 {
        match *self {
            Self::Constant => 1.0,
            Self::WarmupCosine(WarmupCosine {
                warmup_episodes,
                total_episodes,
                floor,
            }) => {
                let (n, warmup) = (episodes as f64, f64::from(warmup_episodes));
                if n < warmup {
                    return (n + 1.0) / warmup;
                }
                let decay_span = f64::from(total_episodes.saturating_sub(warmup_episodes)).max(1.0);
                let t = ((n - warmup) / decay_span).min(1.0);
                floor + (1.0 - floor) * 0.5 * (1.0 + (std::f64::consts::PI * t).cos())
            }
            Self::PhaseDecay(PhaseDecay {
                half_life_episodes,
                floor,
            }) => floor + (1.0 - floor) * (-(in_phase as f64) / half_life_episodes).exp2(),
        }
    }

    /// Checks every value; the error names the field (`WarmupCosine.floor`).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        let floor = |floor: f64| {
            InvalidParam::check((0.0..=1.0).contains(&floor), "floor", || {
                format!("must be between 0 and 1, got {floor}")
            })
        };
        match self {
            Self::Constant => Ok(()),
            Self::WarmupCosine(p) => floor(p.floor)
                .and(InvalidParam::check(
                    p.total_episodes > p.warmup_episodes,
                    "total_episodes",
                    || {
                        format!(
                            "must be more than warmup_episodes ({}), got {}",
                            p.warmup_episodes, p.total_episodes
                        )
                    },
                ))
                .map_err(|e| e.within("WarmupCosine")),
            Self::PhaseDecay(p) => floor(p.floor)
                .and(InvalidParam::positive(
                    "half_life_episodes",
                    p.half_life_episodes,
                ))
                .map_err(|e| e.within("PhaseDecay")),
        }
    }
}

/// `Record` ([`RecordSet::EpisodeEnd`](neurarium_sim::prelude::RecordSet), after the
/// curriculum): the scale for the next episode.
pub fn set_learning_rate(
    episodes: Res<Episodes>,
    mut learning_rate: ResMut<LearningRate>,
    curricula: Query<&Curriculum>,
) {
    for curriculum in &curricula {
        // `completed` counts this episode only from `Commit` on.
        learning_rate.scale = curriculum.learning_rate_scale(episodes.completed + 1);
    }
}

/// A task without curriculum phases: its schedule over the run's episodes (every episode is
/// in the one phase), beside the task's entity.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct EpisodeRateSchedule(pub LearningRateSchedule);

/// At spawn: the schedule beside the task's entity and the first episode's scale.
pub fn start_learning_rate_schedule(
    world: &mut World,
    entity: Entity,
    schedule: LearningRateSchedule,
) {
    world.get_resource_or_init::<LearningRate>().scale = schedule.scale(0, 0);
    world
        .entity_mut(entity)
        .insert(EpisodeRateSchedule(schedule));
}

/// `Record` ([`RecordSet::EpisodeEnd`](neurarium_sim::prelude::RecordSet)): the scale for
/// the next episode of a task without phases.
pub fn set_learning_rate_by_episode(
    episodes: Res<Episodes>,
    mut learning_rate: ResMut<LearningRate>,
    schedules: Query<&EpisodeRateSchedule>,
) {
    for EpisodeRateSchedule(schedule) in &schedules {
        // `completed` counts this episode only from `Commit` on.
        let done = episodes.completed + 1;
        learning_rate.scale = schedule.scale(done, done);
    }
}
