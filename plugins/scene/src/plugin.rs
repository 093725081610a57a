//! [`ScenePlugin`]: the `scene` checkpoint section and, in the window, hot reload and opening
//! a picked scene or checkpoint.

use bevy::prelude::*;
use neurarium_sim::prelude::CheckpointAppExt;

use crate::load::SceneDocument;
use crate::open::{OpenRequest, OpenStatus, open_requested};
use crate::reload::{SceneReloadStatus, reload_changed_scene};

/// The scene the world was built from.
#[derive(Resource, Debug, Clone)]
pub struct LoadedScene {
    /// The validated document.
    pub document: SceneDocument,
    /// The seed actually used (the scene's, or `--seed`).
    pub seed: u64,
}

/// Registers the `scene` checkpoint section (before the sections of the network, so a
/// mismatched checkpoint is refused first). With `watch` (the window), polls the scene file
/// for edits and opens what the pickers ask for.
/// Add it after `SimPlugin` and before `SpikingPlugin`.
pub struct ScenePlugin {
    /// Reload the scene file when it changes (window mode).
    pub watch: bool,
}

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SceneReloadStatus>()
            .init_resource::<OpenRequest>()
            .init_resource::<OpenStatus>()
            .register_checkpoint_section(
                crate::checkpoint::SECTION,
                crate::checkpoint::save,
                crate::checkpoint::load,
            );
        if self.watch {
            app.add_systems(
                Update,
                (open_requested, reload_changed_scene)
                    .chain()
                    .before(neurarium_sim::clock::drive_simulation),
            );
        }
    }
}
