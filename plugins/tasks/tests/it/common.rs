//! Shared by the task tests: a minimal app with the simulation core and the car world, and a
//! look-ahead controller that proves a track can be driven.

#![allow(dead_code)]

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::car::columns;
use neurarium_tasks::car::manual::drive_manually;
use neurarium_tasks::car::systems::apply_fixed_controllers;
use neurarium_tasks::prelude::*;

/// Control step of the test worlds, ms (20 Hz).
pub const DT_MS: f64 = 50.0;

/// An app with the car world of `spec` (one row per episode, episodes of at most
/// `max_steps` steps); returns it and the car entity.
pub fn car_app(spec: &CarTaskSpec, max_steps: u64) -> (App, Entity) {
    let mut app = App::new();
    app.add_plugins((SimPlugin, TasksPlugin))
        .insert_resource(Pacing::Unpaced {
            steps_per_update: 100,
        })
        .insert_resource(SimClock::new(DT_MS))
        .insert_resource(Episodes::with_length(Some(max_steps)))
        .insert_resource(Metrics::new(RecordEvery::Episode));
    let car = spawn_car_world(app.world_mut(), spec, DT_MS).expect("valid car world");
    (app, car)
}

/// A car task on `track` with `controller` and the other fields at their defaults.
pub fn spec(track: TrackSpec, controller: Controller) -> CarTaskSpec {
    CarTaskSpec {
        track,
        controller,
        ..CarTaskSpec::default()
    }
}

/// Runs exactly `steps` more steps.
pub fn run_steps(app: &mut App, steps: u64) {
    let target = app.world().resource::<SimClock>().step + steps;
    app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(target);
    while app.world().resource::<SimClock>().step < target {
        app.update();
    }
}

/// How an episode ended, from its metrics row.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    /// The car reached the end of the road or drove its laps.
    pub finished: bool,
    /// The car hit a wall.
    pub crashed: bool,
    /// Laps driven.
    pub laps: u32,
    /// Progress along the centre line, m.
    pub progress_m: f64,
    /// Car time, s.
    pub time_s: f64,
    /// Sum of rewards.
    pub episode_return: f64,
    /// Simulation steps the episode took.
    pub steps: u64,
}

/// Runs until the first episode has ended and returns how.
pub fn first_episode(app: &mut App) -> Outcome {
    while app.world().resource::<Metrics>().rows().is_empty() {
        run_steps(app, 1);
    }
    let metrics = app.world().resource::<Metrics>();
    let value = |column: &Column| metrics.values(column).expect("car column")[0];
    Outcome {
        finished: value(&columns::FINISHED) == 1.0,
        crashed: value(&columns::CRASHED) == 1.0,
        laps: value(&columns::LAPS) as u32,
        progress_m: value(&columns::PROGRESS),
        time_s: value(&columns::TIME),
        episode_return: value(&columns::RETURN),
        steps: value(&neurarium_sim::metrics::STEP) as u64,
    }
}

/// Steers every car towards the centre-line point `LOOK_AHEAD_M` ahead of its projection.
pub fn look_ahead_driver(tracks: Query<&Track>, mut cars: Query<(&CarState, &mut CarControl)>) {
    const LOOK_AHEAD_M: f32 = 4.0;
    let Ok(track) = tracks.single() else {
        return;
    };
    for (state, mut control) in &mut cars {
        let s = track.project(state.position).s;
        let (target, _) = track.point_at(s + LOOK_AHEAD_M);
        let bearing = (target - state.position).to_angle() - state.heading;
        let bearing = (bearing + std::f32::consts::PI).rem_euclid(std::f32::consts::TAU)
            - std::f32::consts::PI;
        control.set_steering(3.0 * bearing);
    }
}

/// Lets [`look_ahead_driver`] steer, after the fixed controllers and before manual drive.
pub fn add_look_ahead_driver(app: &mut App) {
    app.add_systems(
        SimStep,
        look_ahead_driver
            .after(apply_fixed_controllers)
            .before(drive_manually)
            .in_set(ActSet::Control),
    );
}

/// An app whose car is driven by [`look_ahead_driver`] (controller `External`).
pub fn driven_app(track: TrackSpec, laps: u32, max_steps: u64) -> (App, Entity) {
    let mut task = spec(track, Controller::External);
    task.laps = laps;
    let (mut app, car) = car_app(&task, max_steps);
    add_look_ahead_driver(&mut app);
    (app, car)
}
