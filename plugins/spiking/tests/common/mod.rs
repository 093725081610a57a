//! Shared by the spiking tests: a minimal app with the simulation core and the spiking engine.

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
