//! Building a car world into a [`World`], and taking it down.
//!
//! [`spawn_car_world`] spawns three kinds of entity, each a [`SceneEntity`] (loading the next
//! scene removes them):
//! - the track: its [`Track`] centre line;
//! - the walls: a [`Wall`] with an avian [`Collider`] and [`RigidBody::Static`] each;
//! - the car: [`Car`] (parameters and settings), its [`Curriculum`] and [`PhaseTracks`],
//!   [`CarState`], [`CarControl`],
//!   [`RaySensors`], [`CarStatus`], [`CarStep`], and an avian [`RigidBody::Kinematic`] with a
//!   rectangle [`Collider`], [`Position`] and [`Rotation`] mirrored from the state.
//!
//! The car starts at rest on the centre line, facing along it: at the first point of a
//! circuit, or half a body length plus 0.5 m from the start wall of an open road. A curriculum
//! replaces the track and walls ([`install_track`]) when a phase is mastered.

use avian2d::prelude::{Collider, Position, RigidBody, Rotation};
use bevy::prelude::*;
use neurarium_sim::prelude::{LearningRate, SceneEntity, despawn_all};

use super::body::CarState;
use super::brain::CarBrain;
use super::control::CarControl;
use super::curriculum::{CurriculumSpec, PhaseTracks};
use super::params::CarParams;
use super::reward::RewardWeights;
use super::sensors::RaySensors;
use super::spec::CarTaskSpec;
use super::status::CarStatus;
use super::track::Track;
use super::walls::WallLines;
use crate::episodic::curriculum::Curriculum;
use crate::error::InvalidParam;

/// Marks a wall of the track.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct Wall;

/// The car's parameters and the settings of its task.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Car {
    /// Body and drive.
    pub params: CarParams,
    /// The car advances once every this many simulation steps.
    pub control_every_steps: u64,
    /// Car time per control step, s: `control_every_steps · dt`.
    pub control_dt_s: f32,
    /// Laps that end the episode on a circuit (0: never).
    pub laps: u32,
    /// Car time that ends the episode, s (0: none).
    pub time_limit_s: f32,
    /// Reward weights.
    pub reward: RewardWeights,
    /// Throttle at the start of an episode.
    pub initial_throttle: f32,
    /// Where every episode starts, m.
    pub start_position: Vec2,
    /// Heading at the start, rad.
    pub start_heading: f32,
}

/// What the last control step did, for the reward. Reset every episode.
#[derive(
    Component, Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize,
)]
pub struct CarStep {
    /// Whether the car advanced during this simulation step (a control step).
    pub advanced: bool,
    /// Progress along the centre line during the step, m.
    pub progress_m: f32,
    /// Steering of the step before.
    pub previous_steering: f32,
    /// Whether the car hit a wall during the step.
    pub crashed_now: bool,
    /// Lateral offset before the step, m.
    pub previous_lateral_m: f32,
    /// Heading error before the step, rad.
    pub previous_heading_error_rad: f32,
}

/// Spawns the track, its walls and the car; returns the car entity. With a curriculum the
/// track is its first phase's.
pub fn spawn_car_world(
    world: &mut World,
    spec: &CarTaskSpec,
    dt_ms: f64,
) -> Result<Entity, InvalidParam> {
    spec.validate()?;
    let phases = spec.curriculum.clone().unwrap_or_else(|| CurriculumSpec {
        tracks: vec![spec.track.clone()],
        ..CurriculumSpec::default()
    });
    let curriculum: Curriculum = phases.start(spec.learning_rate);
    let tracks = PhaseTracks(phases.tracks);
    let track = tracks.0[0].build().map_err(|e| e.within("track"))?;
    super::task::schedule_car_systems(world);
    world.get_resource_or_init::<LearningRate>().scale = curriculum.learning_rate_scale(0);
    let (start_position, start_heading) = install_track(world, track, spec.car.length_m);
    let car = Car {
        params: spec.car,
        control_every_steps: spec.control_every_steps,
        control_dt_s: (spec.control_every_steps as f64 * dt_ms / 1000.0) as f32,
        laps: spec.laps,
        time_limit_s: spec.time_limit_s,
        reward: spec.reward,
        initial_throttle: spec.throttle,
        start_position,
        start_heading,
    };
    let body = Collider::rectangle(spec.car.length_m, spec.car.width_m);
    let mut sensors = RaySensors::new(&spec.sensors);
    let mut state = CarState::at_rest(start_position, start_heading);
    let mut status = CarStatus::default();
    {
        let mut tracks = world.query::<&Track>();
        let mut walls = world.query_filtered::<&Collider, With<Wall>>();
        let track = tracks.single(world).expect("the track was just installed");
        place(
            track,
            walls.iter(world),
            &mut state,
            &mut status,
            &mut sensors,
        );
        status.s_m = track.project(start_position).s;
    }
    let control = CarControl::new(spec.controller, spec.throttle);
    let brain = match &spec.brain {
        Some(brain) => {
            super::task::schedule_brain_systems(world);
            Some(CarBrain::resolve(world, brain).map_err(|e| e.within("brain"))?)
        }
        None => None,
    };
    let mut car = world.spawn((
        SceneEntity,
        car,
        curriculum,
        tracks,
        state,
        control,
        sensors,
        status,
        CarStep::default(),
        RigidBody::Kinematic,
        body,
        Position(state.position),
        Rotation::radians(state.heading),
    ));
    if let Some(brain) = brain {
        car.insert(brain);
    }
    Ok(car.id())
}

/// Spawns `track` and its walls, despawning those there were; returns where a car
/// `car_length_m` long starts on it (position, heading): at the first point of a circuit, or
/// half a body length plus 0.5 m from the start wall of an open road.
pub fn install_track(world: &mut World, track: Track, car_length_m: f32) -> (Vec2, f32) {
    despawn_all::<Or<(With<Track>, With<Wall>)>>(world);
    let walls = WallLines::of(&track).colliders();
    let start_s = if track.closed() {
        0.0
    } else {
        0.5 * car_length_m + 0.5
    };
    let start = track.point_at(start_s);
    world.spawn((SceneEntity, track));
    for wall in walls {
        world.spawn((
            SceneEntity,
            Wall,
            RigidBody::Static,
            wall,
            Position(Vec2::ZERO),
            Rotation::IDENTITY,
        ));
    }
    start
}

/// Fills the status and sensor readings for the car at `state` (no progress is added).
pub(crate) fn place<'a>(
    track: &Track,
    walls: impl Iterator<Item = &'a Collider> + Clone,
    state: &mut CarState,
    status: &mut CarStatus,
    sensors: &mut RaySensors,
) {
    let projection = track.project(state.position);
    status.speed_mps = state.speed;
    status.lateral_m = projection.lateral;
    status.heading_error_rad = track.heading_error(state.heading, &projection);
    sensors.cast(state.position, state.heading, walls);
}
