//! [`EnergyPlugin`]: the energy network kind's one registration line.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::brain::checkpoint::{SECTION, absent, load, save};
use crate::brain::columns::FAMILIES;
use crate::brain::kind::EnergyNetwork;
use crate::brain::network::EnergyBrain;

/// Registers the `Energy` network kind, its checkpoint section and its metrics columns.
pub struct EnergyPlugin;

impl Plugin for EnergyPlugin {
    fn build(&self, app: &mut App) {
        app.register_network::<EnergyNetwork>()
            .register_optional_checkpoint_section(SECTION, save, load, absent)
            .declare_metrics(&[], &FAMILIES);
        app.world_mut().register_component::<EnergyBrain>();
    }
}
