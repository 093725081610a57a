//! The binary as a user runs it headless: flags, CSV, checkpoints, errors, Ctrl-C.

use crate::common::{self, neurarium, text};

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn csv_rows(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_path(path).expect("metrics.csv exists");
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let mut rows = vec![header];
    rows.extend(
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect()),
    );
    rows
}

#[test]
fn help_documents_every_flag() {
    let output = neurarium(&["--help"]);
    assert!(output.status.success());
    let help = text(&output);
    for flag in [
        "--scene",
        "--no-render",
        "--steps",
        "--episodes",
        "--seed",
        "--out",
        "--load",
        "--eval",
        "--learning-off",
        "--screenshot",
        "--checkpoint-every",
    ] {
        assert!(help.contains(flag), "--help mentions {flag}:\n{help}");
    }
}

#[test]
fn steps_run_writes_csv_and_checkpoint_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let output = neurarium(&[
        "--no-render",
        "--scene",
        common::SMALL_NETWORK,
        "--steps",
        "2000",
        "--seed",
        "4",
        "--out",
        out,
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("2000 steps"), "{}", text(&output));
    let rows = csv_rows(&dir.path().join("metrics.csv"));
    assert_eq!(&rows[0][..3], ["step", "episode", "time_ms"]);
    assert!(rows[0].iter().any(|c| c == "rate_hz/excitatory"));
    // record_every_steps = 500 in the default scene: rows at 500, 1000, 1500, 2000.
    let steps: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(steps, ["500", "1000", "1500", "2000"]);

    let checkpoint = dir.path().join("checkpoint.ckpt");
    let out2 = dir.path().join("resumed");
    let output = neurarium(&[
        "--no-render",
        "--load",
        checkpoint.to_str().unwrap(),
        "--steps",
        "1000",
        "--out",
        out2.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let rows = csv_rows(&out2.join("metrics.csv"));
    let steps: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        steps,
        ["2500", "3000"],
        "the resumed run continues from step 2000 and its file holds its own rows"
    );

    let refused = neurarium(&[
        "--no-render",
        "--load",
        checkpoint.to_str().unwrap(),
        "--seed",
        "5",
    ]);
    assert!(!refused.status.success());
    assert!(
        text(&refused).contains("--seed 5 with --load") && text(&refused).contains("ignored"),
        "{}",
        text(&refused)
    );
}

#[test]
fn the_default_scene_is_the_car() {
    let dir = tempfile::tempdir().unwrap();
    let output = neurarium(&[
        "--no-render",
        "--steps",
        "100",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(
        text(&output).contains("'Car driven by a spiking brain'"),
        "{}",
        text(&output)
    );
}

#[test]
fn without_a_display_the_window_says_what_is_missing_and_the_way_on() {
    let output = Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args(["--scene", common::SMALL_NETWORK])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .current_dir(common::root())
        .output()
        .expect("binary runs");
    let said = text(&output);
    assert!(!output.status.success(), "{said}");
    assert!(!said.contains("panicked"), "no panic: {said}");
    for needle in ["DISPLAY is not set", "--no-render", "Xvfb"] {
        assert!(said.contains(needle), "'{needle}' in: {said}");
    }
}

#[test]
fn progress_rates_read_as_people_write_them() {
    use neurarium::headless::format_rate;
    assert_eq!(format_rate(76_883.290_9), "76,883");
    assert_eq!(format_rate(1_234_567.0), "1,234,567");
    assert_eq!(format_rate(999.6), "1,000");
    assert_eq!(format_rate(100.0), "100");
    assert_eq!(format_rate(6.44), "6.4");
    assert_eq!(format_rate(f64::NAN), "–");
}

#[test]
fn episodes_run_writes_one_row_per_episode() {
    let dir = tempfile::tempdir().unwrap();
    let output = neurarium(&[
        "--no-render",
        "--scene",
        common::SMALL_NETWORK,
        "--episodes",
        "3",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let rows = csv_rows(&dir.path().join("metrics.csv"));
    assert_eq!(rows.len(), 4, "header and three episode rows");
    assert_eq!(rows[3][1], "2", "the third row is episode 2");
}

#[test]
fn invalid_scene_names_file_line_column_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let scene = dir.path().join("broken.ron");
    std::fs::write(
        &scene,
        "Scene(\n    regions: [\n        (name: \"a\", size: 3, model: Poisson((rate_hz: -2.0))),\n    ],\n)\n",
    )
    .unwrap();
    let output = neurarium(&[
        "--no-render",
        "--scene",
        scene.to_str().unwrap(),
        "--steps",
        "10",
    ]);
    assert!(!output.status.success());
    let message = text(&output);
    assert!(message.contains("broken.ron:3:"), "{message}");
    assert!(
        message.contains("regions[0].model.Poisson.rate_hz"),
        "{message}"
    );
    assert!(!dir.path().join("runs").exists());
}

#[test]
fn foreign_checkpoint_is_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.ckpt");
    std::fs::write(&fake, "not a checkpoint").unwrap();
    let output = neurarium(&["--no-render", "--load", fake.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("is not a Neurarium checkpoint"),
        "{}",
        text(&output)
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_saves_a_checkpoint_and_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args([
            "--no-render",
            "--scene",
            common::SMALL_NETWORK,
            "--steps",
            "1000000000",
            "--out",
            dir.path().to_str().unwrap(),
        ])
        .current_dir(common::root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let metrics = dir.path().join("metrics.csv");
    let started = Instant::now();
    while csv_rows_or_empty(&metrics) < 3 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the run writes metrics"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(130), "{}", text(&output));
    assert!(text(&output).contains("interrupted"), "{}", text(&output));
    let file =
        neurarium_sim::prelude::read_checkpoint(&dir.path().join("checkpoint.ckpt")).unwrap();
    assert!(file.section("spiking").is_ok());
}

fn csv_rows_or_empty(path: &Path) -> usize {
    std::fs::read_to_string(path).map_or(0, |s| s.lines().count())
}

#[test]
fn eval_resumes_with_learning_off_and_reports_success() {
    let dir = tempfile::tempdir().unwrap();
    let train = dir.path().join("train");
    let output = neurarium(&[
        "--no-render",
        "--scene",
        "scenes/car.ron",
        "--episodes",
        "12",
        "--out",
        train.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    assert!(text(&output).contains("of 12 episodes finished without a crash"));
    // Best and last checkpoints; the best one is a valid checkpoint of the same run.
    let checkpoint = train.join("checkpoint.ckpt");
    let best = neurarium_sim::prelude::read_checkpoint(&train.join("best.ckpt")).unwrap();
    assert!(best.section("episodes").is_ok());

    let eval = dir.path().join("eval");
    let output = neurarium(&[
        "--no-render",
        "--eval",
        checkpoint.to_str().unwrap(),
        "--episodes",
        "2",
        "--out",
        eval.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{}", text(&output));
    let said = text(&output);
    assert!(
        said.contains("of 2 episodes finished without a crash") && said.contains("learning off"),
        "{said}"
    );
    // The success line counts exactly the evaluation's rows.
    let rows = csv_rows(&eval.join("metrics.csv"));
    let column = |name: &str| rows[0].iter().position(|c| c == name).unwrap();
    let (finished, crashed) = (column("car/finished"), column("car/crashed"));
    // The file holds the evaluation's rows only, and says learning was off.
    assert_eq!(rows.len(), 3, "header and the two evaluated episodes");
    let evaluated = &rows[1..];
    let learning_rate = column("car/learning_rate");
    assert!(
        evaluated.iter().all(|r| r[learning_rate] == "0"),
        "{evaluated:?}"
    );
    let succeeded = evaluated
        .iter()
        .filter(|r| r[finished] == "1" && r[crashed] == "0")
        .count();
    assert!(
        said.contains(&format!("success: {succeeded} of 2 episodes")),
        "{said}"
    );
    // The curriculum starts on its first road; the evaluation drives its last track.
    let train_rows = csv_rows(&train.join("metrics.csv"));
    let train_phase = train_rows[0].iter().position(|c| c == "car/phase").unwrap();
    assert_eq!(train_rows[1][train_phase], "1");
    let phase = column("car/phase");
    assert!(evaluated.iter().all(|r| r[phase] == "4"), "{evaluated:?}");

    let refused = neurarium(&["--eval", checkpoint.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(text(&refused).contains("--no-render"), "{}", text(&refused));
}

#[test]
fn learning_off_keeps_every_weight() {
    use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
    use neurarium_spiking::prelude::{Plastic, Synapses};
    let weights = |learning_off: bool| {
        let mut setup =
            RunSetup::read(&common::root().join("scenes/car.ron"), true, None, None).unwrap();
        setup.learning_off = learning_off;
        let mut app = build_app(Mode::Headless);
        setup.apply(&mut app).unwrap();
        finish_plugins(&mut app);
        let read = |app: &mut bevy::prelude::App| -> Vec<f32> {
            let world = app.world_mut();
            let mut plastic = world.query::<(&Synapses, &Plastic)>();
            plastic
                .iter(world)
                .flat_map(|(s, _)| (0..s.len()).map(|i| s.weight(i)).collect::<Vec<_>>())
                .collect()
        };
        let before = read(&mut app);
        common::run_steps(&mut app, 3_000);
        (before, read(&mut app))
    };
    let (before, after) = weights(true);
    assert!(!before.is_empty());
    assert_eq!(before, after, "learning off changed weights");
    let (before, after) = weights(false);
    assert_ne!(
        before, after,
        "with learning on, 3 s of driving change some weight"
    );
}

#[test]
fn controls_units_and_column_declarations_come_from_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("left");
    let output = neurarium(&[
        "--no-render",
        "--scene",
        "scenes/car_layered.ron",
        "--control",
        "fixed left",
        "--episodes",
        "2",
        "--out",
        out.to_str().unwrap(),
    ]);
    let said = text(&output);
    assert!(output.status.success(), "{said}");
    assert!(
        said.contains("success: 0 of 2 episodes finished without a crash (0%), learning off"),
        "{said}"
    );
    let declarations = csv_rows(&out.join("metrics_columns.csv"));
    assert_eq!(declarations[0], ["column", "unit", "description"]);
    let unit_of = |name: &str| {
        declarations
            .iter()
            .find(|row| row[0] == name)
            .map(|row| row[1].clone())
    };
    assert_eq!(unit_of("car/speed_mps").as_deref(), Some("m/s"));
    assert_eq!(unit_of("rate_hz/hidden").as_deref(), Some("Hz"));
    assert_eq!(unit_of("step").as_deref(), Some("1"));
    assert_eq!(
        declarations.len() - 1,
        csv_rows(&out.join("metrics.csv"))[0].len(),
        "one declaration per column"
    );

    let unknown = neurarium(&[
        "--no-render",
        "--scene",
        "scenes/car.ron",
        "--control",
        "nope",
    ]);
    assert!(!unknown.status.success());
    assert!(
        text(&unknown).contains("'untrained', 'fixed left', 'fixed straight', 'fixed right'"),
        "{}",
        text(&unknown)
    );
    let epochs = neurarium(&["--no-render", "--scene", "scenes/car.ron", "--epochs", "2"]);
    assert!(!epochs.status.success());
    assert!(
        text(&epochs).contains("this scene's task trains in episodes, so give --episodes"),
        "{}",
        text(&epochs)
    );
    let network = dir.path().join("network");
    let trained = neurarium(&[
        "--no-render",
        "--scene",
        "scenes/izhikevich_stdp.ron",
        "--steps",
        "10",
        "--out",
        network.to_str().unwrap(),
    ]);
    assert!(trained.status.success(), "{}", text(&trained));
    let no_task = neurarium(&[
        "--no-render",
        "--eval",
        network.join("checkpoint.ckpt").to_str().unwrap(),
    ]);
    assert!(!no_task.status.success());
    assert!(
        text(&no_task).contains("--eval evaluates a task, and scene")
            && text(&no_task).contains("has none"),
        "{}",
        text(&no_task)
    );
}
