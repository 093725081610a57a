//! Shared by the learning benchmarks: a scene trained or evaluated headless, the way the
//! command line does it, and the median.

// Each benchmark is its own crate and uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use neurarium::app::RunSetup;
use neurarium::headless::{HeadlessRun, RunLength, RunSummary, run_headless};

/// Runs `episodes` episodes of `scene` headless into `out` (`None`: the scene's own number),
/// from checkpoint `load` if given, as the task's `control` if one is named; with `evaluate`,
/// as `--eval` does (learning off, the task's evaluation setting).
pub fn run(
    scene: &Path,
    seed: u64,
    load: Option<&Path>,
    evaluate: bool,
    episodes: Option<u64>,
    out: &Path,
    control: Option<&str>,
) -> RunSummary {
    let mut setup = RunSetup::read(scene, true, Some(seed), load).unwrap_or_else(|e| panic!("{e}"));
    setup.learning_off = evaluate;
    setup.evaluate = evaluate;
    if let Some(control) = control {
        setup.use_control(control).unwrap_or_else(|e| panic!("{e}"));
    }
    let episodes = episodes.unwrap_or(setup.scene.scene.run.episodes);
    let run = HeadlessRun::quiet(setup, RunLength::Episodes(episodes), out);
    run_headless(&run, &AtomicBool::new(false)).unwrap_or_else(|e| panic!("{e}"))
}

/// One seed's three runs: trained, then evaluated; untrained, evaluated.
pub struct SeedRuns {
    /// The training run.
    pub training: RunSummary,
    /// The trained brain evaluated as `--eval` does.
    pub trained: RunSummary,
    /// The same brain untrained (the task's `untrained` control), evaluated the same way.
    pub untrained: RunSummary,
}

/// Trains `scene` with `seed` for `episodes` (`None`: the scene's), then evaluates the trained
/// brain and its untrained control for `evaluation` episodes each, into folders of `dir`.
pub fn train_and_evaluate(
    scene: &Path,
    seed: u64,
    episodes: Option<u64>,
    evaluation: u64,
    dir: &Path,
) -> SeedRuns {
    let training = run(
        scene,
        seed,
        None,
        false,
        episodes,
        &dir.join(format!("train-{seed}")),
        None,
    );
    let evaluated = |load: Option<&Path>, name: &str, control: Option<&str>| {
        run(
            scene,
            seed,
            load,
            true,
            Some(evaluation),
            &dir.join(format!("{name}-{seed}")),
            control,
        )
    };
    let trained = evaluated(Some(&training.checkpoint), "eval", None);
    let untrained = evaluated(None, "untrained", Some("untrained"));
    SeedRuns {
        training,
        trained,
        untrained,
    }
}

/// `work` for every seed, two at a time (one per core), results in seed order.
pub fn two_at_a_time<T: Send + 'static>(
    seeds: &[u64],
    work: impl Fn(u64) -> T + Send + Sync + Clone + 'static,
) -> Vec<T> {
    seeds
        .chunks(2)
        .flat_map(|pair| {
            let handles: Vec<_> = pair
                .iter()
                .map(|&seed| {
                    let work = work.clone();
                    std::thread::spawn(move || work(seed))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| panic!("a seed's run panicked")))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The median (the mean of the middle two for an even count).
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        0.5 * (values[n / 2 - 1] + values[n / 2])
    }
}

/// The scene a benchmark runs: the first command-line argument that is neither an option nor
/// the value of one of the `valued` options (`--seeds 21,22`), relative to the repository;
/// `default` without one.
pub fn scene_arg(default: &str, valued: &[&str]) -> PathBuf {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let relative = args
        .iter()
        .enumerate()
        .find(|&(i, a)| !a.starts_with('-') && (i == 0 || !valued.contains(&args[i - 1].as_str())))
        .map_or(default, |(_, a)| a.as_str());
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// The share of right answers (`table/right`) in a table run's metrics.
pub fn table_accuracy(metrics: &Path) -> f64 {
    let text = std::fs::read_to_string(metrics).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let right = header.iter().position(|&c| c == "table/right").unwrap();
    let values: Vec<f64> = lines
        .map(|l| l.split(',').nth(right).unwrap().parse().unwrap())
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

/// A grid run's success share and moves over shortest moves (of the episodes that reached the
/// goal), from its metrics.
pub fn grid_outcome(metrics: &Path) -> (f64, f64) {
    let text = std::fs::read_to_string(metrics).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let at = |name: &str| header.iter().position(|&c| c == name).unwrap();
    let (moves, shortest, reached) = (
        at(neurarium_tasks::grid::columns::MOVES.name),
        at(neurarium_tasks::grid::columns::SHORTEST.name),
        at(neurarium_tasks::grid::columns::REACHED.name),
    );
    let (mut episodes, mut successes, mut made, mut needed) = (0.0, 0.0, 0.0, 0.0);
    for line in lines {
        let fields: Vec<f64> = line.split(',').map(|f| f.parse().unwrap_or(0.0)).collect();
        episodes += 1.0;
        if fields[reached] == 1.0 {
            successes += 1.0;
            made += fields[moves];
            needed += fields[shortest];
        }
    }
    (
        successes / episodes,
        if needed > 0.0 {
            made / needed
        } else {
            f64::NAN
        },
    )
}

/// `median (min–max)` in percent.
pub fn percent_summary(values: &[f64]) -> String {
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
