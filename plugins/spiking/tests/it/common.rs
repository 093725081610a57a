//! Shared by the spiking tests: a minimal app with the simulation core and the spiking engine.

// Each test file is its own crate and uses a different part of this module.
#![allow(dead_code)]

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::*;

/// An app stepping once per update with step `dt_ms`, and the network spawned in it.
pub fn network_app(
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
    dt_ms: f64,
) -> (App, Vec<Entity>) {
    let mut app = App::new();
    app.add_plugins((SimPlugin, SpikingPlugin))
        .insert_resource(Pacing::Unpaced {
            steps_per_update: 1,
        })
        .insert_resource(SimClock::new(dt_ms))
        .insert_resource(SimRng::seeded(9));
    let entities =
        spawn_network(app.world_mut(), regions, projections, dt_ms).expect("valid network");
    (app, entities)
}

/// A LIF region with the other fields at their defaults.
pub fn lif(name: &str, size: u32, params: LifParams) -> RegionSpec {
    RegionSpec {
        name: name.into(),
        size,
        model: NeuronModel::Lif(params),
        ..default()
    }
}

/// One neuron of `model` stepped `steps` times at `dt_ms`: the (0-based) steps at which it
/// fired, the app and the region entity.
pub fn single_neuron_spikes(model: NeuronModel, steps: u64, dt_ms: f64) -> (Vec<u64>, App, Entity) {
    let region = RegionSpec {
        name: "n".to_owned(),
        size: 1,
        model,
        ..default()
    };
    let (mut app, entities) = network_app(&[region], &[], dt_ms);
    let mut spikes = Vec::new();
    for step in 0..steps {
        app.update();
        if app
            .world()
            .get::<Spikes>(entities[0])
            .is_some_and(|s| !s.fired.is_empty())
        {
            spikes.push(step);
        }
    }
    (spikes, app, entities[0])
}
