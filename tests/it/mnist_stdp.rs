//! Diehl & Cook's competitive layer and the classification task, through scenes as a user
//! runs them: a small layer learns digits without labels (against learning off, which labels
//! the random weights the same way), a resumed run goes on bit for bit mid-epoch, `--eval`
//! scores a checkpoint's labelled layer on another IDX pair, and bad settings are refused with
//! the field named.

use std::path::{Path, PathBuf};

use neurarium::app::{Mode, RunSetup, build_app};

use crate::common::{self, last_test_accuracy, run_epochs as run, write_digits};

/// 100 neurons on 1,000 training digits (10% held out) and 300 test digits; `extra` adds
/// fields to the `Competitive` section.
fn scene(dir: &Path, extra: &str) -> PathBuf {
    let train = write_digits(dir, "train", 0, 1000);
    let test = write_digits(dir, "test", 0, 300);
    let text = format!(
        "Scene(
    name: \"Small Diehl & Cook\",
    seed: 1,
    dt_ms: 1.0,
    run: (episodes: 1, steps_per_episode: 100000, record_every_steps: 10),
    networks: [Competitive((port: \"digits\", excitatory: 100, batch: 10{extra}))],
    task: Some(Classify((
        brain: \"digits\",
        train: (images: {:?}, labels: {:?}),
        test: (images: {:?}, labels: {:?}),
        validation: 0.1,
        eval_batch: 50,
    ))),
)",
        train.0, train.1, test.0, test.1
    );
    let path = dir.join("stdp.ron");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_competitive_layer_learns_digits_without_labels_and_not_with_learning_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "");
    for seed in [1, 2] {
        let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
        let trained = run(setup.clone(), 1, &dir.path().join(format!("on{seed}")));
        let mut off = setup;
        off.learning_off = true;
        let untrained = run(off, 1, &dir.path().join(format!("off{seed}")));
        let (learnt, control) = (last_test_accuracy(&trained), last_test_accuracy(&untrained));
        assert!(
            learnt > 0.6 && learnt > control + 0.15,
            "seed {seed}: test accuracy {learnt} trained, {control} with learning off"
        );
        // The rows count the showings: at least one per digit shown.
        let csv = std::fs::read_to_string(&trained.metrics).unwrap();
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let column = |name: &str| header.iter().position(|c| *c == name).unwrap();
        let (shown, labelled) = (
            column("competitive/presentations/digits"),
            column("competitive/labelled/digits"),
        );
        let last: Vec<&str> = csv.lines().last().unwrap().split(',').collect();
        assert!(last[shown].parse::<f64>().unwrap() >= 1.0, "{last:?}");
        assert!(last[labelled].parse::<f64>().unwrap() > 50.0, "{last:?}");
    }
}

#[test]
fn a_run_resumed_mid_epoch_goes_on_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "");
    // Epoch: 90 training batches, 2 validation and 6 test batches = 98 steps.
    common::assert_resumes_bit_for_bit(&path, 37, 110, &dir.path().join("mid.ckpt"));
}

#[test]
fn eval_scores_the_labelled_layer_of_a_checkpoint_on_another_idx_pair() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "");
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let trained = run(setup, 1, &dir.path().join("train"));
    let checkpoint = dir.path().join("train/checkpoint.ckpt");
    assert!(checkpoint.exists());
    let other = write_digits(dir.path(), "test", 1000, 200);
    let mut eval = RunSetup::read(&path, false, None, Some(&checkpoint)).unwrap();
    eval.learning_off = true;
    eval.evaluate = true;
    eval.eval_data = vec![other.0, other.1];
    let evaluated = run(eval, 1, &dir.path().join("eval"));
    assert!(evaluated.evaluation.clone().unwrap().contains("200 images"));
    // Only the 200 other digits are shown, with the labels the training epoch gave.
    assert_eq!(evaluated.steps, 4);
    let (learnt, evaluated) = (last_test_accuracy(&trained), last_test_accuracy(&evaluated));
    assert!(
        evaluated > 0.55,
        "{evaluated} on other digits ({learnt} on the test file)"
    );
}

#[test]
fn bad_settings_are_refused_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    for (extra, field) in [
        (", classes: 0", "Competitive.classes"),
        (", initial_weights: (0.5, 2.0)", "initial_weights"),
        (", learning: (tau_pre_ms: -1.0)", "learning.tau_pre_ms"),
        (
            ", inhibitory_neurons: (v_threshold_mv: -70.0)",
            "v_threshold_mv",
        ),
        (", max_rate_hz: 0.0", "Competitive.max_rate_hz"),
    ] {
        let path = scene(dir.path(), extra);
        let error = match RunSetup::read(&path, true, None, None) {
            Ok(setup) => match setup.apply(&mut build_app(Mode::Headless)) {
                Ok(_) => panic!("{extra}: accepted"),
                Err(error) => error.to_string(),
            },
            Err(error) => error.to_string(),
        };
        assert!(error.contains(field), "{extra}: {error}");
    }
}

#[test]
fn the_shipped_scene_trains_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("stdp");
    let output = common::neurarium(&[
        "--no-render",
        "--scene",
        "scenes/mnist_stdp.ron",
        "--steps",
        "20",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", common::text(&output));
    let csv = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("competitive/theta/digits")
    );
    assert!(out.join("checkpoint.ckpt").exists());
}
