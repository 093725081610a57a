//! Monitors: what panels, probes and the metrics table read from a network.
//!
//! | module | what |
//! |---|---|
//! | [`monitor`] | spike rasters, population rates over time, state probes of chosen neurons |
//! | [`record`] | the per-region rate columns of the metrics table |
//!
//! The metrics columns the spiking network writes, declared here once:
//! [`RATE_HZ`] (`rate_hz/R`), [`MEAN_V_MV`] (`mean_v_mv/R`, regions with a membrane),
//! [`V_MV`] (`v_mv/R/i`, neurons a scene probes) and
//! [`WINNER`](crate::coding::decoder::WINNER) (`winner/R`, winner-take-all readouts),
//! [`NEURONS`] (`neurons/R`) and [`SYNAPSES`] (`synapses/P`) where a network grows.

pub mod monitor;
pub mod record;

use neurarium_sim::metrics::ColumnFamily;

/// Mean firing rate per neuron of a region since the previous row.
pub const RATE_HZ: ColumnFamily = ColumnFamily {
    prefix: "rate_hz",
    key: "region",
    unit: "Hz",
    description: "mean firing rate per neuron of the region since the previous row",
};

/// Level of a neuromodulator that a region releases, at the row's step.
pub const MODULATOR_LEVEL: ColumnFamily = ColumnFamily {
    prefix: "modulator_level",
    key: "modulator",
    unit: "",
    description: "level of a neuromodulator released by a region (serotonin, acetylcholine) at the end of the row's step: per_spike per spike, decaying with tau_ms",
};

/// Mean membrane potential of a region at the row's step.
pub const MEAN_V_MV: ColumnFamily = ColumnFamily {
    prefix: "mean_v_mv",
    key: "region",
    unit: "mV",
    description: "mean membrane potential of the region's neurons at the end of the row's step (regions with a membrane)",
};

/// Membrane potential of one probed neuron at the row's step.
pub const V_MV: ColumnFamily = ColumnFamily {
    prefix: "v_mv",
    key: "region/neuron",
    unit: "mV",
    description: "membrane potential of a neuron the scene probes, at the end of the row's step",
};

/// Alive neurons of a region with growth, at the row's step.
pub const NEURONS: ColumnFamily = ColumnFamily {
    prefix: "neurons",
    key: "region",
    unit: "",
    description: "alive neurons of a region with growth (neurogenesis, apoptosis) at the end of the row's step",
};

/// Synapses of a projection that grows or is pruned, at the row's step.
pub const SYNAPSES: ColumnFamily = ColumnFamily {
    prefix: "synapses",
    key: "projection",
    unit: "",
    description: "synapses of a projection with growth, or touching a region with growth, at the end of the row's step",
};
