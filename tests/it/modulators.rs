//! Neuromodulators as a user runs them (`scenes/neuromodulators.ron`): acetylcholine's gain,
//! serotonin's noise and acetylcholine's learning rate each against the same circuit without
//! it, and against the scene with the releasing regions silenced (the ablation); a run resumes
//! bit for bit with the levels in the checkpoint.

use std::path::Path;

use bevy::prelude::App;

use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::{MODULATOR_LEVEL, RATE_HZ};
use neurarium_spiking::plasticity::modulators::ModulatorLevels;
use neurarium_spiking::synapses::projection::{ProjectionLink, Synapses};

use crate::common;

const SCENE: &str = "scenes/neuromodulators.ron";

/// The mean rate of each region over `steps` steps of the scene at `path`, and the total
/// weight change of each plastic projection (`learner_fast`, `learner_slow`).
fn run(path: &Path, steps: u64) -> (impl Fn(&str) -> f64, [f64; 2], ModulatorLevels) {
    let mut app = common::headless_app(path, Some(5));
    let weights = |app: &mut App, to: &str| -> Vec<f32> {
        let world = app.world_mut();
        let mut q = world.query::<(&ProjectionLink, &Synapses)>();
        q.iter(world)
            .find(|(link, _)| link.name == format!("input→{to}"))
            .map(|(_, s)| s.weights.clone())
            .unwrap()
    };
    let before = [
        weights(&mut app, "learner_fast"),
        weights(&mut app, "learner_slow"),
    ];
    common::run_steps(&mut app, steps);
    let after = [
        weights(&mut app, "learner_fast"),
        weights(&mut app, "learner_slow"),
    ];
    let change = |k: usize| {
        before[k]
            .iter()
            .zip(&after[k])
            .map(|(a, b)| f64::from((a - b).abs()))
            .sum::<f64>()
    };
    let metrics = app.world().resource::<Metrics>().clone();
    let levels = app.world().resource::<ModulatorLevels>().clone();
    for modulator in ["serotonin", "acetylcholine"] {
        let levels = metrics.values_in(&MODULATOR_LEVEL, modulator).unwrap();
        // 50 sources at 20 Hz, 0.01 a spike, τ = 100 ms: a mean level of 0.01·50·20·0.1 = 1,
        // reached after a few τ (rows every 100 ms; the first two left out).
        let settled = &levels[2..];
        let mean = settled.iter().sum::<f64>() / settled.len() as f64;
        let released = metrics.values_in(&RATE_HZ, "forebrain").unwrap()[0] > 0.0;
        if released {
            assert!((mean - 1.0).abs() < 0.15, "{modulator}: mean level {mean}");
        }
    }
    let rate = move |region: &str| {
        let values = metrics.values_in(&RATE_HZ, region).unwrap();
        values.iter().sum::<f64>() / values.len() as f64
    };
    (rate, [change(0), change(1)], levels)
}

#[test]
fn each_modulator_acts_where_the_scene_says_and_not_once_its_source_is_silent() {
    let path = common::root().join(SCENE);
    let (rate, learnt, levels) = run(&path, 10_000);
    // 50 sources at 20 Hz, 0.01 a spike, τ 100 ms: a level near 1.
    for level in [levels.acetylcholine, levels.serotonin] {
        assert!((0.5..2.0).contains(&level), "{levels:?}");
    }
    let (attended, unattended) = (rate("attended"), rate("unattended"));
    println!(
        "levels {levels:?}; attended {attended:.1} Hz, unattended {unattended:.1} Hz; calm {:.1} Hz, restless {:.1} Hz; weights moved {:.1} (acetylcholine) and {:.1}",
        rate("calm"),
        rate("restless"),
        learnt[0],
        learnt[1]
    );
    assert!(
        attended > 2.0 * unattended,
        "gain: {attended} Hz against {unattended} Hz"
    );
    let (calm, restless) = (rate("calm"), rate("restless"));
    assert!(
        calm < 0.1 * restless,
        "noise: {calm} Hz against {restless} Hz"
    );
    assert!(
        learnt[0] > 1.5 * learnt[1],
        "learning rate: weights moved {} against {}",
        learnt[0],
        learnt[1]
    );

    // The ablation: the forebrain and raphe silent, so no level rises. The modulated regions
    // and projection (the same neurons and synapses) lose their effect; the others are
    // untouched, bit for bit.
    let dir = tempfile::tempdir().unwrap();
    let silent = dir.path().join("silent.ron");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "model: Poisson((rate_hz: 20.0)),\n         releases",
        "model: Poisson((rate_hz: 0.0)),\n         releases",
    );
    assert_eq!(
        text.matches("rate_hz: 0.0").count(),
        2,
        "both sources silenced"
    );
    std::fs::write(&silent, text).unwrap();
    let (ablated, ablated_learnt, levels) = run(&silent, 10_000);
    assert_eq!((levels.acetylcholine, levels.serotonin), (0.0, 0.0));
    println!(
        "silenced: attended {:.1} Hz, unattended {:.1} Hz; calm {:.1} Hz, restless {:.1} Hz; weights moved {:.1} and {:.1}",
        ablated("attended"),
        ablated("unattended"),
        ablated("calm"),
        ablated("restless"),
        ablated_learnt[0],
        ablated_learnt[1]
    );
    assert!(
        ablated("attended") < 0.5 * attended,
        "gain without acetylcholine"
    );
    assert!(ablated("calm") > 5.0 * calm, "noise without serotonin");
    assert!(
        ablated_learnt[0] < 0.7 * learnt[0],
        "learning without acetylcholine"
    );
    assert_eq!(
        (
            ablated("unattended"),
            ablated("restless"),
            ablated_learnt[1]
        ),
        (unattended, restless, learnt[1]),
        "the unmodulated circuits do not depend on the modulators"
    );
}

#[test]
fn a_modulated_run_resumes_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::root().join(SCENE);
    let checkpoint = dir.path().join("mid.ckpt");
    let mut uninterrupted = common::headless_app(&path, Some(2));
    common::run_steps(&mut uninterrupted, 3_000);
    let mut first = common::headless_app(&path, Some(2));
    common::run_steps(&mut first, 1_234);
    save_checkpoint(first.world(), &checkpoint).unwrap();
    let setup = RunSetup::read(&path, false, None, Some(&checkpoint)).unwrap();
    let mut resumed = build_app(Mode::Headless);
    setup.apply(&mut resumed).unwrap();
    finish_plugins(&mut resumed);
    assert_eq!(
        resumed.world().resource::<ModulatorLevels>(),
        first.world().resource::<ModulatorLevels>()
    );
    common::run_steps(&mut resumed, 3_000 - 1_234);
    assert_eq!(
        common::metric_bits(&uninterrupted),
        common::metric_bits(&resumed)
    );
}
