//! `Record`: per-region metrics.
//!
//! Columns, for each region `R` in scene order: `rate_hz/R` (mean firing rate per neuron since the previous
//! row, Hz) and, for LIF regions, `mean_v_mv/R` (mean membrane potential at the row's step).

use bevy::prelude::*;
use neurarium_sim::prelude::{Metrics, SimClock};

use crate::coba::CobaNeurons;
use crate::lif::LifNeurons;
use crate::region::{Region, Spikes};

/// Writes the region columns into the open metrics row, then restarts the rate windows.
pub fn record_region_metrics(
    clock: Res<SimClock>,
    mut metrics: ResMut<Metrics>,
    mut regions: Query<(
        &Region,
        &mut Spikes,
        Option<&LifNeurons>,
        Option<&CobaNeurons>,
    )>,
) {
    if !metrics.row_open() {
        return;
    }
    // Scene order, so columns (and plot colours) follow the scene.
    let mut regions: Vec<_> = regions.iter_mut().collect();
    regions.sort_by_key(|(region, ..)| region.index);
    for (region, spikes, lif, coba) in &mut regions {
        metrics.set(
            &format!("rate_hz/{}", region.name),
            spikes.rate_hz(region.size, clock.dt_ms),
        );
        let potentials = lif.map(|n| &n.v).or(coba.map(|n| &n.v));
        if let Some(v) = potentials {
            let mean = v.iter().map(|&v| f64::from(v)).sum::<f64>() / v.len().max(1) as f64;
            metrics.set(&format!("mean_v_mv/{}", region.name), mean);
        }
        spikes.since_row = 0;
        spikes.steps_since_row = 0;
    }
}
