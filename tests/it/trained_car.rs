//! The trained car brain shipped in `assets/` loads with this build and drives the
//! curriculum's last track, the circuit, with learning off, where the untrained brain of the
//! same scene crashes.

use std::path::Path;
use std::sync::atomic::AtomicBool;

use crate::common;

use neurarium::app::RunSetup;
use neurarium::headless::{HeadlessRun, RunLength, Success, run_headless};

/// The shipped checkpoint, relative to the repository root.
pub const TRAINED_CAR: &str = "assets/car_trained.ckpt";

/// How the shipped checkpoint is made (README says the same): run it after a change of the
/// checkpoint format or of the car's dynamics.
const REGENERATE: &str = "cargo run --release -- --no-render --scene scenes/car.ron \
     --episodes 300 --out runs/car-asset && cp runs/car-asset/best.ckpt assets/car_trained.ckpt";

/// Episodes each brain is evaluated for.
const EPISODES: u64 = 5;

/// The success of `setup` evaluated as `--eval` does, for [`EPISODES`] episodes.
fn evaluated(mut setup: RunSetup, out: &Path) -> Success {
    setup.learning_off = true;
    setup.evaluate = true;
    let run = HeadlessRun::quiet(setup, RunLength::Episodes(EPISODES), out);
    let summary = run_headless(&run, &AtomicBool::new(false)).unwrap();
    summary.success.expect("the car task judges success")
}

#[test]
fn the_shipped_trained_car_drives_the_circuit_where_the_untrained_one_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let checkpoint = common::root().join(TRAINED_CAR);
    let trained = RunSetup::read(&checkpoint, false, None, Some(&checkpoint)).unwrap_or_else(|e| {
        panic!("{TRAINED_CAR} no longer loads: {e}\nregenerate it: {REGENERATE}")
    });
    let trained = evaluated(trained, &dir.path().join("trained"));
    assert!(
        trained.succeeded >= EPISODES - 1,
        "the shipped brain finished {} of {EPISODES} laps; regenerate it: {REGENERATE}",
        trained.succeeded
    );
    let scene = common::root().join("scenes/car.ron");
    let untrained = evaluated(
        RunSetup::read(&scene, true, None, None).unwrap(),
        &dir.path().join("untrained"),
    );
    assert!(
        untrained.succeeded <= 1,
        "the control, the untrained brain, finished {} of {EPISODES}",
        untrained.succeeded
    );
}
