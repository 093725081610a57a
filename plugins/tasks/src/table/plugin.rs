//! [`TablePlugin`]: what the table task adds to an app (one line in the tasks plugin).

use bevy::prelude::*;
use neurarium_sim::checkpoint::keep_scene_state;
use neurarium_sim::prelude::*;

use super::task::TableTask;

/// Registers the table task ([`TableTask`]) and its checkpoint section (`table`, optional);
/// its systems are added by the scene that uses it.
pub struct TablePlugin;

impl Plugin for TablePlugin {
    fn build(&self, app: &mut App) {
        app.register_optional_checkpoint_section(
            super::checkpoint::SECTION,
            super::checkpoint::save,
            super::checkpoint::load,
            keep_scene_state,
        )
        .register_task::<TableTask>();
    }
}
