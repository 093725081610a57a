//! The `Regress` task through scenes as a user runs them: a resistor network learns Iris's
//! petal width from its other measurements (against learning off and beside least squares on
//! the same split), a resumed run goes on bit for bit, `--eval` scores the test rows with
//! learning off, and bad sections and tables are refused by name.

use std::path::{Path, PathBuf};

use neurarium::app::RunSetup;

use crate::common::{self, run_epochs as run};

/// A 40-hidden-node, 300-edge network regressing column 3 of `table` on `features`; `task`
/// goes into the task's section.
fn scene(dir: &Path, table: &Path, features: usize, task: &str) -> PathBuf {
    let text = format!(
        "Scene(
    name: \"Small regression\",
    seed: 1,
    dt_ms: 1.0,
    run: (episodes: 3, steps_per_episode: 100000, record_every_steps: 5),
    networks: [Circuit((port: \"iris\", features: {features}, answers: 1, shape: (hidden_nodes: 40, edges: 300), batch: 10))],
    task: Some(Regress((brain: \"iris\", file: {table:?}, targets: [3], eval_batch: 30, {task}))),
)"
    );
    let path = dir.join("regression.ron");
    std::fs::write(&path, text).unwrap();
    path
}

fn iris() -> PathBuf {
    common::root().join("assets/data/iris.csv")
}

/// The last value of column `name` of a run.
fn last(summary: &neurarium::headless::RunSummary, name: &str) -> f64 {
    let text = std::fs::read_to_string(&summary.metrics).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let i = header.iter().position(|c| *c == name).unwrap();
    text.lines()
        .last()
        .unwrap()
        .split(',')
        .nth(i)
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn a_resistor_network_learns_a_regression_and_not_with_learning_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), &iris(), 3, "features: Some([0, 1, 2])");
    for seed in [1, 2, 3] {
        let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
        let trained = run(setup.clone(), 30, &dir.path().join(format!("on{seed}")));
        let mut off = setup;
        off.learning_off = true;
        let untrained = run(off, 1, &dir.path().join(format!("off{seed}")));
        let (r2, control) = (
            last(&trained, "regress/test_r2"),
            last(&untrained, "regress/test_r2"),
        );
        let least_squares = last(&trained, "regress/least_squares_r2");
        assert_eq!(trained.last_score.unwrap().0, "regress/test_r2");
        assert!(
            r2 > 0.8 && r2 > control + 0.3 && r2 <= least_squares + 0.05,
            "seed {seed}: test R² {r2} trained, {control} learning off, least squares {least_squares}"
        );
        assert!(last(&trained, "regress/test_rmse") < last(&untrained, "regress/test_rmse"));
    }
}

#[test]
fn a_regression_run_resumes_bit_for_bit_and_eval_scores_the_test_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), &iris(), 3, "features: Some([0, 1, 2])");
    // Epoch: 12 training batches, 1 test batch = 13 steps; resumed mid-epoch 1.
    common::assert_resumes_bit_for_bit(&path, 17, 40, &dir.path().join("mid.ckpt"));
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let trained = run(setup, 10, &dir.path().join("train"));
    let mut eval = RunSetup::read(&path, false, None, Some(&trained.checkpoint)).unwrap();
    eval.learning_off = true;
    eval.evaluate = true;
    let evaluated = run(eval.clone(), 1, &dir.path().join("eval"));
    assert!(
        evaluated
            .evaluation
            .clone()
            .unwrap()
            .contains("30 test rows")
    );
    // Learning off, the same network answers the same test rows alike.
    let (before, after) = (
        last(&trained, "regress/test_r2"),
        last(&evaluated, "regress/test_r2"),
    );
    assert!((before - after).abs() < 1e-12, "{before} then {after}");
    eval.eval_data = vec![iris()];
    let mut app = neurarium::app::build_app(neurarium::app::Mode::Headless);
    let error = eval.apply(&mut app).unwrap_err().to_string();
    assert!(
        error.contains("--eval-data") && error.contains("Regress"),
        "{error}"
    );
}

#[test]
fn bad_regression_sections_and_tables_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "a,b,c,d\n1,2,3,4\n5,6,seven,8\n").unwrap();
    for (table, features, task, wanted) in [
        (
            iris(),
            3,
            "features: Some([0, 1, 9])",
            vec!["task.Regress.features", "column 9", "5 columns"],
        ),
        (
            iris(),
            4,
            "features: Some([0, 1, 2])",
            vec!["task.Regress.features", "3 columns", "takes 4"],
        ),
        (
            iris(),
            3,
            "features: Some([0, 1, 3])",
            vec!["task.Regress.features", "column 3 is also a target"],
        ),
        (
            iris(),
            3,
            "features: None",
            vec!["task.Regress.features", "4 columns", "takes 3"],
        ),
        (
            iris(),
            3,
            "test_fraction: 1.0",
            vec!["task.Regress.test_fraction"],
        ),
        (
            bad.clone(),
            3,
            "features: Some([0, 1, 2])",
            vec!["task.Regress.file", "bad.csv:3:3", "seven"],
        ),
    ] {
        let path = scene(dir.path(), &table, features, task);
        let error = RunSetup::read(&path, true, None, None)
            .unwrap_err()
            .to_string();
        for w in wanted {
            assert!(error.contains(w), "{task}: {error} lacks {w}");
        }
    }
}
