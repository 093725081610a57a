//! [`GridPlugin`]: what the grid world adds to an app (one line in the tasks plugin).

use bevy::prelude::*;

use crate::plugin::register_task_with_section;

use super::task::GridTask;

/// Registers the grid task ([`GridTask`]) and its checkpoint section (`grid`, optional: older
/// checkpoints lack it); its systems are
/// added by the scene that uses it.
pub struct GridPlugin;

impl Plugin for GridPlugin {
    fn build(&self, app: &mut App) {
        register_task_with_section::<GridTask>(
            app,
            super::checkpoint::SECTION,
            super::checkpoint::save,
            super::checkpoint::load,
        );
    }
}
