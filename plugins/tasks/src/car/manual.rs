//! Manual drive: a person steers the car from the keyboard in the window.
//!
//! While [`ManualDrive::on`], [`drive_manually`] (`Act`, after every other controller) sets the
//! steering to [`ManualDrive::steering`] on every car, so a brain's motor pools and fixed
//! controllers are overruled; the brain keeps sensing, spiking and receiving the reward as
//! dopamine, so its plastic synapses go on learning from the person's driving. The window
//! writes the steering from the arrow keys.

use bevy::prelude::*;

use crate::car::control::CarControl;

/// The person's steering, when they drive.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct ManualDrive {
    /// Whether the person steers instead of the car's controller.
    pub on: bool,
    /// Steering, `−1..1` (positive: left).
    pub steering: f32,
}

/// `Act` (last): the person's steering, while manual drive is on.
pub fn drive_manually(manual: Res<ManualDrive>, mut cars: Query<&mut CarControl>) {
    if !manual.on {
        return;
    }
    for mut control in &mut cars {
        control.set_steering(manual.steering);
    }
}
