//! Structural plasticity through its scenes, as a user runs them: `scenes/growth.ron` grows,
//! prunes and loses silent neurons, and a run resumed from a checkpoint goes on bit for bit;
//! the grown grid brain (`scenes/grid_5x5_grown.ron`) learns short paths from its seed, with
//! learning off it neither learns nor grows. (The ten-seed comparison with the fixed brain is
//! `sweeps/grid_grown.ron` and `sweeps/table_iris_grown.ron`.)

use neurarium::app::RunSetup;
use neurarium_sim::prelude::*;
use neurarium_spiking::growth::neurons::GrowingRegion;
use neurarium_spiking::growth::rewiring::Rewiring;
use neurarium_spiking::monitors::{NEURONS, SYNAPSES};
use neurarium_tasks::grid::columns;

use crate::common;

#[test]
fn the_growth_scene_gains_neurons_and_synapses_and_loses_some_of_both() {
    let path = common::root().join("scenes/growth.ron");
    let mut app = common::headless_app(&path, None);
    common::run_steps(&mut app, 20_000);
    let world = app.world_mut();
    let growing = world
        .query::<&GrowingRegion>()
        .single(world)
        .unwrap()
        .clone();
    let rewiring = world.query::<&Rewiring>().single(world).unwrap().clone();
    println!(
        "born {}, died {}, alive {}; synapses made {}, removed {}",
        growing.born, growing.died, growing.alive_count, rewiring.made, rewiring.removed
    );
    assert!(growing.born >= 100, "from 40 towards the cap of 160");
    assert!(growing.died >= 1 && growing.alive_count <= 160);
    assert!(rewiring.made > 1000 && rewiring.removed > 100);
    let metrics = app.world().resource::<Metrics>();
    let neurons = metrics.values_in(&NEURONS, "cortex").unwrap();
    let synapses = metrics.values_in(&SYNAPSES, "input→cortex").unwrap();
    assert!(neurons[0] < neurons[neurons.len() - 1], "{neurons:?}");
    assert!(
        synapses.iter().all(|&s| s <= 3000.0),
        "the cap: {synapses:?}"
    );
}

#[test]
fn a_growing_run_resumes_bit_for_bit() {
    let dir = tempfile::tempdir().unwrap();
    common::assert_resumes_bit_for_bit(
        &common::root().join("scenes/growth.ron"),
        3_456,
        8_000,
        &dir.path().join("mid.ckpt"),
    );
}

/// The last `n` episodes' share that reached the goal, and the motor neurons alive at the end.
fn grown_grid(seed: u64, learning_off: bool, episodes: u64, n: usize) -> (f64, f64) {
    let path = common::root().join("scenes/grid_5x5_grown.ron");
    let mut setup = RunSetup::read(&path, true, Some(seed), None).unwrap();
    setup.learning_off = learning_off;
    let app = common::run_episodes(setup, episodes);
    let metrics = app.world().resource::<Metrics>();
    let reached = metrics.values(&columns::REACHED).unwrap();
    let last = &reached[reached.len() - n..];
    let neurons = metrics.values_in(&NEURONS, "motor").unwrap();
    (
        last.iter().sum::<f64>() / n as f64,
        neurons[neurons.len() - 1],
    )
}

#[test]
fn the_grown_grid_brain_learns_from_its_seed_and_with_learning_off_neither_learns_nor_grows() {
    for seed in [4, 5] {
        let (trained, grown) = grown_grid(seed, false, 500, 100);
        let (off, seed_size) = grown_grid(seed, true, 100, 100);
        assert!(trained > 0.95, "seed {seed}: trained reached {trained}");
        assert!(off < 0.8, "seed {seed}: learning off reached {off}");
        assert!(grown > 8.0, "seed {seed}: the motor region grew to {grown}");
        assert_eq!(seed_size, 8.0, "seed {seed}: no growth with learning off");
    }
}
