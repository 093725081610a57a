//! What a scene writes about a network: [`NeuronModel`], [`RegionSpec`] and
//! [`ProjectionSpec`], each with its defaults and its own `validate()` (the error names the
//! field). Cross-references between them are checked by [`crate::check`].

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::coba::CobaParams;
use crate::decoder::ReadoutKind;
use crate::delay::Receptor;
use crate::encoder::{EncoderParams, EncodingKind};
use crate::error::InvalidParam;
use crate::hodgkin_huxley::HodgkinHuxleyParams;
use crate::homeostasis::SynapticScaling;
use crate::izhikevich::IzhikevichParams;
use crate::lif::LifParams;
use crate::poisson::PoissonParams;
use crate::poisson_input::PoissonInputParams;
use crate::projection::{Connectivity, Layout, WeightInit};
use crate::stdp::Plasticity;
use crate::stp::ShortTermPlasticity;

/// The neuron model of a region.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum NeuronModel {
    /// Leaky integrate-and-fire with delta synapses ([`crate::lif`]).
    Lif(LifParams),
    /// Conductance-based leaky integrate-and-fire ([`crate::coba`]).
    Coba(CobaParams),
    /// Izhikevich neurons with a named firing pattern ([`crate::izhikevich`]).
    Izhikevich(IzhikevichParams),
    /// Hodgkin–Huxley neurons with Na, K and leak channels ([`crate::hodgkin_huxley`]).
    HodgkinHuxley(HodgkinHuxleyParams),
    /// Independent Poisson spike sources ([`crate::poisson`]).
    Poisson(PoissonParams),
    /// Spike sources encoding input values: rate, latency or population code
    /// ([`crate::encoder`]).
    Encoder(EncoderParams),
}

impl NeuronModel {
    /// A short description for panels.
    pub fn label(&self) -> String {
        match self {
            NeuronModel::Lif(_) => "LIF".to_owned(),
            NeuronModel::Coba(_) => "LIF (COBA)".to_owned(),
            NeuronModel::Izhikevich(p) => match p.pattern {
                crate::izhikevich::IzhikevichPattern::Custom { .. } => "Izhikevich".to_owned(),
                pattern => format!("Izhikevich {pattern:?}"),
            },
            NeuronModel::HodgkinHuxley(_) => "Hodgkin–Huxley".to_owned(),
            NeuronModel::Poisson(p) => format!("Poisson {} Hz", p.rate_hz),
            NeuronModel::Encoder(p) => match p.encoding {
                EncodingKind::Rate { .. } => "Rate encoder".to_owned(),
                EncodingKind::Latency { .. } => "Latency encoder".to_owned(),
                EncodingKind::Population { .. } => "Population encoder".to_owned(),
            },
        }
    }

    /// Whether the model is a spike source without a membrane (it cannot receive input).
    pub fn is_source(&self) -> bool {
        matches!(self, NeuronModel::Poisson(_) | NeuronModel::Encoder(_))
    }
}

impl Default for NeuronModel {
    fn default() -> Self {
        NeuronModel::Lif(LifParams::default())
    }
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
    /// What a task reads from the region ([`crate::decoder`]); `None` by default.
    pub readout: ReadoutKind,
    /// Neurons whose membrane potential is recorded every step ([`crate::monitor`]).
    pub probes: Vec<u32>,
    /// Background input from many Poisson synapses ([`crate::poisson_input`]).
    pub poisson_input: Option<PoissonInputParams>,
    /// Dale's law: `Some(Excitatory)` or `Some(Inhibitory)` makes every projection from the
    /// region use that receptor with weights that cannot go below 0; `None`: not enforced.
    pub dale: Option<Receptor>,
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
        match &self.model {
            NeuronModel::Lif(p) => p.validate().map_err(|e| e.within("model.Lif")),
            NeuronModel::Coba(p) => p.validate().map_err(|e| e.within("model.Coba")),
            NeuronModel::Izhikevich(p) => p.validate().map_err(|e| e.within("model.Izhikevich")),
            NeuronModel::HodgkinHuxley(p) => {
                p.validate().map_err(|e| e.within("model.HodgkinHuxley"))
            }
            NeuronModel::Poisson(p) => p.validate().map_err(|e| e.within("model.Poisson")),
            NeuronModel::Encoder(p) => p.validate(self.size).map_err(|e| e.within("model.Encoder")),
        }
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
    /// Short-term plasticity: `None` or `TsodyksMarkram(…)` ([`crate::stp`]).
    pub short_term: ShortTermPlasticity,
    /// Homeostatic scaling of the incoming weights of each target neuron
    /// ([`crate::homeostasis`]); `None`: off.
    pub homeostasis: Option<SynapticScaling>,
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
        InvalidParam::non_negative("delay_ms", self.delay_ms)
    }

    /// The delay in whole steps of `dt_ms`, at least 1.
    pub fn delay_steps(&self, dt_ms: f64) -> u32 {
        ((self.delay_ms / dt_ms).round() as u32).max(1)
    }
}
