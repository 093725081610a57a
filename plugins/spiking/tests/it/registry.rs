//! Every registered neuron model, spike source and learning rule does all its parts: the test
//! walks the registries ([`NeuronModel::examples`], [`Plasticity::examples`]), so a model or
//! rule added with a missing part fails here.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::network::checkpoint;
use neurarium_spiking::prelude::*;

use crate::common;

const DT_MS: f64 = 0.1;

/// A Poisson drive onto region `target` (a neuron model), strong enough to make it fire.
fn drive(target: &str) -> (RegionSpec, ProjectionSpec) {
    let source = RegionSpec {
        name: "drive".to_owned(),
        size: 50,
        model: NeuronModel::Poisson(PoissonParams {
            rate_hz: 200.0,
            ..PoissonParams::default()
        }),
        ..default()
    };
    let projection = ProjectionSpec {
        from: "drive".to_owned(),
        to: target.to_owned(),
        connectivity: Connectivity::AllToAll,
        weight: WeightInit::Constant(2.0),
        ..default()
    };
    (source, projection)
}

/// The `spiking` checkpoint section of `app`.
fn saved(app: &App) -> Vec<u8> {
    checkpoint::save(app.world()).unwrap()
}

/// Builds the network again in a fresh app, restores `bytes` and saves again.
fn round_trip(regions: &[RegionSpec], projections: &[ProjectionSpec], bytes: &[u8]) -> Vec<u8> {
    let (mut fresh, _) = common::network_app(regions, projections, DT_MS);
    checkpoint::load(fresh.world_mut(), bytes).unwrap();
    saved(&fresh)
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle.as_bytes())
}

#[test]
fn every_model_and_source_spawns_steps_probes_and_checkpoints() {
    let examples = NeuronModel::examples();
    assert_eq!(examples.len(), NeuronModel::NAMES.len());
    for model in examples {
        let name = model.state_name();
        model.validate(4).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!model.label().is_empty());
        let membrane = !model.is_source();
        let region = RegionSpec {
            name: "x".to_owned(),
            size: 4,
            probes: if membrane { vec![0] } else { vec![] },
            readout: if membrane {
                ReadoutKind::Membrane
            } else {
                ReadoutKind::SpikeCounts { window_ms: 1.0 }
            },
            model,
            ..default()
        };
        let (source, projection) = drive("x");
        let (regions, projections) = if membrane {
            (vec![region, source], vec![projection])
        } else {
            (vec![region], vec![])
        };
        let (mut app, entities) = common::network_app(&regions, &projections, DT_MS);
        app.insert_resource(Metrics::new(RecordEvery::Steps(100)));
        for _ in 0..300 {
            app.update();
        }
        assert!(app.world().resource::<SimFault>().0.is_none(), "{name}");
        let world = app.world();
        let port = world.get::<OutputPort>(entities[0]).unwrap();
        assert_eq!(port.values.len(), 4, "{name}: a readout port");
        if membrane {
            let probe = world.get::<StateProbe>(entities[0]).unwrap();
            assert_eq!(probe.steps.len(), 300, "{name}: probed every step");
            assert!(probe.traces[0].iter().all(|v| v.is_finite()), "{name}");
            let metrics = world.resource::<Metrics>();
            assert_eq!(
                metrics
                    .values_in(&neurarium_spiking::monitors::V_MV, "x/0")
                    .map(|v| v.len()),
                Some(3),
                "{name}: probe columns"
            );
            assert!(
                metrics
                    .values_in(&neurarium_spiking::monitors::MEAN_V_MV, "x")
                    .is_some()
            );
        }
        let bytes = saved(&app);
        assert!(
            contains(&bytes, name),
            "{name}: its state is in the checkpoint"
        );
        assert_eq!(round_trip(&regions, &projections, &bytes), bytes, "{name}");
    }
}

/// Rewards of +1 every 10 steps, for the reward-modulated rule.
fn reward(clock: Res<SimClock>, mut rewards: ResMut<Rewards>) {
    if clock.step.is_multiple_of(10) {
        rewards.send(1.0);
    }
}

#[test]
fn every_learning_rule_changes_weights_and_survives_a_checkpoint() {
    let examples = Plasticity::examples();
    assert!(examples.len() >= 3);
    for rule in examples {
        rule.validate().unwrap();
        let target = common::lif("post", 10, LifParams::default());
        let (source, mut projection) = drive("post");
        projection.weight = WeightInit::Constant(1.0);
        projection.plasticity = rule.clone();
        let regions = [target, source];
        let (mut app, _) = common::network_app(&regions, &[projection.clone()], DT_MS);
        app.add_systems(SimStep, reward.in_set(RewardSet::Score));
        let weights = |app: &mut App| {
            let world = app.world_mut();
            world
                .query::<&Synapses>()
                .single(world)
                .unwrap()
                .weights
                .clone()
        };
        let before = weights(&mut app);
        for _ in 0..3000 {
            app.update();
        }
        let after = weights(&mut app);
        assert_ne!(before, after, "{rule:?} changes weights");
        let bytes = saved(&app);
        assert_eq!(
            round_trip(&regions, &[projection], &bytes),
            bytes,
            "{rule:?}"
        );
        // Frozen, it keeps them.
        freeze_all(app.world_mut());
        for _ in 0..1000 {
            app.update();
        }
        assert_eq!(weights(&mut app), after, "{rule:?} frozen");
    }
}
