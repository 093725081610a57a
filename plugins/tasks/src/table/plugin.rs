//! [`TablePlugin`]: what the table task adds to an app (one line in the tasks plugin).

use bevy::prelude::*;
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
            // A checkpoint written before the table task existed has none to restore.
            |_| Ok(()),
        )
        .register_task::<TableTask>();
    }
}
