//! [`TasksPlugin`]: every task, added with one line each, and what episodic tasks share.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{LoadSection, SaveSection, keep_scene_state};
use neurarium_sim::prelude::*;

use crate::car::plugin::CarPlugin;
use crate::classify::plugin::ClassifyPlugin;
use crate::episodic::history::EpisodeHistory;
use crate::grid::plugin::GridPlugin;
use crate::table::plugin::TablePlugin;

/// The task worlds. Add it after `SimPlugin` (and after the plugins whose checkpoint sections
/// should be restored first).
///
/// Adds each task's plugin, which registers the task ([`KindsAppExt::register_task`]) and its
/// checkpoint section; a task's systems are added by the scene that uses it. Shared: the
/// loaded scene's [`EpisodeHistory`] (checkpoint section `episode history`, restored before
/// the tasks' own sections).
pub struct TasksPlugin;

impl Plugin for TasksPlugin {
    fn build(&self, app: &mut App) {
        app.scene_resource::<EpisodeHistory>()
            .checkpoint_resource::<EpisodeHistory>("episode history")
            .add_plugins((CarPlugin, ClassifyPlugin, GridPlugin, TablePlugin));
    }
}

/// Registers task `T` and its checkpoint section `section`, optional: a checkpoint written
/// before the section existed loads, and the scene's own task state is kept.
pub fn register_task_with_section<T: Task>(
    app: &mut App,
    section: &'static str,
    save: SaveSection,
    load: LoadSection,
) {
    app.register_optional_checkpoint_section(section, save, load, keep_scene_state)
        .register_task::<T>();
}
