//! Shared by the scene tests: the kinds the app registers, parsing with them, a test app.

#![allow(dead_code)]

use std::path::Path;
use std::sync::OnceLock;

use bevy::prelude::*;
use neurarium_cartpole::plugin::CartPolePlugin;
use neurarium_circuits::brain::plugin::CircuitsPlugin;
use neurarium_energy::prelude::EnergyPlugin;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::SpikingPlugin;
use neurarium_tasks::prelude::TasksPlugin;

/// An app with the simulation, scene, spiking, energy, circuit and task plugins (CartPole's
/// too), no scene loaded.
pub fn app() -> App {
    let mut app = App::new();
    app.add_plugins((
        SimPlugin,
        ScenePlugin { watch: false },
        SpikingPlugin,
        EnergyPlugin,
        CircuitsPlugin,
        TasksPlugin,
        CartPolePlugin,
    ));
    app
}

/// The tasks and network kinds those plugins register.
pub fn kinds() -> &'static SceneKinds {
    static KINDS: OnceLock<SceneKinds> = OnceLock::new();
    KINDS.get_or_init(|| app().world().resource::<SceneKinds>().clone())
}

/// Parses `source` as `scenes/test.ron`.
pub fn parse(source: &str) -> Result<SceneDocument, SceneError> {
    parse_scene(source, Path::new("scenes/test.ron"), kinds())
}
