//! # neurarium_tasks — worlds for brains to act in
//!
//! | module | what |
//! |---|---|
//! | [`car`] | a car on a 2-D track (the curriculum's four phases, or a custom centre line) with walls as avian2d colliders, ray-cast distance sensors, progress, laps, crashes and a reward; steered by a fixed controller, a person or a brain |
//! | [`classify`] | classification: labelled samples in, a class out; the IDX loader for MNIST, and CSV tables |
//! | [`episodic`] | what any episodic task shares: curricula, learning-rate schedules, the history of episode outcomes, what the best checkpoint is |
//! | [`table`] | tables of numbers (CSV, gzip optional, header optional) with a class per row, stratified splits, logistic regression as the baseline |
//! | [`regress`] | regression: numeric columns of a CSV in, other columns out, against least squares on the same split |
//! | [`pavlov`] | Pavlovian conditioning: a tone paired with food comes to trigger the response alone; extinction when the pairing stops |
//! | [`recall`] | memory: patterns stored, recalled from half of them against random cues, consolidated by replay in sleep |
//! | [`rhythms`] | rhythms in a region's rate: spectral peaks in the named bands, and phase–amplitude coupling against surrogates |
//! | [`grid`] | a grid world: maps (`#` wall, `G` goal, `.` free) and shortest paths; moved by a brain through place cells and four moves, to the goal |
//! | [`plugin`] | [`TasksPlugin`](plugin::TasksPlugin): one registration line per task |
//!
//! Each task implements [`Task`](neurarium_sim::prelude::Task) and is known to the rest of the
//! app only through it; it talks to brains only through their ports and rewards. Adding a task
//! is its own folder and one line in [`plugin`].
//!
//! Units: metres, seconds, radians. The crate uses Bevy's core only, and avian2d without its
//! solver schedule, render or picking: no window, no GPU.

pub mod car;
pub mod classify;
pub mod episodic;
pub mod error;
pub mod grid;
pub mod pavlov;
pub mod plugin;
pub mod recall;
pub mod regress;
pub mod rhythms;
pub mod table;

/// Everything a test, a benchmark or a panel usually needs from this crate.
pub mod prelude {
    pub use crate::car::body::CarState;
    pub use crate::car::brain::{CarBrain, CarBrainSpec};
    pub use crate::car::control::{CarControl, Controller};
    pub use crate::car::curriculum::{CurriculumSpec, PhaseTracks};
    pub use crate::car::manual::ManualDrive;
    pub use crate::car::params::CarParams;
    pub use crate::car::reward::RewardWeights;
    pub use crate::car::sensors::{RaySensors, SensorSpec};
    pub use crate::car::spawn::{Car, Wall, spawn_car_world};
    pub use crate::car::spec::CarTaskSpec;
    pub use crate::car::status::CarStatus;
    pub use crate::car::task::CarTask;
    pub use crate::car::track::{CustomTrack, PHASE_WIDTH_M, Track, TrackSpec};
    pub use crate::car::walls::WallLines;
    pub use crate::episodic::curriculum::{Curriculum, CurriculumProgress, Mastery};
    pub use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};
    pub use crate::episodic::rate_schedule::{LearningRateSchedule, PhaseDecay, WarmupCosine};
    pub use crate::error::InvalidParam;
    pub use crate::plugin::TasksPlugin;
}
