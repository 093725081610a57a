//! How a brain of any kind drives the car: through its ports, never its internals
//! ([`neurarium_sim::protocol::ports`]).
//!
//! Each simulation step:
//! - `Sense`: the brain's input port `sensors` gets one value per ray, the proximity
//!   `1 − reading` (0: no wall in range, 1: touching); a spiking brain's encoder region makes
//!   near walls fire its neurons.
//! - `Act` (`ActSet::Control`, after the brains decode): when the output port `motor` renews
//!   its choice (a winner-take-all window closes), the steering becomes `steering[k]` for the
//!   chosen pool `k`; a window without a choice leaves the steering as it was.
//! - `Reward` (`RewardSet::Score`, after the car's reward): on a control step, with
//!   `reward_to_dopamine`, the step's reward, times `dopamine_gain` and bounded by
//!   `dopamine_clip`, is sent to the brains ([`Rewards`]); a spiking brain turns it into
//!   dopamine (reward − running baseline, the reward prediction error R-STDP learns from).

use bevy::prelude::*;
use neurarium_sim::prelude::{
    BrainPorts, InputPort, OutputPort, Rewards, require_input, require_output,
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
    /// The brain's input port with one value per ray (a spiking brain: an `Encoder` region).
    pub sensors: String,
    /// The brain's output port choosing one pool per entry of `steering` (a spiking brain: a
    /// region with a `WinnerTakeAll` readout).
    pub motor: String,
    /// Steering of each motor pool, in pool order, `−1..1` (positive: left).
    pub steering: Vec<f32>,
    /// Send each control step's reward to the brain (a spiking brain's dopamine).
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
    /// Checks the spec against the brains' `ports`, for a car with `rays` rays steered by
    /// `controller`; the error names the field (`sensors`, `motor`, `steering`).
    pub fn check(
        &self,
        ports: &BrainPorts,
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
        let sensors = ports
            .input(&self.sensors)
            .map_err(|message| InvalidParam::new("sensors", message))?;
        InvalidParam::check(sensors.width == rays, "sensors", || {
            format!(
                "input port '{}' ({}) reads {} values, but the car has {rays} rays: it must read one value per ray",
                self.sensors, sensors.what, sensors.width
            )
        })?;
        let motor = ports
            .output(&self.motor)
            .map_err(|message| InvalidParam::new("motor", message))?;
        InvalidParam::check(
            motor.choices == Some(self.steering.len() as u32),
            "motor",
            || {
                format!(
                    "output port '{}' ({}) must choose one of {} pools, one per steering entry (a WinnerTakeAll readout with {} pools)",
                    self.motor,
                    motor.what,
                    self.steering.len(),
                    self.steering.len()
                )
            },
        )
    }
}

/// The ports that drive a car, resolved at spawn.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct CarBrain {
    /// The entity with the sensors' input port.
    pub sensors: Entity,
    /// The entity with the motor output port.
    pub motor: Entity,
    /// Steering per motor pool.
    pub steering: Vec<f32>,
    /// Send rewards to the brain.
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

    /// Finds the ports `spec` names among the spawned brains'.
    pub fn resolve(world: &mut World, spec: &CarBrainSpec) -> Result<Self, InvalidParam> {
        Ok(Self {
            sensors: require_input(world, "sensors", &spec.sensors)?,
            motor: require_output(world, "motor", &spec.motor)?,
            steering: spec.steering.clone(),
            reward_to_dopamine: spec.reward_to_dopamine,
            dopamine_gain: spec.dopamine_gain,
            dopamine_clip: spec.dopamine_clip,
        })
    }
}

/// `Sense`: ray proximities into the sensors' input port.
pub fn sense_rays(cars: Query<(&RaySensors, &CarBrain)>, mut ports: Query<&mut InputPort>) {
    for (sensors, brain) in &cars {
        // Checked at load: the port reads one value per ray. Written in place: this runs
        // every step, so no buffer is allocated for it.
        if let Ok(mut port) = ports.get_mut(brain.sensors)
            && port.values.len() == sensors.readings.len()
        {
            for (value, reading) in port.values.iter_mut().zip(&sensors.readings) {
                *value = 1.0 - reading;
            }
        }
    }
}

/// `Act`: the chosen motor pool's steering, when the motor port renews its choice.
pub fn steer_by_motor_pools(
    mut cars: Query<(&CarBrain, &mut CarControl)>,
    ports: Query<&OutputPort>,
) {
    for (brain, mut control) in &mut cars {
        let Ok(port) = ports.get(brain.motor) else {
            continue;
        };
        if let (true, Some(k)) = (port.ready, port.choice)
            && let Some(&steering) = brain.steering.get(k as usize)
        {
            control.set_steering(steering);
        }
    }
}

/// `Reward`: a control step's reward to the brains.
pub fn send_rewards(cars: Query<(&CarBrain, &CarStep, &CarStatus)>, mut rewards: ResMut<Rewards>) {
    for (brain, step, status) in &cars {
        if brain.reward_to_dopamine && step.advanced {
            rewards.send(brain.dopamine_input(status.reward));
        }
    }
}
