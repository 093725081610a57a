//! Runaway values stop the run with an error naming region and step.

use crate::common;

use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::{LifNeurons, Region};

const EXPLODING: &str = r#"Scene(
    name: "exploding",
    dt_ms: 1.0,
    regions: [
        (name: "drive", size: 40, model: Poisson((rate_hz: 1000.0))),
        (name: "victim", size: 2, model: Lif(())),
    ],
    projections: [
        (from: "drive", to: "victim", connectivity: AllToAll, weight: Constant(3.0e38)),
    ],
)"#;

#[test]
fn overflowing_input_stops_the_run_naming_region_and_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exploding.ron");
    std::fs::write(&path, EXPLODING).unwrap();
    let mut app = common::headless_app(&path, None);
    for _ in 0..5 {
        app.update();
    }
    let world = app.world();
    let fault = world
        .resource::<SimFault>()
        .0
        .clone()
        .expect("a fault stops the run");
    assert_eq!(fault.region, "victim");
    // Spikes at step 0 arrive after the 1-step delay: step 1 is the first with input.
    assert_eq!(fault.step, 1);
    assert_eq!(
        world.resource::<SimClock>().step,
        2,
        "no step after the faulty one"
    );
    assert!(
        fault
            .to_string()
            .contains("runaway value in region 'victim' at step 1"),
        "{fault}"
    );
}

#[test]
fn nan_state_is_caught_at_the_next_step() {
    let mut app = common::headless_app(&common::root().join(common::SMALL_NETWORK), None);
    common::run_steps(&mut app, 100);
    let world = app.world_mut();
    let mut query = world.query::<(&Region, &mut LifNeurons)>();
    for (region, mut lif) in query.iter_mut(world) {
        if region.name == "inhibitory" {
            lif.refractory_left[7] = 0;
            lif.v[7] = f32::NAN;
        }
    }
    world.resource_mut::<SimControl>().stop_at_step = Some(110);
    app.update();
    let fault = app.world().resource::<SimFault>().0.clone().expect("fault");
    assert_eq!(
        app.world().resource::<SimClock>().step,
        101,
        "no step after the faulty one"
    );
    assert_eq!((fault.region.as_str(), fault.step), ("inhibitory", 100));
    assert!(fault.what.contains("neuron 7"), "{fault}");
}
