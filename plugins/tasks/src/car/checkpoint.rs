//! The `car` checkpoint section: the car's state, inputs, status, sensor readings and
//! curriculum progress (the history of episode outcomes is the shared `episode history`
//! section).
//!
//! The track and walls are rebuilt from the scene (the saved curriculum phase's track); only
//! what changes while driving is saved.
//! A world without a car saves `None`; restoring a car onto a world without one (or the
//! reverse) is refused.

use avian2d::prelude::{Position, Rotation};
use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use neurarium_sim::prelude::{Episodes, LearningRate};
use serde::{Deserialize, Serialize};

use super::body::CarState;
use super::control::CarControl;
use super::curriculum::{PhaseTracks, change_track};
use super::sensors::RaySensors;
use super::spawn::CarStep;
use super::status::CarStatus;
use crate::episodic::curriculum::{Curriculum, CurriculumProgress};

/// The section's name in checkpoint files.
pub const SECTION: &str = "car";

#[derive(Serialize, Deserialize)]
struct CarSnapshot {
    state: CarState,
    control: CarControl,
    status: CarStatus,
    step: CarStep,
    readings: Vec<f32>,
    curriculum: CurriculumProgress,
}

/// Encodes the car, if there is one.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let mut query = world.try_query::<(
        &CarState,
        &CarControl,
        &CarStatus,
        &CarStep,
        &RaySensors,
        &Curriculum,
    )>();
    let snapshot = query.as_mut().and_then(|q| {
        q.iter(world)
            .next()
            .map(
                |(state, control, status, step, sensors, curriculum)| CarSnapshot {
                    state: *state,
                    control: *control,
                    status: status.clone(),
                    step: *step,
                    readings: sensors.readings.clone(),
                    curriculum: curriculum.progress.clone(),
                },
            )
    });
    encode(SECTION, &snapshot)
}

/// Restores the car saved by [`save`].
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<CarSnapshot> = decode(SECTION, bytes)?;
    if let Some(saved) = &saved {
        restore_curriculum(world, &saved.curriculum)?;
    }
    let mut query = world.query::<(
        &mut CarState,
        &mut CarControl,
        &mut CarStatus,
        &mut CarStep,
        &mut RaySensors,
        &mut Position,
        &mut Rotation,
    )>();
    let car = query.iter_mut(world).next();
    match (saved, car) {
        (None, None) => Ok(()),
        (
            Some(saved),
            Some((
                mut state,
                mut control,
                mut status,
                mut step,
                mut sensors,
                mut position,
                mut rotation,
            )),
        ) => {
            if saved.readings.len() != sensors.readings.len() {
                return Err(CheckpointError::section(
                    SECTION,
                    format!(
                        "the checkpoint's car has {} sensors, the scene's {}",
                        saved.readings.len(),
                        sensors.readings.len()
                    ),
                ));
            }
            *state = saved.state;
            *control = saved.control;
            *status = saved.status;
            *step = saved.step;
            sensors.readings = saved.readings;
            position.0 = state.position;
            *rotation = Rotation::radians(state.heading);
            Ok(())
        }
        (Some(_), None) => Err(CheckpointError::section(
            SECTION,
            "the checkpoint has a car but the scene has none",
        )),
        (None, Some(_)) => Err(CheckpointError::section(
            SECTION,
            "the scene has a car but the checkpoint has none",
        )),
    }
}

/// Puts the car on the saved phase's track, with the saved progress and the learning-rate
/// scale its schedule gives there.
fn restore_curriculum(
    world: &mut World,
    saved: &CurriculumProgress,
) -> Result<(), CheckpointError> {
    // Restored before this section.
    let completed = world.resource::<Episodes>().completed;
    let mut curricula = world.query::<(&mut Curriculum, &PhaseTracks)>();
    let Some((mut curriculum, tracks)) = curricula.iter_mut(world).next() else {
        return Ok(());
    };
    if saved.phase >= curriculum.phases() {
        return Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint's car is in curriculum phase {} but the scene has {} phases",
                saved.phase + 1,
                curriculum.phases()
            ),
        ));
    }
    let changes_track = saved.phase != curriculum.progress.phase;
    curriculum.progress = saved.clone();
    let track = tracks.0[saved.phase].clone();
    // The scale in effect since the last episode's end; it overrides the `learning rate`
    // section, restored before.
    let scale = curriculum.learning_rate_scale(completed);
    world.get_resource_or_init::<LearningRate>().scale = scale;
    if changes_track {
        change_track(world, &track);
    }
    Ok(())
}
