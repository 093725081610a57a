//! The grid world through its scene, as a user runs it: the brain of `scenes/grid_5x5.ron`
//! learns to walk to the goal (against the same seeds with learning off), `--eval` starts once
//! from every free cell, a run resumed mid-move goes on bit for bit, and a bad map is refused
//! naming the scene's field, line and column.
//! (The ten-seed figures are `benches/grid_learning.rs`.)

use neurarium::app::RunSetup;
use neurarium_sim::prelude::*;
use neurarium_tasks::grid::columns;

use crate::common;

/// Per-episode `(reached, moves, shortest, start row, start column)` of `episodes` episodes of
/// the 5×5 scene.
fn episodes_of(seed: u64, learning_off: bool, evaluate: bool, episodes: u64) -> Vec<[f64; 5]> {
    let path = common::root().join("scenes/grid_5x5.ron");
    let mut setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    setup.learning_off = learning_off;
    setup.evaluate = evaluate;
    let app = common::run_episodes(setup, episodes);
    let metrics = app.world().resource::<Metrics>();
    let column = |c: &Column| metrics.values(c).unwrap();
    let (reached, moves, shortest, row, col) = (
        column(&columns::REACHED),
        column(&columns::MOVES),
        column(&columns::SHORTEST),
        column(&columns::START_ROW),
        column(&columns::START_COLUMN),
    );
    (0..reached.len())
        .map(|i| [reached[i], moves[i], shortest[i], row[i], col[i]])
        .collect()
}

/// Successes and moves over shortest moves of the last `n` episodes.
fn judge(episodes: &[[f64; 5]], n: usize) -> (f64, f64) {
    let last = &episodes[episodes.len() - n..];
    let reached = last.iter().filter(|e| e[0] == 1.0).count() as f64 / n as f64;
    let moves: f64 = last.iter().map(|e| e[1]).sum();
    let shortest: f64 = last.iter().map(|e| e[2]).sum();
    (reached, moves / shortest)
}

#[test]
fn the_brain_learns_short_paths_and_learning_off_does_not() {
    for seed in [4, 5] {
        let (trained, trained_ratio) = judge(&episodes_of(seed, false, false, 500), 100);
        let (off, off_ratio) = judge(&episodes_of(seed, true, false, 100), 100);
        assert!(
            trained > 0.97 && trained_ratio < 1.5,
            "seed {seed}: trained reached {trained}, moves/shortest {trained_ratio}"
        );
        assert!(
            off < 0.8 && off_ratio > 3.0,
            "seed {seed}: learning off reached {off}, moves/shortest {off_ratio}"
        );
    }
}

#[test]
fn evaluation_starts_once_from_every_free_cell() {
    let episodes = episodes_of(1, true, true, 24);
    let starts: Vec<(u32, u32)> = episodes
        .iter()
        .map(|e| (e[3] as u32, e[4] as u32))
        .collect();
    let every: Vec<(u32, u32)> = (0..5)
        .flat_map(|r| (0..5).map(move |c| (r, c)))
        .filter(|&cell| cell != (4, 4))
        .collect();
    assert_eq!(starts, every);
}

#[test]
fn a_bad_map_is_refused_naming_the_field_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(common::root().join("scenes/grid_5x5.ron")).unwrap();
    let start = text.find("map: \"").unwrap() + 6;
    let end = start + text[start..].find('"').unwrap();
    let broken = format!("{}\n..x..\n....G{}", &text[..start], &text[end..]);
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, broken).unwrap();
    let error = RunSetup::read(&path, true, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("task.Grid.map")
            && error
                .contains("map line 2, column 3: 'x' is not '#' (wall), 'G' (goal) or '.' (free)"),
        "{error}"
    );
}

#[test]
fn a_learning_rate_schedule_decays_over_the_runs_episodes() {
    use neurarium_tasks::episodic::rate_schedule::{LearningRateSchedule, PhaseDecay};
    use neurarium_tasks::grid::spec::GridTaskSpec;
    let path = common::root().join("scenes/grid_5x5.ron");
    let mut setup = RunSetup::read(&path, true, Some(1), None).unwrap();
    let grid = setup.scene.scene.task_spec_mut::<GridTaskSpec>().unwrap();
    grid.learning_rate = LearningRateSchedule::PhaseDecay(PhaseDecay {
        half_life_episodes: 10.0,
        floor: 0.0,
    });
    let app = common::run_episodes(setup, 20);
    // Set at the end of episode 20 for the next: 2^(−20/10).
    let scale = app.world().resource::<LearningRate>().scale;
    assert!((scale - 0.25).abs() < 1e-9, "{scale}");
}

#[test]
fn a_run_resumed_mid_move_goes_on_bit_for_bit() {
    // Mid-move, the eligibility of the place cells just visited is not 0: the list of rows
    // dopamine visits is rebuilt from it after the load.
    let dir = tempfile::tempdir().unwrap();
    common::assert_resumes_bit_for_bit(
        &common::root().join("scenes/grid_5x5.ron"),
        7_013,
        20_000,
        &dir.path().join("mid.ckpt"),
    );
}
