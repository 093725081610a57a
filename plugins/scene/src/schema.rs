//! The scene document.
//!
//! ```ron
//! Scene(
//!     name: "Small spiking network",
//!     seed: 1,
//!     dt_ms: 0.1,
//!     run: (episodes: 10, steps_per_episode: 1000, record_every_steps: 100),
//!     regions: [
//!         (name: "input", size: 40, model: Poisson((rate_hz: 20.0))),
//!         (name: "exc", size: 80, model: Lif((tau_m_ms: 20.0, bias_na: 1.2))),
//!     ],
//!     projections: [
//!         (from: "input", to: "exc", connectivity: FixedProbability(0.2), weight: Constant(1.5), delay_ms: 1.0),
//!     ],
//! )
//! ```
//!
//! Region and projection fields are those of `neurarium_spiking`'s
//! [`RegionSpec`] and [`ProjectionSpec`]; the optional `task` (the world a brain acts in, such
//! as `Some(Car((track: Phase4)))`) is `neurarium_tasks`'s [`TaskSpec`].

use neurarium_spiking::prelude::{ProjectionSpec, RegionSpec};
use neurarium_tasks::prelude::TaskSpec;
use serde::{Deserialize, Serialize};

/// A whole experiment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Scene", default, deny_unknown_fields)]
pub struct SceneFile {
    /// Shown in the window's top bar and in logs.
    pub name: String,
    /// Seed of the run's random number generator (overridden by `--seed`).
    pub seed: u64,
    /// Simulation step, ms.
    pub dt_ms: f64,
    /// Episode length and metrics cadence.
    pub run: RunSettings,
    /// The populations.
    pub regions: Vec<RegionSpec>,
    /// The connections between them.
    pub projections: Vec<ProjectionSpec>,
    /// The world the network acts in, if any.
    pub task: Option<TaskSpec>,
}

impl Default for SceneFile {
    fn default() -> Self {
        Self {
            name: "untitled".to_owned(),
            seed: 0,
            dt_ms: 0.1,
            run: RunSettings::default(),
            regions: Vec::new(),
            projections: Vec::new(),
            task: None,
        }
    }
}

/// How long a headless run is, and how it is cut into episodes and metrics rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RunSettings {
    /// Episodes a headless run trains for when neither `--steps` nor `--episodes` is given.
    pub episodes: u64,
    /// Length of an episode, in steps (tasks may end episodes earlier).
    pub steps_per_episode: u64,
    /// A metrics row every this many steps (with `--episodes`: one row per episode).
    pub record_every_steps: u64,
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            episodes: 10,
            steps_per_episode: 1000,
            record_every_steps: 100,
        }
    }
}
