//! Memory through its scene, as a user runs it: `scenes/memory.ron` stores four patterns too
//! briefly for half of one to bring the rest back; sleep with replay consolidates them, the
//! same time without replay does not; a random cue brings nothing back; a run resumed from a
//! checkpoint in sleep goes on bit for bit. (The ten-seed comparison with every control is
//! `sweeps/memory_sleep.ron`.)

use neurarium::app::RunSetup;
use neurarium_scene::edit::set_field;
use neurarium_sim::prelude::*;
use neurarium_tasks::recall::columns;

use crate::common;

/// One session of `scenes/memory.ron` on `seed`, `replay` as given: the session's
/// `(overlap, random cue's overlap, replays, chance replays)`.
fn session(seed: u64, replay: bool) -> (f64, f64, f64, f64) {
    let path = common::root().join("scenes/memory.ron");
    let source = std::fs::read_to_string(&path).unwrap();
    let source = set_field(&source, "task.Recall.replay", &replay.to_string()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let edited = dir.path().join("memory.ron");
    std::fs::write(&edited, source).unwrap();
    let setup = RunSetup::read(&edited, true, Some(seed), None).unwrap();
    let app = common::run_episodes(setup, 1);
    let metrics = app.world().resource::<Metrics>();
    let last = |column: &Column| *metrics.values(column).unwrap().last().unwrap();
    (
        last(&columns::OVERLAP),
        last(&columns::RANDOM_OVERLAP),
        last(&columns::REPLAYS),
        last(&columns::CHANCE_REPLAYS),
    )
}

#[test]
fn sleep_with_replay_completes_patterns_that_the_same_time_without_replay_leaves_faint() {
    for seed in [5, 6] {
        let (overlap, random, replays, chance) = session(seed, true);
        let (without, _, no_replays, _) = session(seed, false);
        println!(
            "seed {seed}: overlap {overlap:.3} (random cue {random:.3}, no replay {without:.3}); replays {replays} against chance {chance}"
        );
        assert!(overlap > 0.35, "seed {seed}: {overlap}");
        assert!(random.abs() < 0.1, "seed {seed}: {random}");
        assert!(
            overlap > without + 0.2,
            "seed {seed}: {overlap} against {without}"
        );
        assert!(
            replays > 3.0 * chance.max(1.0),
            "seed {seed}: {replays} against {chance}"
        );
        assert_eq!(no_replays, 0.0);
    }
}

#[test]
fn a_memory_run_resumes_bit_for_bit_from_a_checkpoint_in_sleep() {
    let dir = tempfile::tempdir().unwrap();
    common::assert_resumes_bit_for_bit(
        &common::root().join("scenes/memory.ron"),
        7_000,
        19_000,
        &dir.path().join("asleep.ckpt"),
    );
}
