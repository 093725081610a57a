//! Every shipped scene loads, validates and runs headless for a few hundred steps (or to the
//! end of its first episode, for a task that scores only then) without faults: with spikes
//! where it has regions, with the car moving where it has a car task.

use crate::common;

use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::RATE_HZ;
use neurarium_spiking::prelude::{Region, Spikes};

/// The longest a scene runs to the first row after its first episode.
const FIRST_EPISODE_STEPS: u64 = 40_000;

#[test]
fn every_shipped_scene_runs_headless() {
    let scenes = common::shipped_scenes();
    assert!(!scenes.is_empty(), "scenes/ holds at least one scene");
    for path in scenes {
        let mut app = common::headless_app(&path, None);
        // A few hundred steps, and at least one metrics row.
        let steps = app
            .world()
            .resource::<neurarium_scene::prelude::LoadedScene>()
            .document
            .scene
            .run
            .record_every_steps
            .max(500);
        common::run_steps(&mut app, steps);
        let world = app.world_mut();
        assert_eq!(
            world.resource::<SimClock>().step,
            steps,
            "{}",
            path.display()
        );
        assert!(
            world.resource::<SimFault>().0.is_none(),
            "{}",
            path.display()
        );
        let scene = world
            .resource::<neurarium_scene::prelude::LoadedScene>()
            .document
            .scene
            .clone();
        // A task that scores only at an episode's end (a rhythm's analysis window, a memory
        // session) runs on to the end of its first episode.
        let scores_yet = |app: &bevy::prelude::App| {
            app.world().resource::<ActiveTask>().0.is_none_or(|task| {
                app.world()
                    .resource::<Metrics>()
                    .values(&task.outcome().score)
                    .is_some_and(|s| s.iter().any(|s| s.is_finite() && *s != 0.0))
            })
        };
        while !scores_yet(&app) && app.world().resource::<SimClock>().step < FIRST_EPISODE_STEPS {
            common::run_steps(&mut app, steps);
        }
        let world = app.world_mut();
        let metrics = world.resource::<Metrics>().clone();
        assert!(
            !metrics.rows().is_empty(),
            "{} records metrics",
            path.display()
        );
        if let Some(task) = world.resource::<ActiveTask>().0 {
            let scores = metrics.values(&task.outcome().score).unwrap();
            assert!(
                scores.iter().any(|s| s.is_finite() && *s != 0.0),
                "{}: the task scores something",
                path.display()
            );
        }
        if scene.regions.is_empty() {
            assert!(
                scene.task.is_some(),
                "{} has regions or a task",
                path.display()
            );
            continue;
        }
        let mut regions = world.query::<(&Region, &Spikes)>();
        assert!(
            regions.iter(world).count() > 0,
            "{} has regions",
            path.display()
        );
        let total_rate: f64 = metrics
            .family_columns(&RATE_HZ)
            .into_iter()
            .flat_map(|(_, index)| metrics.values_at(index))
            .sum();
        assert!(total_rate > 0.0, "{} produces spikes", path.display());
    }
}

#[test]
fn default_scene_is_active_but_not_saturated() {
    let mut app = common::headless_app(&common::root().join(common::SMALL_NETWORK), None);
    common::run_steps(&mut app, 10_000);
    let metrics = app.world().resource::<Metrics>();
    for region in ["excitatory", "inhibitory"] {
        let rates = metrics.values_in(&RATE_HZ, region).expect("rate column");
        let mean = rates.iter().sum::<f64>() / rates.len() as f64;
        assert!((1.0..150.0).contains(&mean), "{region} fires at {mean} Hz");
    }
}

#[test]
fn input_on_the_soma_fires_a_compartmental_neuron_that_the_same_input_on_its_dendrite_does_not() {
    use neurarium_spiking::monitors::{MEAN_V_MV, RATE_HZ};
    let mut app = common::headless_app(&common::root().join("scenes/dendrites.ron"), None);
    common::run_steps(&mut app, 10_000);
    let metrics = app.world().resource::<neurarium_sim::prelude::Metrics>();
    let mean = |family, region: &str| {
        let values = metrics.values_in(family, region).unwrap();
        values.iter().sum::<f64>() / values.len() as f64
    };
    let (distal, middle, somatic) = (
        mean(&RATE_HZ, "distal"),
        mean(&RATE_HZ, "middle"),
        mean(&RATE_HZ, "somatic"),
    );
    // The input reaches every soma (above the rest of −65 mV), but only on the soma does it fire
    // the neuron (distal 0, middle 0, somatic about 20 Hz in the scene's runs).
    let distal_v = mean(&MEAN_V_MV, "distal");
    assert!(
        distal_v > -64.0,
        "the distal input does not reach the soma: {distal_v} mV"
    );
    assert!(
        somatic > 5.0 && distal < 0.2 * somatic && middle < 0.2 * somatic,
        "rates: distal {distal} Hz, middle {middle} Hz, somatic {somatic} Hz"
    );
}
