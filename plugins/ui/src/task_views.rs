//! Task views: the panel a task draws of its world, above the raster.
//!
//! A task's panel is an ordinary Bevy system that takes the egui `Ui` to draw into
//! (`InMut<egui::Ui>`) and queries whatever it shows; one line registers it for the task
//! ([`TaskViewAppExt::add_task_view`]). The window draws the view of the loaded scene's task,
//! and beside it, for a task that trains in episodes, the shared learning panel
//! ([`crate::learning`]).

use std::collections::HashMap;

use bevy::ecs::system::{InMut, SystemId};
use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_sim::prelude::Task;

/// A panel system: draws into the `Ui` it is given.
pub type PanelSystem = SystemId<InMut<'static, egui::Ui>>;

/// The registered views, by task name.
#[derive(Resource, Debug, Default)]
pub struct TaskViews(HashMap<&'static str, PanelSystem>);

impl TaskViews {
    /// The view of the task called `name`, if one is registered.
    pub fn of(&self, name: &str) -> Option<PanelSystem> {
        self.0.get(name).copied()
    }
}

/// Registering task views from a plugin's `build`: one line per task.
pub trait TaskViewAppExt {
    /// Draws `view` for task `T`.
    fn add_task_view<T: Task, M>(
        &mut self,
        view: impl IntoSystem<InMut<'static, egui::Ui>, (), M> + 'static,
    ) -> &mut Self;
}

impl TaskViewAppExt for App {
    fn add_task_view<T: Task, M>(
        &mut self,
        view: impl IntoSystem<InMut<'static, egui::Ui>, (), M> + 'static,
    ) -> &mut Self {
        let id = self.world_mut().register_system(view);
        self.world_mut()
            .get_resource_or_init::<TaskViews>()
            .0
            .insert(T::NAME, id);
        self
    }
}
