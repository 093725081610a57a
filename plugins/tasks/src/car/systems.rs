//! The car world's systems in the simulation step.
//!
//! - `Act` ([`apply_fixed_controllers`]): a fixed controller sets the steering.
//! - `Physics` ([`drive_cars`]): on a control step (every `control_every_steps` steps, at the
//!   last step of each block) the car advances by `control_dt` in substeps, each followed by a
//!   contact test of the body against every wall (avian `intersection_test`); on contact the
//!   car stops and has crashed. Then progress, laps, lateral offset and heading error are
//!   measured on the centre line and the sensors cast their rays.
//! - `Reward` ([`reward_cars`]): the reward of the control step; a crash, the end of the road
//!   (or the scene's laps) and the time limit end the episode.
//! - `Record` ([`record_cars`] in `RecordSet::Task`; at the end of an episode, in
//!   `RecordSet::EpisodeEnd`, [`remember_episodes`], the curriculum, the learning rate, then
//!   [`restart_cars`]): metric columns ([`super::columns`]) while a row is open; at the end of
//!   an episode the outcome is remembered and the car goes back to the start.

use avian2d::collision::collider::contact_query::intersection_test;
use avian2d::prelude::{AngularVelocity, Collider, LinearVelocity, Position, Rotation};
use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::body::CarState;
use super::columns;
use super::control::CarControl;
use super::reward::StepOutcome;
use super::sensors::RaySensors;
use super::spawn::{Car, CarStep, Wall, place};
use super::status::CarStatus;
use super::track::Track;
use crate::episodic::curriculum::Curriculum;
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The car's avian components, mirrored from its state.
type AvianBody<'a> = (
    &'a mut Position,
    &'a mut Rotation,
    &'a mut LinearVelocity,
    &'a mut AngularVelocity,
);

/// `Act`: fixed controllers set the steering.
pub fn apply_fixed_controllers(mut cars: Query<&mut CarControl>) {
    for mut control in &mut cars {
        if control.controller.steering().is_some() {
            control.apply_controller();
        }
    }
}

/// Whether the body at `state` touches any wall.
pub fn touches_wall<'a>(
    body: &Collider,
    state: &CarState,
    mut walls: impl Iterator<Item = &'a Collider>,
) -> bool {
    let rotation = Rotation::radians(state.heading);
    walls.any(|wall| {
        matches!(
            intersection_test(
                body,
                Position(state.position),
                rotation,
                wall,
                Position(Vec2::ZERO),
                Rotation::IDENTITY
            ),
            Ok(true)
        )
    })
}

/// `Physics`: advances every car on its control steps.
#[allow(clippy::type_complexity)]
pub fn drive_cars(
    clock: Res<SimClock>,
    tracks: Query<&Track>,
    walls: Query<&Collider, With<Wall>>,
    mut cars: Query<
        (
            &Car,
            &Collider,
            &CarControl,
            &mut CarState,
            &mut CarStatus,
            &mut CarStep,
            &mut RaySensors,
            AvianBody,
        ),
        Without<Wall>,
    >,
) {
    let Ok(track) = tracks.single() else {
        return;
    };
    for (car, body, control, mut state, mut status, mut step, mut sensors, avian) in &mut cars {
        *step = CarStep::default();
        if status.crashed
            || status.finished
            || !(clock.step + 1).is_multiple_of(car.control_every_steps)
        {
            continue;
        }
        let previous_steering = state.steering;
        let (previous_lateral_m, previous_heading_error_rad) =
            (status.lateral_m, status.heading_error_rad);
        let dt = car.control_dt_s;
        let substeps = (dt / car.params.max_substep_s).ceil().max(1.0) as u32;
        let h = dt / substeps as f32;
        for _ in 0..substeps {
            let before = state.position;
            state.advance(&car.params, control.steering(), control.throttle(), h);
            status.distance_m += f64::from(before.distance(state.position));
            if touches_wall(body, &state, walls.iter()) {
                status.crashed = true;
                state.speed = 0.0;
                break;
            }
        }
        status.time_s += f64::from(dt);
        status.control_steps += 1;
        let s = track.project(state.position).s;
        let progress = status.advance_progress(s, track.closed().then(|| track.length()));
        status.finished = if track.closed() {
            car.laps > 0 && status.laps >= car.laps
        } else {
            s >= track.length() - 1e-3
        };
        place(track, walls.iter(), &mut state, &mut status, &mut sensors);
        *step = CarStep {
            advanced: true,
            progress_m: progress,
            previous_steering,
            crashed_now: status.crashed,
            previous_lateral_m,
            previous_heading_error_rad,
        };
        mirror(&car.params, &state, avian);
    }
}

/// Writes the state into the avian components.
fn mirror(
    params: &super::params::CarParams,
    state: &CarState,
    (mut position, mut rotation, mut velocity, mut spin): (
        Mut<Position>,
        Mut<Rotation>,
        Mut<LinearVelocity>,
        Mut<AngularVelocity>,
    ),
) {
    let slip = (0.5 * (state.steering * params.max_steer_rad).tan()).atan();
    position.0 = state.position;
    *rotation = Rotation::radians(state.heading);
    velocity.0 = state.speed * Vec2::from_angle(state.heading + slip);
    spin.0 = 2.0 * state.speed * slip.sin() / params.wheelbase_m;
}

/// `Reward`: the reward of each car's control step; ends the episode on a crash, at the
/// finish or at the time limit.
pub fn reward_cars(
    mut episodes: ResMut<Episodes>,
    tracks: Query<&Track>,
    mut cars: Query<(&Car, &CarState, &CarStep, &mut CarStatus)>,
) {
    let Ok(track) = tracks.single() else {
        return;
    };
    for (car, state, step, mut status) in &mut cars {
        if !step.advanced {
            continue;
        }
        let reward = car.reward.reward(&StepOutcome {
            progress_m: step.progress_m,
            lateral_m: status.lateral_m,
            half_width_m: 0.5 * track.width_m(),
            steering: state.steering,
            previous_steering: step.previous_steering,
            crashed: step.crashed_now,
            heading_error_rad: status.heading_error_rad,
            previous_lateral_m: step.previous_lateral_m,
            previous_heading_error_rad: step.previous_heading_error_rad,
        });
        status.reward = reward;
        status.episode_return += f64::from(reward);
        let out_of_time = car.time_limit_s > 0.0 && status.time_s >= f64::from(car.time_limit_s);
        if status.crashed || status.finished || out_of_time {
            episodes.request_end();
        }
    }
}

/// `Record`: the car's metric columns, while a row is open.
pub fn record_cars(
    mut metrics: ResMut<Metrics>,
    learning_rate: Res<LearningRate>,
    cars: Query<(&CarStatus, &Curriculum)>,
) {
    if !metrics.row_open() {
        return;
    }
    for (status, curriculum) in &cars {
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        metrics.set(&columns::PROGRESS, status.progress_m);
        metrics.set(&columns::DISTANCE, status.distance_m);
        metrics.set(&columns::LAPS, f64::from(status.laps));
        metrics.set(&columns::CRASHED, flag(status.crashed));
        metrics.set(&columns::FINISHED, flag(status.finished));
        metrics.set(&columns::SPEED, f64::from(status.speed_mps));
        metrics.set(&columns::LATERAL, f64::from(status.lateral_m));
        metrics.set(&columns::HEADING_ERROR, f64::from(status.heading_error_rad));
        metrics.set(&columns::TIME, status.time_s);
        metrics.set(&columns::REWARD, f64::from(status.reward));
        metrics.set(&columns::RETURN, status.episode_return);
        metrics.set(&columns::PHASE, (curriculum.progress.phase + 1) as f64);
        metrics.set(&columns::LEARNING_RATE, learning_rate.effective());
    }
}

/// `Record` (episode end, first): appends the ending episode's outcome to the
/// [`EpisodeHistory`].
pub fn remember_episodes(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    cars: Query<(&CarStatus, &Curriculum)>,
) {
    for (status, curriculum) in &cars {
        history.episodes.push(EpisodeOutcome {
            episode_return: status.episode_return,
            succeeded: status.succeeded(),
            phase: curriculum.progress.phase,
            learning_rate_scale: learning_rate.effective(),
        });
    }
}

/// Puts every car back at its start, at rest, with a fresh status (see [`reset_car`]); in
/// `Record` at the end of an episode, after [`record_cars`] and the curriculum.
#[allow(clippy::type_complexity)]
pub fn restart_cars(
    tracks: Query<&Track>,
    walls: Query<&Collider, With<Wall>>,
    mut cars: Query<
        (
            &Car,
            &mut CarState,
            &mut CarControl,
            &mut CarStatus,
            &mut CarStep,
            &mut RaySensors,
            AvianBody,
        ),
        Without<Wall>,
    >,
) {
    let Ok(track) = tracks.single() else {
        return;
    };
    for (car, mut state, mut control, mut status, mut step, mut sensors, avian) in &mut cars {
        reset_car(
            car,
            track,
            walls.iter(),
            (
                &mut state,
                &mut control,
                &mut status,
                &mut step,
                &mut sensors,
            ),
        );
        mirror(&car.params, &state, avian);
    }
}

/// Puts a car back at its start, at rest, with a fresh status.
pub fn reset_car<'a>(
    car: &Car,
    track: &Track,
    walls: impl Iterator<Item = &'a Collider> + Clone,
    (state, control, status, step, sensors): (
        &mut CarState,
        &mut CarControl,
        &mut CarStatus,
        &mut CarStep,
        &mut RaySensors,
    ),
) {
    *state = CarState::at_rest(car.start_position, car.start_heading);
    *control = CarControl::new(control.controller, car.initial_throttle);
    *status = CarStatus {
        s_m: track.project(car.start_position).s,
        ..CarStatus::default()
    };
    *step = CarStep::default();
    place(track, walls, state, status, sensors);
}
