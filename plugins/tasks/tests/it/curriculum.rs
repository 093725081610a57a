//! The curriculum moves to the next track on mastery, the learning rate follows its schedule,
//! and both survive a checkpoint.

use crate::common;

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::car::columns;
use neurarium_tasks::prelude::*;

/// A car on the four phases, mastered after `window` successful episodes in a row.
fn curriculum_spec(controller: Controller, window: u32) -> CarTaskSpec {
    CarTaskSpec {
        controller,
        laps: 1,
        curriculum: Some(CurriculumSpec {
            mastery_success: 1.0,
            mastery_window_episodes: window,
            ..CurriculumSpec::default()
        }),
        learning_rate: LearningRateSchedule::PhaseDecay(PhaseDecay {
            half_life_episodes: 1.0,
            floor: 0.0,
        }),
        ..CarTaskSpec::default()
    }
}

fn app_with(spec: &CarTaskSpec, driven: bool) -> App {
    let (mut app, _) = common::car_app(spec, 20_000);
    if driven {
        common::add_look_ahead_driver(&mut app);
    }
    app
}

fn run_episodes(app: &mut App, n: u64) {
    let target = app.world().resource::<Episodes>().completed + n;
    while app.world().resource::<Episodes>().completed < target {
        common::run_steps(app, 1);
    }
}

fn track_length(app: &mut App) -> f32 {
    let world = app.world_mut();
    world.query::<&Track>().single(world).unwrap().length()
}

fn wall_count(app: &mut App) -> usize {
    let world = app.world_mut();
    world.query_filtered::<(), With<Wall>>().iter(world).count()
}

fn phases(app: &App) -> Vec<usize> {
    let history = app.world().resource::<EpisodeHistory>();
    history.episodes.iter().map(|e| e.phase).collect()
}

#[test]
fn mastery_needs_a_full_window_at_the_threshold() {
    let mut curriculum = CurriculumSpec::default().start(LearningRateSchedule::Constant);
    // 10 episodes, 0.8: seven successes of ten are not enough, eight are.
    for succeeded in [false, false, false, true, true, true, true, true, true] {
        assert!(!curriculum.record(succeeded), "window not full yet");
    }
    assert!(!curriculum.record(true), "7 of 10");
    assert!(
        curriculum.record(true),
        "8 of 10 (the oldest failure dropped)"
    );
    assert_eq!(curriculum.progress.phase, 1);
    assert_eq!(curriculum.progress.episodes_in_phase, 0);
    assert!(curriculum.progress.recent.is_empty());
    // 0.28 · 25 is 7.000000000000001 in floating point: seven successes still master.
    curriculum.mastery.success = 0.28;
    curriculum.mastery.window_episodes = 25;
    assert_eq!(curriculum.required_successes(), 7);
    for i in 0..24 {
        assert!(!curriculum.record(i < 7), "window not full");
    }
    assert!(curriculum.record(false), "7 of 25 at 0.28");
    // Resumed with a shorter window than the checkpoint's (25 → 10): the oldest outcomes go
    // at once, and eight successes master as usual.
    curriculum.mastery.success = 0.8;
    curriculum.mastery.window_episodes = 10;
    curriculum.progress.recent = std::iter::repeat_n(false, 25).collect();
    assert!(!curriculum.record(true));
    assert_eq!(curriculum.progress.recent.len(), 10);
    for _ in 0..6 {
        assert!(!curriculum.record(true));
    }
    assert!(
        curriculum.record(true),
        "8 of 10 after a resumed longer window"
    );
    // The last phase is never left, though every episode of a full window succeeds.
    assert_eq!(curriculum.progress.phase, 3);
    for _ in 0..20 {
        assert!(!curriculum.record(true));
    }
    assert_eq!(curriculum.progress.phase, 3);
    assert_eq!(curriculum.recent_successes(), 10);
}

#[test]
fn a_driver_that_masters_each_track_moves_through_all_four() {
    let mut app = app_with(&curriculum_spec(Controller::External, 2), true);
    let lengths: Vec<f32> = [
        TrackSpec::Phase1,
        TrackSpec::Phase2,
        TrackSpec::Phase3,
        TrackSpec::Phase4,
    ]
    .iter()
    .map(|t| t.build().unwrap().length())
    .collect();
    assert_eq!(track_length(&mut app), lengths[0]);
    let walls_phase_1 = wall_count(&mut app);
    run_episodes(&mut app, 8);
    assert_eq!(phases(&app), vec![0, 0, 1, 1, 2, 2, 3, 3]);
    let history = app.world().resource::<EpisodeHistory>().clone();
    assert!(history.episodes.iter().all(|e| e.succeeded));
    assert_eq!(track_length(&mut app), lengths[3]);
    // The old walls are gone: exactly the circuit's remain.
    let circuit = TrackSpec::Phase4.build().unwrap();
    assert_eq!(
        wall_count(&mut app),
        WallLines::of(&circuit).colliders().len()
    );
    assert_ne!(wall_count(&mut app), walls_phase_1);
    // The car drove each phase's own track: the progress of a finished road is its length.
    let metrics = app.world().resource::<Metrics>();
    let progress = metrics.values(&columns::PROGRESS).unwrap();
    for (i, phase) in [0, 1, 2].into_iter().enumerate() {
        let driven = progress[2 * i];
        assert!(
            (driven - f64::from(lengths[phase])).abs() < 2.0,
            "phase {phase}: drove {driven} m of {} m",
            lengths[phase]
        );
    }
    // The metrics say the phase, from 1.
    let column = metrics.values(&columns::PHASE).unwrap();
    assert_eq!(column, vec![1.0, 1.0, 2.0, 2.0, 3.0, 3.0, 4.0, 4.0]);
}

#[test]
fn a_driver_that_crashes_stays_on_the_first_track() {
    let mut app = app_with(&curriculum_spec(Controller::Left, 2), false);
    run_episodes(&mut app, 5);
    assert_eq!(phases(&app), vec![0; 5]);
    assert_eq!(
        track_length(&mut app),
        TrackSpec::Phase1.build().unwrap().length()
    );
}

#[test]
fn phase_decay_halves_per_episode_and_resets_on_a_new_phase() {
    let mut app = app_with(&curriculum_spec(Controller::External, 2), true);
    assert_eq!(app.world().resource::<LearningRate>().scale, 1.0);
    run_episodes(&mut app, 4);
    let scales: Vec<f64> = app
        .world()
        .resource::<EpisodeHistory>()
        .episodes
        .iter()
        .map(|e| e.learning_rate_scale)
        .collect();
    // Half-life one episode, floor 0: 1, ½ in phase 1; back to 1, then ½ in phase 2.
    assert_eq!(scales, vec![1.0, 0.5, 1.0, 0.5]);
    let column = app
        .world()
        .resource::<Metrics>()
        .values(&columns::LEARNING_RATE)
        .unwrap();
    assert_eq!(column, scales);
}

#[test]
fn warm_up_then_cosine_reaches_the_floor() {
    let schedule = LearningRateSchedule::WarmupCosine(WarmupCosine {
        warmup_episodes: 10,
        total_episodes: 110,
        floor: 0.2,
    });
    let scale = |n| schedule.scale(n, 0);
    assert!((scale(0) - 0.1).abs() < 1e-12, "first episode: 1/10");
    assert!((scale(4) - 0.5).abs() < 1e-12);
    assert_eq!(scale(9), 1.0, "end of the warm-up");
    assert_eq!(scale(10), 1.0, "the cosine starts at 1");
    assert!((scale(60) - 0.6).abs() < 1e-12, "half way: (1 + floor) / 2");
    assert!((scale(110) - 0.2).abs() < 1e-12);
    assert!((scale(500) - 0.2).abs() < 1e-12, "stays at the floor");
    let values: Vec<f64> = (10..=110).map(scale).collect();
    assert!(values.windows(2).all(|w| w[1] <= w[0]), "decreases");
    assert_eq!(LearningRateSchedule::Constant.scale(123, 4), 1.0);
}

#[test]
fn curriculum_and_schedule_errors_name_the_field() {
    let mut spec = curriculum_spec(Controller::External, 2);
    spec.curriculum.as_mut().unwrap().tracks.clear();
    let error = spec.validate().unwrap_err();
    assert_eq!(error.field, "curriculum.tracks");
    let mut spec = curriculum_spec(Controller::External, 2);
    spec.curriculum.as_mut().unwrap().mastery_success = 1.5;
    assert_eq!(
        spec.validate().unwrap_err().field,
        "curriculum.mastery_success"
    );
    let mut spec = curriculum_spec(Controller::External, 2);
    spec.curriculum.as_mut().unwrap().tracks[1] = TrackSpec::Custom(CustomTrack {
        width_m: -1.0,
        ..CustomTrack::default()
    });
    assert!(
        spec.validate()
            .unwrap_err()
            .field
            .starts_with("curriculum.tracks[1].Custom"),
    );
    spec = curriculum_spec(Controller::External, 2);
    spec.learning_rate = LearningRateSchedule::WarmupCosine(WarmupCosine {
        warmup_episodes: 50,
        total_episodes: 50,
        floor: 0.1,
    });
    assert_eq!(
        spec.validate().unwrap_err().field,
        "learning_rate.WarmupCosine.total_episodes"
    );
}

#[test]
fn a_checkpoint_keeps_the_phase_its_track_and_the_history() {
    let spec = curriculum_spec(Controller::External, 2);
    let mut original = app_with(&spec, true);
    run_episodes(&mut original, 5);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("car.ckpt");
    save_checkpoint(original.world(), &path).unwrap();
    let mut resumed = app_with(&spec, true);
    restore_checkpoint(resumed.world_mut(), &read_checkpoint(&path).unwrap()).unwrap();
    assert_eq!(track_length(&mut resumed), track_length(&mut original));
    // After five episodes, one into phase 3: the phase decay's second value.
    let scale = |app: &App| app.world().resource::<LearningRate>().scale;
    assert_eq!(scale(&original), 0.5);
    assert_eq!(scale(&resumed), scale(&original));
    assert_eq!(wall_count(&mut resumed), wall_count(&mut original));
    assert_eq!(phases(&resumed), phases(&original));
    run_episodes(&mut original, 2);
    run_episodes(&mut resumed, 2);
    assert_eq!(phases(&resumed), vec![0, 0, 1, 1, 2, 2, 3]);
    assert_eq!(
        resumed.world().resource::<EpisodeHistory>(),
        original.world().resource::<EpisodeHistory>()
    );
}
