//! Does the grid brain learn to walk the shortest way? Over ten seeds a grid scene
//! (`scenes/grid_5x5.ron` by default) is trained for its episodes, then evaluated as `--eval`
//! does (learning off, one episode from every free cell in turn) for five rounds of every free
//! cell. The control is the same brain untrained (learning off from the start), evaluated the
//! same way. Prints per seed: the share of evaluation episodes that reached the goal, the moves
//! made over the shortest moves (summed over the episodes that reached it), the training's wall
//! time; then the medians.
//!
//! ```sh
//! cargo bench --no-default-features --bench grid_learning -- [SCENE] [--seeds 21,22,…] [--episodes N] [--rounds 5]
//! ```
//! The scenes were tuned on seeds 1–10 (and looked at on 11–20); the default seeds, 21–30,
//! were not used to tune.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod learning;

mod digits;

use std::path::{Path, PathBuf};

use digits::arg;
use learning::median;
use neurarium::app::RunSetup;
use neurarium_tasks::grid::spec::GridTaskSpec;

/// The scene: the first argument that is not an option (default `scenes/grid_5x5.ron`).
fn scene() -> PathBuf {
    learning::scene_arg(
        "scenes/grid_5x5.ron",
        &["--seeds", "--episodes", "--rounds"],
    )
}

/// One seed: (trained success, trained ratio, untrained success, untrained ratio, training s).
fn one_seed(seed: u64, episodes: Option<u64>, evaluation: u64, dir: &Path) -> [f64; 5] {
    let learning::SeedRuns {
        training,
        trained,
        untrained,
    } = learning::train_and_evaluate(&scene(), seed, episodes, evaluation, dir);
    let (ts, tr) = learning::grid_outcome(&trained.metrics);
    let (us, ur) = learning::grid_outcome(&untrained.metrics);
    [ts, tr, us, ur, training.wall_seconds]
}

fn main() {
    let seeds: Vec<u64> = arg("--seeds").map_or((21..=30).collect(), |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let episodes: Option<u64> = arg("--episodes").map(|e| e.parse().unwrap());
    let rounds: u64 = arg("--rounds").map_or(5, |r| r.parse().unwrap());
    let mut setup = RunSetup::read(&scene(), true, None, None).unwrap();
    let free = setup
        .scene
        .scene
        .task_spec_mut::<GridTaskSpec>()
        .expect("a Grid scene")
        .parse_map()
        .unwrap_or_else(|e| panic!("{e}"))
        .free_cells()
        .len() as u64;
    println!(
        "scene: {} ({} training episodes; evaluation: {rounds} rounds of the {free} free start cells, learning off), seeds {seeds:?}",
        scene().display(),
        episodes.unwrap_or(setup.scene.scene.run.episodes)
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_owned();
    let results: Vec<[f64; 5]> = learning::two_at_a_time(&seeds, move |seed| {
        one_seed(seed, episodes, rounds * free, &path)
    });
    for (seed, r) in seeds.iter().zip(&results) {
        println!(
            "seed {seed}: trained {:.0}% reached the goal, moves/shortest {:.3}; untrained {:.0}%, {:.3}; training {:.1} s",
            100.0 * r[0],
            r[1],
            100.0 * r[2],
            r[3],
            r[4]
        );
    }
    let column = |i: usize| median(results.iter().map(|r| r[i]).collect());
    let within = results
        .iter()
        .filter(|r| r[0] == 1.0 && r[1] <= 1.05)
        .count();
    println!(
        "median over {} seeds: trained {:.0}% reached, moves/shortest {:.3} (worst {:.3}); untrained {:.0}% reached, {:.3}; \
         {within} of {} seeds reached from every start within 5% of the shortest paths; training {:.1} s (median, two runs on two cores)",
        seeds.len(),
        100.0 * column(0),
        column(1),
        results.iter().map(|r| r[1]).fold(0.0, f64::max),
        100.0 * column(2),
        column(3),
        seeds.len(),
        column(4)
    );
}
