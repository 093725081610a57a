//! `--no-render`: the same scene, no window, as fast as the CPU allows.
//!
//! A run goes for `--steps N` steps or `--episodes N` episodes (default: the scene's
//! `run.episodes`), counted from where it starts (step 0, or the checkpoint's step). It
//! writes `metrics.csv` (one row per `record_every_steps`, or per episode with `--episodes`)
//! as rows come, a checkpoint every `--checkpoint-every` seconds and at the end, and shows a
//! progress bar with rate and ETA on a terminal, plain lines when piped. Ctrl-C saves a
//! checkpoint and stops cleanly. A fault (NaN) stops the run with its message; the last
//! good checkpoint stays on disk. Per-episode runs of a scene with a task ask the task
//! ([`TaskEntry`]) how each episode turned out: the summary counts the ones that succeeded
//! (`--eval CHECKPOINT`, a resume with learning off in the task's evaluation setting, reports
//! that rate for a trained brain), and `best.ckpt` keeps the state the task scores best.

use std::fs::File;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use indicatif::{ProgressBar, ProgressStyle};
use neurarium_sim::prelude::*;

use neurarium_sim::protocol::registry::TaskEntry;

use crate::app::{Mode, RunSetup, finish_plugins};
use crate::error::AppError;

/// How long a headless run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunLength {
    /// This many steps.
    Steps(u64),
    /// This many episodes.
    Episodes(u64),
}

/// Everything a headless run needs.
#[derive(Debug, Clone)]
pub struct HeadlessRun {
    /// Scene, seed and checkpoint.
    pub setup: RunSetup,
    /// How long to run.
    pub length: RunLength,
    /// Output directory.
    pub out: PathBuf,
    /// Wall-clock seconds between periodic checkpoints.
    pub checkpoint_every: Duration,
    /// Show progress (bar on a terminal, lines when piped).
    pub progress: bool,
}

impl HeadlessRun {
    /// A run with no progress output and a checkpoint only at the end, as tests and
    /// benchmarks run one.
    pub fn quiet(setup: RunSetup, length: RunLength, out: &Path) -> Self {
        Self {
            setup,
            length,
            out: out.to_owned(),
            checkpoint_every: Duration::MAX,
            progress: false,
        }
    }
}

/// How a headless run ended.
#[derive(Debug, Clone, PartialEq)]
pub struct RunSummary {
    /// Steps run in this invocation.
    pub steps: u64,
    /// Episodes completed in this invocation.
    pub episodes: u64,
    /// Wall time of the stepping, seconds.
    pub wall_seconds: f64,
    /// Simulated time of this invocation, ms.
    pub simulated_ms: f64,
    /// Whether Ctrl-C stopped it.
    pub interrupted: bool,
    /// The final checkpoint.
    pub checkpoint: PathBuf,
    /// The metrics file.
    pub metrics: PathBuf,
    /// For a task with a success rule, run per episode: how many of this invocation's units
    /// succeeded.
    pub success: Option<Success>,
    /// The best checkpoint, if the task scored one in this run.
    pub best_checkpoint: Option<PathBuf>,
    /// What the task's evaluation setting did (`--eval`).
    pub evaluation: Option<String>,
    /// The task's unit of training, if the scene has a task.
    pub unit: Option<TrainingUnit>,
    /// The task's score column and its value in the last unit of this run (an epoch's test
    /// accuracy, an episode's return), if a unit completed.
    pub last_score: Option<(&'static str, f64)>,
}

/// Keeps `best.ckpt`: the state after the unit the task scores best so far in this run
/// ([`TaskEntry::best`]).
struct BestCheckpoint {
    path: PathBuf,
    since_episode: u64,
    rows_seen: usize,
    best: Option<BestScore>,
    /// Whether the file was written in this run.
    written: bool,
}

impl BestCheckpoint {
    fn new(path: PathBuf, since_episode: u64) -> Self {
        Self {
            path,
            since_episode,
            rows_seen: 0,
            best: None,
            written: false,
        }
    }

    /// Saves the world as the best checkpoint if the newest rows raised the task's score.
    fn consider(&mut self, world: &World) -> Result<(), AppError> {
        let metrics = world.resource::<Metrics>();
        if metrics.rows().len() == self.rows_seen {
            return Ok(());
        }
        self.rows_seen = metrics.rows().len();
        let (Some(task), Some(rows)) = (
            world.resource::<ActiveTask>().0,
            UnitRows::since(metrics, self.since_episode),
        ) else {
            return Ok(());
        };
        let Some(candidate) = task.best(&rows) else {
            return Ok(());
        };
        if self.best.is_none_or(|best| candidate > best) {
            self.best = Some(candidate);
            save_checkpoint(world, &self.path)?;
            self.written = true;
        }
        Ok(())
    }
}

/// The units of a run that succeeded, as the task judges them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Success {
    /// Units counted.
    pub units: u64,
    /// Of those, the ones that succeeded.
    pub succeeded: u64,
    /// What success means ("finished without a crash").
    pub means: &'static str,
}

/// `succeeded / units`, 0 without units.
pub fn success_rate(succeeded: u64, units: u64) -> f64 {
    if units == 0 {
        0.0
    } else {
        succeeded as f64 / units as f64
    }
}

impl Success {
    /// `succeeded / units`, 0 without units.
    pub fn rate(&self) -> f64 {
        success_rate(self.succeeded, self.units)
    }

    /// Counts the per-unit rows of units `since_episode..` by `task`'s success rule; `None`
    /// when the task has none or the metrics are not per unit.
    pub fn of(task: &TaskEntry, metrics: &Metrics, since_episode: u64) -> Option<Self> {
        let outcome = task.outcome();
        let rule = outcome.success?;
        let rows = UnitRows::since(metrics, since_episode)?;
        let succeeded = (0..rows.len()).filter(|&i| rule(&rows.row(i))).count();
        Some(Self {
            units: rows.len() as u64,
            succeeded: succeeded as u64,
            means: outcome.success_means,
        })
    }
}

impl RunSummary {
    /// Steps per wall-clock second.
    pub fn steps_per_second(&self) -> f64 {
        self.steps as f64 / self.wall_seconds.max(1e-9)
    }

    /// Simulated time per wall time.
    pub fn real_time_factor(&self) -> f64 {
        self.simulated_ms / 1000.0 / self.wall_seconds.max(1e-9)
    }
}

/// File name of the checkpoint in the output directory.
pub const CHECKPOINT_FILE: &str = "checkpoint.ckpt";
/// File name of the best checkpoint in the output directory (per-episode runs of a task that
/// says what "best" is).
pub const BEST_CHECKPOINT_FILE: &str = "best.ckpt";
/// File name of the metrics in the output directory.
pub const METRICS_FILE: &str = "metrics.csv";
/// File name of the metrics columns' declarations (column, unit, description).
pub const COLUMNS_FILE: &str = "metrics_columns.csv";
/// File name of the run's summary: one row of [`SUMMARY_COLUMNS`], written at the end.
pub const SUMMARY_FILE: &str = "summary.csv";
/// The columns of [`SUMMARY_FILE`]: steps and units run, wall seconds, simulated ms,
/// whether Ctrl-C stopped it, the units counted and succeeded by the task's success rule
/// (empty without one), and the task's score in the last unit (empty without a task or a unit).
pub const SUMMARY_COLUMNS: [&str; 9] = [
    "steps",
    "units",
    "wall_seconds",
    "simulated_ms",
    "interrupted",
    "counted",
    "succeeded",
    "success_rate",
    "score",
];

impl RunSummary {
    /// Writes the summary to `dir/`[`SUMMARY_FILE`], for sweeps and scripts.
    pub fn write(&self, dir: &Path) -> Result<(), AppError> {
        let path = dir.join(SUMMARY_FILE);
        let error = |source| SimError::Metrics {
            path: path.clone(),
            source,
        };
        let mut writer = csv::Writer::from_path(&path).map_err(error)?;
        let success = self.success.as_ref();
        writer.write_record(SUMMARY_COLUMNS).map_err(error)?;
        writer
            .write_record([
                self.steps.to_string(),
                self.episodes.to_string(),
                self.wall_seconds.to_string(),
                self.simulated_ms.to_string(),
                self.interrupted.to_string(),
                success.map_or(String::new(), |s| s.units.to_string()),
                success.map_or(String::new(), |s| s.succeeded.to_string()),
                success.map_or(String::new(), |s| s.rate().to_string()),
                self.last_score
                    .map_or(String::new(), |(_, score)| score.to_string()),
            ])
            .map_err(error)?;
        writer.flush().map_err(|e| error(e.into()))?;
        Ok(())
    }
}

/// Writes what each column of `metrics` is, as its producer declared it; a column nobody
/// declared is an error.
fn write_column_declarations(
    path: &Path,
    metrics: &Metrics,
    catalog: &MetricCatalog,
) -> Result<(), AppError> {
    let error = |source| SimError::Metrics {
        path: path.to_owned(),
        source,
    };
    let mut writer = csv::Writer::from_path(path).map_err(error)?;
    writer
        .write_record(["column", "unit", "description"])
        .map_err(error)?;
    for column in metrics.columns() {
        let declared = catalog
            .resolve(column)
            .map_err(|source| AppError::UndeclaredColumn {
                path: path.to_owned(),
                source,
            })?;
        writer
            .write_record([column.as_str(), declared.unit(), declared.description()])
            .map_err(error)?;
    }
    writer.flush().map_err(|e| error(e.into()))?;
    Ok(())
}

/// Runs headless until the length is reached, Ctrl-C (`interrupt`) or a fault.
pub fn run_headless(run: &HeadlessRun, interrupt: &AtomicBool) -> Result<RunSummary, AppError> {
    std::fs::create_dir_all(&run.out).map_err(|source| AppError::Output {
        path: run.out.clone(),
        source,
    })?;
    let mut setup = run.setup.clone();
    let mut app = setup.build_app(Mode::Headless);
    if let RunLength::Episodes(_) = run.length {
        setup.record = Some(RecordEvery::Episode);
    }
    let evaluation = setup.apply(&mut app)?;
    finish_plugins(&mut app);
    let task = app.world().resource::<ActiveTask>().0;
    let unit = task.map(|t| t.unit);

    let checkpoint = run.out.join(CHECKPOINT_FILE);
    let metrics_path = run.out.join(METRICS_FILE);
    // A resumed run's metrics hold the checkpoint's rows too (the window plots them); the
    // file holds this run's.
    let earlier_rows = app.world().resource::<Metrics>().rows().len();
    let mut csv = CsvSink::create(&metrics_path, earlier_rows)?;
    let start_step = app.world().resource::<SimClock>().step;
    let start_episode = app.world().resource::<Episodes>().completed;
    let (total, unit_label) = match run.length {
        RunLength::Steps(n) => {
            app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(start_step + n);
            (n, "steps")
        }
        RunLength::Episodes(n) => {
            app.world_mut().resource_mut::<SimControl>().stop_at_episode = Some(start_episode + n);
            (n, unit.unwrap_or(TrainingUnit::Episode).plural())
        }
    };
    let progress = Progress::new(run.progress, total, unit_label);
    let mut batch = Batch::default();
    let started = Instant::now();
    let mut last_checkpoint = Instant::now();
    let mut best = BestCheckpoint::new(run.out.join(BEST_CHECKPOINT_FILE), start_episode);
    let mut interrupted = false;
    loop {
        let done = match run.length {
            RunLength::Steps(_) => app.world().resource::<SimClock>().step - start_step,
            RunLength::Episodes(_) => app.world().resource::<Episodes>().completed - start_episode,
        };
        progress.set(done);
        if done >= total {
            break;
        }
        if interrupt.load(Ordering::SeqCst) {
            interrupted = true;
            break;
        }
        if let Some(fault) = app.world().resource::<SimFault>().0.clone() {
            csv.write_new_rows(app.world())?;
            progress.finish();
            return Err(SimError::Fault(fault).into());
        }
        let update_started = Instant::now();
        app.world_mut().insert_resource(Pacing::Unpaced {
            steps_per_update: batch.size,
        });
        app.update();
        batch.adapt(update_started.elapsed());
        csv.write_new_rows(app.world())?;
        if !app.world().resource::<SimFault>().is_some() {
            best.consider(app.world())?;
        }
        if last_checkpoint.elapsed() >= run.checkpoint_every {
            save_checkpoint(app.world(), &checkpoint)?;
            last_checkpoint = Instant::now();
        }
    }
    let wall_seconds = started.elapsed().as_secs_f64();
    // A fault in the last batch leaves bad state: keep the last good checkpoint instead.
    if let Some(fault) = app.world().resource::<SimFault>().0.clone() {
        progress.finish();
        return Err(SimError::Fault(fault).into());
    }
    save_checkpoint(app.world(), &checkpoint)?;
    csv.write_new_rows(app.world())?;
    progress.finish();
    let world = app.world();
    let clock = world.resource::<SimClock>();
    let summary = RunSummary {
        steps: clock.step - start_step,
        episodes: world.resource::<Episodes>().completed - start_episode,
        wall_seconds,
        simulated_ms: (clock.step - start_step) as f64 * clock.dt_ms,
        interrupted,
        checkpoint,
        metrics: metrics_path,
        success: task.and_then(|t| Success::of(&t, world.resource::<Metrics>(), start_episode)),
        best_checkpoint: best.written.then_some(best.path),
        evaluation,
        unit,
        last_score: task.and_then(|t| {
            let column = t.outcome().score;
            let rows = UnitRows::since(world.resource::<Metrics>(), start_episode)?;
            let last = *rows.values(&column)?.last()?;
            Some((column.name, last))
        }),
    };
    summary.write(&run.out)?;
    Ok(summary)
}

/// Installs a Ctrl-C handler that sets the returned flag.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let handler_flag = flag.clone();
    if let Err(error) = ctrlc::set_handler(move || handler_flag.store(true, Ordering::SeqCst)) {
        eprintln!("warning: Ctrl-C will not save a checkpoint: {error}");
    }
    flag
}

/// Steps per `App::update`, adapted so one update takes 10–50 ms: large enough to amortise
/// the frame, small enough for a live progress bar and a prompt Ctrl-C. The batch size never
/// changes results: the driver stops at exact step boundaries either way.
struct Batch {
    size: u32,
}

impl Default for Batch {
    fn default() -> Self {
        Self { size: 64 }
    }
}

impl Batch {
    fn adapt(&mut self, took: Duration) {
        if took < Duration::from_millis(10) && self.size < 1 << 20 {
            self.size *= 2;
        } else if took > Duration::from_millis(50) && self.size > 1 {
            self.size /= 2;
        }
    }
}

/// Streams metrics rows to CSV as they are committed.
struct CsvSink {
    path: PathBuf,
    writer: csv::Writer<File>,
    /// Rows of the metrics written so far, or skipped as earlier runs' rows.
    written: usize,
    header_written: bool,
}

impl CsvSink {
    /// A new file at `path` for the rows after the first `earlier_rows`.
    fn create(path: &Path, earlier_rows: usize) -> Result<Self, AppError> {
        let writer = csv::Writer::from_path(path).map_err(|source| SimError::Metrics {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self {
            path: path.to_owned(),
            writer,
            written: earlier_rows,
            header_written: false,
        })
    }

    /// Appends the rows committed since the last call; with the first rows, writes the header
    /// and, beside the table, what each column is ([`COLUMNS_FILE`]).
    fn write_new_rows(&mut self, world: &World) -> Result<(), AppError> {
        let metrics = world.resource::<Metrics>();
        let rows = metrics.rows();
        if rows.len() <= self.written {
            return Ok(());
        }
        let path = self.path.clone();
        let error = |source| SimError::Metrics {
            path: path.clone(),
            source,
        };
        if !self.header_written {
            self.header_written = true;
            self.writer.write_record(metrics.columns()).map_err(error)?;
            write_column_declarations(
                &self.path.with_file_name(COLUMNS_FILE),
                metrics,
                world.resource::<MetricCatalog>(),
            )?;
        }
        for row in &rows[self.written..] {
            self.writer
                .write_record(row.iter().map(|v| v.to_string()))
                .map_err(error)?;
        }
        self.writer.flush().map_err(|e| error(e.into()))?;
        self.written = rows.len();
        Ok(())
    }
}

/// A progress bar on a terminal, a plain line every few seconds when piped, or nothing.
enum Progress {
    Bar(ProgressBar),
    Lines {
        total: u64,
        unit: &'static str,
        started: Instant,
        last: std::cell::Cell<Instant>,
    },
    Silent,
}

impl Progress {
    fn new(enabled: bool, total: u64, unit: &'static str) -> Self {
        if !enabled {
            return Progress::Silent;
        }
        if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new(total);
            let style = ProgressStyle::with_template(&format!(
                "{{bar:40.cyan/blue}} {{pos}}/{{len}} {unit}  {{rate}}  ETA {{eta}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .with_key(
                "rate",
                |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = write!(w, "{}/s", format_rate(state.per_sec()));
                },
            );
            bar.set_style(style);
            Progress::Bar(bar)
        } else {
            let now = Instant::now();
            Progress::Lines {
                total,
                unit,
                started: now,
                last: std::cell::Cell::new(now),
            }
        }
    }

    fn set(&self, done: u64) {
        match self {
            Progress::Bar(bar) => bar.set_position(done),
            Progress::Lines {
                total,
                unit,
                started,
                last,
            } => {
                if last.get().elapsed() < Duration::from_secs(2) {
                    return;
                }
                last.set(Instant::now());
                let seconds = started.elapsed().as_secs_f64();
                let rate = done as f64 / seconds.max(1e-9);
                // No ETA before the first unit is done (an epoch can take minutes).
                let eta = if done == 0 {
                    "–".to_owned()
                } else {
                    format!("{:.0} s", (total.saturating_sub(done)) as f64 / rate)
                };
                eprintln!(
                    "{done}/{total} {unit} ({:.0}%), {} {unit}/s, ETA {eta}, {:.0} s so far",
                    100.0 * done as f64 / (*total).max(1) as f64,
                    format_rate(rate),
                    seconds
                );
            }
            Progress::Silent => {}
        }
    }

    fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// A rate for people: thousands separated, whole numbers from 100 up, one decimal below
/// (`76,883`, `6.4`).
pub fn format_rate(per_second: f64) -> String {
    if !per_second.is_finite() {
        "–".to_owned()
    } else if per_second < 100.0 {
        format!("{per_second:.1}")
    } else {
        neurarium_sim::format::thousands(per_second)
    }
}
