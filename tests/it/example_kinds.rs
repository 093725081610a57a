//! A task and a network kind the shipped crates do not know, added by their own files
//! ([`crate::corridor`], [`crate::lookup`]) and one registration line each ([`plugins`]), run
//! by the app as a user runs it: the scene loader reads and checks their sections, the headless
//! runner counts the task's successes, keeps its best checkpoint and evaluates it, and loading
//! another scene removes their systems.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, finish_plugins};
use neurarium::headless::{HeadlessRun, RunLength, RunSummary, run_headless};
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;

use crate::common;
use crate::corridor::CorridorPlugin;
use crate::lookup::LookupPlugin;

/// The registration lines.
fn plugins(app: &mut App) {
    app.add_plugins((CorridorPlugin, LookupPlugin));
}

/// A corridor of 6 cells from cell 2, driven by a lookup table over the cells.
fn scene(table: &str) -> String {
    format!(
        "Scene(
    name: \"Corridor\",
    dt_ms: 1.0,
    run: (episodes: 12, steps_per_episode: 100),
    networks: [Lookup((input: \"position\", output: \"moves\", choices: 2, table: {table}))],
    task: Some(Corridor((length: 6, start: 2, max_moves: 10))),
)"
    )
}

/// Writes `text` as the scene file `name` in `dir`.
fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(path: &Path, episodes: u64, out: &Path, evaluate: bool) -> RunSummary {
    let mut setup = RunSetup::read_with(plugins, path, true, None, None).unwrap();
    setup.evaluate = evaluate;
    let run = HeadlessRun::quiet(setup, RunLength::Episodes(episodes), out);
    run_headless(&run, &AtomicBool::new(false)).unwrap()
}

#[test]
fn a_task_and_a_brain_kind_written_elsewhere_run_through_the_app() {
    let dir = tempfile::tempdir().unwrap();
    // Always right: the goal 3 cells away, every episode.
    let right = write(dir.path(), "right.ron", &scene("[1, 1, 1, 1, 1, 1]"));
    let summary = run(&right, 12, &dir.path().join("right"), false);
    let success = summary.success.clone().unwrap();
    assert_eq!((success.succeeded, success.units), (12, 12));
    assert_eq!(success.means, "reached the goal");
    assert_eq!(summary.unit, Some(TrainingUnit::Episode));
    assert!(summary.best_checkpoint.as_ref().unwrap().exists());
    let csv = std::fs::read_to_string(&summary.metrics).unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.contains("corridor/return"), "{header}");
    // Three moves: −0.1, −0.1, +1.
    let last: Vec<f64> = csv
        .lines()
        .last()
        .unwrap()
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    let column = |name: &str| header.split(',').position(|c| c == name).unwrap();
    assert!((last[column("corridor/return")] - 0.8).abs() < 1e-6);
    assert_eq!(last[column("corridor/moves")], 3.0);

    // Always left: the agent never gets there.
    let left = write(dir.path(), "left.ron", &scene("[0, 0, 0, 0, 0, 0]"));
    let summary = run(&left, 3, &dir.path().join("left"), false);
    assert_eq!(summary.success.unwrap().succeeded, 0);
    assert_eq!(summary.best_checkpoint, None, "too few episodes for a best");

    // The task's evaluation setting: from cell 0, five moves to the goal.
    let summary = run(&right, 2, &dir.path().join("eval"), true);
    assert_eq!(
        summary.evaluation.as_deref(),
        Some("every episode from cell 0")
    );
    let csv = std::fs::read_to_string(&summary.metrics).unwrap();
    let moves: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(4).unwrap())
        .collect();
    assert_eq!(moves, ["5", "5"], "{csv}");
}

#[test]
fn their_sections_are_checked_with_the_field_named() {
    let kinds = neurarium::app::scene_kinds(plugins);
    let parse = |text: &str| parse_scene(text, Path::new("corridor.ron"), &kinds);
    parse(&scene("[1, 0]")).unwrap();
    let error = parse(&scene("[1, 2]")).unwrap_err();
    assert_eq!(error.field(), Some("networks[0].Lookup.table"), "{error}");
    assert_eq!(error.position().map(|p| p.0), Some(5), "{error}");
    let error = parse(&scene("[1]").replace(
        "(length: 6,",
        "(length: 6, brain: (\"position\", \"steps\"),",
    ))
    .unwrap_err();
    assert_eq!(error.field(), Some("task.Corridor.brain"), "{error}");
    assert!(
        error.to_string().contains("no output port named 'steps'")
            && error.to_string().contains("'moves'"),
        "{error}"
    );
    let error = parse(&scene("[1]").replace("Lookup((", "Lookp((")).unwrap_err();
    assert!(
        error.to_string().contains(
            "unknown network kind `Lookp`, expected one of `Spiking`, `Competitive`, `Energy`, `Circuit`, `Lookup`"
        ),
        "{error}"
    );
    let error = parse(&scene("[1]").replace("length: 6", "lenght: 6")).unwrap_err();
    assert_eq!(error.position().map(|p| p.0), Some(6), "{error}");
    assert!(error.to_string().contains("`length`"), "{error}");
    // Without the registration line the app does not know them.
    let plain = neurarium::app::scene_kinds(neurarium::app::no_extra_plugins);
    let error = parse_scene(&scene("[1]"), Path::new("corridor.ron"), &plain).unwrap_err();
    assert!(
        error.to_string().contains("unknown network kind `Lookup`"),
        "{error}"
    );
}

#[test]
fn loading_another_scene_leaves_nothing_of_the_last_scheduled() {
    let dir = tempfile::tempdir().unwrap();
    let corridor = write(dir.path(), "corridor.ron", &scene("[1, 1, 1, 1, 1, 1]"));
    let setup = RunSetup::read_with(plugins, &corridor, true, None, None).unwrap();
    let mut app = setup.build_app(Mode::Headless);
    setup.apply(&mut app).unwrap();
    finish_plugins(&mut app);
    common::run_steps(&mut app, 50);
    let names = |app: &App| -> Vec<String> {
        let schedules = app.world().resource::<Schedules>();
        let step = schedules.get(SimStep).unwrap();
        step.systems()
            .unwrap()
            .map(|(_, system)| system.name().to_string())
            .collect()
    };
    assert!(names(&app).iter().any(|n| n.contains("corridor::walk")));
    assert!(names(&app).iter().any(|n| n.contains("lookup::look_up")));
    assert_eq!(app.world().resource::<BlockStepping>().steps_in_blocks, 0);

    // The window reloads another scene into the same app.
    let small = RunSetup::read(
        &common::root().join("scenes/small_network.ron"),
        true,
        None,
        None,
    )
    .unwrap();
    small.apply(&mut app).unwrap();
    common::run_steps(&mut app, 1_000);
    let after = names(&app);
    assert!(
        !after
            .iter()
            .any(|n| n.contains("corridor") || n.contains("lookup")),
        "{after:?}"
    );
    assert!(
        app.world().resource::<BlockStepping>().steps_in_blocks > 0,
        "block stepping is back"
    );
    let world = app.world_mut();
    assert_eq!(world.query::<&InputPort>().iter(world).count(), 0);
    // And the same metrics as a fresh app on that scene.
    let mut fresh = common::headless_app(&common::root().join("scenes/small_network.ron"), None);
    common::run_steps(&mut fresh, 1_000);
    assert_eq!(common::metric_bits(&app), common::metric_bits(&fresh));
}
