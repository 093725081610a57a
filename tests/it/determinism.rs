//! The same scene and seed give bit-identical metrics headless; another seed does not.

use crate::common;

#[test]
fn same_scene_and_seed_give_bit_identical_metrics() {
    let path = common::root().join(common::SMALL_NETWORK);
    let run = |seed| {
        let mut app = common::headless_app(&path, Some(seed));
        common::run_steps(&mut app, 5_000);
        common::metric_bits(&app)
    };
    let first = run(11);
    assert!(first.1.len() >= 5, "enough rows to compare");
    assert_eq!(first, run(11));
    assert_ne!(first, run(12), "the seed matters");
}

#[test]
fn batch_size_does_not_change_results() {
    use neurarium_sim::prelude::Pacing;
    let path = common::root().join(common::SMALL_NETWORK);
    let run = |batch| {
        let mut app = common::headless_app(&path, Some(5));
        app.insert_resource(Pacing::Unpaced {
            steps_per_update: batch,
        });
        common::run_steps(&mut app, 3_000);
        common::metric_bits(&app)
    };
    assert_eq!(run(1), run(997));
}
