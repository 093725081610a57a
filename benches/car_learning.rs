//! Does the car brain learn? Over ten seeds, `scenes/car.ron` (phase-4 circuit) is trained for
//! its 200 episodes, then evaluated with learning off; the controls are the same brain
//! untrained (learning off from the start) and the best fixed steering. Success: an episode
//! that drives the lap without a crash. Prints one line per seed and the medians.
//!
//! ```sh
//! cargo bench --no-default-features --bench car_learning
//! ```

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use neurarium::app::RunSetup;
use neurarium::headless::{HeadlessRun, RunLength, RunSummary, run_headless};
use neurarium_scene::prelude::SceneFile;
use neurarium_tasks::prelude::{Controller, TaskSpec};

const SEEDS: u64 = 10;
const EVAL_EPISODES: u64 = 50;

fn scene() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes/car.ron")
}

/// Runs `episodes` episodes of the car scene (edited by `edit`) headless into `out`.
fn run(
    seed: u64,
    load: Option<&Path>,
    learning_off: bool,
    episodes: u64,
    out: &Path,
    edit: impl FnOnce(&mut SceneFile),
) -> RunSummary {
    let mut setup = RunSetup::read(&scene(), true, Some(seed), load).unwrap();
    setup.learning_off = learning_off;
    edit(&mut setup.scene.scene);
    let run = HeadlessRun {
        setup,
        length: RunLength::Episodes(episodes),
        out: out.to_owned(),
        checkpoint_every: Duration::from_secs(3600),
        progress: false,
    };
    run_headless(&run, &AtomicBool::new(false)).unwrap()
}

fn rate(summary: &RunSummary) -> f64 {
    summary.success.unwrap().rate()
}

/// Success rates of one seed: trained (learning off), untrained (learning off), and during
/// training; and the training summary.
fn one_seed(seed: u64, dir: &Path) -> ([f64; 3], RunSummary) {
    let train_dir = dir.join(format!("train-{seed}"));
    let training = run(seed, None, false, 200, &train_dir, |_| {});
    let checkpoint = training.checkpoint.clone();
    let trained = run(
        seed,
        Some(&checkpoint),
        true,
        EVAL_EPISODES,
        &dir.join(format!("eval-{seed}")),
        |_| {},
    );
    let untrained = run(
        seed,
        None,
        true,
        EVAL_EPISODES,
        &dir.join(format!("untrained-{seed}")),
        |_| {},
    );
    (
        [rate(&trained), rate(&untrained), rate(&training)],
        training,
    )
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    // Fixed steering, learning off, one episode each (the car is deterministic then).
    let mut best_fixed: f64 = 0.0;
    for (name, controller) in [
        ("left", Controller::Left),
        ("straight", Controller::Straight),
        ("right", Controller::Right),
    ] {
        let summary = run(1, None, true, 1, &dir.path().join(name), |scene| {
            if let Some(TaskSpec::Car(car)) = &mut scene.task {
                car.controller = controller;
                car.brain = None;
            }
        });
        println!(
            "fixed steering {name}: success {:.0}%",
            100.0 * rate(&summary)
        );
        best_fixed = best_fixed.max(rate(&summary));
    }
    // Two seeds at a time: one per core.
    let results: Vec<([f64; 3], RunSummary)> = (1..=SEEDS)
        .collect::<Vec<_>>()
        .chunks(2)
        .flat_map(|pair| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&seed| {
                    let dir = dir.path().to_owned();
                    std::thread::spawn(move || one_seed(seed, &dir))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    let mut episodes_per_second = Vec::new();
    for (seed, ([trained, untrained, training], summary)) in (1..=SEEDS).zip(&results) {
        episodes_per_second.push(summary.episodes as f64 / summary.wall_seconds);
        println!(
            "seed {seed}: trained {:.0}%, untrained {:.0}% (both learning off, {EVAL_EPISODES} episodes), \
             during the 200 training episodes {:.0}%; training {:.0}× real time, {:.1} episodes/s",
            100.0 * trained,
            100.0 * untrained,
            100.0 * training,
            summary.real_time_factor(),
            summary.episodes as f64 / summary.wall_seconds
        );
    }
    let column = |i: usize| median(results.iter().map(|(r, _)| r[i]).collect());
    println!(
        "median over {SEEDS} seeds: trained {:.0}%, untrained {:.0}%, best fixed steering {:.0}%; \
         {:.1} training episodes/s (median, two runs on two cores)",
        100.0 * column(0),
        100.0 * column(1),
        100.0 * best_fixed,
        median(episodes_per_second)
    );
}
