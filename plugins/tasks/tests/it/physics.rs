//! The car's motion: closed-form checks of the bicycle model, and driving on phase 1.

use crate::common;

use std::f32::consts::TAU;

use bevy::prelude::*;
use neurarium_tasks::prelude::*;

#[test]
fn speed_relaxes_to_throttle_times_max_speed_exactly() {
    let params = CarParams::default();
    let tau = params.max_speed_mps / params.max_accel_mps2;
    let mut state = CarState::at_rest(Vec2::ZERO, 0.0);
    for _ in 0..100 {
        state.advance(&params, 0.0, 0.5, 0.01);
    }
    let expected = 0.5 * params.max_speed_mps * (1.0 - (-1.0_f32 / tau).exp());
    assert!(
        (state.speed - expected).abs() < 1e-4,
        "{} vs {expected}",
        state.speed
    );
    // Straight ahead: the car stays on the x axis and has driven ∫v dt.
    assert!(state.position.y.abs() < 1e-6);
    assert!(state.heading.abs() < 1e-6);
}

#[test]
fn braking_stops_the_car_and_it_never_reverses() {
    let params = CarParams::default();
    let mut state = CarState::at_rest(Vec2::ZERO, 0.0);
    state.speed = params.max_speed_mps;
    for _ in 0..1000 {
        state.advance(&params, 0.0, -1.0, 0.01);
    }
    assert_eq!(state.speed, 0.0);
    let x = state.position.x;
    state.advance(&params, 0.0, -1.0, 0.01);
    assert_eq!(state.position.x, x);
}

#[test]
fn steering_left_turns_counter_clockwise_and_right_clockwise() {
    let params = CarParams::default();
    for (steering, sign) in [(1.0_f32, 1.0_f32), (0.3, 1.0), (-0.3, -1.0), (-1.0, -1.0)] {
        let mut state = CarState::at_rest(Vec2::ZERO, 0.0);
        for _ in 0..50 {
            state.advance(&params, steering, 1.0, 0.01);
        }
        assert!(
            state.heading * sign > 0.01,
            "steering {steering}: heading {}",
            state.heading
        );
        assert!(
            state.position.y * sign > 0.0,
            "steering {steering}: y {}",
            state.position.y
        );
    }
}

#[test]
fn full_lock_at_constant_speed_drives_the_closed_form_circle() {
    let params = CarParams::default();
    let radius = params.min_turn_radius_m();
    let speed = params.max_speed_mps;
    let mut state = CarState::at_rest(Vec2::ZERO, 0.0);
    state.speed = speed; // at throttle 1 the speed stays at max_speed
    let lap_s = TAU * radius / speed;
    let steps = 1000;
    let mut farthest = 0.0_f32;
    for _ in 0..steps {
        state.advance(&params, 1.0, 1.0, lap_s / steps as f32);
        farthest = farthest.max(state.position.length());
    }
    // Back at the start after one circle, having been at most one diameter away.
    assert!(state.position.length() < 1e-3, "{:?}", state.position);
    assert!(
        (farthest - 2.0 * radius).abs() < 0.01,
        "{farthest} vs {}",
        2.0 * radius
    );
    assert!((state.speed - speed).abs() < 1e-5);
}

#[test]
fn driving_straight_on_phase_1_reaches_the_end_without_crashing() {
    let (mut app, _) =
        common::car_app(&common::spec(TrackSpec::Phase1, Controller::Straight), 2000);
    let outcome = common::first_episode(&mut app);
    assert!(outcome.finished, "{outcome:?}");
    assert!(!outcome.crashed, "{outcome:?}");
    // 60 m road, start 1.5 m in.
    assert!((outcome.progress_m - 58.5).abs() < 0.5, "{outcome:?}");
    assert!(outcome.episode_return > 50.0, "{outcome:?}");
}

#[test]
fn the_car_advances_only_on_control_steps() {
    let mut task = common::spec(TrackSpec::Phase1, Controller::Straight);
    task.control_every_steps = 4;
    let (mut app, car) = common::car_app(&task, 2000);
    let start = app.world().get::<CarState>(car).unwrap().position;
    common::run_steps(&mut app, 3);
    assert_eq!(app.world().get::<CarState>(car).unwrap().position, start);
    common::run_steps(&mut app, 1);
    let status = app.world().get::<CarStatus>(car).unwrap();
    assert_eq!(status.control_steps, 1);
    // One control step is 4 × 50 ms.
    assert!((status.time_s - 0.2).abs() < 1e-6, "{}", status.time_s);
    assert!(app.world().get::<CarState>(car).unwrap().position.x > start.x);
}
