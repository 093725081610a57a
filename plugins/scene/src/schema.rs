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
//! Region and projection fields are those of `neurarium_spiking`'s [`RegionSpec`] and
//! [`ProjectionSpec`]: the spiking network, the scene's first network kind. Networks of other
//! registered kinds are listed in `networks: [Name((…)), …]` and the world a brain acts in is
//! `task: Some(Name((…)))`, where `Name` is a registered task (`Car`); both are read by the
//! kind that registered the name ([`neurarium_sim::protocol::registry`]) and kept as
//! [`Section`]s.

use neurarium_sim::prelude::{Section, SectionSpec};
use neurarium_spiking::prelude::{ProjectionSpec, RegionSpec};
use ron::value::RawValue;
use serde::Deserialize;

/// A whole experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct SceneFile {
    /// Shown in the window's top bar and in logs.
    pub name: String,
    /// Seed of the run's random number generator (overridden by `--seed`).
    pub seed: u64,
    /// Simulation step, ms.
    pub dt_ms: f64,
    /// Episode length and metrics cadence.
    pub run: RunSettings,
    /// The spiking network's populations.
    pub regions: Vec<RegionSpec>,
    /// The connections between them.
    pub projections: Vec<ProjectionSpec>,
    /// Networks of other registered kinds.
    pub networks: Vec<Section>,
    /// The world the brains act in, if any.
    pub task: Option<Section>,
}

impl Default for SceneFile {
    /// The empty scene, `Scene()`: every field at its default.
    fn default() -> Self {
        RawScene::default().into_scene(Vec::new(), None)
    }
}

impl SceneFile {
    /// The task's spec, if the scene has a task of that type.
    pub fn task_spec<S: SectionSpec>(&self) -> Option<&S> {
        self.task.as_ref()?.get()
    }

    /// The task's spec, mutably, if the scene has a task of that type (benchmarks and sweeps
    /// edit scenes this way).
    pub fn task_spec_mut<S: SectionSpec>(&mut self) -> Option<&mut S> {
        self.task.as_mut()?.get_mut()
    }
}

/// The scene as RON gives it, before the registered kinds read their sections.
#[derive(Debug, Deserialize)]
#[serde(rename = "Scene", default, deny_unknown_fields)]
pub(crate) struct RawScene<'a> {
    pub name: String,
    pub seed: u64,
    pub dt_ms: f64,
    pub run: RunSettings,
    pub regions: Vec<RegionSpec>,
    pub projections: Vec<ProjectionSpec>,
    #[serde(borrow)]
    pub networks: Vec<&'a RawValue>,
    #[serde(borrow)]
    pub task: Option<&'a RawValue>,
}

impl RawScene<'_> {
    /// The scene, with the sections the registered kinds read from `networks` and `task`.
    pub(crate) fn into_scene(self, networks: Vec<Section>, task: Option<Section>) -> SceneFile {
        SceneFile {
            name: self.name,
            seed: self.seed,
            dt_ms: self.dt_ms,
            run: self.run,
            regions: self.regions,
            projections: self.projections,
            networks,
            task,
        }
    }
}

impl Default for RawScene<'_> {
    fn default() -> Self {
        Self {
            name: "untitled".to_owned(),
            seed: 0,
            dt_ms: 0.1,
            run: RunSettings::default(),
            regions: Vec::new(),
            projections: Vec::new(),
            networks: Vec::new(),
            task: None,
        }
    }
}

/// How long a headless run is, and how it is cut into episodes and metrics rows.
#[derive(Debug, Clone, PartialEq, serde::Serialize, Deserialize)]
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
