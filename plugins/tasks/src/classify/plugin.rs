//! [`ClassifyPlugin`]: the classification task's registration and checkpoint section.

use bevy::prelude::*;

use crate::classify::classifier::Classifier;
use crate::classify::task::ClassifyTask;
use crate::plugin::{TaskState, register_task_with_state};

impl TaskState for Classifier {
    const SECTION: &'static str = "classify";
}

/// Registers the `Classify` task and its checkpoint section `classify` (the epoch's place,
/// the finished epochs' accuracies).
pub struct ClassifyPlugin;

impl Plugin for ClassifyPlugin {
    fn build(&self, app: &mut App) {
        // A checkpoint without the section (written before the task existed): the scene's
        // classifier, if any, starts its epoch afresh.
        register_task_with_state::<ClassifyTask, Classifier>(app);
    }
}
