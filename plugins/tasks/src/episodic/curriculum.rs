//! Curricula: phases driven in turn, each until it is mastered, for any episodic task.
//!
//! A task's curriculum has `phases` phases (the car's: its tracks). A phase is **mastered**
//! when, of the last `window_episodes` episodes in it, at least `⌈success · window⌉`
//! succeeded; the task then moves to the next phase at the end of that episode. The last phase
//! is never left. Without a curriculum a task has one phase.
//!
//! [`Curriculum`] is a component on the task's agent: the phase names (for panels), the
//! mastery rule, the learning-rate schedule (which reads the episodes in the phase,
//! [`super::rate_schedule`]) and the progress, saved by the task in its checkpoint section.
//! What a phase *is* (a track) is the task's business: [`Curriculum::record`] says when to
//! change it.

use std::collections::VecDeque;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::rate_schedule::LearningRateSchedule;
use crate::error::InvalidParam;

/// When a phase counts as mastered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mastery {
    /// Fraction of successful episodes, `0..=1`.
    pub success: f64,
    /// The last this many episodes of a phase are judged (a phase lasts at least this long).
    pub window_episodes: u32,
}

impl Mastery {
    /// Checks both values; the error names the scene's fields `mastery_success` and
    /// `mastery_window_episodes`.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(
            (0.0..=1.0).contains(&self.success),
            "mastery_success",
            || format!("must be between 0 and 1, got {}", self.success),
        )?;
        InvalidParam::check(self.window_episodes >= 1, "mastery_window_episodes", || {
            "must be at least 1".to_owned()
        })
    }
}

/// Where a task is in its curriculum. Saved in checkpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CurriculumProgress {
    /// Index of the current phase.
    pub phase: usize,
    /// Episodes completed in the current phase.
    pub episodes_in_phase: u64,
    /// Whether each of the last (up to `window_episodes`) episodes of the phase succeeded,
    /// oldest first.
    pub recent: VecDeque<bool>,
}

/// A task's curriculum: its phases, mastery rule, learning-rate schedule and progress.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Curriculum {
    /// A name per phase, for panels ("straight road").
    pub phase_names: Vec<String>,
    /// When a phase is mastered.
    pub mastery: Mastery,
    /// The learning-rate schedule.
    pub schedule: LearningRateSchedule,
    /// Where the task is.
    pub progress: CurriculumProgress,
}

impl Curriculum {
    /// Number of phases.
    pub fn phases(&self) -> usize {
        self.phase_names.len()
    }

    /// The current phase's name.
    pub fn phase_name(&self) -> &str {
        &self.phase_names[self.progress.phase]
    }

    /// Episodes that succeeded among the recent ones of this phase.
    pub fn recent_successes(&self) -> usize {
        self.progress.recent.iter().filter(|&&s| s).count()
    }

    /// The learning-rate factor its schedule gives once `episodes_done` episodes of the run
    /// are completed (the phase's own count is the curriculum's).
    pub fn learning_rate_scale(&self, episodes_done: u64) -> f64 {
        self.schedule
            .scale(episodes_done, self.progress.episodes_in_phase)
    }

    /// Successes among the last `window_episodes` that master a phase:
    /// `⌈success · window⌉` (0.28 of 25 is 7, though 0.28 · 25 rounds to 7.000000000000001).
    pub fn required_successes(&self) -> usize {
        let window = f64::from(self.mastery.window_episodes);
        (self.mastery.success * window - 1e-9).ceil().max(0.0) as usize
    }

    /// Records one episode's outcome; returns whether the task moves to the next phase.
    pub fn record(&mut self, succeeded: bool) -> bool {
        let window = self.mastery.window_episodes as usize;
        let progress = &mut self.progress;
        progress.episodes_in_phase += 1;
        progress.recent.push_back(succeeded);
        // `while`: a checkpoint from a scene with a longer window may be resumed.
        while progress.recent.len() > window {
            progress.recent.pop_front();
        }
        let mastered =
            progress.recent.len() == window && self.recent_successes() >= self.required_successes();
        if mastered && self.progress.phase + 1 < self.phases() {
            self.enter_phase(self.progress.phase + 1);
            true
        } else {
            false
        }
    }

    /// Starts phase `phase` afresh.
    pub fn enter_phase(&mut self, phase: usize) {
        self.progress = CurriculumProgress {
            phase,
            ..CurriculumProgress::default()
        };
    }
}
