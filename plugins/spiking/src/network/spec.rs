//! What a scene writes about a spiking network: [`RegionSpec`] and [`ProjectionSpec`], each
//! with its defaults and its own `validate()` (the error names the field), and the two
//! together, [`SpikingNetworkSpec`]. The neuron model of a region is a
//! [`NeuronModel`]. Cross-references between them are checked by
//! [`crate::network::check`].

use serde::{Deserialize, Serialize};

use crate::coding::decoder::ReadoutKind;
use crate::error::InvalidParam;
use crate::growth::spec::{NeuronGrowth, SynapseGrowth};
use crate::models::NeuronModel;
use crate::plasticity::Plasticity;
use crate::plasticity::critic::CriticParams;
use crate::plasticity::homeostasis::SynapticScaling;
use crate::plasticity::modulators::{Modulation, Release, check_modulation};
use crate::synapses::delay::Receptor;
use crate::synapses::poisson_input::PoissonInputParams;
use crate::synapses::projection::{Connectivity, Layout, WeightInit};
use crate::synapses::stp::ShortTermPlasticity;

pub use neurarium_sim::clock::whole_steps;

/// A scene's spiking network: its top-level `regions` and `projections`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SpikingNetworkSpec {
    /// The populations.
    pub regions: Vec<RegionSpec>,
    /// The connections between them.
    pub projections: Vec<ProjectionSpec>,
}

/// A region as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RegionSpec {
    /// Unique name; projections refer to it.
    pub name: String,
    /// Number of neurons, at least 1.
    pub size: u32,
    /// The neuron model and its parameters.
    pub model: NeuronModel,
    /// Where the neurons lie, `(columns, rows)` with `columns · rows = size`, for
    /// distance-based connectivity; `None`: a line of `size` neurons.
    pub grid: Option<(u32, u32)>,
    /// What a task reads from the region ([`crate::coding::decoder`]); `None` by default.
    pub readout: ReadoutKind,
    /// Neurons whose membrane potential is recorded every step ([`crate::monitors::monitor`]).
    pub probes: Vec<u32>,
    /// Background input from many Poisson synapses ([`crate::synapses::poisson_input`]).
    pub poisson_input: Option<PoissonInputParams>,
    /// Dale's law: `Some(Excitatory)` or `Some(Inhibitory)` makes every projection from the
    /// region use that receptor with weights that cannot go below 0; `None`: not enforced.
    pub dale: Option<Receptor>,
    /// A temporal-difference critic that reads this region as the state and makes dopamine
    /// its error ([`crate::plasticity::critic`]); at most one region has one.
    pub critic: Option<CriticParams>,
    /// A modulator its spikes release ([`crate::plasticity::modulators`]).
    pub releases: Option<Release>,
    /// Modulators acting on it: `Noise` on its `poisson_input`.
    pub modulation: Vec<Modulation>,
    /// Neurogenesis and apoptosis ([`crate::growth`]); `size` is then the cap. `None`: a
    /// fixed population.
    pub growth: Option<NeuronGrowth>,
    /// Share of the neurons removed whenever learning is off, after training
    /// ([`crate::lesion`]); 0: none.
    pub lesion: f64,
}

impl Default for RegionSpec {
    fn default() -> Self {
        Self {
            name: "region".to_owned(),
            size: 100,
            model: NeuronModel::default(),
            grid: None,
            readout: ReadoutKind::None,
            probes: Vec::new(),
            poisson_input: None,
            dale: None,
            critic: None,
            releases: None,
            modulation: Vec::new(),
            growth: None,
            lesion: 0.0,
        }
    }
}

impl RegionSpec {
    /// Where the neurons lie: the grid, or a line of `size`.
    pub fn layout(&self) -> Layout {
        match self.grid {
            Some((columns, rows)) => Layout { columns, rows },
            None => Layout::line(self.size),
        }
    }

    /// Checks the region's own values; the error names the bad field (`model.Lif.…` for the
    /// model's parameters, the path serde reports for the same field).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(self.size >= 1, "size", || {
            "must be at least 1, got 0".to_owned()
        })?;
        InvalidParam::check(!self.name.trim().is_empty(), "name", || {
            "must not be empty".to_owned()
        })?;
        if let Some((columns, rows)) = self.grid {
            InvalidParam::check(
                u64::from(columns) * u64::from(rows) == u64::from(self.size),
                "grid",
                || {
                    format!(
                        "columns · rows must equal size ({}), got {columns} · {rows}",
                        self.size
                    )
                },
            )?;
        }
        self.readout.validate(self.size)?;
        if let Some(&bad) = self.probes.iter().find(|&&i| i >= self.size) {
            InvalidParam::check(false, "probes", || {
                format!(
                    "neuron {bad} does not exist (the region has {} neurons)",
                    self.size
                )
            })?;
        }
        InvalidParam::check(
            self.probes.is_empty() || !self.model.is_source(),
            "probes",
            || "a spike source has no membrane potential to probe".to_owned(),
        )?;
        if let Some(input) = &self.poisson_input {
            input.validate()?;
            InvalidParam::check(!self.model.is_source(), "poisson_input", || {
                "a spike source cannot receive input".to_owned()
            })?;
        }
        if let Some(critic) = &self.critic {
            critic.validate()?;
        }
        if let Some(release) = &self.releases {
            release.validate().map_err(|e| e.within("releases"))?;
        }
        check_modulation(&self.modulation, true)?;
        InvalidParam::check(
            self.modulation.is_empty() || self.poisson_input.is_some(),
            "modulation",
            || "Noise scales the region's poisson_input, and it has none".to_owned(),
        )?;
        if let Some(growth) = &self.growth {
            growth.validate(self.size).map_err(|e| e.within("growth"))?;
        }
        InvalidParam::check((0.0..1.0).contains(&self.lesion), "lesion", || {
            format!(
                "a share of the neurons, at least 0 and below 1, got {}",
                self.lesion
            )
        })?;
        self.model.validate(self.size)
    }
}

/// A projection as written in a scene.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectionSpec {
    /// Name of the source region.
    pub from: String,
    /// Name of the target region.
    pub to: String,
    /// Which pairs are connected.
    pub connectivity: Connectivity,
    /// Initial weights, mV.
    pub weight: WeightInit,
    /// Axonal delay, ms; rounded to whole steps, at least one step.
    pub delay_ms: f64,
    /// The target's synaptic channel: `Excitatory` or `Inhibitory`.
    pub receptor: Receptor,
    /// Learning rule: `None`, `Stdp(…)` or `RewardStdp(…)`.
    pub plasticity: Plasticity,
    /// Start with plasticity frozen (weights fixed, traces running).
    pub frozen: bool,
    /// Short-term plasticity: `None` or `TsodyksMarkram(…)` ([`crate::synapses::stp`]).
    pub short_term: ShortTermPlasticity,
    /// Homeostatic scaling of the incoming weights of each target neuron
    /// ([`crate::plasticity::homeostasis`]); `None`: off.
    pub homeostasis: Option<SynapticScaling>,
    /// Modulators acting on it: `Gain`, `LearningRate` ([`crate::plasticity::modulators`]).
    pub modulation: Vec<Modulation>,
    /// Synaptogenesis and pruning ([`crate::growth`]); `None`: only newborns and the dead of
    /// a growing region at either end change its synapses.
    pub growth: Option<SynapseGrowth>,
}

impl Default for ProjectionSpec {
    fn default() -> Self {
        Self {
            from: String::new(),
            to: String::new(),
            connectivity: Connectivity::default(),
            weight: WeightInit::default(),
            delay_ms: 1.0,
            receptor: Receptor::Excitatory,
            plasticity: Plasticity::None,
            frozen: false,
            short_term: ShortTermPlasticity::None,
            homeostasis: None,
            modulation: Vec::new(),
            growth: None,
        }
    }
}

impl ProjectionSpec {
    /// Checks the projection's own values; the error names the bad field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        self.connectivity.validate()?;
        self.weight.validate()?;
        self.plasticity
            .validate()
            .map_err(|e| e.within("plasticity"))?;
        self.short_term
            .validate()
            .map_err(|e| e.within("short_term"))?;
        if let Some(scaling) = &self.homeostasis {
            scaling.validate().map_err(|e| e.within("homeostasis"))?;
        }
        check_modulation(&self.modulation, false)?;
        if let Some(growth) = &self.growth {
            growth.validate().map_err(|e| e.within("growth"))?;
        }
        InvalidParam::non_negative("delay_ms", self.delay_ms)
    }

    /// The delay in whole steps of `dt_ms`, at least 1.
    pub fn delay_steps(&self, dt_ms: f64) -> u32 {
        ((self.delay_ms / dt_ms).round() as u32).max(1)
    }
}
