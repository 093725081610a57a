//! # neurarium_sim — the ground every experiment stands on
//!
//! | module | what |
//! |---|---|
//! | [`sets`] | the [`SimStep`](sets::SimStep) schedule, one fixed simulation step, and its ordered, documented [`SimSet`](sets::SimSet)s; no ambiguous order |
//! | [`clock`] | simulation time (`step`, `dt` in ms), play / pause / single step / speed, and the driver that runs the step as many times as the pacing asks |
//! | [`block`] | [`SimBlock`](block::SimBlock), many quiet steps in one schedule run, where every step system has a block counterpart |
//! | [`on_demand`] | systems a scene adds on first use, removed with the scene |
//! | [`scene_scope`] | what belongs to the loaded scene (entities, systems, resources) and [`clear_scene`](scene_scope::clear_scene) |
//! | [`protocol`] | the seams: tasks, network kinds, ports, rewards, scene sections, the registry |
//! | [`episodes`] | episode boundaries, set by a scene's episode length or requested by a task |
//! | [`rng`] | the seeded random number generator; same seed, same run, bit for bit |
//! | [`metrics`] | typed metrics columns declared by their producers, one row per N steps or per episode |
//! | [`learning_rate`] | the global factor on every learning change, set by schedules |
//! | [`checkpoint`] | versioned, checksummed checkpoint files written atomically, made of sections each plugin registers |
//! | [`entities`] | despawning every entity a filter matches |
//! | [`fault`] | runaway values (NaN, infinities) stop the run with the region and step named |
//! | [`param`] | the error every parameter check returns, naming the field |
//! | [`format`](mod@format) | numbers for people: thousands grouped, memory sizes |
//! | [`signal`] | power spectra, spectrograms and phase–amplitude coupling of a sampled rate |
//!
//! The crate depends on Bevy's core only (`bevy_app`, `bevy_ecs`): no window, no GPU.

pub mod block;
pub mod checkpoint;
pub mod clock;
pub mod entities;
pub mod episodes;
pub mod error;
pub mod fault;
pub mod format;
pub mod learning_rate;
pub mod metrics;
pub mod on_demand;
pub mod param;
pub mod plugin;
pub mod protocol;
pub mod rng;
pub mod scene_scope;
pub mod sets;
pub mod signal;

/// Everything a plugin usually needs from this crate.
pub mod prelude {
    pub use crate::block::{
        BlockAppExt, BlockPlan, BlockStepping, SimBlock, schedule_once_with_block,
    };
    pub use crate::checkpoint::{
        CheckpointAppExt, CheckpointError, CheckpointFile, read_checkpoint, restore_checkpoint,
        save_checkpoint,
    };
    pub use crate::clock::{Pacing, SimClock, SimControl, Speed};
    pub use crate::entities::despawn_all;
    pub use crate::episodes::{Episodes, episode_ends};
    pub use crate::error::SimError;
    pub use crate::fault::SimFault;
    pub use crate::learning_rate::LearningRate;
    pub use crate::metrics::{
        Column, ColumnFamily, MetricCatalog, Metrics, MetricsAppExt, RecordEvery, UnitRows,
    };
    pub use crate::on_demand::schedule_once;
    pub use crate::param::InvalidParam;
    pub use crate::plugin::SimPlugin;
    pub use crate::protocol::examples::{ExamplePort, find_examples};
    pub use crate::protocol::network::NetworkKind;
    pub use crate::protocol::ports::{
        BrainPorts, InputPort, OutputPort, PortDecl, PortDirection, find_input, find_output,
        require_input, require_output,
    };
    pub use crate::protocol::registry::{ActiveTask, KindsAppExt, SceneKinds};
    pub use crate::protocol::rewards::{Reward, Rewards, Transition};
    pub use crate::protocol::section::{Section, SectionSpec};
    pub use crate::protocol::task::{
        BestScore, Control, EvalData, Outcome, Task, TrainingUnit, refuse_eval_data,
    };
    pub use crate::rng::SimRng;
    pub use crate::scene_scope::{SceneEntity, SceneResourceAppExt, SceneSystems, clear_scene};
    pub use crate::sets::{ActSet, RecordSet, RewardSet, SimSet, SimStep};
}
