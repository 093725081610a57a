//! One app for the window, headless runs and tests.
//!
//! [`build_app`] adds the same simulation plugins in every [`Mode`] — `SimPlugin`, then
//! `ScenePlugin`, then `SpikingPlugin`, then `TasksPlugin` (this order is the order checkpoint
//! sections are restored in) — and only the window adds Bevy's windowing, rendering and the panels.
//! [`RunSetup::apply`] then builds a scene into the app and, when resuming, restores a
//! checkpoint over it.

use std::path::Path;

use bevy::prelude::*;
use neurarium_scene::checkpoint::scene_from_checkpoint;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_spiking::prelude::SpikingPlugin;
use neurarium_tasks::prelude::TasksPlugin;

use crate::error::AppError;

/// How the app is driven.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The visualizer: a window, panels, a clock paced by the user's speed.
    Window,
    /// No window, GPU or audio; the caller drives `App::update`, each running a batch of steps.
    Headless,
}

/// Builds the app for `mode`, with no scene loaded yet.
pub fn build_app(mode: Mode) -> App {
    let mut app = App::new();
    match mode {
        Mode::Headless => {
            app.add_plugins(MinimalPlugins);
        }
        Mode::Window => {
            #[cfg(feature = "window")]
            crate::window::add_window_plugins(&mut app);
            #[cfg(not(feature = "window"))]
            panic!(
                "this build has no window: rebuild with the `window` feature or use --no-render"
            );
        }
    }
    app.add_plugins((
        SimPlugin,
        ScenePlugin {
            watch: mode == Mode::Window,
        },
        SpikingPlugin,
        TasksPlugin,
    ));
    app.insert_resource(match mode {
        Mode::Window => Pacing::Paced,
        Mode::Headless => Pacing::Unpaced {
            steps_per_update: 1000,
        },
    });
    app
}

/// What to load into a freshly built app.
#[derive(Debug, Clone)]
pub struct RunSetup {
    /// The validated scene.
    pub scene: SceneDocument,
    /// `--seed`, overriding the scene's.
    pub seed: Option<u64>,
    /// Metrics cadence, overriding the scene's.
    pub record: Option<RecordEvery>,
    /// A checkpoint to resume from.
    pub checkpoint: Option<CheckpointFile>,
    /// Learning off: every plastic projection is frozen (`--learning-off`, `--eval`).
    pub learning_off: bool,
    /// Evaluation (`--eval`): a car drives its curriculum's last track, from the start.
    pub evaluate_final_phase: bool,
}

impl RunSetup {
    /// Reads the scene (and checkpoint, if any). With a checkpoint and no explicit scene, the
    /// checkpoint's own scene and seed are used.
    pub fn read(
        scene: &Path,
        scene_given: bool,
        seed: Option<u64>,
        load: Option<&Path>,
    ) -> Result<Self, AppError> {
        let checkpoint = load.map(read_checkpoint).transpose()?;
        let (scene, seed) = match &checkpoint {
            Some(file) if !scene_given => {
                let (document, saved_seed) = scene_from_checkpoint(file)?;
                (document, Some(seed.unwrap_or(saved_seed)))
            }
            _ => (load_scene_file(scene)?, seed),
        };
        Ok(Self {
            scene,
            seed,
            record: None,
            checkpoint,
            learning_off: false,
            evaluate_final_phase: false,
        })
    }

    /// Builds the scene into `app` and restores the checkpoint, if any.
    pub fn apply(&self, app: &mut App) -> Result<(), AppError> {
        let world = app.world_mut();
        apply_scene(world, &self.scene, self.seed, self.record);
        if let Some(file) = &self.checkpoint {
            restore_checkpoint(world, file)?;
            if let Some(record) = self.record {
                world.resource_mut::<Metrics>().set_every(record);
            }
        }
        if self.learning_off {
            neurarium_spiking::stdp::freeze_all(world);
        }
        if self.evaluate_final_phase {
            neurarium_tasks::car::curriculum::start_final_phase(world);
        }
        Ok(())
    }
}

/// Makes a built app ready to `update` by hand (what `App::run` does before its loop).
pub fn finish_plugins(app: &mut App) {
    while app.plugins_state() == bevy::app::PluginsState::Adding {
        bevy::tasks::tick_global_task_pools_on_main_thread();
    }
    app.finish();
    app.cleanup();
}
