//! `Record`: per-region firing rates.
//!
//! Column `rate_hz/R` for each region `R`, in scene order: the mean firing rate per neuron
//! since the previous row, Hz (per alive neuron in a region with growth). The models add `mean_v_mv/R`
//! ([`record_mean_potential`](crate::models::dynamics::record_mean_potential)).

use bevy::prelude::*;
use neurarium_sim::prelude::{Metrics, SimClock};

use crate::growth::neurons::GrowingRegion;
use crate::growth::neurons::alive_neurons;
use crate::monitors::RATE_HZ;
use crate::network::region::{Region, Spikes};

/// Writes the rate columns into the open metrics row, then restarts the rate windows.
pub fn record_region_rates(
    clock: Res<SimClock>,
    mut metrics: ResMut<Metrics>,
    mut regions: Query<(&Region, &mut Spikes, Option<&GrowingRegion>)>,
) {
    if !metrics.row_open() {
        return;
    }
    // Scene order, so columns (and plot colours) follow the scene.
    let mut regions: Vec<_> = regions.iter_mut().collect();
    regions.sort_by_key(|(region, _, _)| region.index);
    for (region, spikes, growing) in &mut regions {
        let rate = spikes.rate_hz(alive_neurons(region, *growing), clock.dt_ms);
        metrics.set_in(&RATE_HZ, &region.name, rate);
        spikes.since_row = 0;
        spikes.steps_since_row = 0;
    }
}
