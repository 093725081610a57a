//! The car's curriculum: its tracks driven in turn, each until mastered.
//!
//! A scene lists the phases' tracks (`curriculum.tracks`, by default phases 1 to 4) and the
//! mastery rule; the rule itself, the progress and the learning-rate schedule are the shared
//! episodic curriculum ([`crate::episodic::curriculum`]). The car starts on the first track;
//! when a phase is mastered, the next phase's track replaces the current one at the end of that
//! episode ([`advance_curriculum`]). Without a curriculum the scene's `track` is the only phase.
//!
//! An evaluation (`--eval`) drives the last phase's track ([`start_final_phase`]).

use bevy::ecs::system::RunSystemOnce;
use bevy::prelude::*;
use neurarium_sim::prelude::Episodes;
use serde::{Deserialize, Serialize};

use super::spawn::{Car, install_track};
use super::status::CarStatus;
use super::systems::restart_cars;
use super::track::TrackSpec;
use crate::episodic::curriculum::{Curriculum, Mastery};
use crate::episodic::rate_schedule::LearningRateSchedule;
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
        self.mastery().validate()
    }

    /// The mastery rule.
    pub fn mastery(&self) -> Mastery {
        Mastery {
            success: self.mastery_success,
            window_episodes: self.mastery_window_episodes,
        }
    }

    /// The curriculum at its start, with learning-rate `schedule`.
    pub fn start(&self, schedule: LearningRateSchedule) -> Curriculum {
        Curriculum {
            phase_names: self.tracks.iter().map(|t| t.name().to_owned()).collect(),
            mastery: self.mastery(),
            schedule,
            progress: Default::default(),
        }
    }
}

/// The track of each curriculum phase, on the car.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct PhaseTracks(pub Vec<TrackSpec>);

/// `Record` (episode end, after the outcome is remembered, before the car's reset): records
/// the episode and, on mastery, replaces the track with the next phase's.
pub fn advance_curriculum(world: &mut World) {
    let mut cars = world.query::<(&CarStatus, &mut Curriculum, &PhaseTracks)>();
    let Some((status, mut curriculum, tracks)) = cars.iter_mut(world).next() else {
        return;
    };
    let succeeded = status.succeeded();
    if curriculum.record(succeeded) {
        let next = tracks.0[curriculum.progress.phase].clone();
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
    let mut curricula = world.query::<(&mut Curriculum, &PhaseTracks)>();
    let (mut curriculum, tracks) = curricula.iter_mut(world).next()?;
    let last = curriculum.phases() - 1;
    let moves = curriculum.progress.phase != last;
    if moves {
        curriculum.enter_phase(last);
    }
    let track = tracks.0[last].clone();
    if moves {
        change_track(world, &track);
    }
    world
        .run_system_once(restart_cars)
        .expect("restart_cars takes no resources");
    world.resource_mut::<Episodes>().step_in_episode = 0;
    Some((last, last + 1))
}
