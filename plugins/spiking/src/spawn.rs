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
use crate::delay::{DelayRing, Receptor};
use crate::error::{InvalidParam, SpikingError};
use crate::izhikevich::{IzhikevichNeurons, IzhikevichParams};
use crate::lif::{LifNeurons, LifParams};
use crate::monitor::SpikeRaster;
use crate::poisson::{PoissonParams, PoissonSource};
use crate::projection::{Connectivity, ProjectionLink, Synapses, WeightInit};
use crate::region::{Region, Spikes};
use crate::stdp::{IncomingSynapses, Plastic, Plasticity};

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
    /// Independent Poisson spike sources ([`crate::poisson`]).
    Poisson(PoissonParams),
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
            NeuronModel::Poisson(p) => format!("Poisson {} Hz", p.rate_hz),
        }
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
}

impl Default for RegionSpec {
    fn default() -> Self {
        Self {
            name: "region".to_owned(),
            size: 100,
            model: NeuronModel::default(),
        }
    }
}

impl RegionSpec {
    /// Checks the region's own values; the error names the bad field (`model.Lif.…` for the
    /// model's parameters, the path serde reports for the same field).
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(self.size >= 1, "size", || {
            "must be at least 1, got 0".to_owned()
        })?;
        InvalidParam::check(!self.name.trim().is_empty(), "name", || {
            "must not be empty".to_owned()
        })?;
        match &self.model {
            NeuronModel::Lif(p) => p.validate().map_err(|e| e.within("model.Lif")),
            NeuronModel::Coba(p) => p.validate().map_err(|e| e.within("model.Coba")),
            NeuronModel::Izhikevich(p) => p.validate().map_err(|e| e.within("model.Izhikevich")),
            NeuronModel::Poisson(p) => p.validate().map_err(|e| e.within("model.Poisson")),
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
        if matches!(to.model, NeuronModel::Poisson(_)) {
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

/// Spawns the regions and projections; returns the region entities in scene order.
pub fn spawn_network(
    world: &mut World,
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
    dt_ms: f64,
) -> Result<Vec<Entity>, SpikingError> {
    check_network(regions, projections)?;
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
        let entity = match &spec.model {
            NeuronModel::Lif(params) => world
                .spawn((
                    common,
                    LifNeurons::new(params.clone(), spec.size, dt_ms, &mut rng),
                    DelayRing::new(spec.size, max_delay(&spec.name)),
                ))
                .id(),
            NeuronModel::Coba(params) => world
                .spawn((
                    common,
                    CobaNeurons::new(params.clone(), spec.size, dt_ms, &mut rng),
                    DelayRing::new(spec.size, max_delay(&spec.name)),
                ))
                .id(),
            NeuronModel::Izhikevich(params) => world
                .spawn((
                    common,
                    IzhikevichNeurons::new(params.clone(), spec.size, dt_ms, rng),
                    DelayRing::new(spec.size, max_delay(&spec.name)),
                ))
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
        entities.push(entity);
    }
    let index_of = |name: &str| regions.iter().position(|r| r.name == name).unwrap_or(0);
    for (index, spec) in projections.iter().enumerate() {
        let (from, to) = (index_of(&spec.from), index_of(&spec.to));
        let synapses = {
            let mut rng = world.resource_mut::<SimRng>();
            Synapses::build(
                &spec.connectivity,
                &spec.weight,
                regions[from].size,
                regions[to].size,
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
    }
    Ok(entities)
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
