//! One app for the window, headless runs and tests.
//!
//! [`build_app`] adds the same simulation plugins in every [`Mode`] — `SimPlugin`, then
//! `ScenePlugin`, then `SpikingPlugin`, then `EnergyPlugin`, then `CircuitsPlugin`, then `TasksPlugin`, then `CartPolePlugin` (this order is the order checkpoint
//! sections are restored in) — and only the window adds Bevy's windowing, rendering and the panels.
//! [`RunSetup::apply`] then builds a scene into the app and, when resuming, restores a
//! checkpoint over it. Everything task- or brain-specific goes through the registered kinds
//! ([`SceneKinds`]): learning off freezes every network kind, `--eval` puts the scene's task in
//! its evaluation setting, `--control` runs one of the task's controls.

use std::path::Path;

use bevy::prelude::*;
use neurarium_cartpole::plugin::CartPolePlugin;
use neurarium_cartpole::replay::ActionReplay;
use neurarium_circuits::brain::plugin::CircuitsPlugin;
use neurarium_energy::prelude::EnergyPlugin;
use neurarium_scene::checkpoint::scene_from_checkpoint;
use neurarium_scene::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_sim::protocol::registry::{AnyControl, TaskEntry};
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
        EnergyPlugin,
        CircuitsPlugin,
        TasksPlugin,
        CartPolePlugin,
    ));
    app.insert_resource(match mode {
        Mode::Window => Pacing::Paced,
        Mode::Headless => Pacing::Unpaced {
            steps_per_update: 1000,
        },
    });
    app
}

/// Plugins added after the app's own: tasks and network kinds outside the shipped crates (a
/// test's example task, say); [`no_extra_plugins`] adds nothing.
pub type ExtraPlugins = fn(&mut App);

/// Adds no plugins.
pub fn no_extra_plugins(_: &mut App) {}

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
    /// Learning off: every network keeps its weights (`--learning-off`, `--eval`).
    pub learning_off: bool,
    /// Evaluation (`--eval`): the task is put in its evaluation setting.
    pub evaluate: bool,
    /// Files the task evaluates on instead of its own (`--eval-data`).
    pub eval_data: Vec<std::path::PathBuf>,
    /// An action file CartPole replays (`--actions`), and where its states go.
    pub actions: Option<ActionReplay>,
    /// Plugins of kinds the scene may use beyond the app's own.
    pub extra_plugins: ExtraPlugins,
    /// The tasks and network kinds the scene was read with (those plugins registered).
    kinds: SceneKinds,
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
        Self::read_with(no_extra_plugins, scene, scene_given, seed, load)
    }

    /// [`Self::read`] for an app with `extra_plugins` added.
    pub fn read_with(
        extra_plugins: ExtraPlugins,
        scene: &Path,
        scene_given: bool,
        seed: Option<u64>,
        load: Option<&Path>,
    ) -> Result<Self, AppError> {
        let kinds = scene_kinds(extra_plugins);
        let checkpoint = load.map(read_checkpoint).transpose()?;
        let (scene, seed) = match &checkpoint {
            Some(file) if !scene_given => {
                let (document, saved_seed) = scene_from_checkpoint(file, &kinds)?;
                (document, Some(seed.unwrap_or(saved_seed)))
            }
            _ => (load_scene_file(scene, &kinds)?, seed),
        };
        Ok(Self {
            scene,
            seed,
            record: None,
            checkpoint,
            learning_off: false,
            evaluate: false,
            eval_data: Vec::new(),
            actions: None,
            extra_plugins,
            kinds,
        })
    }

    /// A fresh app for this setup: [`build_app`] with the extra plugins.
    pub fn build_app(&self, mode: Mode) -> App {
        let mut app = build_app(mode);
        (self.extra_plugins)(&mut app);
        app
    }

    /// The registered entry of the scene's task, if it has one.
    pub fn task(&self) -> Option<TaskEntry> {
        let task = self.scene.scene.task.as_ref()?;
        self.kinds.task(task.kind()).copied()
    }

    /// The controls the scene's task declares (empty without a task).
    pub fn controls(&self) -> Vec<AnyControl> {
        self.task().map(|task| task.controls()).unwrap_or_default()
    }

    /// Runs the task's control `name` instead of the scene as written: its change to the task
    /// section, and learning off if it says so.
    pub fn use_control(&mut self, name: &str) -> Result<(), AppError> {
        let controls = self.controls();
        let control = controls.iter().find(|c| c.name == name).ok_or_else(|| {
            let names: Vec<String> = controls.iter().map(|c| format!("'{}'", c.name)).collect();
            AppError::Usage(if names.is_empty() {
                format!(
                    "--control {name}: scene {} has no task, so no controls",
                    self.scene.path.display()
                )
            } else {
                format!(
                    "--control {name}: the task's controls are {}",
                    names.join(", ")
                )
            })
        })?;
        if let Some(task) = &mut self.scene.scene.task {
            control.edit(task);
        }
        self.learning_off |= control.learning_off;
        Ok(())
    }

    /// Builds the scene into `app` and restores the checkpoint, if any; returns what the
    /// evaluation setting did, if any.
    pub fn apply(&self, app: &mut App) -> Result<Option<String>, AppError> {
        let world = app.world_mut();
        if let Some(actions) = &self.actions {
            world.insert_resource(actions.clone());
        }
        apply_scene(world, &self.scene, self.seed, self.record);
        if let Some(file) = &self.checkpoint {
            restore_checkpoint(world, file)?;
            if let Some(record) = self.record {
                world.resource_mut::<Metrics>().set_every(record);
            }
        }
        if self.learning_off {
            world.resource::<SceneKinds>().clone().freeze_all(world);
        }
        if !self.evaluate {
            return Ok(None);
        }
        let task = world.resource::<ActiveTask>().0.ok_or_else(|| {
            AppError::Usage(format!(
                "--eval evaluates a task, and scene {} has none",
                self.scene.path.display()
            ))
        })?;
        world.insert_resource(EvalData(self.eval_data.clone()));
        task.evaluate(world)
            .map_err(|e| AppError::Usage(format!("--eval: {}: {}", e.field, e.message)))
    }
}

/// The tasks and network kinds an app registers (with `extra_plugins`), for reading scenes
/// before the app that runs them is built.
pub fn scene_kinds(extra_plugins: ExtraPlugins) -> SceneKinds {
    let mut app = build_app(Mode::Headless);
    extra_plugins(&mut app);
    app.world().resource::<SceneKinds>().clone()
}

/// Makes a built app ready to `update` by hand (what `App::run` does before its loop).
pub fn finish_plugins(app: &mut App) {
    while app.plugins_state() == bevy::app::PluginsState::Adding {
        bevy::tasks::tick_global_task_pools_on_main_thread();
    }
    app.finish();
    app.cleanup();
}
