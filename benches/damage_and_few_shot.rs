//! Robustness on tables (issue 18): damage and few-shot learning, the spiking brain beside a
//! small MLP and logistic regression on the same splits.
//!
//! - **Few-shot**: on each seed's stratified 80/20 split (`split_seed: Some(seed)`), learn
//!   from 1, 2, 5 or 10 training rows of each class, or all (`train_per_class`: the rows drawn
//!   at random and shown in turn as often as the whole training set would be), and answer
//!   the test rows. The R-STDP brain (`scenes/table_iris.ron`, trained and evaluated as
//!   `benches/table_learning.rs` does), logistic regression (ours, standardised, L2, C = 1) and
//!   an MLP (scikit-learn's `MLPClassifier`, one hidden layer of 120 ReLU units, as many as the
//!   brain's class neurons) learn from the same rows.
//! - **Damage**: after learning from all training rows, remove 0–50% of the brain's class
//!   neurons (`lesion`: silent whenever learning is off; for a seed, each share removes the
//!   smaller share's neurons and more) or of the MLP's hidden units (their weights set to 0,
//!   nested likewise), and answer the test rows.
//!
//! ```sh
//! pip install scikit-learn      # the MLP peer, once
//! cargo bench --no-default-features --bench damage_and_few_shot -- [--seeds 21,22,…] [--tables-only] [--table iris|digits] [--digits-brain]
//! ```
//! Iris with all three learners (about 10 min on two cores); the 8×8 digits with logistic
//! regression and the MLP, and with `--digits-brain` the R-STDP brain widened to the digits
//! (`benches/scenes/table_digits.ron`, untuned; few-shot only, one pass over the test rows;
//! about 9 min a run, so 2 seeds take about 45 min). `--tables-only` skips the spiking brain,
//! `--table` runs one table. The Iris scene was tuned on seeds 1–20; the default seeds, 21–30,
//! were not used to tune.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;
mod learning;
mod python;

use std::path::{Path, PathBuf};

use digits::arg;
use neurarium_scene::edit::set_field;
use neurarium_tasks::table::csv::{Table, read_table};
use neurarium_tasks::table::logistic::LogisticRegression;
use neurarium_tasks::table::split::{Split, stratified_split};

/// Training rows per class; `None`: all.
const SHOTS: [Option<u32>; 5] = [Some(1), Some(2), Some(5), Some(10), None];
/// Shares of neurons (hidden units) removed.
const LESIONS: [f64; 6] = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5];
/// The MLP's hidden units.
const HIDDEN: usize = 120;
/// Passes over the test rows when the brain is evaluated.
const PASSES: u64 = 5;
/// The brain's class region, whose neurons a lesion removes.
const CLASS_REGION: &str = "regions[1].lesion";

fn main() {
    let seeds: Vec<u64> = arg("--seeds").map_or((21..=30).collect(), |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let flag = |name: &str| std::env::args().any(|a| a == name);
    let spiking = !flag("--tables-only");
    let digits_brain = spiking && flag("--digits-brain");
    let only = arg("--table");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mlp = python::python_with("sklearn");
    if mlp.is_none() {
        println!("the MLP peer: scikit-learn not found (pip install scikit-learn)");
    }
    println!(
        "seeds {seeds:?}; stratified 80/20 splits, one per seed; MLP: one hidden layer of {HIDDEN} ReLU units"
    );
    // (name, file, the brain's scene, passes over the test rows, lesions too)
    for (name, file, scene, passes, lesions) in [
        (
            "iris",
            "assets/data/iris.csv",
            spiking.then_some("scenes/table_iris.ron"),
            PASSES,
            true,
        ),
        (
            "digits",
            "assets/data/digits.csv.gz",
            digits_brain.then_some("benches/scenes/table_digits.ron"),
            1,
            false,
        ),
    ] {
        if only.as_deref().is_some_and(|o| o != name) {
            continue;
        }
        let path = root.join(file);
        let table = read_table(&path).unwrap_or_else(|e| panic!("{e}"));
        println!("\n{file}: {} rows, {} classes", table.len(), table.classes);
        let splits: Vec<Split> = seeds
            .iter()
            .map(|&seed| stratified_split(&table.labels, table.classes, 0.2, seed))
            .collect();
        let runs = Runs {
            brain: scene.map(|scene| {
                let evaluation = passes * splits[0].test.len() as u64;
                spiking_runs(&root.join(scene), &seeds, evaluation, lesions)
            }),
            table,
            path,
            seeds: seeds.clone(),
            splits,
            mlp: mlp.clone(),
        };
        few_shot(&runs);
        damage(&runs);
    }
}

/// One table's splits, learners and the brain's results.
struct Runs {
    table: Table,
    path: PathBuf,
    seeds: Vec<u64>,
    splits: Vec<Split>,
    mlp: Option<String>,
    brain: Option<BrainRuns>,
}

/// The brain's test accuracies per seed: for each entry of [`SHOTS`], the untrained brain's
/// (beside the run on all rows), then each of [`LESIONS`] (trained on all rows; none when the
/// lesions were not run), and the untrained brain's with each lesion.
struct BrainRuns {
    shots: Vec<Vec<f64>>,
    untrained: Vec<f64>,
    lesions: Vec<Vec<f64>>,
    lesioned_untrained: Vec<Vec<f64>>,
}

/// Trains and evaluates the scene for every setting on every seed, two seeds at a time,
/// evaluating `evaluation` episodes; the lesions only if `lesions`.
fn spiking_runs(scene: &Path, seeds: &[u64], evaluation: u64, lesions: bool) -> BrainRuns {
    let text = std::fs::read_to_string(scene).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let work_dir = dir.path().to_owned();
    let per_seed = learning::two_at_a_time(seeds, move |seed| {
        let with = |edits: &[(&str, String)], name: &str| {
            let mut source =
                set_field(&text, "task.Table.split_seed", &format!("Some({seed})")).unwrap();
            for (field, value) in edits {
                source = set_field(&source, field, value).unwrap_or_else(|e| panic!("{e}"));
            }
            let folder = work_dir.join(format!("{name}-{seed}"));
            std::fs::create_dir_all(&folder).unwrap();
            let path = folder.join("scene.ron");
            std::fs::write(&path, source).unwrap();
            let runs = learning::train_and_evaluate(&path, seed, None, evaluation, &folder);
            (
                learning::table_accuracy(&runs.trained.metrics),
                learning::table_accuracy(&runs.untrained.metrics),
            )
        };
        let shots: Vec<(f64, f64)> = SHOTS
            .iter()
            .map(|k| {
                let value = k.map_or("None".to_owned(), |k| format!("Some({k})"));
                with(&[("task.Table.train_per_class", value)], "shots")
            })
            .collect();
        let shares = if lesions { &LESIONS[..] } else { &[] };
        let lesions: Vec<(f64, f64)> = shares
            .iter()
            .map(|s| with(&[(CLASS_REGION, format!("{s:?}"))], "lesion"))
            .collect();
        (shots, lesions)
    });
    BrainRuns {
        shots: per_seed
            .iter()
            .map(|(s, _)| s.iter().map(|p| p.0).collect())
            .collect(),
        untrained: per_seed
            .iter()
            .map(|(s, _)| s.last().map_or(f64::NAN, |p| p.1))
            .collect(),
        lesions: per_seed
            .iter()
            .map(|(_, l)| l.iter().map(|p| p.0).collect())
            .collect(),
        lesioned_untrained: per_seed
            .iter()
            .map(|(_, l)| l.iter().map(|p| p.1).collect())
            .collect(),
    }
}

/// The distinct training rows a few-shot split keeps.
fn shot_rows(split: &Split, table: &Table, shots: Option<u32>) -> Vec<usize> {
    let mut split = split.clone();
    if let Some(k) = shots {
        split.keep_per_class(&table.labels, k as usize);
    }
    let mut rows = split.train;
    rows.sort_unstable();
    rows.dedup();
    rows
}

fn few_shot(runs: &Runs) {
    let (table, path, seeds, splits) = (&runs.table, &runs.path, &runs.seeds, &runs.splits);
    let (mlp, brain) = (runs.mlp.as_deref(), runs.brain.as_ref());
    println!("few-shot: test accuracy (%), median over seeds (min–max)");
    for (i, shots) in SHOTS.iter().enumerate() {
        let rows: Vec<Vec<usize>> = splits.iter().map(|s| shot_rows(s, table, *shots)).collect();
        let logistic: Vec<f64> = splits
            .iter()
            .zip(&rows)
            .map(|(split, train)| {
                LogisticRegression::fit(table, train, 1.0).accuracy(table, &split.test)
            })
            .collect();
        let mut line = format!(
            "  {:>4} per class: logistic regression {}",
            shots.map_or("all".to_owned(), |k| k.to_string()),
            learning::percent_summary(&logistic)
        );
        if let Some(python) = mlp {
            let jobs: Vec<Job> = seeds
                .iter()
                .zip(splits)
                .zip(&rows)
                .map(|((&seed, split), train)| Job {
                    seed,
                    train: train.clone(),
                    test: split.test.clone(),
                    lesions: vec![0.0],
                })
                .collect();
            let peer: Vec<f64> = sklearn_mlp(python, path, &jobs)
                .iter()
                .map(|a| a[0])
                .collect();
            line.push_str(&format!(", MLP {}", learning::percent_summary(&peer)));
        }
        if let Some(brain) = brain {
            let ours: Vec<f64> = brain.shots.iter().map(|s| s[i]).collect();
            line.push_str(&format!(", R-STDP {}", learning::percent_summary(&ours)));
        }
        println!("{line}");
    }
    if let Some(brain) = brain {
        println!(
            "  the untrained brain: {}",
            learning::percent_summary(&brain.untrained)
        );
    }
}

fn damage(runs: &Runs) {
    let (table, path, seeds, splits) = (&runs.table, &runs.path, &runs.seeds, &runs.splits);
    let brain = runs
        .brain
        .as_ref()
        .filter(|b| b.lesions[0].len() == LESIONS.len());
    let mlp = runs.mlp.as_deref();
    println!(
        "damage: test accuracy (%) with a share of the neurons (hidden units) removed after learning, median over seeds (min–max)"
    );
    let peer = mlp.map(|python| {
        let jobs: Vec<Job> = seeds
            .iter()
            .zip(splits)
            .map(|(&seed, split)| Job {
                seed,
                train: shot_rows(split, table, None),
                test: split.test.clone(),
                lesions: LESIONS.to_vec(),
            })
            .collect();
        sklearn_mlp(python, path, &jobs)
    });
    for (i, share) in LESIONS.iter().enumerate() {
        let mut line = format!("  {:>3.0}% removed:", 100.0 * share);
        if let Some(peer) = &peer {
            let at: Vec<f64> = peer.iter().map(|a| a[i]).collect();
            line.push_str(&format!(" MLP {}", learning::percent_summary(&at)));
        }
        if let Some(brain) = brain {
            let ours: Vec<f64> = brain.lesions.iter().map(|l| l[i]).collect();
            let untrained: Vec<f64> = brain.lesioned_untrained.iter().map(|l| l[i]).collect();
            line.push_str(&format!(
                ", R-STDP {}, untrained {}",
                learning::percent_summary(&ours),
                learning::percent_summary(&untrained)
            ));
        }
        println!("{line}");
    }
}

/// One fit of the MLP peer.
struct Job {
    seed: u64,
    train: Vec<usize>,
    test: Vec<usize>,
    lesions: Vec<f64>,
}

/// The MLP peer's accuracies for each job, one per lesion share.
fn sklearn_mlp(python: &str, file: &Path, jobs: &[Job]) -> Vec<Vec<f64>> {
    let list = |v: &[usize]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(",")
    };
    let lines: Vec<String> = jobs
        .iter()
        .map(|job| {
            let shares: Vec<String> = job.lesions.iter().map(|s| format!("{s:?}")).collect();
            format!(
                "{{\"seed\": {}, \"train\": [{}], \"test\": [{}], \"lesions\": [{}]}}",
                job.seed,
                list(&job.train),
                list(&job.test),
                shares.join(",")
            )
        })
        .collect();
    let args = [file.display().to_string(), HIDDEN.to_string()];
    python::peer_lines(python, "mlp_sklearn.py", &args, &lines)
}
