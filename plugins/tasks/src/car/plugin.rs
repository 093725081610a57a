//! [`CarPlugin`]: everything the car adds to an app, so the tasks plugin adds the car with one
//! line.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::car::manual::ManualDrive;
use crate::car::task::CarTask;

/// Registers the car task ([`CarTask`]), its checkpoint section (`car`) and the
/// [`ManualDrive`] resource the window steers with. Its systems are added by the scene that
/// uses it.
pub struct CarPlugin;

impl Plugin for CarPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<ManualDrive>()
            .register_checkpoint_section(
                crate::car::checkpoint::SECTION,
                crate::car::checkpoint::save,
                crate::car::checkpoint::load,
            )
            .register_task::<CarTask>();
    }
}
