//! The step schedules stay unambiguous with every feature at once: every neuron model and spike
//! source, every readout, probes (from the scene and added at run time, as the window does),
//! background input, short-term plasticity, homeostasis, every learning rule and a car driven
//! by the network. The schedules are built with ambiguity detection as an error, so a pair of
//! systems touching the same data in no fixed order stops this test.

use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{StateProbe, schedule_all_probes};

use crate::common;

const EVERYTHING: &str = r#"Scene(
    name: "Everything",
    dt_ms: 0.5,
    run: (steps_per_episode: 20000, record_every_steps: 200),
    regions: [
        (name: "sensors", size: 40, model: Encoder((encoding: Population(inputs: 5, min: 0.0, max: 1.0, sigma: 0.0, max_rate_hz: 150.0)))),
        (name: "noise", size: 20, model: Poisson((rate_hz: 30.0))),
        (name: "lif", size: 20, model: Lif((bias_na: 1.0, dynamic_threshold: (adaptation_mv: 1.0))), probes: [0],
         poisson_input: Some((synapses: 10, rate_hz: 10.0, weight: 1.0)), readout: SpikeCounts(window_ms: 10.0)),
        (name: "coba", size: 20, model: Coba(()), probes: [1], readout: SynapticCurrent(tau_ms: 5.0)),
        (name: "izh", size: 20, model: Izhikevich((pattern: FastSpiking, bias: 5.0)), probes: [2], readout: Membrane),
        (name: "hh", size: 10, model: HodgkinHuxley((bias_ua_cm2: 10.0)), probes: [3], readout: Membrane),
        (name: "motor", size: 30, model: Lif((bias_na: 0.8)), readout: WinnerTakeAll(pools: 3, window_ms: 25.0)),
    ],
    projections: [
        (from: "noise", to: "lif", connectivity: FixedProbability(0.5), weight: Uniform(0.5, 1.5),
         short_term: TsodyksMarkram(()), plasticity: Stdp(())),
        (from: "lif", to: "coba", connectivity: FixedProbability(0.3), weight: Constant(1.0),
         homeostasis: Some(())),
        (from: "noise", to: "izh", connectivity: FixedProbability(0.3), weight: Constant(2.0), plasticity: Bcm(())),
        (from: "noise", to: "hh", connectivity: FixedProbability(0.3), weight: Constant(1.0)),
        (from: "sensors", to: "motor", connectivity: AllToAll, weight: Uniform(0.5, 1.5),
         plasticity: RewardStdp((learning_rate: 0.01))),
        (from: "lif", to: "motor", connectivity: FixedProbability(0.2), weight: Uniform(0.0, 0.5),
         plasticity: RewardStdp((dopamine: Some("side")))),
        (from: "motor", to: "motor", connectivity: LateralInhibition, weight: Constant(0.5), receptor: Inhibitory),
    ],
    task: Some(Car((
        curriculum: Some(()),
        learning_rate: PhaseDecay(()),
        controller: External,
        control_every_steps: 50,
        brain: Some((dopamine_clip: Some(1.0))),
    ))),
)"#;

#[test]
fn every_feature_at_once_builds_unambiguous_step_schedules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("everything.ron");
    std::fs::write(&path, EVERYTHING).unwrap();
    let mut app = common::headless_app(&path, Some(4));
    common::run_steps(&mut app, 2_000);
    // The window adds probes at run time and schedules every model's probe systems.
    let world = app.world_mut();
    schedule_all_probes(world);
    let lif = neurarium_spiking::prelude::Region::find(world, "motor")
        .unwrap()
        .0;
    world
        .entity_mut(lif)
        .insert(StateProbe::unrecorded(vec![5], 100));
    common::run_steps(&mut app, 500);
    let world = app.world();
    assert!(world.resource::<SimFault>().0.is_none());
    assert_eq!(world.get::<StateProbe>(lif).unwrap().steps.len(), 100);
    let metrics = world.resource::<Metrics>();
    assert_eq!(metrics.rows().len(), 12);
    let catalog = world.resource::<MetricCatalog>();
    for column in metrics.columns() {
        catalog
            .resolve(column)
            .unwrap_or_else(|e| panic!("every column is declared: {e}"));
    }
}
