//! The memory a network needs, estimated from the scene before anything is allocated, and a
//! network the machine cannot hold refused with the region or projection to blame.
//!
//! | part | bytes |
//! |---|---|
//! | a neuron | [`NEURON_BYTES`]: the state of the largest model (f64 variables), input buffers, spike and monitor bookkeeping |
//! | a synapse | [`SYNAPSE_BYTES`]: target index (u32) and weight (f32); [`PLASTIC_SYNAPSE_BYTES`] more with plasticity (traces, eligibility) |
//!
//! Expected synapses of a projection from `n_s` to `n_t` neurons: `AllToAll` `n_s · n_t`,
//! `OneToOne` `n_s`, `FixedProbability(p)` `p · n_s · n_t`, `FixedInDegree(k)` `k · n_t`,
//! `Gaussian` at most `p_max · n_s · n_t`, `LateralInhibition` `n_s (n_s − 1)`. A projection
//! also cannot hold more than `u32::MAX` synapses (its index type), whatever the memory.
//!
//! The memory available is Linux's `MemAvailable` (`/proc/meminfo`); where it cannot be read
//! only the index limit is checked. The estimate is a floor, not a promise: a network that
//! passes can still be too large, one refused certainly is.

use neurarium_sim::format::{bytes, thousands as grouped};
use neurarium_sim::prelude::InvalidParam;

use crate::network::spec::{ProjectionSpec, SpikingNetworkSpec};
use crate::plasticity::Plasticity;
use crate::synapses::projection::Connectivity;

/// Bytes per neuron.
pub const NEURON_BYTES: f64 = 64.0;
/// Bytes per synapse of a static projection.
pub const SYNAPSE_BYTES: f64 = 8.0;
/// Extra bytes per synapse of a plastic projection.
pub const PLASTIC_SYNAPSE_BYTES: f64 = 8.0;

/// One region's or projection's share of the estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct MemoryPart {
    /// The field the part is written at (`regions[2].size`, `projections[0].connectivity`).
    pub field: String,
    /// What it is, for a person (`region 'cortex' (4,000,000,000 neurons)`).
    pub what: String,
    /// Estimated bytes.
    pub bytes: f64,
    /// Expected synapses, for a projection.
    pub synapses: Option<f64>,
}

/// The estimate of every region and projection of `network`, in scene order.
pub fn memory_parts(network: &SpikingNetworkSpec) -> Vec<MemoryPart> {
    let size_of = |name: &str| {
        network
            .regions
            .iter()
            .find(|r| r.name == name)
            .map_or(0.0, |r| f64::from(r.size))
    };
    let regions = network.regions.iter().enumerate().map(|(i, region)| {
        let neurons = f64::from(region.size);
        MemoryPart {
            field: format!("regions[{i}].size"),
            what: format!("region '{}' ({} neurons)", region.name, grouped(neurons)),
            bytes: neurons * NEURON_BYTES,
            synapses: None,
        }
    });
    let projections = network.projections.iter().enumerate().map(|(i, p)| {
        let synapses = expected_synapses(p, size_of(&p.from), size_of(&p.to));
        let per_synapse = SYNAPSE_BYTES
            + if matches!(p.plasticity, Plasticity::None) {
                0.0
            } else {
                PLASTIC_SYNAPSE_BYTES
            };
        MemoryPart {
            field: format!("projections[{i}].connectivity"),
            what: format!(
                "projection {i} '{}' → '{}' (about {} synapses)",
                p.from,
                p.to,
                grouped(synapses)
            ),
            bytes: synapses * per_synapse,
            synapses: Some(synapses),
        }
    });
    regions.chain(projections).collect()
}

/// The synapses `projection` is expected to make between `from` and `to` neurons.
pub fn expected_synapses(projection: &ProjectionSpec, from: f64, to: f64) -> f64 {
    match projection.connectivity {
        Connectivity::AllToAll => from * to,
        Connectivity::OneToOne => from,
        Connectivity::FixedProbability(p) => p * from * to,
        Connectivity::FixedInDegree(k) => f64::from(k) * to,
        Connectivity::Gaussian { p_max, .. } => p_max * from * to,
        Connectivity::LateralInhibition => from * (from - 1.0).max(0.0),
    }
}

/// Refuses a network with a projection beyond the synapse index limit, or that needs more
/// than `available` bytes (when known), naming the part to blame: the part that alone does not
/// fit, else the largest.
pub fn check_memory(
    network: &SpikingNetworkSpec,
    available: Option<u64>,
) -> Result<(), InvalidParam> {
    let parts = memory_parts(network);
    let limit = f64::from(u32::MAX);
    if let Some(part) = parts.iter().find(|p| p.synapses.is_some_and(|s| s > limit)) {
        return Err(InvalidParam::new(
            &part.field,
            format!(
                "{} is more than one projection can hold ({} synapses); split it or make it sparser",
                part.what,
                grouped(limit)
            ),
        ));
    }
    let Some(available) = available.map(|a| a as f64) else {
        return Ok(());
    };
    let total: f64 = parts.iter().map(|p| p.bytes).sum();
    if total <= available {
        return Ok(());
    }
    let largest = parts
        .iter()
        .max_by(|a, b| a.bytes.total_cmp(&b.bytes))
        .expect("a network needing memory has a part");
    let message = if largest.bytes > available {
        format!(
            "{} needs about {}, and this machine has {} available",
            largest.what,
            bytes(largest.bytes),
            bytes(available)
        )
    } else {
        format!(
            "the network needs about {} in all, the largest part {} about {}, and this \
             machine has {} available",
            bytes(total),
            largest.what,
            bytes(largest.bytes),
            bytes(available)
        )
    };
    Err(InvalidParam::new(&largest.field, message))
}

/// The memory this machine has available now, bytes (Linux's `MemAvailable`).
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = meminfo.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
