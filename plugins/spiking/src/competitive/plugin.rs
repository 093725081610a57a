//! [`CompetitivePlugin`]: the competitive network kind, its checkpoint section and columns.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::competitive::brain::CompetitiveBrain;
use crate::competitive::checkpoint::{SECTION, absent, load, save};
use crate::competitive::columns::FAMILIES;
use crate::competitive::kind::CompetitiveNetwork;

/// Registers the `Competitive` network kind. A checkpoint written before it existed loads
/// into scenes without one and is refused for a scene with one.
pub struct CompetitivePlugin;

impl Plugin for CompetitivePlugin {
    fn build(&self, app: &mut App) {
        app.register_network::<CompetitiveNetwork>()
            .register_optional_checkpoint_section(SECTION, save, load, absent)
            .declare_metrics(&[], &FAMILIES);
        app.world_mut().register_component::<CompetitiveBrain>();
    }
}
