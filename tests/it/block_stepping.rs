//! Block stepping ([`neurarium_sim::block`]) gives the same run as stepping one step at a time,
//! bit for bit: metrics, the whole checkpointed state, rasters and rate monitors. And it is
//! really used where a scene allows it, and not where it does not.

use crate::common;

use std::path::Path;

use bevy::prelude::*;
use neurarium::app::{Mode, RunSetup, build_app, finish_plugins};
use neurarium_scene::prelude::SceneFile;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::*;

/// What a run leaves that must not depend on how it was stepped.
#[derive(Debug, PartialEq)]
struct Outcome {
    metrics: (Vec<String>, Vec<Vec<u64>>),
    checkpoint: Vec<u8>,
    rasters: Vec<Vec<(u64, u32)>>,
    rate_bins: Vec<Vec<u32>>,
}

/// A region's index, raster events and rate bins (as bits).
type RegionMonitors = (u32, Vec<(u64, u32)>, Vec<u32>);

/// Runs `scene` (edited by `edit`) for `steps` steps; returns the outcome and the steps that
/// ran in blocks.
fn run(scene: &str, blocks: bool, steps: u64, edit: &impl Fn(&mut SceneFile)) -> (Outcome, u64) {
    let mut setup = RunSetup::read(&common::root().join("scenes").join(scene), true, None, None)
        .expect("scene loads");
    edit(&mut setup.scene.scene);
    let mut app = build_app(Mode::Headless);
    setup.apply(&mut app).expect("scene applies");
    finish_plugins(&mut app);
    app.world_mut().resource_mut::<BlockStepping>().enabled = blocks;
    common::run_steps(&mut app, steps);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("state.ckpt");
    save_checkpoint(app.world(), &path).unwrap();
    let world = app.world_mut();
    let mut monitors: Vec<RegionMonitors> = world
        .query::<(&Region, &SpikeRaster, &PopulationRate)>()
        .iter(world)
        .map(|(region, raster, rate)| {
            let events = raster.events.iter().copied().collect();
            let bins = rate.bins.iter().map(|r| r.to_bits()).collect();
            (region.index, events, bins)
        })
        .collect();
    monitors.sort_by_key(|m| m.0);
    let in_blocks = world.resource::<BlockStepping>().steps_in_blocks;
    let outcome = Outcome {
        metrics: common::metric_bits(&app),
        checkpoint: std::fs::read(&path).unwrap(),
        rasters: monitors.iter().map(|m| m.1.clone()).collect(),
        rate_bins: monitors.iter().map(|m| m.2.clone()).collect(),
    };
    (outcome, in_blocks)
}

/// Runs both ways; asserts the same outcome; returns the steps that ran in blocks.
fn same_both_ways(scene: &str, steps: u64, edit: impl Fn(&mut SceneFile)) -> u64 {
    let (stepped, none_in_blocks) = run(scene, false, steps, &edit);
    let (blocked, in_blocks) = run(scene, true, steps, &edit);
    assert_eq!(none_in_blocks, 0, "{scene}: blocks were off");
    assert!(
        stepped.rasters.iter().map(Vec::len).sum::<usize>() > 100,
        "{scene}: the network is active, so the comparison means something"
    );
    assert!(
        stepped == blocked,
        "{scene}: block stepping changed the run"
    );
    in_blocks
}

#[test]
fn default_scene_lif_and_poisson_sources() {
    let in_blocks = same_both_ways("small_network.ron", 4_000, |_| {});
    // Shortest delay 0.5 ms = 5 steps; a row every 500 steps and the 10,000-step episode
    // interrupt blocks, so nearly every step runs in one.
    assert!(
        in_blocks > 3_800,
        "only {in_blocks} of 4,000 steps in blocks"
    );
}

#[test]
fn brunel_lif_with_background_input() {
    let in_blocks = same_both_ways("brunel.ron", 600, |scene| {
        scene.regions.iter_mut().for_each(|r| r.size /= 20);
        for p in &mut scene.projections {
            if let Connectivity::FixedInDegree(k) = &mut p.connectivity {
                *k /= 20;
            }
        }
    });
    assert!(in_blocks > 500, "only {in_blocks} of 600 steps in blocks");
}

#[test]
fn conductance_based_lif_with_short_term_plasticity() {
    let in_blocks = same_both_ways("coba.ron", 1_500, |scene| {
        scene.regions.iter_mut().for_each(|r| r.size /= 2);
        for p in &mut scene.projections {
            p.delay_ms = 0.4;
            if let Connectivity::FixedProbability(q) = &mut p.connectivity {
                *q *= 2.0;
            }
        }
        scene.projections[0].short_term = ShortTermPlasticity::TsodyksMarkram(StpParams::default());
    });
    assert!(
        in_blocks > 1_000,
        "only {in_blocks} of 1,500 steps in blocks"
    );
}

#[test]
fn izhikevich_and_hodgkin_huxley_models() {
    let in_blocks = same_both_ways("small_network.ron", 3_000, |scene| {
        scene.regions[1].model = NeuronModel::Izhikevich(IzhikevichParams::default());
        scene.regions[2].model = NeuronModel::HodgkinHuxley(HodgkinHuxleyParams::default());
    });
    assert!(
        in_blocks > 2_500,
        "only {in_blocks} of 3,000 steps in blocks"
    );
}

#[test]
fn unequal_delays_sum_in_the_same_order() {
    // Three projections into one channel of `excitatory`, with delays of 5, 6 and 7 steps,
    // and a strong input: spikes from different steps of one block land in the same ring
    // slot, so the order of the additions (floating-point sums) is tested too.
    let in_blocks = same_both_ways("small_network.ron", 4_000, |scene| {
        if let NeuronModel::Poisson(input) = &mut scene.regions[0].model {
            input.rate_hz = 300.0;
        }
        for (p, delay_ms) in scene.projections.iter_mut().zip([0.5, 0.6, 0.5, 0.7]) {
            p.delay_ms = delay_ms;
        }
    });
    assert!(
        in_blocks > 3_500,
        "only {in_blocks} of 4,000 steps in blocks"
    );
}

#[test]
fn scenes_with_plasticity_or_a_task_step_one_by_one() {
    for scene in ["izhikevich_stdp.ron", "car.ron", "car_world.ron"] {
        let path = common::root().join("scenes").join(scene);
        assert!(Path::new(&path).exists());
        let mut app = common::headless_app(&path, None);
        common::run_steps(&mut app, 200);
        let stepping = app.world().resource::<BlockStepping>();
        assert_eq!(stepping.steps_in_blocks, 0, "{scene} ran steps in blocks");
    }
}
