//! [`TablePlugin`]: what the table task adds to an app (one line in the tasks plugin).

use bevy::prelude::*;

use crate::plugin::register_task_with_section;

use super::task::TableTask;

/// Registers the table task ([`TableTask`]) and its checkpoint section (`table`, optional);
/// its systems are added by the scene that uses it.
pub struct TablePlugin;

impl Plugin for TablePlugin {
    fn build(&self, app: &mut App) {
        register_task_with_section::<TableTask>(
            app,
            super::checkpoint::SECTION,
            super::checkpoint::save,
            super::checkpoint::load,
        );
    }
}
