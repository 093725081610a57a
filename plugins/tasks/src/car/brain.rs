//! How a spiking brain drives the car: sensors into an encoder, motor pools onto the steering,
//! the reward into dopamine.
//!
//! Each simulation step:
//! - `Sense`: the sensor region's encoder gets one value per ray, the proximity
//!   `1 − reading` (0: no wall in range, 1: touching), so near walls make its neurons fire.
//! - `Act` (after the readouts): when the motor region's winner-take-all window closes, the
//!   steering becomes `steering[k]` for the winning pool `k`; a window without spikes leaves
//!   the steering as it was.
//! - `Reward` (after the car's reward): on a control step, with `reward_to_dopamine`, the
//!   step's reward, times `dopamine_gain` and bounded by `dopamine_clip`, goes to the global
//!   [`Dopamine`] (dopamine = reward − running baseline, the reward prediction error R-STDP
//!   learns from).

use bevy::prelude::*;
use neurarium_spiking::encoder::Encoder;
use neurarium_spiking::prelude::{
    Dopamine, EncodingKind, NeuronModel, Readout, ReadoutKind, Region, RegionSpec,
};
use serde::{Deserialize, Serialize};

use crate::car::control::{CarControl, Controller};
use crate::car::sensors::RaySensors;
use crate::car::spawn::CarStep;
use crate::car::status::CarStatus;
use crate::error::InvalidParam;

/// The brain that drives the car, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CarBrainSpec {
    /// An encoder region with one input per ray.
    pub sensors: String,
    /// A region with a `WinnerTakeAll` readout, one pool per entry of `steering`.
    pub motor: String,
    /// Steering of each motor pool, in pool order, `−1..1` (positive: left).
    pub steering: Vec<f32>,
    /// Send each control step's reward to dopamine.
    pub reward_to_dopamine: bool,
    /// Dopamine receives `clamp(dopamine_gain · r, −dopamine_clip, dopamine_clip)`.
    pub dopamine_gain: f32,
    /// Bound on the reward dopamine receives (after the gain); `None`: unbounded. Keeps a
    /// crash's −100 from wiping the weights and the running baseline out in one step.
    pub dopamine_clip: Option<f32>,
}

impl Default for CarBrainSpec {
    fn default() -> Self {
        Self {
            sensors: "sensors".to_owned(),
            motor: "motor".to_owned(),
            steering: vec![1.0, 0.0, -1.0],
            reward_to_dopamine: true,
            dopamine_gain: 1.0,
            dopamine_clip: None,
        }
    }
}

impl CarBrainSpec {
    /// Checks the spec against the scene's regions, for a car with `rays` rays steered by
    /// `controller`; the error names the field (`sensors`, `motor`, `steering`).
    pub fn check(
        &self,
        regions: &[RegionSpec],
        rays: usize,
        controller: Controller,
    ) -> Result<(), InvalidParam> {
        InvalidParam::check(controller == Controller::External, "steering", || {
            format!(
                "a brain steers the car, so the controller must be External, not {controller:?}"
            )
        })?;
        InvalidParam::finite("dopamine_gain", self.dopamine_gain.into())?;
        if let Some(clip) = self.dopamine_clip {
            InvalidParam::positive("dopamine_clip", clip.into())?;
        }
        for &s in &self.steering {
            InvalidParam::check(
                s.is_finite() && (-1.0..=1.0).contains(&s),
                "steering",
                || format!("each entry must be between -1 and 1, got {s}"),
            )?;
        }
        let find = |field: &'static str, name: &str| {
            regions.iter().find(|r| r.name == name).ok_or_else(|| {
                InvalidParam::new(field, format!("there is no region named '{name}'"))
            })
        };
        let sensors = find("sensors", &self.sensors)?;
        let encodes_rays = match &sensors.model {
            NeuronModel::Encoder(p) => {
                !matches!(p.encoding, EncodingKind::Population { .. })
                    && sensors.size as usize == rays
                    || matches!(p.encoding, EncodingKind::Population { inputs, .. } if inputs as usize == rays)
            }
            _ => false,
        };
        InvalidParam::check(encodes_rays, "sensors", || {
            format!(
                "region '{}' must be an Encoder reading one value per ray ({rays} rays)",
                self.sensors
            )
        })?;
        let motor = find("motor", &self.motor)?;
        let pools = match motor.readout {
            ReadoutKind::WinnerTakeAll { pools, .. } => Some(pools as usize),
            _ => None,
        };
        InvalidParam::check(pools == Some(self.steering.len()), "motor", || {
            format!(
                "region '{}' must have a WinnerTakeAll readout with {} pools, one per steering entry",
                self.motor,
                self.steering.len()
            )
        })
    }
}

/// The regions that drive a car, resolved at spawn.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct CarBrain {
    /// The sensor encoder region.
    pub sensors: Entity,
    /// The motor region.
    pub motor: Entity,
    /// Steering per motor pool.
    pub steering: Vec<f32>,
    /// Send rewards to dopamine.
    pub reward_to_dopamine: bool,
    /// Gain on the reward before it reaches dopamine.
    pub dopamine_gain: f32,
    /// Bound on the scaled reward, if any.
    pub dopamine_clip: Option<f32>,
}

impl CarBrain {
    /// What dopamine receives for reward `reward`: scaled by the gain, bounded by the clip.
    pub fn dopamine_input(&self, reward: f32) -> f32 {
        let scaled = self.dopamine_gain * reward;
        self.dopamine_clip
            .map_or(scaled, |clip| scaled.clamp(-clip, clip))
    }

    /// Finds the regions `spec` names among the spawned ones.
    pub fn resolve(world: &mut World, spec: &CarBrainSpec) -> Result<Self, InvalidParam> {
        let mut find = |field: &'static str, name: &str| {
            Region::find(world, name)
                .map(|(entity, _)| entity)
                .ok_or_else(|| InvalidParam::new(field, format!("no region named '{name}'")))
        };
        Ok(Self {
            sensors: find("sensors", &spec.sensors)?,
            motor: find("motor", &spec.motor)?,
            steering: spec.steering.clone(),
            reward_to_dopamine: spec.reward_to_dopamine,
            dopamine_gain: spec.dopamine_gain,
            dopamine_clip: spec.dopamine_clip,
        })
    }
}

/// `Sense`: ray proximities into the sensor encoder.
pub fn sense_rays(cars: Query<(&RaySensors, &CarBrain)>, mut encoders: Query<&mut Encoder>) {
    for (sensors, brain) in &cars {
        // Checked at load: the encoder reads one value per ray. Written in place: this runs
        // every step, so no buffer is allocated for it.
        if let Ok(mut encoder) = encoders.get_mut(brain.sensors)
            && encoder.values.len() == sensors.readings.len()
        {
            for (value, reading) in encoder.values.iter_mut().zip(&sensors.readings) {
                *value = 1.0 - reading;
            }
        }
    }
}

/// `Act`: the winning motor pool's steering, when a readout window closes.
pub fn steer_by_motor_pools(
    mut cars: Query<(&CarBrain, &mut CarControl)>,
    readouts: Query<&Readout>,
) {
    for (brain, mut control) in &mut cars {
        let Ok(readout) = readouts.get(brain.motor) else {
            continue;
        };
        if let (true, Some(k)) = (readout.ready, readout.winner)
            && let Some(&steering) = brain.steering.get(k as usize)
        {
            control.set_steering(steering);
        }
    }
}

/// `Reward`: a control step's reward into dopamine.
pub fn reward_to_dopamine(
    cars: Query<(&CarBrain, &CarStep, &CarStatus)>,
    mut dopamine: ResMut<Dopamine>,
) {
    for (brain, step, status) in &cars {
        if brain.reward_to_dopamine && step.advanced {
            dopamine.reward(brain.dopamine_input(status.reward));
        }
    }
}
