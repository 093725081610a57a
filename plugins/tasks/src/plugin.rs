//! [`TasksPlugin`]: every task, added with one line each, and what episodic tasks share.

use bevy::ecs::component::Mutable;
use bevy::prelude::*;
use neurarium_sim::checkpoint::{
    CheckpointError, LoadSection, SaveSection, decode, encode, keep_scene_state,
};
use neurarium_sim::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::car::plugin::CarPlugin;
use crate::classify::plugin::ClassifyPlugin;
use crate::episodic::history::EpisodeHistory;
use crate::grid::plugin::GridPlugin;
use crate::regress::plugin::RegressPlugin;
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
            .add_plugins((
                CarPlugin,
                ClassifyPlugin,
                GridPlugin,
                RegressPlugin,
                TablePlugin,
            ));
        register_task_with_state::<
            crate::pavlov::task::PavlovTask,
            crate::pavlov::conditioning::Conditioning,
        >(app);
        register_task_with_state::<
            crate::recall::task::RecallTask,
            crate::recall::session::RecallSession,
        >(app);
        register_task_with_state::<
            crate::rhythms::task::RhythmsTask,
            crate::rhythms::recording::RateRecording,
        >(app);
        app.declare_metrics(
            &[],
            &[
                crate::rhythms::columns::PEAK_HZ,
                crate::rhythms::columns::PROMINENCE,
            ],
        );
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

/// A task's component saved whole in its own checkpoint section (the scene rebuilds the rest,
/// such as the data files, at load).
pub trait TaskState:
    Component<Mutability = Mutable> + Clone + Serialize + DeserializeOwned
{
    /// The section's name in checkpoint files.
    const SECTION: &'static str;
}

/// Encodes the world's first `S`, if there is one.
fn save_state<S: TaskState>(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let state = world
        .try_query::<&S>()
        .and_then(|mut states| states.iter(world).next().cloned());
    encode(S::SECTION, &state)
}

/// Puts a saved `S` over the scene's.
fn load_state<S: TaskState>(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<S> = decode(S::SECTION, bytes)?;
    if let (Some(saved), Some(mut state)) = (saved, world.query::<&mut S>().iter_mut(world).next())
    {
        *state = saved;
    }
    Ok(())
}

/// Registers task `T` with its component `S` as its (optional) checkpoint section.
pub fn register_task_with_state<T: Task, S: TaskState>(app: &mut App) {
    register_task_with_section::<T>(app, S::SECTION, save_state::<S>, load_state::<S>);
    app.world_mut().register_component::<S>();
}
