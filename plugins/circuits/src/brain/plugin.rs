//! [`CircuitsPlugin`]: the resistor network kind's one registration line.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::brain::checkpoint::{SECTION, absent, load, save};
use crate::brain::columns::FAMILIES;
use crate::brain::kind::CircuitNetwork;
use crate::brain::network::CircuitBrain;

/// Registers the `Circuit` network kind, its checkpoint section and its metrics columns.
pub struct CircuitsPlugin;

impl Plugin for CircuitsPlugin {
    fn build(&self, app: &mut App) {
        app.register_network::<CircuitNetwork>()
            .register_optional_checkpoint_section(SECTION, save, load, absent)
            .declare_metrics(&[], &FAMILIES);
        app.world_mut().register_component::<CircuitBrain>();
    }
}
