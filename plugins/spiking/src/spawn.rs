//! Building a network from its description: regions and projections as a scene writes them.
//!
//! [`spawn_network`] checks the cross-references (unique region names, projections between
//! existing regions, sizes that fit the connectivity), then spawns one entity per region and
//! per projection, drawing connectivity and weights from the run's seeded generator in scene
//! order. [`despawn_network`] removes them again (scene reload).

use bevy::prelude::*;
use neurarium_sim::prelude::SimRng;
use serde::{Deserialize, Serialize};

use crate::coba::{CobaNeurons, CobaParams};
use crate::decoder::{Readout, ReadoutKind};
use crate::delay::{DelayRing, Receptor};
use crate::dopamine::DopamineChannels;
use crate::dynamics::NeuronDynamics;
use crate::encoder::{Encoder, EncoderParams, EncodingKind};
use crate::error::{InvalidParam, SpikingError};
use crate::hodgkin_huxley::{HodgkinHuxleyNeurons, HodgkinHuxleyParams};
use crate::homeostasis::{ScalingState, SynapticScaling};
use crate::izhikevich::{IzhikevichNeurons, IzhikevichParams};
use crate::lif::{LifNeurons, LifParams};
use crate::monitor::{
    POPULATION_RATE_BIN_MS, POPULATION_RATE_BINS, PROBE_STEPS, PopulationRate, SpikeRaster,
    StateProbe,
};
use crate::plugin::{schedule_features, schedule_model};
use crate::poisson::{PoissonParams, PoissonSource};
use crate::poisson_input::{PoissonInput, PoissonInputParams};
use crate::projection::{Connectivity, Layout, ProjectionLink, Synapses, WeightInit};
use crate::region::{Region, Spikes};
use crate::stdp::{IncomingSynapses, Plastic, Plasticity};
use crate::stp::{ShortTermPlasticity, ShortTermState};

/// Steps of spike history kept for the raster of each region.
pub const RASTER_WINDOW_STEPS: u64 = 2000;

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

/// Marks every entity that belongs to the spawned network.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct NetworkPart;

/// Checks cross-references between regions and projections without spawning anything.
pub fn check_network(
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
) -> Result<(), SpikingError> {
    for (i, region) in regions.iter().enumerate() {
        if regions[..i].iter().any(|r| r.name == region.name) {
            return Err(SpikingError::DuplicateRegion(region.name.clone()));
        }
    }
    let find = |index: usize, name: &str| {
        regions
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| SpikingError::UnknownRegion {
                index,
                name: name.to_owned(),
                known: regions
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    for (index, p) in projections.iter().enumerate() {
        let from = find(index, &p.from)?;
        let to = find(index, &p.to)?;
        if let Some(declared) = from.dale {
            check_dale(index, from, declared, p)?;
        }
        if to.model.is_source() {
            return Err(SpikingError::TargetCannotReceive {
                index,
                name: to.name.clone(),
            });
        }
        if matches!(to.model, NeuronModel::Coba(_)) && p.weight.minimum() < 0.0 {
            return Err(SpikingError::NegativeConductance {
                index,
                name: to.name.clone(),
            });
        }
        match p.connectivity {
            Connectivity::OneToOne if from.size != to.size => {
                return Err(SpikingError::OneToOneSizeMismatch {
                    index,
                    from: from.name.clone(),
                    from_size: from.size,
                    to: to.name.clone(),
                    to_size: to.size,
                });
            }
            Connectivity::LateralInhibition if from.size != to.size => {
                return Err(SpikingError::LateralInhibitionSizeMismatch {
                    index,
                    from: from.name.clone(),
                    from_size: from.size,
                    to: to.name.clone(),
                    to_size: to.size,
                });
            }
            Connectivity::FixedInDegree(k) if k > from.size => {
                return Err(SpikingError::InDegreeTooLarge {
                    index,
                    in_degree: k,
                    from: from.name.clone(),
                    size: from.size,
                });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Checks projection `p` (number `index`) from `from`, declared `declared`, against Dale's law.
fn check_dale(
    index: usize,
    from: &RegionSpec,
    declared: Receptor,
    p: &ProjectionSpec,
) -> Result<(), SpikingError> {
    let problem = if p.receptor != declared {
        Some(format!("it uses receptor {:?}", p.receptor))
    } else if p.weight.minimum() < 0.0 {
        Some(format!(
            "its initial weights {:?} can be negative",
            p.weight
        ))
    } else {
        p.plasticity
            .weight_floor()
            .filter(|&floor| floor < 0.0)
            .map(|floor| format!("its plasticity lets weights fall to w_min = {floor}"))
    };
    match problem {
        None => Ok(()),
        Some(problem) => Err(SpikingError::DaleViolation {
            index,
            from: from.name.clone(),
            declared,
            problem,
        }),
    }
}

/// Spawns the regions and projections; returns the region entities in scene order.
pub fn spawn_network(
    world: &mut World,
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
    dt_ms: f64,
) -> Result<Vec<Entity>, SpikingError> {
    check_network(regions, projections)?;
    schedule_features(world, regions, projections);
    let max_delay = |name: &str| {
        projections
            .iter()
            .filter(|p| p.to == name)
            .map(|p| p.delay_steps(dt_ms))
            .max()
            .unwrap_or(1)
    };
    let mut entities = Vec::with_capacity(regions.len());
    for (index, spec) in regions.iter().enumerate() {
        let mut rng = world.resource_mut::<SimRng>().fork();
        let region = Region {
            name: spec.name.clone(),
            size: spec.size,
            index: index as u32,
            model: spec.model.label(),
        };
        let common = (
            region,
            Spikes::default(),
            SpikeRaster::new(RASTER_WINDOW_STEPS),
            NetworkPart,
        );
        let ring = DelayRing::new(spec.size, max_delay(&spec.name));
        let entity = match &spec.model {
            NeuronModel::Lif(params) => {
                let neurons = LifNeurons::new(params.clone(), spec.size, dt_ms, &mut rng);
                spawn_model(world, common, neurons, ring)
            }
            NeuronModel::Coba(params) => {
                let neurons = CobaNeurons::new(params.clone(), spec.size, dt_ms, &mut rng);
                spawn_model(world, common, neurons, ring)
            }
            NeuronModel::Izhikevich(params) => {
                let neurons = IzhikevichNeurons::new(params.clone(), spec.size, dt_ms, rng);
                spawn_model(world, common, neurons, ring)
            }
            NeuronModel::HodgkinHuxley(params) => {
                let neurons = HodgkinHuxleyNeurons::new(params.clone(), spec.size, dt_ms);
                spawn_model(world, common, neurons, ring)
            }
            NeuronModel::Encoder(params) => world
                .spawn((common, Encoder::new(params.clone(), spec.size, rng)))
                .id(),
            NeuronModel::Poisson(params) => world
                .spawn((
                    common,
                    PoissonSource {
                        params: params.clone(),
                        size: spec.size,
                        rng,
                    },
                ))
                .id(),
        };
        let mut region = world.entity_mut(entity);
        region.insert(PopulationRate::new(
            POPULATION_RATE_BIN_MS,
            dt_ms,
            POPULATION_RATE_BINS,
        ));
        if let Some(readout) = Readout::new(&spec.readout, spec.size, dt_ms) {
            region.insert(readout);
        }
        if !spec.probes.is_empty() {
            region.insert(StateProbe::new(spec.probes.clone(), PROBE_STEPS));
        }
        if let Some(params) = &spec.poisson_input {
            let rng = region.world_scope(|world| world.resource_mut::<SimRng>().fork());
            region.insert(PoissonInput::new(params.clone(), dt_ms, rng));
        }
        entities.push(entity);
    }
    let index_of = |name: &str| regions.iter().position(|r| r.name == name).unwrap_or(0);
    for (index, spec) in projections.iter().enumerate() {
        let (from, to) = (index_of(&spec.from), index_of(&spec.to));
        let synapses = {
            let mut rng = world.resource_mut::<SimRng>();
            Synapses::build_on(
                &spec.connectivity,
                &spec.weight,
                regions[from].layout(),
                regions[to].layout(),
                &mut rng.0,
            )
        };
        let plastic = (spec.plasticity != Plasticity::None).then(|| {
            (
                IncomingSynapses::build(&synapses, regions[to].size),
                Plastic::new(
                    spec.plasticity.clone(),
                    spec.frozen,
                    regions[from].size,
                    regions[to].size,
                    synapses.len(),
                ),
            )
        });
        let mut projection = world.spawn((
            ProjectionLink {
                name: format!("{}→{}", spec.from, spec.to),
                index: index as u32,
                source: entities[from],
                target: entities[to],
                delay_steps: spec.delay_steps(dt_ms),
                receptor: spec.receptor,
            },
            synapses,
            NetworkPart,
        ));
        if let Some(plastic) = plastic {
            projection.insert(plastic);
        }
        if let ShortTermPlasticity::TsodyksMarkram(params) = &spec.short_term {
            projection.insert(ShortTermState::new(params.clone(), regions[from].size));
        }
        if let Some(scaling) = &spec.homeostasis {
            projection.insert(ScalingState::new(scaling.clone(), regions[to].size));
        }
    }
    world.insert_resource(DopamineChannels::new(projections.iter().filter_map(|p| {
        match &p.plasticity {
            Plasticity::RewardStdp(r) => r.dopamine.as_deref(),
            _ => None,
        }
    })));
    Ok(entities)
}

/// Spawns a region of model `M` and makes sure the model's systems are scheduled.
fn spawn_model<M: NeuronDynamics>(
    world: &mut World,
    common: impl Bundle,
    neurons: M,
    ring: DelayRing,
) -> Entity {
    schedule_model::<M>(world);
    world.spawn((common, neurons, ring)).id()
}

/// Removes every region and projection.
pub fn despawn_network(world: &mut World) {
    let parts: Vec<Entity> = world
        .query_filtered::<Entity, With<NetworkPart>>()
        .iter(world)
        .collect();
    for entity in parts {
        world.despawn(entity);
    }
}
