//! Every shipped scene loads, validates and runs headless for a few hundred steps without
//! faults: with spikes where it has regions, with the car moving where it has a car task.

use crate::common;

use neurarium_sim::prelude::*;
use neurarium_spiking::monitors::RATE_HZ;
use neurarium_spiking::prelude::{Region, Spikes};

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
