//! What a sweep costs beyond its runs, and what a second core buys.
//!
//! 1. Overhead: 100 runs of the small network (about a second each) as one sweep, two at a
//!    time: the sweep's wall time against the runs' own processes' wall time divided by two
//!    (the target: under 10% more).
//! 2. Parallel speed-up: ten seeds of the car (`scenes/car.ron`, the first `CAR_EPISODES`
//!    episodes of its curriculum) one after another, then two at a time (the target: at least
//!    1.8× faster on two cores).
//!
//! Each run is a separate process of the release `neurarium` binary, as `neurarium sweep`
//! runs them.
//!
//! ```sh
//! cargo bench --no-default-features --bench sweep
//! ```

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

use std::path::{Path, PathBuf};

use neurarium::sweep::execute::{Executed, execute};
use neurarium::sweep::plan::runs;
use neurarium::sweep::spec::read_sweep;

/// Runs in the overhead sweep.
const OVERHEAD_RUNS: u64 = 100;
/// Episodes of the small network per run (10,000 steps each: about a second in all).
const SMALL_EPISODES: u64 = 80;
/// Training episodes of each car seed.
const CAR_EPISODES: u64 = 100;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Writes a sweep of `scene` over `seeds` to `dir` and runs it `jobs` at a time.
fn sweep(dir: &Path, scene: &str, seeds: u64, episodes: u64, jobs: usize) -> Executed {
    std::fs::create_dir_all(dir).unwrap();
    let file = dir.join("sweep.ron");
    std::fs::write(
        &file,
        format!(
            "Sweep(scene: {:?}, seeds: Range(1, {seeds}), episodes: Some({episodes}), out: Some({:?}))",
            root().join(scene),
            dir.join("out")
        ),
    )
    .unwrap();
    let kinds = neurarium::app::scene_kinds(neurarium::app::no_extra_plugins);
    let sweep = read_sweep(&file, &kinds).unwrap();
    let all = runs(&sweep);
    let executed = execute(
        &sweep,
        &all,
        Path::new(env!("CARGO_BIN_EXE_neurarium")),
        jobs,
        &std::sync::atomic::AtomicBool::new(false),
        &|_| {},
    );
    assert!(executed.failed.is_empty(), "{:?}", executed.failed);
    executed
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let small = sweep(
        &dir.path().join("small"),
        "scenes/small_network.ron",
        OVERHEAD_RUNS,
        SMALL_EPISODES,
        2,
    );
    let ideal = small.process_seconds / 2.0;
    println!(
        "overhead: {OVERHEAD_RUNS} runs of the small network ({SMALL_EPISODES} episodes of 10,000 steps each), 2 at a time: \
         the runs' processes took {:.1} s in all ({:.2} s each), the sweep {:.1} s of wall time: \
         {:+.1}% over the processes' time on 2 cores",
        small.process_seconds,
        small.process_seconds / OVERHEAD_RUNS as f64,
        small.wall_seconds,
        100.0 * (small.wall_seconds / ideal - 1.0)
    );
    let one = sweep(
        &dir.path().join("car-1"),
        "scenes/car.ron",
        10,
        CAR_EPISODES,
        1,
    );
    let two = sweep(
        &dir.path().join("car-2"),
        "scenes/car.ron",
        10,
        CAR_EPISODES,
        2,
    );
    println!(
        "parallel: 10 car seeds × {CAR_EPISODES} episodes: one after another {:.1} s, two at a time {:.1} s: {:.2}× faster",
        one.wall_seconds,
        two.wall_seconds,
        one.wall_seconds / two.wall_seconds
    );
}
