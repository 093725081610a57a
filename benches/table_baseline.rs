//! The classical baseline on the shipped tables: logistic regression (scikit-learn's defaults:
//! standardised features, L2, C = 1) on stratified 80/20 splits, one per seed. Prints each
//! split's test accuracy, the median and range, and the wall time. A learning rule on these
//! tables is held against these figures on the same splits (same seeds, same split function).
//!
//! ```sh
//! cargo bench --no-default-features --bench table_baseline -- [--seeds 1,2,…,10] [FILE.csv …]
//! ```
//! Without files: `assets/data/iris.csv` and `assets/data/digits.csv.gz`. When a Python with
//! scikit-learn is found (`pip install scikit-learn`; see `benches/python`), its
//! `LogisticRegression()` runs on the same splits in the same run (`benches/peers/logistic_sklearn.py`)
//! and both are printed.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod learning;
mod python;

use learning::median;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use neurarium_tasks::table::csv::read_table;
use neurarium_tasks::table::logistic::LogisticRegression;
use neurarium_tasks::table::split::stratified_split;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let mut seeds: Vec<u64> = (1..=10).collect();
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--seeds" {
            seeds = args[i + 1].split(',').map(|s| s.parse().unwrap()).collect();
            i += 2;
        } else {
            files.push(PathBuf::from(&args[i]));
            i += 1;
        }
    }
    if files.is_empty() {
        let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/data");
        files = vec![data.join("iris.csv"), data.join("digits.csv.gz")];
    }
    println!(
        "logistic regression (standardised, L2, C = 1), stratified 80/20 splits, seeds {seeds:?}"
    );
    for file in &files {
        let table = read_table(file).unwrap_or_else(|e| panic!("{e}"));
        println!(
            "{}: {} rows, {} features, {} classes",
            file.display(),
            table.len(),
            table.features,
            table.classes
        );
        let splits: Vec<_> = seeds
            .iter()
            .map(|&seed| stratified_split(&table.labels, table.classes, 0.2, seed))
            .collect();
        let started = Instant::now();
        let ours: Vec<f64> = splits
            .iter()
            .map(|split| {
                LogisticRegression::fit(&table, &split.train, 1.0).accuracy(&table, &split.test)
            })
            .collect();
        report("  ours        ", ours, started.elapsed().as_secs_f64());
        let tests: Vec<&[usize]> = splits.iter().map(|s| s.test.as_slice()).collect();
        match python::python_with("sklearn") {
            Some(python) => {
                let started = Instant::now();
                match sklearn(&python, file, &tests) {
                    Ok(peer) => report("  scikit-learn", peer, started.elapsed().as_secs_f64()),
                    Err(e) => println!("  scikit-learn failed: {e}"),
                }
            }
            None => println!("  scikit-learn: not found (pip install scikit-learn)"),
        }
    }
}

/// Prints accuracies per split, their median and range, and the wall time.
fn report(who: &str, accuracies: Vec<f64>, seconds: f64) {
    let shown: Vec<String> = accuracies
        .iter()
        .map(|a| format!("{:5.1}", 100.0 * a))
        .collect();
    let (low, high) = accuracies
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), &a| (lo.min(a), hi.max(a)));
    println!(
        "{who} test accuracy per seed (%) {}; median {:.1}% (range {:.1}–{:.1}%); {:.2} s",
        shown.join(" "),
        100.0 * median(accuracies),
        100.0 * low,
        100.0 * high,
        seconds
    );
}

/// scikit-learn's accuracy on each split (its test rows `tests`), fitted on the rest.
fn sklearn(python: &str, file: &Path, tests: &[&[usize]]) -> Result<Vec<f64>, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/logistic_sklearn.py");
    let mut child = Command::new(python)
        .arg(script)
        .arg(file)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    for test in tests {
        let rows: Vec<String> = test.iter().map(ToString::to_string).collect();
        writeln!(stdin, "{}", rows.join(" ")).map_err(|e| e.to_string())?;
    }
    drop(stdin);
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| l.trim().parse::<f64>().map_err(|e| format!("'{l}': {e}")))
        .collect()
}
