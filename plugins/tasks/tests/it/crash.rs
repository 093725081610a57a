//! A crash is wall contact: it ends the episode with the crash penalty, and the car starts
//! again.

use crate::common;

use avian2d::prelude::Collider;
use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::car::systems::touches_wall;
use neurarium_tasks::prelude::*;

#[test]
fn contact_is_detected_at_the_wall_and_not_before() {
    let track = TrackSpec::Phase1.build().unwrap();
    let walls = WallLines::of(&track).colliders();
    let params = CarParams::default();
    let body = Collider::rectangle(params.length_m, params.width_m);
    // The left wall is at y = 2.5; the body reaches 0.5 m to each side of its centre.
    let at = |y: f32| CarState::at_rest(Vec2::new(30.0, y), 0.0);
    assert!(!touches_wall(&body, &at(0.0), walls.iter()));
    assert!(!touches_wall(&body, &at(1.9), walls.iter()));
    assert!(touches_wall(&body, &at(2.1), walls.iter()));
    assert!(touches_wall(&body, &at(-2.1), walls.iter()));
    // Turned across the road, the 2 m body reaches 1 m to each side.
    let across = CarState::at_rest(Vec2::new(30.0, 1.6), std::f32::consts::FRAC_PI_2);
    assert!(touches_wall(&body, &across, walls.iter()));
}

#[test]
fn full_left_on_phase_1_crashes_and_ends_the_episode_with_the_penalty() {
    let (mut app, car) = common::car_app(&common::spec(TrackSpec::Phase1, Controller::Left), 2000);
    let outcome = common::first_episode(&mut app);
    assert!(outcome.crashed && !outcome.finished, "{outcome:?}");
    assert!(outcome.episode_return < -90.0, "{outcome:?}");
    assert!(outcome.steps < 100, "{outcome:?}");
    // The episode ended at the crash and the car is back at the start, at rest.
    assert_eq!(app.world().resource::<Episodes>().completed, 1);
    let status = app.world().get::<CarStatus>(car).unwrap();
    assert!(!status.crashed && status.distance_m < 1.0, "{status:?}");
    let state = app.world().get::<CarState>(car).unwrap();
    let spawned = app.world().get::<Car>(car).unwrap();
    assert!(state.position.distance(spawned.start_position) < 1.0);
}

#[test]
fn the_crash_step_reward_is_the_crash_weight_plus_the_other_terms() {
    let weights = RewardWeights::default();
    let step = neurarium_tasks::car::reward::StepOutcome {
        progress_m: 0.2,
        lateral_m: 2.5,
        half_width_m: 2.5,
        steering: 1.0,
        previous_steering: 0.0,
        crashed: true,
        heading_error_rad: 0.0,
        previous_lateral_m: 2.5,
        previous_heading_error_rad: 0.0,
    };
    let reward = weights.reward(&step);
    let expected = weights.crash + 0.2 * weights.progress - weights.centring - weights.smoothness;
    assert!((reward - expected).abs() < 1e-5, "{reward} vs {expected}");
    let safe = weights.reward(&neurarium_tasks::car::reward::StepOutcome {
        crashed: false,
        lateral_m: 0.0,
        steering: 0.0,
        ..step
    });
    assert!((safe - (weights.survival + 0.2 * weights.progress)).abs() < 1e-6);
}

#[test]
fn a_time_limit_ends_the_episode_without_a_crash() {
    let mut task = common::spec(TrackSpec::Phase1, Controller::Straight);
    task.time_limit_s = 2.0;
    let (mut app, _) = common::car_app(&task, 2000);
    let outcome = common::first_episode(&mut app);
    assert!(!outcome.crashed && !outcome.finished, "{outcome:?}");
    assert!((outcome.time_s - 2.0).abs() < 1e-3, "{outcome:?}");
}

#[test]
fn lane_keeping_rewards_what_a_step_changed_and_telescopes() {
    let weights = RewardWeights {
        lane_keeping: 2.0,
        survival: 0.0,
        progress: 0.0,
        centring: 0.0,
        smoothness: 0.0,
        ..RewardWeights::default()
    };
    let step = |previous: (f32, f32), now: (f32, f32)| neurarium_tasks::car::reward::StepOutcome {
        progress_m: 0.0,
        lateral_m: now.0,
        half_width_m: 2.5,
        steering: 0.0,
        previous_steering: 0.0,
        crashed: false,
        heading_error_rad: now.1,
        previous_lateral_m: previous.0,
        previous_heading_error_rad: previous.1,
    };
    // 1 m left of centre: e = θ + 0.5 · 1/2.5 = θ + 0.2; heading back right shrinks it.
    let toward = weights.reward(&step((1.0, 0.0), (1.0, -0.1)));
    let away = weights.reward(&step((1.0, 0.0), (1.0, 0.1)));
    assert!((toward - 2.0 * (0.04 - 0.01)).abs() < 1e-6, "{toward}");
    assert!((away - 2.0 * (0.04 - 0.09)).abs() < 1e-6, "{away}");
    // Potential-based: a path's total depends only on where it starts and ends.
    let path = [(1.0, 0.0), (0.8, -0.3), (0.5, 0.2), (0.1, -0.05)];
    let total: f32 = path
        .windows(2)
        .map(|w| weights.reward(&step(w[0], w[1])))
        .sum();
    let e = |(d, th): (f32, f32)| weights.lane_error(th, d, 2.5);
    let direct = 2.0 * (e(path[0]).powi(2) - e(path[3]).powi(2));
    assert!((total - direct).abs() < 1e-5, "{total} vs {direct}");
    // Off by default.
    assert_eq!(RewardWeights::default().lane_keeping, 0.0);
}

#[test]
fn each_episode_end_is_remembered_with_its_return_and_success() {
    let (mut app, _) = common::car_app(&common::spec(TrackSpec::Phase1, Controller::Left), 2000);
    let outcome = common::first_episode(&mut app);
    let history = app.world().resource::<EpisodeHistory>();
    assert_eq!(history.episodes.len(), 1);
    let remembered = history.episodes[0];
    assert!(!remembered.succeeded);
    assert_eq!(remembered.episode_return, outcome.episode_return);

    let outcome = |r: f64, ok: bool| EpisodeOutcome {
        episode_return: r,
        succeeded: ok,
        phase: 0,
        learning_rate_scale: 1.0,
    };
    let history = EpisodeHistory {
        episodes: vec![outcome(1.0, false), outcome(3.0, true), outcome(5.0, true)],
    };
    assert_eq!(history.moving_mean(2, 2, |e| e.episode_return), 4.0);
    assert_eq!(history.moving_mean(0, 20, |e| e.episode_return), 1.0);
    let success = history.moving_mean(2, 3, |e| f64::from(u8::from(e.succeeded)));
    assert!((success - 2.0 / 3.0).abs() < 1e-12);
}
