//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// The scene opened when neither `--scene` nor a checkpoint is given: the car learning to drive.
pub const DEFAULT_SCENE: &str = "scenes/car.ron";

/// Neurarium: watch brains learn, or train them headless.
///
/// Without flags it opens the visualizer on the default scene. With `--no-render` it runs the
/// same scene with no window, GPU or audio, as fast as the CPU allows, writing metrics (CSV)
/// and checkpoints to `--out`.
#[derive(Debug, Clone, Parser)]
#[command(name = "neurarium", version, about, long_about = None, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A subcommand instead of a run.
    #[command(subcommand)]
    pub command: Option<CliCommand>,

    /// Scene file (RON) to run; see docs/scenes.md [default: scenes/car.ron, or with `--load`
    /// the checkpoint's own scene].
    #[arg(long, value_name = "PATH")]
    pub scene: Option<PathBuf>,

    /// Run headless: no window, GPU or audio; as fast as the CPU allows.
    #[arg(long)]
    pub no_render: bool,

    /// Headless: run this many steps (one metrics row per `record_every_steps` of the scene).
    #[arg(long, value_name = "N", conflicts_with = "episodes")]
    pub steps: Option<u64>,

    /// Headless: run this many episodes (one metrics row per episode), for a task that trains
    /// in episodes. Default: the scene's `run.episodes`.
    #[arg(long, value_name = "N", conflicts_with = "epochs")]
    pub episodes: Option<u64>,

    /// Headless: run this many epochs (one metrics row per epoch), for a task that trains in
    /// epochs over a data set.
    #[arg(long, value_name = "N", conflicts_with = "steps")]
    pub epochs: Option<u64>,

    /// Seed of the random number generator; overrides the scene's `seed`.
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,

    /// Headless: directory for `metrics.csv` and `checkpoint.ckpt` (default: runs/SCENE, the scene file's stem).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Resume from a checkpoint (headless or in the window). Without `--scene`, the scene
    /// stored in the checkpoint is used.
    #[arg(long, value_name = "CHECKPOINT")]
    pub load: Option<PathBuf>,

    /// Learning off: every network keeps its weights (a control for learning claims).
    #[arg(long)]
    pub learning_off: bool,

    /// Headless: evaluate a trained checkpoint: resume from it with learning off, in the task's
    /// evaluation setting (the car: the curriculum's last track, from the start of an
    /// episode), run `--episodes` and report the success rate as the task judges it.
    #[arg(long, value_name = "CHECKPOINT", conflicts_with_all = ["load", "steps"])]
    pub eval: Option<PathBuf>,

    /// Headless, with `--eval` or `--evaluate`: data files the task evaluates on instead of
    /// its own test data (classification: an IDX images file, then its labels file).
    #[arg(long, value_name = "FILE", num_args = 1.., requires = "no_render")]
    pub eval_data: Vec<PathBuf>,

    /// Headless, a CartPole scene: one episode replaying this action file (one `0`, push left,
    /// or `1`, push right, a line) from the episode's random start; every state goes to
    /// `states.csv` in the output directory.
    #[arg(long, value_name = "FILE", requires = "no_render")]
    pub actions: Option<PathBuf>,

    /// Headless: learning off, the task in its evaluation setting, from the scene (no
    /// checkpoint): with `--control`, that control evaluated as `--eval` evaluates a trained
    /// brain.
    #[arg(long, conflicts_with_all = ["load", "eval"])]
    pub evaluate: bool,

    /// Run one of the task's controls instead of the scene as written: `untrained` (learning
    /// off from the start) or a fixed policy the task declares (the car: `fixed left`, `fixed
    /// straight`, `fixed right`).
    #[arg(long, value_name = "NAME")]
    pub control: Option<String>,

    /// Headless: also write a checkpoint every this many seconds of wall time.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0)]
    pub checkpoint_every: f64,

    /// Window: after `--screenshot-after` seconds, save a screenshot of the window to this PNG
    /// file and exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,

    /// Window: seconds to run before taking the `--screenshot`.
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    pub screenshot_after: f64,

    /// Window: trace the membrane potential of this neuron from the start (`motor:5`: neuron
    /// 5 of region `motor`), as a click on its raster row does.
    #[arg(long, value_name = "REGION:NEURON")]
    pub trace: Option<String>,
}

/// What `neurarium` can do besides running one scene.
#[derive(Debug, Clone, Subcommand)]
pub enum CliCommand {
    /// Run a sweep file: a scene over seeds and a grid of settings, trained, evaluated and
    /// compared with the task's controls, each run its own process (see README).
    Sweep {
        /// The sweep file (RON).
        file: PathBuf,
        /// Processes at a time [default: every core].
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Run only the runs whose index is K modulo N (0-based), for N machines or a job
        /// array; `auto/N` reads K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX.
        #[arg(long, value_name = "K/N")]
        shard: Option<crate::sweep::Shard>,
        /// Run nothing: write the merged results and plots of the runs done so far (after
        /// the shards).
        #[arg(long, conflicts_with_all = ["shard", "slurm"])]
        merge: bool,
        /// Write a Slurm job array of N tasks (one shard each) and a merge job after it, into
        /// the sweep's output directory, instead of running.
        #[arg(long, value_name = "N", conflicts_with = "shard")]
        slurm: Option<usize>,
        /// With --slurm: submit both with sbatch.
        #[arg(long, requires = "slurm")]
        submit: bool,
    },
    /// Emulate the resistor board for a scene's Circuit network behind a pseudo-terminal at
    /// PORT, until Ctrl-C; run the scene with `backend: Board((port: PORT))` against it.
    BoardEmulator {
        /// The scene whose network the board is wired as.
        #[arg(long, value_name = "FILE")]
        scene: PathBuf,
        /// The run's seed (the network's random graph is drawn from it) [default: the scene's].
        #[arg(long)]
        seed: Option<u64>,
        /// Where the port appears (a symbolic link to the pseudo-terminal).
        #[arg(long, value_name = "PATH", default_value = "/tmp/neurarium-board")]
        port: PathBuf,
    },
}

impl Cli {
    /// Whether `--scene` was given (even if it names the default scene).
    pub fn scene_given(&self) -> bool {
        self.scene.is_some()
    }

    /// `--load` or `--eval`, whichever resumes this run from a checkpoint.
    pub fn resume_flag(&self) -> Option<&'static str> {
        if self.load.is_some() {
            Some("--load")
        } else if self.eval.is_some() {
            Some("--eval")
        } else {
            None
        }
    }

    /// The scene path: `--scene`, else the default scene, found relative to the working
    /// directory or, failing that, beside the crate.
    pub fn scene_path(&self) -> PathBuf {
        if let Some(scene) = &self.scene {
            return scene.clone();
        }
        let default = PathBuf::from(DEFAULT_SCENE);
        let shipped = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_SCENE);
        if !default.exists() && shipped.exists() {
            return shipped;
        }
        default
    }
}
