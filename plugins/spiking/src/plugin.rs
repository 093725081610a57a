//! [`SpikingPlugin`]: the spiking systems in their sets, and the `spiking` checkpoint section.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::coba::{deliver_coba, fire_coba, integrate_coba};
use crate::delay::deliver_input;
use crate::lif::{fire_lif, integrate_lif};
use crate::monitor::record_spikes;
use crate::poisson::fire_poisson;
use crate::projection::propagate_spikes;
use crate::record::record_region_metrics;

/// Adds the spiking systems to [`SimStep`]. Needs [`SimPlugin`].
///
/// - `Deliver`: [`deliver_input`], [`deliver_coba`]
/// - `Integrate`: [`integrate_lif`] → [`integrate_coba`]
/// - `Spike`: [`fire_lif`] → [`fire_coba`] → [`fire_poisson`] → [`record_spikes`] →
///   [`propagate_spikes`]
/// - `Record`: [`record_region_metrics`]
pub struct SpikingPlugin;

impl Plugin for SpikingPlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            SimStep,
            (
                (deliver_input, deliver_coba).in_set(SimSet::Deliver),
                (integrate_lif, integrate_coba)
                    .chain()
                    .in_set(SimSet::Integrate),
                (
                    (fire_lif, fire_coba, fire_poisson).chain(),
                    record_spikes,
                    propagate_spikes,
                )
                    .chain()
                    .in_set(SimSet::Spike),
                record_region_metrics.in_set(SimSet::Record),
            ),
        )
        .register_checkpoint_section(
            crate::checkpoint::SECTION,
            crate::checkpoint::save,
            crate::checkpoint::load,
        );
    }
}
