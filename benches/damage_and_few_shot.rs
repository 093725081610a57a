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
//! cargo bench --no-default-features --bench damage_and_few_shot -- [--seeds 21,22,…] [--tables-only]
//! ```
//! Iris with all three learners (about 10 min on two cores); the 8×8 digits with logistic
//! regression and the MLP only (the R-STDP brain widened to digits learns 35% in 440 s a run,
//! README). `--tables-only` skips the spiking brain. The scene was tuned on seeds 1–20; the
//! default seeds, 21–30, were not used to tune.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;
mod learning;
mod python;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use digits::arg;
use learning::median;
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
    let spiking = !std::env::args().any(|a| a == "--tables-only");
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mlp = python::python_with("sklearn");
    if mlp.is_none() {
        println!("the MLP peer: scikit-learn not found (pip install scikit-learn)");
    }
    println!(
        "seeds {seeds:?}; stratified 80/20 splits, one per seed; MLP: one hidden layer of {HIDDEN} ReLU units"
    );
    for (file, scene) in [
        (
            "assets/data/iris.csv",
            spiking.then_some("scenes/table_iris.ron"),
        ),
        ("assets/data/digits.csv.gz", None),
    ] {
        let path = root.join(file);
        let table = read_table(&path).unwrap_or_else(|e| panic!("{e}"));
        println!("\n{file}: {} rows, {} classes", table.len(), table.classes);
        let splits: Vec<Split> = seeds
            .iter()
            .map(|&seed| stratified_split(&table.labels, table.classes, 0.2, seed))
            .collect();
        let runs = Runs {
            brain: scene.map(|scene| spiking_runs(&root.join(scene), &seeds)),
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

/// The brain's test accuracies per seed: for each entry of [`SHOTS`], then each of
/// [`LESIONS`] (trained on all rows), and the untrained brain's with all rows.
struct BrainRuns {
    shots: Vec<Vec<f64>>,
    lesions: Vec<Vec<f64>>,
    lesioned_untrained: Vec<Vec<f64>>,
}

/// Trains and evaluates the scene for every setting on every seed, two seeds at a time.
fn spiking_runs(scene: &Path, seeds: &[u64]) -> BrainRuns {
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
            let runs = learning::train_and_evaluate(&path, seed, None, PASSES * 30, &folder);
            (
                learning::table_accuracy(&runs.trained.metrics),
                learning::table_accuracy(&runs.untrained.metrics),
            )
        };
        let shots: Vec<f64> = SHOTS
            .iter()
            .map(|k| {
                let value = k.map_or("None".to_owned(), |k| format!("Some({k})"));
                with(&[("task.Table.train_per_class", value)], "shots").0
            })
            .collect();
        let lesions: Vec<(f64, f64)> = LESIONS
            .iter()
            .map(|s| with(&[(CLASS_REGION, format!("{s:?}"))], "lesion"))
            .collect();
        (shots, lesions)
    });
    BrainRuns {
        shots: per_seed.iter().map(|(s, _)| s.clone()).collect(),
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
            summary(&logistic)
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
            line.push_str(&format!(", MLP {}", summary(&peer)));
        }
        if let Some(brain) = brain {
            let ours: Vec<f64> = brain.shots.iter().map(|s| s[i]).collect();
            line.push_str(&format!(", R-STDP {}", summary(&ours)));
        }
        println!("{line}");
    }
}

fn damage(runs: &Runs) {
    let (table, path, seeds, splits) = (&runs.table, &runs.path, &runs.seeds, &runs.splits);
    let (mlp, brain) = (runs.mlp.as_deref(), runs.brain.as_ref());
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
            line.push_str(&format!(" MLP {}", summary(&at)));
        }
        if let Some(brain) = brain {
            let ours: Vec<f64> = brain.lesions.iter().map(|l| l[i]).collect();
            let untrained: Vec<f64> = brain.lesioned_untrained.iter().map(|l| l[i]).collect();
            line.push_str(&format!(
                ", R-STDP {}, untrained {}",
                summary(&ours),
                summary(&untrained)
            ));
        }
        println!("{line}");
    }
}

/// `median (min–max)` in percent.
fn summary(values: &[f64]) -> String {
    let (low, high) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    format!(
        "{:.1} ({:.1}–{:.1})",
        100.0 * median(values.to_vec()),
        100.0 * low,
        100.0 * high
    )
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
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/mlp_sklearn.py");
    let mut child = Command::new(python)
        .arg(script)
        .arg(file)
        .arg(HIDDEN.to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for job in jobs {
        let list = |v: &[usize]| {
            v.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(",")
        };
        let shares: Vec<String> = job.lesions.iter().map(|s| format!("{s:?}")).collect();
        writeln!(
            stdin,
            "{{\"seed\": {}, \"train\": [{}], \"test\": [{}], \"lesions\": [{}]}}",
            job.seed,
            list(&job.train),
            list(&job.test),
            shares.join(",")
        )
        .unwrap();
    }
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "the MLP peer failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.split_whitespace().map(|a| a.parse().unwrap()).collect())
        .collect()
}
