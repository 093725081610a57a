//! `--no-render`: the same scene, no window, as fast as the CPU allows.
//!
//! A run goes for `--steps N` steps or `--episodes N` episodes (default: the scene's
//! `run.episodes`), counted from where it starts (step 0, or the checkpoint's step). It
//! writes `metrics.csv` (one row per `record_every_steps`, or per episode with `--episodes`)
//! as rows come, a checkpoint every `--checkpoint-every` seconds and at the end, and shows a
//! progress bar with rate and ETA on a terminal, plain lines when piped. Ctrl-C saves a
//! checkpoint and stops cleanly. A fault (NaN) stops the run with its message; the last
//! good checkpoint stays on disk. With a car task and `--episodes`, the summary counts the
//! episodes that finished without a crash; `--eval CHECKPOINT` (resume with learning off)
//! reports that success rate for a trained brain. Such runs also keep `best.ckpt`, the state
//! after the episode with the best mean return over the last 20 episodes.

use std::fs::File;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use indicatif::{ProgressBar, ProgressStyle};
use neurarium_sim::prelude::*;

use crate::app::{Mode, RunSetup, build_app, finish_plugins};
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
    /// For a task that reports `car/finished` and `car/crashed` per episode: how many of this
    /// invocation's episodes succeeded.
    pub success: Option<Success>,
}

/// The values of `column` in the per-episode rows of episodes `since_episode..`; `None` when
/// the metrics are not per episode or have no such column.
fn episode_column(metrics: &Metrics, column: &str, since_episode: u64) -> Option<Vec<f64>> {
    if metrics.every() != RecordEvery::Episode {
        return None;
    }
    let episode = metrics.column("episode")?;
    let values = metrics.column(column)?;
    Some(
        episode
            .iter()
            .zip(values)
            .filter(|&(&e, _)| e >= since_episode as f64)
            .map(|(_, v)| v)
            .collect(),
    )
}

/// Keeps `best.ckpt`: the state at the end of the episode where the mean `car/return` of the
/// last [`BEST_WINDOW_EPISODES`] episodes of this run was highest so far. With a curriculum
/// (`car/phase`), only episodes of the current phase are averaged (at least
/// [`BEST_MIN_EPISODES`] of them), and a later phase beats an earlier one whatever the
/// returns: tracks of different lengths give returns that do not compare.
struct BestCheckpoint {
    path: PathBuf,
    since_episode: u64,
    rows_seen: usize,
    /// The best (phase, mean return) so far.
    best: (f64, f64),
}

impl BestCheckpoint {
    fn new(path: PathBuf, since_episode: u64) -> Self {
        Self {
            path,
            since_episode,
            rows_seen: 0,
            best: (f64::NEG_INFINITY, f64::NEG_INFINITY),
        }
    }

    /// Saves the world as the best checkpoint if the newest rows raised the moving average.
    fn consider(&mut self, world: &World) -> Result<(), AppError> {
        let metrics = world.resource::<Metrics>();
        if metrics.rows().len() == self.rows_seen {
            return Ok(());
        }
        self.rows_seen = metrics.rows().len();
        let Some(this_run) = episode_column(metrics, "car/return", self.since_episode) else {
            return Ok(());
        };
        let phases = episode_column(metrics, "car/phase", self.since_episode)
            .unwrap_or_else(|| vec![0.0; this_run.len()]);
        let Some(candidate) = phase_and_mean_return(&this_run, &phases) else {
            return Ok(());
        };
        if candidate.0 > self.best.0 || (candidate.0 == self.best.0 && candidate.1 > self.best.1) {
            self.best = candidate;
            save_checkpoint(world, &self.path)?;
        }
        Ok(())
    }
}

/// The newest episode's phase and the mean of `returns` over the last
/// [`BEST_WINDOW_EPISODES`] episodes of that phase; `None` before [`BEST_MIN_EPISODES`] of them.
fn phase_and_mean_return(returns: &[f64], phases: &[f64]) -> Option<(f64, f64)> {
    let &phase = phases.last()?;
    let in_phase = phases.iter().rev().take_while(|&&p| p == phase).count();
    if in_phase < BEST_MIN_EPISODES {
        return None;
    }
    let window = &returns[returns.len() - in_phase.min(BEST_WINDOW_EPISODES)..];
    Some((phase, window.iter().sum::<f64>() / window.len() as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_best_window_stays_inside_the_newest_phase() {
        // 30 episodes of phase 1 returning 50, then phase 2 returning 10.
        let mut returns = vec![50.0; 30];
        let mut phases = vec![1.0; 30];
        assert_eq!(phase_and_mean_return(&returns, &phases), Some((1.0, 50.0)));
        returns.extend([10.0; 9]);
        phases.extend([2.0; 9]);
        assert_eq!(
            phase_and_mean_return(&returns, &phases),
            None,
            "nine episodes into phase 2: too few"
        );
        returns.push(10.0);
        phases.push(2.0);
        assert_eq!(
            phase_and_mean_return(&returns, &phases),
            Some((2.0, 10.0)),
            "phase 1's returns are not averaged in"
        );
        // Without a curriculum, the last 20 episodes.
        let returns: Vec<f64> = (0..25).map(f64::from).collect();
        let phases = vec![0.0; 25];
        assert_eq!(phase_and_mean_return(&returns, &phases), Some((0.0, 14.5)));
        assert_eq!(phase_and_mean_return(&[1.0; 9], &[0.0; 9]), None);
    }
}

/// Episodes that finished without a crash (the road driven to its end, or the laps driven).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Success {
    /// Episodes counted.
    pub episodes: u64,
    /// Of those, the ones that finished without a crash.
    pub succeeded: u64,
}

impl Success {
    /// `succeeded / episodes`, 0 without episodes.
    pub fn rate(&self) -> f64 {
        if self.episodes == 0 {
            0.0
        } else {
            self.succeeded as f64 / self.episodes as f64
        }
    }

    /// Counts the per-episode metrics rows of episodes `since_episode..`; `None` when the
    /// metrics have no `car/finished` and `car/crashed` columns or are not per episode.
    pub fn from_metrics(metrics: &Metrics, since_episode: u64) -> Option<Self> {
        let finished = episode_column(metrics, "car/finished", since_episode)?;
        let crashed = episode_column(metrics, "car/crashed", since_episode)?;
        let succeeded = finished
            .iter()
            .zip(&crashed)
            .filter(|&(&f, &c)| f == 1.0 && c == 0.0)
            .count();
        let success = Self {
            episodes: finished.len() as u64,
            succeeded: succeeded as u64,
        };
        Some(success)
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
/// File name of the best checkpoint in the output directory (episode runs with a task that
/// reports `car/return`).
pub const BEST_CHECKPOINT_FILE: &str = "best.ckpt";
/// Episodes the best checkpoint's moving average of the return spans.
pub const BEST_WINDOW_EPISODES: usize = 20;
/// Episodes a run must have done before a best checkpoint is written.
pub const BEST_MIN_EPISODES: usize = 10;
/// File name of the metrics in the output directory.
pub const METRICS_FILE: &str = "metrics.csv";

/// Runs headless until the length is reached, Ctrl-C (`interrupt`) or a fault.
pub fn run_headless(run: &HeadlessRun, interrupt: &AtomicBool) -> Result<RunSummary, AppError> {
    std::fs::create_dir_all(&run.out).map_err(|source| AppError::Output {
        path: run.out.clone(),
        source,
    })?;
    let mut app = build_app(Mode::Headless);
    let mut setup = run.setup.clone();
    if let RunLength::Episodes(_) = run.length {
        setup.record = Some(RecordEvery::Episode);
    }
    setup.apply(&mut app)?;
    finish_plugins(&mut app);

    let checkpoint = run.out.join(CHECKPOINT_FILE);
    let metrics_path = run.out.join(METRICS_FILE);
    let mut csv = CsvSink::create(&metrics_path)?;
    let start_step = app.world().resource::<SimClock>().step;
    let start_episode = app.world().resource::<Episodes>().completed;
    let (total, unit) = match run.length {
        RunLength::Steps(n) => {
            app.world_mut().resource_mut::<SimControl>().stop_at_step = Some(start_step + n);
            (n, "steps")
        }
        RunLength::Episodes(n) => {
            app.world_mut().resource_mut::<SimControl>().stop_at_episode = Some(start_episode + n);
            (n, "episodes")
        }
    };
    let progress = Progress::new(run.progress, total, unit);
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
            csv.write_new_rows(app.world().resource::<Metrics>())?;
            progress.finish();
            return Err(SimError::Fault(fault).into());
        }
        let update_started = Instant::now();
        app.world_mut().insert_resource(Pacing::Unpaced {
            steps_per_update: batch.size,
        });
        app.update();
        batch.adapt(update_started.elapsed());
        csv.write_new_rows(app.world().resource::<Metrics>())?;
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
    csv.write_new_rows(app.world().resource::<Metrics>())?;
    progress.finish();
    let world = app.world();
    let clock = world.resource::<SimClock>();
    Ok(RunSummary {
        steps: clock.step - start_step,
        episodes: world.resource::<Episodes>().completed - start_episode,
        wall_seconds,
        simulated_ms: (clock.step - start_step) as f64 * clock.dt_ms,
        interrupted,
        checkpoint,
        metrics: metrics_path,
        success: Success::from_metrics(world.resource::<Metrics>(), start_episode),
    })
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
    written: usize,
}

impl CsvSink {
    fn create(path: &Path) -> Result<Self, AppError> {
        let writer = csv::Writer::from_path(path).map_err(|source| SimError::Metrics {
            path: path.to_owned(),
            source,
        })?;
        Ok(Self {
            path: path.to_owned(),
            writer,
            written: 0,
        })
    }

    fn write_new_rows(&mut self, metrics: &Metrics) -> Result<(), AppError> {
        let rows = metrics.rows();
        if rows.len() <= self.written {
            return Ok(());
        }
        let path = self.path.clone();
        let error = |source| SimError::Metrics {
            path: path.clone(),
            source,
        };
        if self.written == 0 {
            self.writer.write_record(metrics.columns()).map_err(error)?;
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
                "{{bar:40.cyan/blue}} {{pos}}/{{len}} {unit}  {{per_sec}}  ETA {{eta}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar());
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
                let eta = (total.saturating_sub(done)) as f64 / rate.max(1e-9);
                eprintln!(
                    "{done}/{total} {unit} ({:.0}%), {rate:.1} {unit}/s, ETA {eta:.0} s",
                    100.0 * done as f64 / (*total).max(1) as f64
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
