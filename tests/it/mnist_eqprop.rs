//! The energy network and the classification task, through scenes as a user runs them: a
//! small EqProp network learns digits from an IDX pair (against learning off), a resumed run
//! goes on bit for bit mid-epoch, `--eval` scores the best checkpoint on another IDX pair, and
//! bad files and ports are refused with the field and file named.

use std::path::{Path, PathBuf};

use neurarium::app::{Mode, RunSetup, build_app};
use neurarium_sim::prelude::*;

use crate::common::{self, last_test_accuracy, run_epochs as run, write_digits};

/// A 784-64-10 EqProp network on 1,200 training digits (20% held out) and 200 test digits.
fn scene(dir: &Path, port: &str) -> PathBuf {
    let train = write_digits(dir, "train", 0, 1200);
    let test = write_digits(dir, "test", 0, 200);
    let text = format!(
        "Scene(
    name: \"Small EqProp\",
    seed: 1,
    dt_ms: 1.0,
    run: (episodes: 3, steps_per_episode: 100000, record_every_steps: 5),
    networks: [Energy((port: \"digits\", layers: [784, 64, 10], training: (batch: 10, rates: [0.3, 0.1])))],
    task: Some(Classify((
        brain: \"{port}\",
        train: (images: {:?}, labels: {:?}),
        test: (images: {:?}, labels: {:?}),
        validation: 0.2,
        eval_batch: 64,
    ))),
)",
        train.0, train.1, test.0, test.1
    );
    let path = dir.join("eqprop.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_energy_network_learns_digits_from_a_scene_and_not_with_learning_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "digits");
    for seed in [1, 2] {
        let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
        let trained = run(setup.clone(), 3, &dir.path().join(format!("on{seed}")));
        assert_eq!(trained.unit, Some(TrainingUnit::Epoch));
        assert_eq!(trained.episodes, 3);
        let mut off = setup;
        off.learning_off = true;
        let untrained = run(off, 1, &dir.path().join(format!("off{seed}")));
        let (learnt, control) = (last_test_accuracy(&trained), last_test_accuracy(&untrained));
        assert!(
            learnt > 0.75 && control < 0.3,
            "seed {seed}: test accuracy {learnt} trained, {control} with learning off"
        );
        // One row per epoch, the updates made: 960 training digits in batches of 10.
        let csv = std::fs::read_to_string(&trained.metrics).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let updates = header
            .iter()
            .position(|c| *c == "energy/updates/digits")
            .unwrap();
        for line in csv.lines().skip(1) {
            assert_eq!(line.split(',').nth(updates), Some("96"), "{line}");
        }
        assert_eq!(csv.lines().count(), 4);
        assert!(trained.best_checkpoint.unwrap().exists());
    }
}

#[test]
fn a_run_resumed_mid_epoch_goes_on_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "digits");
    // Epoch: 96 training batches, 4 validation batches, 4 test batches = 104 steps.
    common::assert_resumes_bit_for_bit(&path, 17, 130, &dir.path().join("mid.ckpt"));
}

#[test]
fn eval_scores_a_checkpoint_on_another_idx_pair_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "digits");
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let trained = run(setup, 3, &dir.path().join("train"));
    let checkpoint = trained.best_checkpoint.unwrap();
    let other = write_digits(dir.path(), "test", 1000, 300);
    let mut eval = RunSetup::read(&path, false, None, Some(&checkpoint)).unwrap();
    eval.learning_off = true;
    eval.evaluate = true;
    eval.eval_data = vec![other.0.clone(), other.1.clone()];
    let evaluated = run(eval.clone(), 1, &dir.path().join("eval"));
    let evaluation = evaluated.evaluation.clone().unwrap();
    assert!(evaluation.contains("300 images"), "{evaluation}");
    // Only the 300 other digits are scored: 5 batches of up to 64.
    assert_eq!(evaluated.steps, 5);
    assert!(last_test_accuracy(&evaluated) > 0.7);

    // A labels file of another length: refused, both files named.
    let short = write_digits(dir.path(), "test", 1500, 100);
    eval.eval_data = vec![other.0.clone(), short.1.clone()];
    let mut app = build_app(Mode::Headless);
    let error = eval.apply(&mut app).unwrap_err().to_string();
    assert!(
        error.contains("--eval-data") && error.contains("test1500-labels.idx"),
        "{error}"
    );
    // One file only.
    eval.eval_data = vec![other.0];
    let mut app = build_app(Mode::Headless);
    let error = eval.apply(&mut app).unwrap_err().to_string();
    assert!(
        error.contains("an IDX images file and its labels file"),
        "{error}"
    );
}

#[test]
fn a_task_naming_no_examples_port_is_refused_with_the_ports_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "pixels");
    let error = RunSetup::read(&path, true, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("task.Classify.brain") && error.contains("'digits'"),
        "{error}"
    );
}

#[test]
fn the_shipped_scene_trains_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("eqprop");
    let output = common::neurarium(&[
        "--no-render",
        "--scene",
        "scenes/mnist_eqprop.ron",
        "--steps",
        "40",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", common::text(&output));
    assert!(out.join("checkpoint.ckpt").exists());
}

#[test]
fn a_sweep_of_a_classifier_reports_its_test_accuracy_against_the_untrained_network() {
    let dir = tempfile::tempdir().unwrap();
    let scene = scene(dir.path(), "digits");
    let file = dir.path().join("sweep.ron");
    std::fs::write(
        &file,
        format!(
            "Sweep(scene: {scene:?}, seeds: List([1, 2]), episodes: Some(2), controls: [\"untrained\"], out: Some({:?}))",
            dir.path().join("out")
        ),
    )
    .unwrap();
    let output = common::neurarium(&["sweep", file.to_str().unwrap(), "--jobs", "2"]);
    let said = common::text(&output);
    assert!(output.status.success(), "{said}");
    assert!(said.contains("outcome: classify/test_accuracy"), "{said}");
    let summary = csv::Reader::from_path(dir.path().join("out/summary.csv"))
        .unwrap()
        .records()
        .map(Result::unwrap)
        .map(|r| (r[2].to_owned(), r[4].parse::<f64>().unwrap()))
        .collect::<Vec<_>>();
    let median = |arm: &str| summary.iter().find(|(a, _)| a == arm).unwrap().1;
    assert!(
        median("trained") > 0.7 && median("untrained") < 0.3,
        "{summary:?}"
    );
}
