//! The table task through its scene, as a user runs it: the brain of `scenes/table_iris.ron`
//! answers Iris rows better after training than with learning off, `--eval` answers every test
//! row in order, and a malformed table is refused naming its file, line and column. (The
//! ten-seed figures against logistic regression are `benches/table_learning.rs`.)

use std::path::{Path, PathBuf};

use neurarium::app::RunSetup;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::Synapses;
use neurarium_tasks::table::columns;

use crate::common;

/// `table/right` of every episode of `episodes`.
fn answers(seed: u64, learning_off: bool, episodes: u64) -> Vec<f64> {
    let path = common::root().join("scenes/table_iris.ron");
    let mut setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    setup.learning_off = learning_off;
    let app = common::run_episodes(setup, episodes);
    app.world()
        .resource::<Metrics>()
        .values(&columns::RIGHT)
        .unwrap()
}

/// The Iris scene with `from` (which it must hold) replaced by `to`, written into `dir`.
fn iris_with(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(common::root().join("scenes/table_iris.ron")).unwrap();
    assert!(text.contains(from), "the Iris scene holds '{from}'");
    let scene = dir.join("scene.ron");
    std::fs::write(&scene, text.replace(from, to)).unwrap();
    scene
}

/// The error of loading the Iris scene with its table replaced by `csv`, written as `name`.
fn error_with_table(name: &str, csv: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join(name);
    std::fs::write(&table, csv).unwrap();
    let scene = iris_with(dir.path(), "assets/data/iris.csv", table.to_str().unwrap());
    RunSetup::read(&scene, true, None, None)
        .unwrap_err()
        .to_string()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn the_brain_learns_iris_and_learning_off_does_not() {
    for seed in [4, 5] {
        // 15 epochs of 120 training and 30 test rows; judged on the last three epochs.
        let trained = answers(seed, false, 2250);
        let off = answers(seed, true, 2250);
        let (trained, off) = (mean(&trained[1800..]), mean(&off[1800..]));
        assert!(
            trained > 0.6 && trained > off + 0.15 && off < 0.5,
            "seed {seed}: trained {trained}, learning off {off}"
        );
    }
}

/// Every weight of the app's projections, in spawn order.
fn weights(app: &mut bevy::app::App) -> Vec<f32> {
    let world = app.world_mut();
    world
        .query::<&Synapses>()
        .iter(world)
        .flat_map(|s| s.weights.clone())
        .collect()
}

#[test]
fn the_learning_rate_follows_the_schedule_and_at_zero_no_weight_moves() {
    let dir = tempfile::tempdir().unwrap();
    let scene = iris_with(dir.path(), "total_episodes: 3000", "total_episodes: 10");
    let setup = |n| common::run_episodes(RunSetup::read(&scene, true, Some(3), None).unwrap(), n);
    // Halfway down the cosine from 1 to 0: ½ · (1 + cos(π/2)) = 0.5.
    let halfway = setup(5).world().resource::<LearningRate>().scale;
    assert!(
        (halfway - 0.5).abs() < 1e-9,
        "scale after 5 of 10: {halfway}"
    );
    let mut app = setup(10);
    assert_eq!(app.world().resource::<LearningRate>().scale, 0.0);
    let before = weights(&mut app);
    // Two seconds more: rows answered, synaptic scaling due 20 times, dopamine from rewards.
    app.world_mut().resource_mut::<SimControl>().stop_at_episode = None;
    common::run_steps(&mut app, 2000);
    assert!(app.world().resource::<Episodes>().completed > 12);
    assert_eq!(weights(&mut app), before, "no weight moved at scale 0");
}

#[test]
fn a_run_resumed_mid_schedule_is_the_run_straight_through() {
    let dir = tempfile::tempdir().unwrap();
    // The cosine falls over 40 rows: the scale changes at every episode's end.
    let scene = iris_with(dir.path(), "total_episodes: 3000", "total_episodes: 40");
    common::assert_resumes_bit_for_bit(&scene, 2_550, 6_000, &dir.path().join("mid.ckpt"));
}

#[test]
fn a_malformed_table_is_refused_naming_file_line_and_column() {
    let error = error_with_table("bad.csv", "1,2,3,4,0\n1,2,x,4,1\n");
    assert!(
        error.contains("task.Table.file")
            && error.contains("bad.csv:2:3: feature 'x' is not a finite number"),
        "{error}"
    );
}

#[test]
fn evaluation_answers_the_test_rows_only() {
    let path = common::root().join("scenes/table_iris.ron");
    let mut setup = RunSetup::read(&path, true, Some(3), None).unwrap();
    setup.learning_off = true;
    setup.evaluate = true;
    let app = common::run_episodes(setup, 30);
    let metrics = app.world().resource::<Metrics>();
    let testing = metrics.values(&columns::TESTING).unwrap();
    assert!(testing.iter().all(|&t| t == 1.0), "only test rows");
    let labels = metrics.values(&columns::LABEL).unwrap();
    for class in 0..3 {
        let count = labels.iter().filter(|&&l| l == f64::from(class)).count();
        assert_eq!(
            count, 10,
            "the stratified test set holds 10 rows of class {class}"
        );
    }
}

#[test]
fn a_headless_run_writes_its_metrics_and_reports_the_eval_accuracy() {
    use neurarium::headless::{HeadlessRun, RunLength, run_headless};
    let dir = tempfile::tempdir().unwrap();
    let path = common::root().join("scenes/table_iris.ron");
    let setup = RunSetup::read(&path, true, Some(2), None).unwrap();
    let training = HeadlessRun::quiet(setup, RunLength::Episodes(300), &dir.path().join("train"));
    let trained = run_headless(&training, &std::sync::atomic::AtomicBool::new(false)).unwrap();
    let mut setup = RunSetup::read(&path, true, Some(2), Some(&trained.checkpoint)).unwrap();
    setup.learning_off = true;
    setup.evaluate = true;
    let eval = HeadlessRun::quiet(setup, RunLength::Episodes(30), &dir.path().join("eval"));
    let summary = run_headless(&eval, &std::sync::atomic::AtomicBool::new(false)).unwrap();
    let success = summary.success.unwrap();
    // The score of the last row is the accuracy over the 30 test rows: the share answered right.
    let (column, score) = summary.last_score.unwrap();
    assert_eq!(column, columns::PASS_ACCURACY.name);
    assert!(
        (score - success.rate()).abs() < 1e-9,
        "{score} vs {}",
        success.rate()
    );
}

#[test]
fn a_split_that_leaves_no_test_row_is_refused() {
    let error = error_with_table("tiny.csv", "1,2,3,4,0\n1,2,3,5,1\n2,2,3,4,2\n");
    assert!(
        error.contains("task.Table.test_fraction") && error.contains("0 of the 3 rows"),
        "{error}"
    );
}

/// Each training row's class, per epoch, of `episodes` episodes of the Iris scene with
/// `edits` (a field and its value), and the metrics.
fn trained_classes(edits: &[(&str, &str)], episodes: u64) -> (Vec<(u32, usize)>, Metrics) {
    let mut text = std::fs::read_to_string(common::root().join("scenes/table_iris.ron")).unwrap();
    for (field, value) in edits {
        text = neurarium_scene::edit::set_field(&text, field, value).unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scene.ron");
    std::fs::write(&path, text).unwrap();
    let setup = RunSetup::read(&path, true, Some(3), None).unwrap();
    let app = common::run_episodes(setup, episodes);
    let metrics = app.world().resource::<Metrics>().clone();
    let column = |c: &Column| metrics.values(c).unwrap();
    let (epoch, testing, label) = (
        column(&columns::EPOCH),
        column(&columns::TESTING),
        column(&columns::LABEL),
    );
    let rows = (0..label.len())
        .filter(|&i| testing[i] == 0.0)
        .map(|i| (epoch[i] as u32, label[i] as usize))
        .collect();
    (rows, metrics)
}

#[test]
fn tasks_in_turn_train_the_first_classes_then_the_second_with_the_replayed_share() {
    let sequence = "Some((first: [0, 1], then: [1, 2], first_epochs: 2, replay: 0.5))";
    let (rows, metrics) = trained_classes(&[("task.Table.sequence", sequence)], 600);
    let first: Vec<usize> = rows.iter().filter(|r| r.0 < 2).map(|r| r.1).collect();
    let then: Vec<usize> = rows.iter().filter(|r| r.0 >= 2).map(|r| r.1).collect();
    assert!(first.len() == 160 && first.iter().all(|&c| c < 2));
    // 80 rows of classes 1 and 2, and 40 of class 0 replayed, a training pass.
    let replayed = then.iter().filter(|&&c| c == 0).count() as f64 / then.len() as f64;
    assert!((replayed - 1.0 / 3.0).abs() < 0.05, "{replayed}");
    assert!(then.contains(&2));
    let retained = metrics.values(&columns::FIRST_ACCURACY).unwrap();
    assert!(retained.iter().any(|a| a.is_finite()));
}

#[test]
fn few_shot_training_shows_that_many_rows_of_each_class_as_often_as_all() {
    let (rows, _) = trained_classes(&[("task.Table.train_per_class", "Some(2)")], 130);
    let first_pass: Vec<usize> = rows.iter().filter(|r| r.0 == 0).map(|r| r.1).collect();
    assert_eq!(first_pass.len(), 120);
    for class in 0..3 {
        assert_eq!(first_pass.iter().filter(|&&c| c == class).count(), 40);
    }
}
