//! [`GridPlugin`]: what the grid world adds to an app (one line in the tasks plugin).

use bevy::prelude::*;
use neurarium_sim::checkpoint::keep_scene_state;
use neurarium_sim::prelude::*;

use super::task::GridTask;

/// Registers the grid task ([`GridTask`]) and its checkpoint section (`grid`, optional: older
/// checkpoints lack it); its systems are
/// added by the scene that uses it.
pub struct GridPlugin;

impl Plugin for GridPlugin {
    fn build(&self, app: &mut App) {
        app.register_optional_checkpoint_section(
            super::checkpoint::SECTION,
            super::checkpoint::save,
            super::checkpoint::load,
            keep_scene_state,
        )
        .register_task::<GridTask>();
    }
}
