//! The curriculum: a sequence of tracks, each driven until the car masters it.
//!
//! A scene lists the phases' tracks (`curriculum.tracks`, by default phases 1 to 4). The car
//! starts on the first. A phase is **mastered** when, of the last `mastery_window_episodes`
//! episodes driven in it, a fraction of at least `mastery_success` succeeded (finished without
//! a crash); the car then moves to the next phase's track at the end of that episode. The
//! last phase is never left. Without a curriculum the scene's `track` is the only phase.
//!
//! An evaluation (`--eval`) drives the last phase's track ([`start_final_phase`]).
//!
//! The state (phase, episodes in it, their recent outcomes) lives in the car's [`Curriculum`]
//! component and is saved in the `car` checkpoint section; the learning-rate schedule reads
//! the episodes in the phase ([`super::rate_schedule`]).

use std::collections::VecDeque;

use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use neurarium_sim::prelude::Episodes;
use serde::{Deserialize, Serialize};

use super::rate_schedule::LearningRateSchedule;
use super::spawn::{Car, install_track};
use super::status::CarStatus;
use super::systems::restart_cars;
use super::track::TrackSpec;
use crate::error::InvalidParam;

/// The curriculum as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CurriculumSpec {
    /// The phases' tracks, in order.
    pub tracks: Vec<TrackSpec>,
    /// Fraction of successful episodes, `0..=1`, that masters a phase.
    pub mastery_success: f64,
    /// The last this many episodes of a phase are judged (a phase lasts at least this long).
    pub mastery_window_episodes: u32,
}

impl Default for CurriculumSpec {
    fn default() -> Self {
        Self {
            tracks: vec![
                TrackSpec::Phase1,
                TrackSpec::Phase2,
                TrackSpec::Phase3,
                TrackSpec::Phase4,
            ],
            mastery_success: 0.8,
            mastery_window_episodes: 10,
        }
    }
}

impl CurriculumSpec {
    /// Checks every value, each track's walls included; the error names the field
    /// (`tracks[2].Custom.width_m`).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(!self.tracks.is_empty(), "tracks", || {
            "must list at least one track".to_owned()
        })?;
        for (i, track) in self.tracks.iter().enumerate() {
            track
                .build()
                .map_err(|e| e.within(&format!("tracks[{i}]")))?;
        }
        InvalidParam::check(
            (0.0..=1.0).contains(&self.mastery_success),
            "mastery_success",
            || format!("must be between 0 and 1, got {}", self.mastery_success),
        )?;
        InvalidParam::check(
            self.mastery_window_episodes >= 1,
            "mastery_window_episodes",
            || "must be at least 1".to_owned(),
        )
    }
}

/// Where the car is in its curriculum. Saved in checkpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CurriculumProgress {
    /// Index of the current phase in the tracks.
    pub phase: usize,
    /// Episodes completed in the current phase.
    pub episodes_in_phase: u64,
    /// Whether each of the last (up to `mastery_window_episodes`) episodes of the phase
    /// succeeded, oldest first.
    pub recent: VecDeque<bool>,
}

/// The car's curriculum: its phases, mastery rule, learning-rate schedule and progress.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Curriculum {
    /// The phases (one, the scene's `track`, without a curriculum).
    pub spec: CurriculumSpec,
    /// The learning-rate schedule.
    pub schedule: LearningRateSchedule,
    /// Where the car is.
    pub progress: CurriculumProgress,
}

impl Curriculum {
    /// The current phase's track.
    pub fn track(&self) -> &TrackSpec {
        &self.spec.tracks[self.progress.phase]
    }

    /// Number of phases.
    pub fn phases(&self) -> usize {
        self.spec.tracks.len()
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

    /// Successes among the last `mastery_window_episodes` that master a phase:
    /// `⌈mastery_success · window⌉` (0.28 of 25 is 7, though 0.28 · 25 rounds to 7.000000000000001).
    pub fn required_successes(&self) -> usize {
        let window = f64::from(self.spec.mastery_window_episodes);
        (self.spec.mastery_success * window - 1e-9).ceil().max(0.0) as usize
    }

    /// Records one episode's outcome; returns whether the car moves to the next phase.
    pub fn record(&mut self, succeeded: bool) -> bool {
        let window = self.spec.mastery_window_episodes as usize;
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
            self.progress = CurriculumProgress {
                phase: self.progress.phase + 1,
                ..CurriculumProgress::default()
            };
            true
        } else {
            false
        }
    }
}

/// `Record`, on an episode's last step (after its outcome is remembered, before the car's
/// reset): records the episode and, on mastery, replaces the track with the next phase's.
pub fn advance_curriculum(world: &mut World) {
    let mut cars = world.query::<(&CarStatus, &mut Curriculum)>();
    let Some((status, mut curriculum)) = cars.iter_mut(world).next() else {
        return;
    };
    let succeeded = status.finished && !status.crashed;
    if curriculum.record(succeeded) {
        let next = curriculum.track().clone();
        change_track(world, &next);
    }
}

/// Puts `track` in place of the current one and makes the car start on it. The scene was
/// validated, so the track builds.
pub fn change_track(world: &mut World, track: &TrackSpec) {
    let track = track
        .build()
        .expect("curriculum tracks are validated at load");
    let mut cars = world.query::<&Car>();
    let Some(length_m) = cars.iter(world).next().map(|car| car.params.length_m) else {
        return;
    };
    let (position, heading) = install_track(world, track, length_m);
    for mut car in world.query::<&mut Car>().iter_mut(world) {
        car.start_position = position;
        car.start_heading = heading;
    }
}

/// For an evaluation on the curriculum's goal: moves the car to the last phase's track and
/// starts a new episode there (the car at its start, the episode's step count at 0). Returns
/// the phase (from 0) and the number of phases, or `None` without a car.
pub fn start_final_phase(world: &mut World) -> Option<(usize, usize)> {
    let mut curricula = world.query::<&mut Curriculum>();
    let mut curriculum = curricula.iter_mut(world).next()?;
    let last = curriculum.phases() - 1;
    let moves = curriculum.progress.phase != last;
    if moves {
        curriculum.progress = CurriculumProgress {
            phase: last,
            ..CurriculumProgress::default()
        };
    }
    let track = curriculum.track().clone();
    if moves {
        change_track(world, &track);
    }
    world
        .run_system_once(restart_cars)
        .expect("restart_cars takes no resources");
    world.resource_mut::<Episodes>().step_in_episode = 0;
    Some((last, last + 1))
}
