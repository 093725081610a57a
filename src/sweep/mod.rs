//! `neurarium sweep SWEEP.ron`: a scene over seeds and a grid of settings, trained, evaluated
//! and compared with the task's controls, every run a separate process, on every core.
//!
//! | module | what |
//! |---|---|
//! | [`spec`] | the sweep file, checked before any run starts: scene, seeds, grid (field paths and values), length, evaluation, controls |
//! | [`plan`] | the runs (configuration × seed × arm), their directories and command lines |
//! | [`execute`] | running them `--jobs` at a time; resuming; a failed run reported, the rest going on |
//! | [`summary`] | `results.csv`, the merged `metrics.csv`, and the spread over seeds per configuration and arm |
//! | [`slurm`] | the `sbatch` script of a job array, one shard per task |
//! | [`plots`] | learning curves with quartile bands and the outcome per configuration, as PNG files |
//!
//! `--shard K/N` runs only the runs whose index is `K` modulo `N` (0-based; `auto/N` takes `K`
//! from `SLURM_ARRAY_TASK_ID` or `JOB_COMPLETION_INDEX`), so `N` machines or a job array share
//! a sweep; `--merge` then writes the merged results from every run done. `--slurm N` writes
//! (and with `--submit` submits) a Slurm job array of `N` tasks doing exactly that
//! ([`slurm`]).

pub mod execute;
pub mod plan;
pub mod plots;
pub mod slurm;
pub mod spec;
pub mod summary;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::app::{no_extra_plugins, scene_kinds};
use crate::error::AppError;

/// Which share of a sweep's runs this invocation runs: `K/N`, or `auto/N` with `K` from
/// `SLURM_ARRAY_TASK_ID` (a Slurm job array) or `JOB_COMPLETION_INDEX` (a Kubernetes indexed
/// job).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, from 0; `None`: from the environment.
    pub index: Option<usize>,
    /// How many shards.
    pub count: usize,
}

/// The environment variables `auto/N` reads the shard index from, in order.
pub const SHARD_INDEX_VARIABLES: [&str; 2] = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"];

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let (index, count) = text
            .split_once('/')
            .ok_or_else(|| format!("give the shard as K/N (e.g. 0/4) or auto/N, not '{text}'"))?;
        let parse = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("'{s}' is not a whole number in shard '{text}'"))
        };
        let count = parse(count)?;
        if count == 0 {
            return Err(format!("shard '{text}': N must be at least 1"));
        }
        let index = if index.trim() == "auto" {
            None
        } else {
            let index = parse(index)?;
            if index >= count {
                return Err(format!("shard {index}/{count}: K must be below N"));
            }
            Some(index)
        };
        Ok(Self { index, count })
    }
}

impl Shard {
    /// The shard index: given, or read from the environment for `auto`.
    pub fn resolve(self) -> Result<(usize, usize), AppError> {
        let index = match self.index {
            Some(index) => index,
            None => SHARD_INDEX_VARIABLES
                .iter()
                .find_map(|name| std::env::var(name).ok()?.trim().parse().ok())
                .ok_or_else(|| {
                    AppError::Usage(format!(
                        "--shard auto/{}: none of {} holds a shard index",
                        self.count,
                        SHARD_INDEX_VARIABLES.join(", ")
                    ))
                })?,
        };
        if index >= self.count {
            return Err(AppError::Usage(format!(
                "--shard: index {index} from the environment is not below {}",
                self.count
            )));
        }
        Ok((index, self.count))
    }
}

/// What `neurarium sweep` does besides running every run.
#[derive(Debug, Clone, Default)]
pub struct SweepOptions {
    /// Processes at a time (every core by default).
    pub jobs: Option<usize>,
    /// Only this share of the runs; merged results are then left to a run without `--shard`.
    pub shard: Option<Shard>,
    /// Run nothing: write the merged results of the runs done so far.
    pub merge: bool,
    /// Write a Slurm job-array script of this many tasks instead of running.
    pub slurm: Option<usize>,
    /// With `slurm`, also submit it with `sbatch`.
    pub submit: bool,
}

/// Runs the sweep in `file` as `options` say; prints the summary and writes the results.
pub fn run_sweep(file: &Path, options: &SweepOptions) -> Result<ExitCode, AppError> {
    let kinds = scene_kinds(no_extra_plugins);
    let sweep = spec::read_sweep(file, &kinds)?;
    let all = plan::runs(&sweep);
    std::fs::create_dir_all(&sweep.out).map_err(|source| AppError::Output {
        path: sweep.out.clone(),
        source,
    })?;
    let exe = std::env::current_exe().map_err(|source| AppError::Output {
        path: PathBuf::from("neurarium"),
        source,
    })?;
    if let Some(tasks) = options.slurm {
        return slurm::write_and_submit(&sweep, file, &exe, tasks, options.submit);
    }
    let shard = options.shard.map(Shard::resolve).transpose()?;
    let mine: Vec<plan::Run> = match shard {
        Some((index, count)) => all
            .iter()
            .enumerate()
            .filter(|(i, _)| i % count == index)
            .map(|(_, run)| run.clone())
            .collect(),
        None => all.clone(),
    };
    let jobs = options
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    if !options.merge {
        let stale = execute::forget_stale(&sweep, &mine);
        if stale > 0 {
            eprintln!(
                "{stale} runs done before had another scene or other commands (the scene or the sweep was edited since): they run again"
            );
        }
    }
    let already = mine.iter().filter(|run| execute::is_done(run)).count();
    let to_run = if options.merge {
        0
    } else {
        mine.len() - already
    };
    eprintln!(
        "sweep '{}': {} configurations × {} seeds × {} arms = {} runs{}; {} done before, {} to run, {jobs} at a time",
        sweep.name,
        sweep.configurations.len(),
        sweep.seeds.len(),
        1 + sweep.controls.len(),
        all.len(),
        shard.map_or(String::new(), |(index, count)| format!(
            " (shard {index}/{count}: {} of them)",
            mine.len()
        )),
        already,
        to_run,
    );
    let executed = if options.merge {
        execute::Executed {
            skipped: already,
            ..execute::Executed::default()
        }
    } else {
        let interrupted = crate::headless::interrupt_flag();
        execute::execute(&sweep, &mine, &exe, jobs, &interrupted, &|ended| {
            eprintln!("{ended}/{to_run} runs ended");
        })
    };
    if executed.stopped > 0 {
        eprintln!(
            "interrupted: {} runs in flight were stopped (they saved their checkpoints and run again next time)",
            executed.stopped
        );
    }
    for (dir, why) in &executed.failed {
        eprintln!("run {} failed: {why}", dir.display());
    }
    if shard.is_some() {
        // Shards share the output directory: the merged files are written once, by
        // `neurarium sweep FILE --merge` when every shard is done.
        println!(
            "shard done: {} runs finished now, {} done before, {} failed; merge with `neurarium sweep {} --merge`",
            executed.finished,
            executed.skipped,
            executed.failed.len(),
            file.display()
        );
    } else {
        let results = summary::results_of(&sweep, &all);
        let lines = summary::summarize(&all, &results);
        print!("{}", summary::table(&sweep, &lines));
        let mut written = summary::write_results(&sweep, &all, &results, &lines)
            .map_err(AppError::SweepOutput)?;
        written.extend(
            plots::write_plots(&sweep, &all, &lines, sweep.score).map_err(AppError::SweepOutput)?,
        );
        for path in written {
            println!("{}", path.display());
        }
        println!(
            "{} runs finished now, {} done before, {} failed",
            executed.finished,
            executed.skipped,
            executed.failed.len()
        );
    }
    if executed.finished + executed.failed.len() > 0 {
        println!(
            "the runs' processes took {:.2} s in all; the sweep {:.2} s of wall time, {jobs} at a time",
            executed.process_seconds, executed.wall_seconds
        );
    }
    Ok(if executed.stopped > 0 {
        // As a shell reports a process stopped by SIGINT.
        ExitCode::from(130)
    } else if executed.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
