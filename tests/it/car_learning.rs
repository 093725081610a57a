//! The car brain of `scenes/car.ron` learns: on the phase-1 road, three seeds, the distance
//! driven before a crash grows with R-STDP and stays put with learning off. (The phase-4
//! success rates over ten seeds are measured by `benches/car_learning.rs`; this is the quick
//! check that learning, not luck, moves the car.)

use crate::common;

use neurarium::app::RunSetup;
use neurarium_sim::prelude::*;
use neurarium_tasks::car::columns;
use neurarium_tasks::prelude::{CarTaskSpec, TrackSpec};

/// Progress (m) of each of `episodes` episodes on phase 1.
fn progress_per_episode(seed: u64, learning_off: bool, episodes: u64) -> Vec<f64> {
    let path = common::root().join("scenes/car.ron");
    let mut setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    setup.learning_off = learning_off;
    if let Some(car) = setup.scene.scene.task_spec_mut::<CarTaskSpec>() {
        // Phase 1 only: without the curriculum, the car stays on the road it is judged on.
        car.curriculum = None;
        car.track = TrackSpec::Phase1;
    }
    let app = common::run_episodes(setup, episodes);
    let progress = app.world().resource::<Metrics>().values(&columns::PROGRESS);
    progress.unwrap()
}

fn mean(values: &[f64]) -> f64 {
    values.iter().sum::<f64>() / values.len() as f64
}

#[test]
fn r_stdp_drives_further_than_the_same_brain_with_learning_off() {
    for seed in 1..=3 {
        let learning = progress_per_episode(seed, false, 60);
        let frozen = progress_per_episode(seed, true, 20);
        let (late, control) = (mean(&learning[40..]), mean(&frozen));
        assert!(
            late > 2.0 * control,
            "seed {seed}: episodes 40–59 drove {late:.1} m, learning off {control:.1} m"
        );
        let early = mean(&learning[..20]);
        assert!(
            late > early,
            "seed {seed}: no improvement ({early:.1} → {late:.1} m)"
        );
    }
}
