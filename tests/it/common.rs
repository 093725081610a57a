//! Helpers shared by the end-to-end tests: build the headless app on a scene and run it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium::headless::{HeadlessRun, RunLength, RunSummary, run_headless};
use neurarium_sim::prelude::*;
use neurarium_tasks::classify::idx::load_pair;

/// The small spiking network without a task, relative to the repository root.
pub const SMALL_NETWORK: &str = "scenes/small_network.ron";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(
        std::env::var_os("CARGO_MANIFEST_DIR")
            .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
    )
}

/// Every scene shipped in `scenes/`.
pub fn shipped_scenes() -> Vec<PathBuf> {
    let mut scenes: Vec<PathBuf> = std::fs::read_dir(root().join("scenes"))
        .expect("scenes/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    scenes.sort();
    scenes
}

/// A headless app with the scene at `path` loaded, `seed` overriding the scene's.
pub fn headless_app(path: &Path, seed: Option<u64>) -> App {
    let setup = RunSetup::read(path, true, seed, None).expect("scene loads");
    let mut app = build_app(Mode::Headless);
    setup.apply(&mut app).expect("scene applies");
    finish_plugins(&mut app);
    app
}

/// Builds `setup` headless, one metrics row per episode, and runs `episodes` episodes.
pub fn run_episodes(mut setup: RunSetup, episodes: u64) -> App {
    setup.record = Some(RecordEvery::Episode);
    let mut app = setup.build_app(Mode::Headless);
    setup.apply(&mut app).expect("scene applies");
    finish_plugins(&mut app);
    app.world_mut().resource_mut::<SimControl>().stop_at_episode = Some(episodes);
    while app.world().resource::<Episodes>().completed < episodes {
        assert!(app.world().resource::<SimFault>().0.is_none());
        app.update();
    }
    app
}

/// Runs exactly `steps` more steps.
pub fn run_steps(app: &mut App, steps: u64) {
    let target = app.world().resource::<SimClock>().step + steps;
    app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(target);
    while app.world().resource::<SimClock>().step < target {
        assert!(
            app.world().resource::<SimFault>().0.is_none(),
            "fault: {:?}",
            app.world().resource::<SimFault>().0
        );
        app.update();
    }
}

/// The metrics table as bit patterns, for exact comparisons (NaN-safe).
pub fn metric_bits(app: &App) -> (Vec<String>, Vec<Vec<u64>>) {
    let metrics = app.world().resource::<Metrics>();
    (
        metrics.columns().to_vec(),
        metrics
            .rows()
            .iter()
            .map(|row| row.iter().map(|v| v.to_bits()).collect())
            .collect(),
    )
}

/// Runs the `neurarium` binary with `args` from the repository root.
pub fn neurarium(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_neurarium"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("binary runs")
}

/// What a run of the binary printed, stdout then stderr.
pub fn text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Writes the first `count` digits of the shipped `split` (from `skip` on) as a plain IDX pair
/// in `dir`.
pub fn write_digits(dir: &Path, split: &str, skip: usize, count: usize) -> (PathBuf, PathBuf) {
    let data = root().join("assets/data");
    let digits = load_pair(
        &data.join(format!("mnist9k-{split}-images-idx3-ubyte.gz")),
        &data.join(format!("mnist9k-{split}-labels-idx1-ubyte.gz")),
    )
    .unwrap();
    let n = digits.pixels_per_image();
    let mut images = vec![0, 0, 8, 3];
    for size in [count, digits.rows, digits.cols] {
        images.extend((size as u32).to_be_bytes());
    }
    images.extend(
        digits.pixels[skip * n..(skip + count) * n]
            .iter()
            .map(|p| (p * 255.0).round() as u8),
    );
    let mut labels = vec![0, 0, 8, 1];
    labels.extend((count as u32).to_be_bytes());
    labels.extend(&digits.labels[skip..skip + count]);
    let paths = (
        dir.join(format!("{split}{skip}-images.idx")),
        dir.join(format!("{split}{skip}-labels.idx")),
    );
    std::fs::write(&paths.0, images).unwrap();
    std::fs::write(&paths.1, labels).unwrap();
    paths
}

/// Runs `setup` headless, quietly, for `epochs` epochs (episodes) into `out`.
pub fn run_epochs(setup: RunSetup, epochs: u64, out: &Path) -> RunSummary {
    let run = HeadlessRun::quiet(setup, RunLength::Episodes(epochs), out);
    run_headless(&run, &AtomicBool::new(false)).unwrap()
}

/// The classification task's test accuracy in a run's last metrics row.
pub fn last_test_accuracy(summary: &RunSummary) -> f64 {
    let (column, value) = summary.last_score.unwrap();
    assert_eq!(column, "classify/test_accuracy");
    value
}

/// Runs the scene at `path` `total` steps straight, and again `at` steps, saved to `file`,
/// resumed from it and run to `total`: both end with the same metrics, bit for bit.
pub fn assert_resumes_bit_for_bit(path: &Path, at: u64, total: u64, file: &Path) {
    let mut straight = headless_app(path, None);
    run_steps(&mut straight, total);
    let mut first = headless_app(path, None);
    run_steps(&mut first, at);
    save_checkpoint(first.world(), file).unwrap();
    let setup = RunSetup::read(path, true, None, Some(file)).unwrap();
    let mut resumed = build_app(Mode::Headless);
    setup.apply(&mut resumed).unwrap();
    finish_plugins(&mut resumed);
    run_steps(&mut resumed, total - at);
    assert_eq!(metric_bits(&straight), metric_bits(&resumed));
    assert!(!metric_bits(&straight).1.is_empty());
}
