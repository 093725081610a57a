//! # neurarium_tasks — worlds for brains to act in
//!
//! - [`car`]: a car on a 2-D track (the curriculum's four phases, or a custom centre line)
//!   with walls as avian2d colliders, ray-cast distance sensors, progress along the centre
//!   line, laps, crashes and a reward; steered by a fixed controller or from code.
//! - [`spec`]: the scene's `task` section ([`TaskSpec`](spec::TaskSpec)), validated with
//!   errors that name the field ([`InvalidParam`](error::InvalidParam)).
//! - [`plugin`]: [`TasksPlugin`](plugin::TasksPlugin), the systems in `SimStep`
//!   (`Act`, `Physics`, `Reward`, `Record`) and the `car` checkpoint section.
//!
//! Units: metres, seconds, radians. The crate uses Bevy's core only, and avian2d without its
//! solver schedule, render or picking: no window, no GPU.

pub mod car;
pub mod error;
pub mod plugin;
pub mod spec;

/// Everything a scene loader, a brain or a panel usually needs from this crate.
pub mod prelude {
    pub use crate::car::body::CarState;
    pub use crate::car::brain::{CarBrain, CarBrainSpec};
    pub use crate::car::control::{CarControl, Controller};
    pub use crate::car::curriculum::{Curriculum, CurriculumProgress, CurriculumSpec};
    pub use crate::car::history::{CarHistory, EpisodeOutcome};
    pub use crate::car::manual::ManualDrive;
    pub use crate::car::params::CarParams;
    pub use crate::car::rate_schedule::{LearningRateSchedule, PhaseDecay, WarmupCosine};
    pub use crate::car::reward::RewardWeights;
    pub use crate::car::sensors::{RaySensors, SensorSpec};
    pub use crate::car::spawn::{Car, TaskEntity, Wall, despawn_task, spawn_car_world, spawn_task};
    pub use crate::car::status::CarStatus;
    pub use crate::car::track::{CustomTrack, PHASE_WIDTH_M, Track, TrackSpec};
    pub use crate::car::walls::WallLines;
    pub use crate::error::InvalidParam;
    pub use crate::plugin::TasksPlugin;
    pub use crate::spec::{CarTaskSpec, TaskSpec};
}
