//! [`TasksPlugin`]: every task, registered with one line each, and what episodic tasks share.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::car::manual::ManualDrive;
use crate::car::task::CarTask;
use crate::episodic::history::EpisodeHistory;

/// The task worlds. Add it after `SimPlugin` (and after the plugins whose checkpoint sections
/// should be restored first).
///
/// Registers each task ([`KindsAppExt::register_task`]); a task's systems are added by the
/// scene that uses it. Resources: the loaded scene's [`EpisodeHistory`] (checkpoint section
/// `episode history`) and [`ManualDrive`]. Checkpoint section: `car`.
pub struct TasksPlugin;

impl Plugin for TasksPlugin {
    fn build(&self, app: &mut App) {
        app.scene_resource::<EpisodeHistory>()
            .checkpoint_resource::<EpisodeHistory>("episode history")
            .init_resource::<ManualDrive>()
            .register_checkpoint_section(
                crate::car::checkpoint::SECTION,
                crate::car::checkpoint::save,
                crate::car::checkpoint::load,
            )
            .register_task::<CarTask>();
    }
}
