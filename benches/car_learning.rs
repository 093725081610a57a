//! Does the car brain learn? Over ten seeds, `scenes/car.ron` is trained for its episodes
//! (its curriculum, phase 1 to the phase-4 circuit), then evaluated like `--eval` does: with
//! learning off, in the task's evaluation setting (the curriculum's last track, the phase-4
//! circuit). The controls are the ones the task declares (`--control`), evaluated the same
//! way: the same brain untrained (learning off from the start) and fixed steering left,
//! straight and right. Success, as the task judges it: an episode that drives the lap without
//! a crash. Prints one line per seed (with the episode at which training reached phase 4) and
//! the medians.
//!
//! ```sh
//! cargo bench --no-default-features --bench car_learning
//! cargo bench --no-default-features --bench car_learning -- scenes/car_layered.ron
//! ```
//! (a scene path after `--` benchmarks that car scene instead of `scenes/car.ron`)

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod learning;

use std::path::{Path, PathBuf};

use learning::median;
use neurarium::app::RunSetup;
use neurarium::headless::RunSummary;
use neurarium_tasks::car::columns;

const SEEDS: u64 = 10;
const EVAL_EPISODES: u64 = 50;

/// The scene to benchmark: the first argument that is not a flag (relative to the crate
/// root), or `scenes/car.ron`.
fn scene() -> PathBuf {
    learning::scene_arg("scenes/car.ron", &[])
}

fn rate(summary: &RunSummary) -> f64 {
    summary.success.as_ref().unwrap().rate()
}

/// The first episode (from 0) of a run's per-episode metrics driven in the last phase.
fn first_episode_in_phase_4(metrics: &Path) -> Option<usize> {
    let text = std::fs::read_to_string(metrics).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let phase = header
        .iter()
        .position(|&c| c == columns::PHASE.name)
        .unwrap();
    lines.position(|line| line.split(',').nth(phase) == Some("4"))
}

/// One seed's results: success rates (trained and untrained, both evaluated; during
/// training), the episode training reached phase 4, and the training summary.
struct SeedResult {
    rates: [f64; 3],
    phase_4_from: Option<usize>,
    training: RunSummary,
}

fn one_seed(seed: u64, dir: &Path) -> SeedResult {
    let learning::SeedRuns {
        training,
        trained,
        untrained,
    } = learning::train_and_evaluate(&scene(), seed, None, EVAL_EPISODES, dir);
    SeedResult {
        rates: [rate(&trained), rate(&untrained), rate(&training)],
        phase_4_from: first_episode_in_phase_4(&training.metrics),
        training,
    }
}

fn main() {
    println!("scene: {}", scene().display());
    let dir = tempfile::tempdir().unwrap();
    // The task's fixed policies, one episode each (the car is deterministic then).
    let mut best_fixed: f64 = 0.0;
    let controls = RunSetup::read(&scene(), true, None, None)
        .unwrap()
        .controls();
    for control in controls.iter().filter(|c| c.name != "untrained") {
        let out = dir.path().join(control.name.replace(' ', "-"));
        let summary = learning::run(&scene(), 1, None, true, Some(1), &out, Some(control.name));
        println!("{}: success {:.0}%", control.name, 100.0 * rate(&summary));
        best_fixed = best_fixed.max(rate(&summary));
    }
    // Two seeds at a time: one per core.
    let path = dir.path().to_owned();
    let seeds: Vec<u64> = (1..=SEEDS).collect();
    let results: Vec<SeedResult> =
        learning::two_at_a_time(&seeds, move |seed| one_seed(seed, &path));
    let mut episodes_per_second = Vec::new();
    for (seed, result) in (1..=SEEDS).zip(&results) {
        let [trained, untrained, training] = result.rates;
        let summary = &result.training;
        episodes_per_second.push(summary.episodes as f64 / summary.wall_seconds);
        let phase_4 = result
            .phase_4_from
            .map_or("never".to_owned(), |e| format!("at episode {}", e + 1));
        println!(
            "seed {seed}: trained {:.0}%, untrained {:.0}% (both learning off, phase 4, {EVAL_EPISODES} episodes); \
             training: {} episodes, phase 4 reached {phase_4}, success {:.0}%, {:.0}× real time, {:.1} episodes/s",
            100.0 * trained,
            100.0 * untrained,
            summary.episodes,
            100.0 * training,
            summary.real_time_factor(),
            summary.episodes as f64 / summary.wall_seconds
        );
    }
    let column = |i: usize| median(results.iter().map(|r| r.rates[i]).collect());
    println!(
        "median over {SEEDS} seeds: trained {:.0}%, untrained {:.0}%, best fixed steering {:.0}%; \
         {:.1} training episodes/s (median, two runs on two cores)",
        100.0 * column(0),
        100.0 * column(1),
        100.0 * best_fixed,
        median(episodes_per_second)
    );
}
