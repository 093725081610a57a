//! Forgetting on the grid world through `scenes/grid_moved_goal.ron`, as a user runs it: the
//! goal moves for its stretch and back, replay sends a share of the stretch's episodes to the
//! old goal, learning the moved goal erases the way to the first (an evaluation, learning off,
//! walks to the map's goal) and replay keeps some of it, and a run resumed inside the stretch
//! goes on bit for bit. (The ten-seed figures are `sweeps/grid_forgetting.ron`.)

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use neurarium::app::RunSetup;
use neurarium::headless::{HeadlessRun, RunLength, run_headless};
use neurarium_sim::prelude::*;
use neurarium_tasks::grid::columns;

use crate::common;

/// The shipped scene with its goal moved after `after` episodes for `stretch`, `replay` of them
/// rehearsing the old goal, written into `dir`.
fn scene_with_schedule(dir: &Path, after: u64, stretch: u64, replay: f64) -> PathBuf {
    let text = std::fs::read_to_string(common::root().join("scenes/grid_moved_goal.ron")).unwrap();
    let moved = format!(
        "Some((cell: (0, 4), after_episodes: {after}, for_episodes: {stretch}, replay: {replay}))"
    );
    let text = neurarium_scene::edit::set_field(&text, "task.Grid.moved_goal", &moved).unwrap();
    let path = dir.join("scene.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn the_goal_moves_for_its_stretch_and_replay_sends_a_share_home() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene_with_schedule(dir.path(), 20, 40, 0.25);
    let setup = RunSetup::read(&path, true, Some(3), None).unwrap();
    let app = common::run_episodes(setup, 80);
    let metrics = app.world().resource::<Metrics>();
    let moved = metrics.values(&columns::GOAL_MOVED).unwrap();
    let (row, col, shortest) = (
        metrics.values(&columns::START_ROW).unwrap(),
        metrics.values(&columns::START_COLUMN).unwrap(),
        metrics.values(&columns::SHORTEST).unwrap(),
    );
    assert_eq!(moved.len(), 80);
    assert!(moved[..20].iter().chain(&moved[60..]).all(|&m| m == 0.0));
    let away = moved[20..60].iter().filter(|&&m| m == 1.0).count();
    assert!(
        (22..=38).contains(&away),
        "{away} of 40 walked to the moved goal"
    );
    // The shortest path is measured to the episode's own goal, and no episode starts on it
    // (a round of starts drawn before the goal moved holds the moved goal's cell).
    for i in 0..80 {
        let goal = if moved[i] == 1.0 {
            (0.0, 4.0)
        } else {
            (4.0, 4.0)
        };
        let manhattan = (row[i] - goal.0).abs() + (col[i] - goal.1).abs();
        assert_eq!(shortest[i], manhattan, "episode {i}");
        assert!(shortest[i] > 0.0, "episode {i} started on its own goal");
    }
}

/// The evaluation's success, learning off, from every free cell to the map's goal, after
/// training `path` for `episodes` on `seed`.
fn retained(path: &Path, seed: u64, episodes: u64, dir: &Path) -> f64 {
    let setup = RunSetup::read(path, true, Some(seed), None).unwrap();
    let training = HeadlessRun::quiet(setup, RunLength::Episodes(episodes), &dir.join("train"));
    let trained = run_headless(&training, &AtomicBool::new(false)).unwrap();
    let mut setup = RunSetup::read(path, true, Some(seed), Some(&trained.checkpoint)).unwrap();
    setup.learning_off = true;
    setup.evaluate = true;
    let eval = HeadlessRun::quiet(setup, RunLength::Episodes(24), &dir.join("eval"));
    run_headless(&eval, &AtomicBool::new(false))
        .unwrap()
        .success
        .unwrap()
        .rate()
}

#[test]
fn learning_the_moved_goal_forgets_the_first_and_replay_keeps_some_of_it() {
    for seed in [4, 5] {
        let dir = tempfile::tempdir().unwrap();
        let without = retained(
            &scene_with_schedule(dir.path(), 500, 500, 0.0),
            seed,
            1000,
            dir.path(),
        );
        let dir = tempfile::tempdir().unwrap();
        let with = retained(
            &scene_with_schedule(dir.path(), 500, 500, 0.25),
            seed,
            1000,
            dir.path(),
        );
        assert!(
            without <= 1.0 / 24.0 && with >= 3.0 / 24.0,
            "seed {seed}: retained {without} without replay, {with} with"
        );
    }
}

#[test]
fn a_run_resumed_inside_the_moved_stretch_goes_on_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene_with_schedule(dir.path(), 2, 1000, 0.25);
    common::assert_resumes_bit_for_bit(&path, 9_013, 20_000, &dir.path().join("mid.ckpt"));
}
