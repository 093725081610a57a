//! Running a sweep's runs as separate processes, `jobs` at a time.
//!
//! Each worker takes the next run not yet done, writes its scene and commands, runs the
//! commands one after the other (the `neurarium` binary, output to the run's `log.txt`) and
//! marks the run `done` (an empty file written last, atomically) or writes `error.txt` with
//! the failed command and the end of its log. A run found `done` is skipped, so a killed
//! sweep resumes where it stopped; a failed run is tried again on the next start. One run's
//! failure does not stop the others. A run done before with another scene or other commands
//! (the scene file or the sweep was edited since) runs again ([`forget_stale`]).
//!
//! When the sweep is interrupted (Ctrl-C, `kill -INT`, `kill -TERM`, Slurm's `scancel`), no
//! new run starts and every run in flight is sent SIGINT, so it saves its checkpoint and
//! stops; the sweep waits for them before it exits. A run stopped so is neither done nor
//! failed: it starts again on the next invocation. No process outlives its sweep, so two runs
//! never write the same directory.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use crate::sweep::plan::Run;
use crate::sweep::spec::Sweep;

/// File marking a run that finished every command.
pub const DONE_FILE: &str = "done";
/// File holding why a run failed.
pub const ERROR_FILE: &str = "error.txt";
/// Lines of a failed command's log quoted in [`ERROR_FILE`].
const LOG_LINES_QUOTED: usize = 20;

/// Whether `run` finished before.
pub fn is_done(run: &Run) -> bool {
    run.dir.join(DONE_FILE).exists()
}

/// Unmarks the runs of `runs` that finished before with another scene or other commands than
/// `sweep` now gives them (the scene file or the sweep was edited since), so they run again
/// instead of lending their old results to the new sweep. Returns how many.
pub fn forget_stale(sweep: &Sweep, runs: &[Run]) -> usize {
    let mut forgotten = 0;
    for run in runs.iter().filter(|run| is_done(run)) {
        let scene = &sweep.configurations[run.configuration].scene.source;
        let same = std::fs::read_to_string(run.scene()).is_ok_and(|text| &text == scene)
            && std::fs::read_to_string(run.dir.join(COMMANDS_FILE))
                .is_ok_and(|text| text == listing(&run.commands(sweep)));
        if !same && std::fs::remove_file(run.dir.join(DONE_FILE)).is_ok() {
            forgotten += 1;
        }
    }
    forgotten
}

/// File listing a run's commands, one line each.
const COMMANDS_FILE: &str = "commands.txt";

/// The commands as [`COMMANDS_FILE`] lists them.
fn listing(commands: &[Vec<String>]) -> String {
    commands
        .iter()
        .map(|args| format!("neurarium {}\n", shell_words(args)))
        .collect()
}

/// How the runs of one invocation went.
#[derive(Debug, Default)]
pub struct Executed {
    /// Runs found done from an earlier invocation.
    pub skipped: usize,
    /// Runs that finished now.
    pub finished: usize,
    /// Runs that failed now, with why.
    pub failed: Vec<(PathBuf, String)>,
    /// Runs stopped by an interrupt before they finished (they run again next time).
    pub stopped: usize,
    /// Wall seconds the runs' processes took, summed over every process started now.
    pub process_seconds: f64,
    /// Wall seconds of the whole execution.
    pub wall_seconds: f64,
}

/// Runs every run of `runs` not yet done with the binary `exe`, `jobs` at a time, until
/// `interrupted` is set; `on_end` is called after each run with the number ended so far.
pub fn execute(
    sweep: &Sweep,
    runs: &[Run],
    exe: &Path,
    jobs: usize,
    interrupted: &AtomicBool,
    on_end: &(dyn Fn(usize) + Sync),
) -> Executed {
    let pending: Vec<&Run> = runs.iter().filter(|run| !is_done(run)).collect();
    let executed = Mutex::new(Executed {
        skipped: runs.len() - pending.len(),
        ..Executed::default()
    });
    let next = AtomicUsize::new(0);
    let ended = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..jobs.max(1) {
            scope.spawn(|| {
                while !interrupted.load(Ordering::SeqCst) {
                    let index = next.fetch_add(1, Ordering::SeqCst);
                    let Some(run) = pending.get(index) else {
                        break;
                    };
                    let mut seconds = 0.0;
                    let result = run_one(sweep, run, exe, interrupted, &mut seconds);
                    if let Err(why) = &result {
                        // Best effort: the error is also reported with the sweep's results.
                        let _ = std::fs::write(run.dir.join(ERROR_FILE), why);
                    }
                    {
                        let mut executed = executed.lock().unwrap_or_else(|e| e.into_inner());
                        executed.process_seconds += seconds;
                        match result {
                            Ok(RunEnd::Finished) => executed.finished += 1,
                            Ok(RunEnd::Stopped) => executed.stopped += 1,
                            Err(why) => executed.failed.push((run.dir.clone(), why)),
                        }
                    }
                    on_end(ended.fetch_add(1, Ordering::SeqCst) + 1);
                }
            });
        }
    });
    let mut executed = executed.into_inner().unwrap_or_else(|e| e.into_inner());
    executed.wall_seconds = started.elapsed().as_secs_f64();
    executed
}

/// How a run that did not fail ended.
enum RunEnd {
    /// Every command finished: the run is done.
    Finished,
    /// An interrupt stopped it.
    Stopped,
}

/// Runs one run's commands, adding their processes' wall seconds to `seconds`; on failure
/// returns why (the caller writes it to the run's [`ERROR_FILE`]).
fn run_one(
    sweep: &Sweep,
    run: &Run,
    exe: &Path,
    interrupted: &AtomicBool,
    seconds: &mut f64,
) -> Result<RunEnd, String> {
    let io = |what: &str, path: &Path, e: std::io::Error| format!("{what} {}: {e}", path.display());
    std::fs::create_dir_all(&run.dir).map_err(|e| io("cannot create", &run.dir, e))?;
    let _ = std::fs::remove_file(run.dir.join(ERROR_FILE));
    let scene = &sweep.configurations[run.configuration].scene.source;
    std::fs::write(run.scene(), scene).map_err(|e| io("cannot write", &run.scene(), e))?;
    let commands = run.commands(sweep);
    let listing = listing(&commands);
    let listing_path = run.dir.join(COMMANDS_FILE);
    std::fs::write(&listing_path, &listing).map_err(|e| io("cannot write", &listing_path, e))?;
    let log_path = run.dir.join("log.txt");
    let log = File::create(&log_path).map_err(|e| io("cannot write", &log_path, e))?;
    for args in &commands {
        let stdout = log
            .try_clone()
            .map_err(|e| io("cannot write", &log_path, e))?;
        let stderr = log
            .try_clone()
            .map_err(|e| io("cannot write", &log_path, e))?;
        let process_started = std::time::Instant::now();
        let mut child = Command::new(exe)
            .args(args)
            .stdin(Stdio::null())
            .stdout(stdout)
            .stderr(stderr)
            .spawn()
            .map_err(|e| io("cannot start", exe, e))?;
        let mut forwarded = false;
        let status = loop {
            if let Some(status) = child
                .try_wait()
                .map_err(|e| io("cannot wait for", exe, e))?
            {
                break status;
            }
            if interrupted.load(Ordering::SeqCst) && !forwarded {
                // The run saves its checkpoint on SIGINT; `kill` sends it without unsafe code.
                let _ = Command::new("kill")
                    .args(["-INT", &child.id().to_string()])
                    .status();
                forwarded = true;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        *seconds += process_started.elapsed().as_secs_f64();
        if interrupted.load(Ordering::SeqCst) {
            return Ok(RunEnd::Stopped);
        }
        if !status.success() {
            let log_text = std::fs::read_to_string(&log_path).unwrap_or_default();
            let tail: Vec<&str> = log_text.lines().rev().take(LOG_LINES_QUOTED).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!(
                "`neurarium {}` failed ({status}); the end of {}:\n{}",
                shell_words(args),
                log_path.display(),
                tail.join("\n")
            ));
        }
    }
    let done = run.dir.join(DONE_FILE);
    let partial = run.dir.join("done.tmp");
    std::fs::write(&partial, "")
        .and_then(|()| std::fs::rename(&partial, &done))
        .map_err(|e| io("cannot write", &done, e))?;
    Ok(RunEnd::Finished)
}

/// `args` as a shell would need them written.
fn shell_words(args: &[String]) -> String {
    args.iter()
        .map(|a| {
            if a.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_./:=".contains(c))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
