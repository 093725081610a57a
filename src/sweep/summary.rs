//! A sweep's results: one row per run (`results.csv`), every run's metrics in one file
//! (`metrics.csv`, with the run's configuration, seed, arm and stage in front), and per
//! configuration and arm the spread of the outcome over seeds (`summary.csv` and the printed
//! table: runs, median, quartiles, minimum and maximum of the outcome). A run's outcome is its
//! success rate when the task judges success (the car), else the task's score in its last unit
//! (a classifier's test accuracy in its last epoch).
//!
//! Quartiles are linear interpolations between order statistics (the `type 7` rule of R and
//! NumPy's default): for sorted `x₀ … xₙ₋₁` the `q` quantile is `x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ −
//! x_⌊h⌋)` with `h = (n − 1) q`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::headless::{METRICS_FILE, SUMMARY_FILE};
use crate::sweep::execute::is_done;
use crate::sweep::plan::Run;
use crate::sweep::spec::Sweep;

/// The outcome of one finished run.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Units the task judged (evaluation episodes, or training ones without evaluation) and
    /// of those the ones that succeeded; `None` for a task without a success rule.
    pub success: Option<(u64, u64)>,
    /// The task's score in the last unit, if any.
    pub score: Option<f64>,
}

impl RunResult {
    /// `succeeded / counted` (0 without units), for a task with a success rule.
    pub fn success_rate(&self) -> Option<f64> {
        self.success
            .map(|(counted, succeeded)| crate::headless::success_rate(succeeded, counted))
    }

    /// The outcome: the success rate, or without a success rule the score.
    pub fn value(&self) -> Option<f64> {
        if self.success.is_some() {
            self.success_rate()
        } else {
            self.score
        }
    }
}

/// What a sweep's outcome is, for tables and plots: `success rate`, or the score column.
pub fn outcome_name(sweep: &Sweep) -> String {
    if sweep.judges_success {
        "success rate".to_owned()
    } else {
        sweep.score.unwrap_or("score").to_owned()
    }
}

/// The outcome of each of `runs`, in order: read once from their `summary.csv` files for the
/// tables and the plots.
pub fn results_of(sweep: &Sweep, runs: &[Run]) -> Vec<Option<RunResult>> {
    runs.iter().map(|run| result_of(sweep, run)).collect()
}

/// Reads the outcome of `run`, if it is done and has one.
fn result_of(sweep: &Sweep, run: &Run) -> Option<RunResult> {
    if !is_done(run) {
        return None;
    }
    let row = summary_row(&run.outcome_dir(sweep).join(SUMMARY_FILE))?;
    let number = |column: &str| row.get(column).and_then(|v| v.parse::<f64>().ok());
    let success = match (number("counted"), number("succeeded")) {
        (Some(counted), Some(succeeded)) => Some((counted as u64, succeeded as u64)),
        _ => None,
    };
    let result = RunResult {
        success,
        score: number("score"),
    };
    result.value().map(|_| result)
}

/// The one row of a run's `summary.csv`, by column.
fn summary_row(path: &Path) -> Option<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).ok()?;
    let header = reader.headers().ok()?.clone();
    let row = reader.records().next()?.ok()?;
    Some(
        header
            .iter()
            .zip(row.iter())
            .map(|(h, v)| (h.to_owned(), v.to_owned()))
            .collect(),
    )
}

/// Spread of values: count, minimum, quartiles, median, maximum.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// How many values.
    pub n: usize,
    /// Smallest.
    pub min: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// Largest.
    pub max: f64,
}

impl Spread {
    /// The spread of `values`; `None` for none.
    pub fn of(values: &[f64]) -> Option<Self> {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let quantile = |q: f64| {
            let h = (sorted.len() - 1) as f64 * q;
            let low = h.floor() as usize;
            let high = (low + 1).min(sorted.len() - 1);
            sorted[low] + (h - low as f64) * (sorted[high] - sorted[low])
        };
        (!sorted.is_empty()).then(|| Self {
            n: sorted.len(),
            min: sorted[0],
            q1: quantile(0.25),
            median: quantile(0.5),
            q3: quantile(0.75),
            max: sorted[sorted.len() - 1],
        })
    }
}

/// One line of the summary: a configuration's arm over its seeds.
#[derive(Debug, Clone)]
pub struct SummaryLine {
    /// The configuration.
    pub configuration: usize,
    /// `trained` or the control's name.
    pub arm: String,
    /// The outcome of each finished seed, in seed order.
    pub rates: Vec<f64>,
    /// Seeds without a result (not done, failed, or nothing to judge).
    pub missing: usize,
}

impl SummaryLine {
    /// The success rates' spread over the finished seeds.
    pub fn spread(&self) -> Option<Spread> {
        Spread::of(&self.rates)
    }
}

/// The summary lines of `runs` with their `results` ([`results_of`]), in the order of the runs.
pub fn summarize(runs: &[Run], results: &[Option<RunResult>]) -> Vec<SummaryLine> {
    let mut lines: Vec<(usize, String, Vec<f64>, usize)> = Vec::new();
    for (run, result) in runs.iter().zip(results) {
        let result = result.as_ref().and_then(RunResult::value);
        let arm = run.arm.name().to_owned();
        let index = match lines
            .iter()
            .position(|(c, a, ..)| *c == run.configuration && *a == arm)
        {
            Some(index) => index,
            None => {
                lines.push((run.configuration, arm, Vec::new(), 0));
                lines.len() - 1
            }
        };
        match result {
            Some(value) => lines[index].2.push(value),
            None => lines[index].3 += 1,
        }
    }
    lines
        .into_iter()
        .map(|(configuration, arm, rates, missing)| SummaryLine {
            configuration,
            arm,
            rates,
            missing,
        })
        .collect()
}

/// The settings of configuration `id`, `field = value; …` (`scene as written` without a grid).
pub fn settings_text(sweep: &Sweep, id: usize) -> String {
    let settings = &sweep.configurations[id].settings;
    if settings.is_empty() {
        return "scene as written".to_owned();
    }
    settings
        .iter()
        .map(|s| format!("{} = {}", s.written, s.value))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The summary as a table for the terminal, outcomes in percent.
pub fn table(sweep: &Sweep, lines: &[SummaryLine]) -> String {
    let mut out = format!("outcome: {}, in percent\n", outcome_name(sweep));
    let mut last_configuration = None;
    for line in lines {
        if last_configuration != Some(line.configuration) {
            out.push_str(&format!(
                "c{}: {}\n",
                line.configuration,
                settings_text(sweep, line.configuration)
            ));
            last_configuration = Some(line.configuration);
        }
        let percent = |v: f64| format!("{:.1}%", 100.0 * v);
        let figures = line.spread().map_or("no results".to_owned(), |s| {
            format!(
                "{} seeds: median {}, quartiles {}–{}, min {}, max {}",
                s.n,
                percent(s.median),
                percent(s.q1),
                percent(s.q3),
                percent(s.min),
                percent(s.max)
            )
        });
        let missing = if line.missing > 0 {
            format!(" ({} without a result)", line.missing)
        } else {
            String::new()
        };
        out.push_str(&format!("  {:<16} {figures}{missing}\n", line.arm));
    }
    out
}

/// Writes `results.csv`, `summary.csv` and the merged `metrics.csv` into the sweep's output
/// directory; returns their paths.
pub fn write_results(
    sweep: &Sweep,
    runs: &[Run],
    results: &[Option<RunResult>],
    lines: &[SummaryLine],
) -> Result<Vec<PathBuf>, String> {
    let results_path = sweep.out.join("results.csv");
    let summary_path = sweep.out.join("summary.csv");
    let metrics_path = sweep.out.join("metrics.csv");
    write_csv(&results_path, |w| {
        w.write_record([
            "configuration",
            "settings",
            "seed",
            "arm",
            "counted",
            "succeeded",
            "success_rate",
            "score",
            "dir",
        ])?;
        for (run, result) in runs.iter().zip(results) {
            let success = result.as_ref().and_then(|r| r.success);
            w.write_record([
                format!("c{}", run.configuration),
                settings_text(sweep, run.configuration),
                run.seed.to_string(),
                run.arm.name().to_owned(),
                success.map_or(String::new(), |(counted, _)| counted.to_string()),
                success.map_or(String::new(), |(_, succeeded)| succeeded.to_string()),
                result
                    .as_ref()
                    .and_then(RunResult::success_rate)
                    .map_or(String::new(), |rate| rate.to_string()),
                result
                    .as_ref()
                    .and_then(|r| r.score)
                    .map_or(String::new(), |s| s.to_string()),
                run.dir.display().to_string(),
            ])?;
        }
        Ok(())
    })?;
    write_csv(&summary_path, |w| {
        w.write_record([
            "configuration",
            "settings",
            "arm",
            "seeds",
            "median",
            "q1",
            "q3",
            "min",
            "max",
            "missing",
        ])?;
        for line in lines {
            let spread = line.spread();
            let figure =
                |f: fn(&Spread) -> f64| spread.as_ref().map_or(String::new(), |s| f(s).to_string());
            w.write_record([
                format!("c{}", line.configuration),
                settings_text(sweep, line.configuration),
                line.arm.clone(),
                spread.map_or(0, |s| s.n).to_string(),
                figure(|s| s.median),
                figure(|s| s.q1),
                figure(|s| s.q3),
                figure(|s| s.min),
                figure(|s| s.max),
                line.missing.to_string(),
            ])?;
        }
        Ok(())
    })?;
    merge_metrics(&metrics_path, runs)?;
    Ok(vec![results_path, summary_path, metrics_path])
}

/// Every done run's metrics files in one table: `configuration, seed, arm, stage` and the union
/// of their columns (blank where a run has no such column).
fn merge_metrics(path: &Path, runs: &[Run]) -> Result<(), String> {
    let mut tables = Vec::new();
    for run in runs.iter().filter(|run| is_done(run)) {
        for stage in ["train", "eval", "control"] {
            let file = run.dir.join(stage).join(METRICS_FILE);
            let Ok(mut reader) = csv::Reader::from_path(&file) else {
                continue;
            };
            let header: Vec<String> = reader
                .headers()
                .map_err(|e| format!("{}: {e}", file.display()))?
                .iter()
                .map(str::to_owned)
                .collect();
            let rows: Vec<csv::StringRecord> = reader
                .records()
                .collect::<Result<_, _>>()
                .map_err(|e| format!("{}: {e}", file.display()))?;
            tables.push((run, stage, header, rows));
        }
    }
    let mut columns: Vec<String> = Vec::new();
    for (_, _, header, _) in &tables {
        for column in header {
            if !columns.contains(column) {
                columns.push(column.clone());
            }
        }
    }
    write_csv(path, |w| {
        let mut head = vec![
            "configuration".to_owned(),
            "seed".to_owned(),
            "arm".to_owned(),
            "stage".to_owned(),
        ];
        head.extend(columns.iter().cloned());
        w.write_record(&head)?;
        for (run, stage, header, rows) in &tables {
            let positions: Vec<Option<usize>> = columns
                .iter()
                .map(|c| header.iter().position(|h| h == c))
                .collect();
            for row in rows {
                let mut record = vec![
                    format!("c{}", run.configuration),
                    run.seed.to_string(),
                    run.arm.name().to_owned(),
                    (*stage).to_owned(),
                ];
                record.extend(
                    positions
                        .iter()
                        .map(|p| p.and_then(|i| row.get(i)).unwrap_or("").to_owned()),
                );
                w.write_record(&record)?;
            }
        }
        Ok(())
    })
}

/// Writes a CSV file with `fill`, naming the file in any error.
fn write_csv(
    path: &Path,
    fill: impl FnOnce(&mut csv::Writer<std::fs::File>) -> Result<(), csv::Error>,
) -> Result<(), String> {
    let error = |e: csv::Error| format!("{}: {e}", path.display());
    let mut writer = csv::Writer::from_path(path).map_err(error)?;
    fill(&mut writer).map_err(error)?;
    writer
        .flush()
        .map_err(|e| format!("{}: {e}", path.display()))
}
