//! The task protocol: what every world a brain acts in tells the rest of the app.
//!
//! A task is a type implementing [`Task`], registered with one line in a plugin
//! ([`KindsAppExt::register_task`](crate::protocol::registry::KindsAppExt::register_task)).
//! Through it the scene loader reads and checks its section (`task: Some(Car((…)))`) and builds
//! it; the headless runner learns its unit of training, how a unit turned out, what the best
//! checkpoint is, what `--eval` does and which controls a learning claim is compared against;
//! the window finds its panels by the task's name. Nothing outside the task's own folder names
//! its types or its metrics columns.
//!
//! What a task builds is marked [`SceneEntity`](crate::scene_scope::SceneEntity) and its systems
//! are scene-scoped ([`schedule_once`](crate::on_demand::schedule_once)), so loading another
//! scene removes both. A task's checkpoint section is registered by its plugin
//! ([`CheckpointAppExt`](crate::checkpoint::CheckpointAppExt)).

use bevy::prelude::*;

use crate::metrics::{Column, Row, UnitRows};
use crate::param::InvalidParam;
use crate::protocol::ports::BrainPorts;
use crate::protocol::section::SectionSpec;

/// What one unit of training is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrainingUnit {
    /// An episode of a world (the car, CartPole): it ends on a crash, a goal or a time limit.
    Episode,
    /// An epoch: one pass over a data set (classification).
    Epoch,
}

impl TrainingUnit {
    /// `episode` or `epoch`.
    pub fn singular(self) -> &'static str {
        match self {
            TrainingUnit::Episode => "episode",
            TrainingUnit::Epoch => "epoch",
        }
    }

    /// `episodes` or `epochs`.
    pub fn plural(self) -> &'static str {
        match self {
            TrainingUnit::Episode => "episodes",
            TrainingUnit::Epoch => "epochs",
        }
    }
}

/// How a unit of training turned out, read from its metrics row (one row per unit).
#[derive(Debug, Clone, Copy)]
pub struct Outcome {
    /// The unit's score, higher is better: an episode's return, an epoch's accuracy.
    pub score: Column,
    /// Whether the unit succeeded, judged from its row; `None` where success means nothing.
    pub success: Option<fn(&Row) -> bool>,
    /// What success means, for the run summary ("finished without a crash").
    pub success_means: &'static str,
}

/// The best-so-far score of a run, for `best.ckpt`: compared by `rank`, then by `value`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct BestScore {
    /// A coarse level that beats any value of a lower one (a later curriculum phase).
    pub rank: f64,
    /// The score within a rank (a moving mean of the return).
    pub value: f64,
}

/// A control a learning claim is compared against: the same scene run another way.
#[derive(Debug, Clone, Copy)]
pub struct Control<S> {
    /// Its name on the command line (`--control untrained`) and in reports.
    pub name: &'static str,
    /// What it is.
    pub description: &'static str,
    /// Learning off from the start (the untrained brain).
    pub learning_off: bool,
    /// A baseline that learns from the same episodes (tabular Q-learning): a sweep trains it as
    /// it trains the brain and evaluates its last checkpoint, instead of evaluating it as it
    /// starts.
    pub trains: bool,
    /// A change to the task's section (a fixed policy instead of the brain).
    pub edit: Option<fn(&mut S)>,
}

impl<S> Control<S> {
    /// The untrained brain: the same scene with learning off from the start.
    pub const UNTRAINED: Self = Self {
        name: "untrained",
        description: "the same brain with learning off from the start",
        learning_off: true,
        trains: false,
        edit: None,
    };
}

/// Files a task evaluates on instead of its own (`--eval-data FILE…`), for
/// [`Task::evaluate`]; empty when none were given.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct EvalData(pub Vec<std::path::PathBuf>);

impl EvalData {
    /// The files given with `--eval-data` in `world` (none if the resource is absent).
    pub fn files(world: &World) -> Vec<std::path::PathBuf> {
        world
            .get_resource::<EvalData>()
            .map(|d| d.0.clone())
            .unwrap_or_default()
    }
}

/// The error of a task that evaluates on nothing but its own setting, when `--eval-data` gave
/// files.
pub fn refuse_eval_data(world: &World, task: &str) -> Result<(), InvalidParam> {
    let given = world
        .get_resource::<EvalData>()
        .is_some_and(|d| !d.0.is_empty());
    InvalidParam::check(!given, "--eval-data", || {
        format!("the {task} task evaluates in its own setting and takes no data files")
    })
}

/// A world a brain acts in. See the module docs.
pub trait Task: Send + Sync + 'static {
    /// Its name in scenes (`task: Some(Car((…)))`), messages and panel registrations.
    const NAME: &'static str;
    /// What one unit of training is.
    const UNIT: TrainingUnit;
    /// Every metrics column it writes (registered in the catalog).
    const COLUMNS: &'static [Column];
    /// Its scene section.
    type Spec: SectionSpec;

    /// Checks the section, and the brain ports it names against those the scene's brains
    /// declare; the error names the field below the section (`brain.motor`).
    fn validate(spec: &Self::Spec, ports: &BrainPorts) -> Result<(), InvalidParam>;

    /// Builds the task into `world` (simulation step `dt_ms`), after the brains: its entities
    /// (marked `SceneEntity`), its resources and its scene-scoped systems.
    fn spawn(world: &mut World, spec: &Self::Spec, dt_ms: f64) -> Result<(), InvalidParam>;

    /// How a unit of training turned out.
    fn outcome() -> Outcome;

    /// Puts a loaded world into the evaluation setting of `--eval` (learning is already off);
    /// returns what it did, for the log. By default nothing changes. The files given with
    /// `--eval-data`, if any, are in the [`EvalData`] resource; a task that takes none, or
    /// cannot read them, says so in its error.
    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        Ok(None)
    }

    /// The best-so-far score of a run's per-unit rows, for `best.ckpt`; `None`: not yet (or
    /// never, by default).
    fn best(_rows: &UnitRows) -> Option<BestScore> {
        None
    }

    /// The controls a learning claim is compared against; by default the untrained brain.
    fn controls() -> Vec<Control<Self::Spec>> {
        vec![Control::UNTRAINED]
    }
}
