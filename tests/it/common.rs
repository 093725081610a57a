//! Helpers shared by the end-to-end tests: build the headless app on a scene and run it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_sim::prelude::*;

/// The small spiking network without a task, relative to the repository root.
pub const SMALL_NETWORK: &str = "scenes/small_network.ron";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
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
