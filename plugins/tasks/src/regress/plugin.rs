//! [`RegressPlugin`]: the regression task's registration and checkpoint section.

use bevy::prelude::*;

use crate::plugin::{TaskState, register_task_with_state};
use crate::regress::regressor::Regressor;
use crate::regress::task::RegressTask;

impl TaskState for Regressor {
    const SECTION: &'static str = "regress";
}

/// Registers the `Regress` task and its checkpoint section `regress` (the epoch's place and
/// error sums, the finished epochs' scores).
pub struct RegressPlugin;

impl Plugin for RegressPlugin {
    fn build(&self, app: &mut App) {
        register_task_with_state::<RegressTask, Regressor>(app);
    }
}
