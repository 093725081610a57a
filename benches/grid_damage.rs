//! Damage on the grid world (issue 18): the R-STDP brain of `scenes/grid_5x5.ron` beside a
//! small MLP trained by deep Q-learning on the same world, each with a share of its neurons
//! removed after learning.
//!
//! - **Brain**: trained for the scene's 1,000 episodes, then evaluated as `--eval` does
//!   (learning off, every free cell in turn, `--rounds` rounds) with 0–50% of its 40 motor
//!   neurons removed (`lesion`: silent whenever learning is off; for a seed, each share removes
//!   the smaller share's neurons and more). Against the untrained brain with the same lesion.
//! - **MLP** (`benches/peers/grid_mlp_numpy.py`, numpy): the cell one-hot → 40 ReLU units (as
//!   many as the brain's motor neurons) → 4 action values, Q-learning with experience replay
//!   and a target network for as many episodes, the same rewards and move limit; evaluated
//!   greedily from every free cell with the same shares of its hidden units removed.
//!
//! Prints the share of evaluation episodes that reached the goal, median over seeds with the
//! quartiles and the range, per share removed.
//!
//! ```sh
//! cargo bench --no-default-features --bench grid_damage -- [--seeds 21,22,…] [--rounds 5]
//! ```
//! The MLP's settings were chosen on seeds 1–5; the default seeds, 21–30, were not used to tune
//! either learner.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;
mod learning;
mod python;

use std::path::{Path, PathBuf};

use digits::arg;
use neurarium::sweep::summary::Spread;
use neurarium_scene::edit::set_field;

/// Shares of neurons (hidden units) removed.
const LESIONS: [f64; 6] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5];
/// The brain's motor region, whose neurons a lesion removes.
const MOTOR_LESION: &str = "regions[1].lesion";
/// The scene.
const SCENE: &str = "scenes/grid_5x5.ron";
/// The MLP's hidden units: as many as the brain's motor neurons.
const HIDDEN: usize = 40;
/// The grid's size and the free cells an evaluation round starts from.
const ROWS: usize = 5;
const COLS: usize = 5;
const FREE: u64 = 24;
/// Training episodes of both learners (the scene's run).
const EPISODES: u64 = 1000;

fn main() {
    let seeds: Vec<u64> = arg("--seeds").map_or((21..=30).collect(), |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let rounds: u64 = arg("--rounds").map_or(5, |r| r.parse().unwrap());
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    println!(
        "{SCENE}: {EPISODES} training episodes, evaluation {rounds} rounds of the {FREE} free cells, learning off; seeds {seeds:?}"
    );
    let mlp = python::python_with("numpy").map(|python| mlp_runs(&python, &seeds));
    if mlp.is_none() {
        println!("the MLP peer: numpy not found (pip install numpy)");
    }
    let brain = brain_runs(&root.join(SCENE), &seeds, rounds);
    println!(
        "success (%) with a share of the neurons (hidden units) removed after learning, median over seeds [quartiles] (min–max)"
    );
    for (i, share) in LESIONS.iter().enumerate() {
        let at = |runs: &[Vec<f64>]| spread(&runs.iter().map(|r| r[i]).collect::<Vec<_>>());
        let mut line = format!(
            "  {:>3.0}% removed: R-STDP {}, untrained {}",
            100.0 * share,
            at(&brain.0),
            at(&brain.1)
        );
        if let Some(mlp) = &mlp {
            line.push_str(&format!(", MLP {}", at(mlp)));
        }
        println!("{line}");
    }
}

/// `median [lower–upper quartile] (min–max)` in percent, as a sweep's summary computes them.
fn spread(values: &[f64]) -> String {
    let Some(s) = Spread::of(values) else {
        return "no runs".to_owned();
    };
    format!(
        "{:.1} [{:.1}–{:.1}] ({:.1}–{:.1})",
        100.0 * s.median,
        100.0 * s.q1,
        100.0 * s.q3,
        100.0 * s.min,
        100.0 * s.max
    )
}

/// The brain's success per seed for each share, trained and untrained.
fn brain_runs(scene: &Path, seeds: &[u64], rounds: u64) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let text = std::fs::read_to_string(scene).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let work_dir = dir.path().to_owned();
    let per_seed = learning::two_at_a_time(seeds, move |seed| {
        LESIONS
            .iter()
            .map(|share| {
                let source = set_field(&text, MOTOR_LESION, &format!("{share:?}")).unwrap();
                let folder = work_dir.join(format!("lesion-{share}-{seed}"));
                std::fs::create_dir_all(&folder).unwrap();
                let path = folder.join("scene.ron");
                std::fs::write(&path, source).unwrap();
                let runs = learning::train_and_evaluate(
                    &path,
                    seed,
                    Some(EPISODES),
                    rounds * FREE,
                    &folder,
                );
                (
                    learning::grid_outcome(&runs.trained.metrics).0,
                    learning::grid_outcome(&runs.untrained.metrics).0,
                )
            })
            .collect::<Vec<_>>()
    });
    (
        per_seed
            .iter()
            .map(|s| s.iter().map(|p| p.0).collect())
            .collect(),
        per_seed
            .iter()
            .map(|s| s.iter().map(|p| p.1).collect())
            .collect(),
    )
}

/// The MLP peer's success per seed for each share.
fn mlp_runs(python: &str, seeds: &[u64]) -> Vec<Vec<f64>> {
    let args = [ROWS, COLS, HIDDEN, EPISODES as usize].map(|n| n.to_string());
    let shares: Vec<String> = LESIONS.iter().map(|s| format!("{s:?}")).collect();
    let jobs: Vec<String> = seeds
        .iter()
        .map(|seed| format!("{{\"seed\": {seed}, \"lesions\": [{}]}}", shares.join(",")))
        .collect();
    python::peer_lines(python, "grid_mlp_numpy.py", &args, &jobs)
}
