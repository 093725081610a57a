//! # neurarium_sim — the ground every experiment stands on
//!
//! - [`sets`]: the [`SimStep`](sets::SimStep) schedule, one fixed simulation step, and its
//!   ordered, documented [`SimSet`](sets::SimSet)s.
//! - [`clock`]: simulation time (`step`, `dt` in ms), play / pause / single step / speed, and the
//!   driver that runs [`SimStep`](sets::SimStep) as many times as the pacing asks.
//! - [`block`]: [`SimBlock`](block::SimBlock), many quiet steps in one schedule run, where every
//!   step system has a block counterpart (small networks spend most of a step dispatching).
//! - [`episodes`]: episode boundaries, set by a scene's episode length or requested by a task.
//! - [`rng`]: the seeded random number generator; same seed, same run, bit for bit.
//! - [`metrics`]: named metric columns, one row per N steps or per episode.
//! - [`checkpoint`]: versioned, checksummed checkpoint files written atomically, made of
//!   sections that each plugin registers.
//! - [`entities`]: despawning every entity a filter matches (a network, a task, a track).
//! - [`fault`]: runaway values (NaN, infinities) stop the run with the region and step named.
//!
//! The crate depends on Bevy's core only (`bevy_app`, `bevy_ecs`): no window, no GPU.

pub mod block;
pub mod checkpoint;
pub mod clock;
pub mod entities;
pub mod episodes;
pub mod error;
pub mod fault;
pub mod metrics;
pub mod on_demand;
pub mod param;
pub mod plugin;
pub mod rng;
pub mod sets;

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
    pub use crate::episodes::Episodes;
    pub use crate::error::SimError;
    pub use crate::fault::SimFault;
    pub use crate::metrics::{Metrics, RecordEvery};
    pub use crate::on_demand::schedule_once;
    pub use crate::param::InvalidParam;
    pub use crate::plugin::SimPlugin;
    pub use crate::rng::SimRng;
    pub use crate::sets::{SimSet, SimStep};
}
