//! The resistor network kind and the classification task on a CSV table, through scenes as a
//! user runs them: a small network learns Iris by the discrete rule (against learning off),
//! damage cuts edges at the epoch the scene names (and a cut that leaves an output without
//! ground fails the network, scored as wrong), a resumed run goes on bit for bit, `--eval`
//! scores a checkpoint on another CSV, bad sections and files are refused by name, and the
//! same network on the emulated board (over a pseudo-terminal) learns through a pulled cable.

use std::path::{Path, PathBuf};
use std::time::Duration;

use neurarium::app::{Mode, RunSetup, build_app};
use neurarium::board_emulator::board_for_scene;
use neurarium_circuits::board::emulator::{Emulator, Fault};
use neurarium_circuits::brain::network::CircuitBrain;
use neurarium_sim::prelude::Metrics;
use neurarium_tasks::classify::columns::TEST_ACCURACY;

use crate::common::{self, last_test_accuracy, run_epochs as run};

/// A 40-hidden-node, 300-edge network on Iris (80/20 split by the run's seed); `extra` goes
/// into the network's section.
fn scene(dir: &Path, extra: &str) -> PathBuf {
    scene_on(dir, &common::root().join("assets/data/iris.csv"), extra)
}

/// [`scene`] on the table `iris`.
fn scene_on(dir: &Path, iris: &Path, extra: &str) -> PathBuf {
    let text = format!(
        "Scene(
    name: \"Small circuit\",
    seed: 1,
    dt_ms: 1.0,
    run: (episodes: 3, steps_per_episode: 100000, record_every_steps: 5),
    networks: [Circuit((
        port: \"iris\",
        features: 4,
        answers: 3,
        shape: (hidden_nodes: 40, edges: 300),
        batch: 10,
        {extra}
    ))],
    task: Some(Classify((brain: \"iris\", table: Some((file: {iris:?})), validation: 0.0, eval_batch: 30))),
)"
    );
    let path = dir.join("circuit.ron");
    std::fs::write(&path, text).unwrap();
    path
}

/// The column `name`'s values, a row per epoch.
fn column(csv: &Path, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(csv).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let i = header.iter().position(|c| *c == name).unwrap_or_else(|| {
        panic!("no column {name} in {header:?}");
    });
    text.lines()
        .skip(1)
        .map(|l| l.split(',').nth(i).unwrap().to_owned())
        .collect()
}

#[test]
fn a_resistor_network_learns_iris_from_a_scene_and_not_with_learning_off() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "");
    for seed in [1, 2, 3] {
        let setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
        let trained = run(setup.clone(), 40, &dir.path().join(format!("on{seed}")));
        let mut off = setup;
        off.learning_off = true;
        let untrained = run(off, 1, &dir.path().join(format!("off{seed}")));
        let (learnt, control) = (last_test_accuracy(&trained), last_test_accuracy(&untrained));
        assert!(
            learnt >= 0.8 && learnt > control + 0.2,
            "seed {seed}: test accuracy {learnt} trained, {control} with learning off"
        );
        // The error falls, and the potentiometers move, while it learns.
        let error: Vec<f64> = column(&trained.metrics, "circuit/error/iris")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect();
        assert!(error[39] < error[0], "seed {seed}: error {error:?}");
        let moves = column(&trained.metrics, "circuit/moves/iris");
        assert!(
            moves.iter().all(|m| m.parse::<f64>().unwrap() > 0.0),
            "{moves:?}"
        );
        assert!(
            column(&untrained.metrics, "circuit/moves/iris") == vec!["0"],
            "learning off moves nothing"
        );
    }
}

#[test]
fn damage_cuts_edges_at_its_epoch_and_a_fatal_cut_fails_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(
        dir.path(),
        "learn_epochs: Some(2), damage: [(epoch: 2, fraction: 0.25)],",
    );
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let damaged = run(setup, 3, &dir.path().join("quarter"));
    let cut = column(&damaged.metrics, "circuit/cut/iris");
    assert_eq!(
        cut,
        vec!["0", "0", "0.25"],
        "75 of 300 edges cut from epoch 2"
    );
    let moves = column(&damaged.metrics, "circuit/moves/iris");
    assert_eq!(moves[2], "0", "learning stopped after 2 epochs: {moves:?}");

    // With relearning: the cut's epoch only answers, the next two learn again (annealed).
    let path = scene(
        dir.path(),
        "learn_epochs: Some(2), anneal: true, damage: [(epoch: 2, fraction: 0.25, relearn_epochs: 2)],",
    );
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let healing = run(setup, 6, &dir.path().join("relearn"));
    let moves: Vec<f64> = column(&healing.metrics, "circuit/moves/iris")
        .iter()
        .map(|m| m.parse().unwrap())
        .collect();
    assert!(
        moves[0] > 0.0 && moves[1] > 0.0 && moves[2] == 0.0 && moves[3] > 0.0 && moves[5] == 0.0,
        "learning, learning, the cut, relearning, relearning, done: {moves:?}"
    );
    assert!(
        moves[4] < moves[3],
        "annealed: fewer steps as the phase ends: {moves:?}"
    );

    // Every edge cut: the inputs lose ground, the network answers nothing, every row is wrong.
    let path = scene(dir.path(), "damage: [(epoch: 1, fraction: 1.0)],");
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    let failed = run(setup, 2, &dir.path().join("all"));
    let accuracy = column(&failed.metrics, "classify/test_accuracy");
    assert!(accuracy[0].parse::<f64>().unwrap() > 0.0, "{accuracy:?}");
    assert_eq!(accuracy[1], "0", "a failed network scores nothing");
}

#[test]
fn a_circuit_run_resumed_mid_epoch_goes_on_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "damage: [(epoch: 1, fraction: 0.1)],");
    // Epoch: 12 training batches, 1 test batch = 13 steps; resumed in epoch 1, past the cut.
    common::assert_resumes_bit_for_bit(&path, 17, 40, &dir.path().join("mid.ckpt"));
}

#[test]
fn eval_scores_a_checkpoint_on_another_csv_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = scene(dir.path(), "");
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    run(setup, 20, &dir.path().join("train"));
    // No validation rows, so no best checkpoint: the last one.
    let checkpoint = dir.path().join("train/checkpoint.ckpt");
    // Every fifth row of Iris, as another file.
    let iris = std::fs::read_to_string(common::root().join("assets/data/iris.csv")).unwrap();
    // Past the header line (`150,4,setosa,…`).
    let rows: Vec<&str> = iris.lines().skip(1).collect();
    let other = dir.path().join("other.csv");
    let text: Vec<&str> = rows.iter().step_by(5).copied().collect();
    std::fs::write(&other, text.join("\n")).unwrap();
    let mut eval = RunSetup::read(&path, false, None, Some(&checkpoint)).unwrap();
    eval.learning_off = true;
    eval.evaluate = true;
    eval.eval_data = vec![other.clone()];
    let evaluated = run(eval.clone(), 1, &dir.path().join("eval"));
    let evaluation = evaluated.evaluation.clone().unwrap();
    assert!(
        evaluation.contains(&format!("{} rows", rows.len().div_ceil(5))),
        "{evaluation}"
    );
    assert!(last_test_accuracy(&evaluated) > 0.7);

    // A row with a word for a number: refused with the file and line.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "5.1,3.5,1.4,0.2,0\n4.9,three,1.4,0.2,0\n").unwrap();
    eval.eval_data = vec![bad];
    let mut app = build_app(Mode::Headless);
    let error = eval.apply(&mut app).unwrap_err().to_string();
    assert!(
        error.contains("--eval-data") && error.contains("bad.csv:2:2") && error.contains("three"),
        "{error}"
    );
}

#[test]
fn bad_circuit_sections_are_refused_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    for (extra, field) in [
        (
            "damage: [(epoch: 1, fraction: 1.5)],",
            "networks[0].Circuit.damage[0].fraction",
        ),
        (
            "learning: (nudge: 0.0),",
            "networks[0].Circuit.learning.nudge",
        ),
        (
            "learning: (rule: Discrete(potentiometer: (steps: 1), dead_band_v: 0.0)),",
            "networks[0].Circuit.learning.rule.Discrete.potentiometer.steps",
        ),
        ("volts: 1.0,", "networks[0].Circuit"),
    ] {
        let path = scene(dir.path(), extra);
        let error = RunSetup::read(&path, true, None, None)
            .unwrap_err()
            .to_string();
        assert!(error.contains(field), "{extra}: {error}");
    }
    // A task on a table whose rows have more features than the port takes.
    let wide = dir.path().join("wide.csv");
    std::fs::write(
        &wide,
        "1,2,3,4,5,0\n2,3,4,5,6,1\n3,4,5,6,7,0\n4,5,6,7,8,1\n5,6,7,8,9,0\n",
    )
    .unwrap();
    let path = scene_on(dir.path(), &wide, "");
    let error = RunSetup::read(&path, true, None, None)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("task.Classify.table.file")
            && error.contains("wide.csv")
            && error.contains("rows of 5 features"),
        "{error}"
    );
}

/// The last test accuracy of a run.
fn accuracy(app: &bevy::prelude::App) -> f64 {
    let values = app
        .world()
        .resource::<Metrics>()
        .values(&TEST_ACCURACY)
        .unwrap();
    *values.last().unwrap()
}

#[test]
fn a_network_on_the_emulated_board_learns_and_loses_nothing_to_a_pulled_cable() {
    let dir = tempfile::tempdir().unwrap();
    let port = dir.path().join("board");
    let emulator = Emulator::start(
        board_for_scene(&scene(dir.path(), ""), None).unwrap().0,
        &port,
    )
    .unwrap();
    let backend = format!(
        "backend: Board((port: {port:?}, timeout_ms: 200, reconnect_ms: 50, wait_ms: 5000)),"
    );
    let path = scene(dir.path(), &backend);
    let mut off = RunSetup::read(&path, true, None, None).unwrap();
    off.learning_off = true;
    // Its app is dropped at once: a port is opened by one link at a time.
    let control = accuracy(&common::run_episodes(off, 1));
    let setup = RunSetup::read(&path, true, None, None).unwrap();
    // The cable is pulled during the run and plugged back in 0.5 s later; the board boots
    // with every wiper at mid-scale.
    let app = std::thread::scope(|s| {
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(300));
            emulator.inject(Fault::Vanish);
            std::thread::sleep(Duration::from_millis(500));
            emulator.inject(Fault::Return);
        });
        common::run_episodes(setup, 25)
    });
    let learnt = accuracy(&app);
    assert!(
        learnt >= 0.8 && learnt > control + 0.2,
        "test accuracy {learnt}, untrained {control}"
    );
    // What the app holds (and checkpoints) is what the board holds.
    let mut app = app;
    let world = app.world_mut();
    let mut brains = world.query::<&CircuitBrain>();
    let brain = brains.iter(world).next().unwrap();
    let log = brain.board.as_ref().unwrap().log.join("\n");
    assert!(
        log.contains("lost") && log.contains("written back"),
        "{log}"
    );
    let held = brain.net.steps.clone();
    let board = emulator.stop().unwrap();
    assert_eq!(board.steps(), held.as_slice(), "nothing learnt was lost");
}

#[test]
fn the_board_emulator_command_serves_a_headless_run_of_the_same_scene() {
    let dir = tempfile::tempdir().unwrap();
    let port = dir.path().join("board");
    let plain = scene(dir.path(), "");
    let emulator = std::process::Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args(["board-emulator", "--scene", plain.to_str().unwrap()])
        .args(["--port", port.to_str().unwrap()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !port.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let board = format!("backend: Board((port: {port:?}, timeout_ms: 300, wait_ms: 5000)),");
    let on_board = dir.path().join("on_board.ron");
    std::fs::rename(scene(dir.path(), &board), &on_board).unwrap();
    let out = dir.path().join("run");
    let output = common::neurarium(&[
        "--no-render",
        "--scene",
        on_board.to_str().unwrap(),
        "--epochs",
        "3",
        "--out",
        out.to_str().unwrap(),
    ]);
    // Ctrl-C stops the emulator.
    let _ = std::process::Command::new("kill")
        .args(["-INT", &emulator.id().to_string()])
        .status();
    let stopped = emulator.wait_with_output().unwrap();
    let log = common::text(&output);
    assert!(output.status.success(), "{log}");
    assert!(
        log.contains("connected") && log.contains("written back"),
        "{log}"
    );
    assert!(
        stopped.status.success(),
        "the emulator stops cleanly on Ctrl-C"
    );
    let said = String::from_utf8_lossy(&stopped.stdout).into_owned();
    assert!(said.contains("300 edges, 10 inputs, 3 outputs"), "{said}");
    let rows = std::fs::read_to_string(out.join("metrics.csv")).unwrap();
    assert_eq!(rows.lines().count(), 4, "three epochs on the board: {rows}");
}
