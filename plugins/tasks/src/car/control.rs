//! Who steers the car: a fixed controller from the scene, or code (a brain).
//!
//! The inputs live in [`CarControl`]. With [`Controller::External`] nothing overwrites them:
//! code sets them with [`CarControl::set_steering`] and [`CarControl::set_throttle`] before
//! or in `SimSet::Act`. A fixed controller sets them itself in `SimSet::Act` on every control
//! step, so the world runs without a brain.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// The steering policy, as a scene gives it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum Controller {
    /// Steering is set by code ([`CarControl::set_steering`]); 0 until it is.
    #[default]
    External,
    /// Always straight ahead (steering 0).
    Straight,
    /// Always full left (steering +1).
    Left,
    /// Always full right (steering −1).
    Right,
    /// Always this steering, `−1..1` (positive: left).
    Constant(f32),
}

impl Controller {
    /// Checks the constant; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        if let Controller::Constant(steering) = *self {
            InvalidParam::check(
                steering.is_finite() && (-1.0..=1.0).contains(&steering),
                "Constant",
                || format!("steering must be between -1 and 1, got {steering}"),
            )?;
        }
        Ok(())
    }

    /// The steering this controller asks for, or `None` for [`Controller::External`].
    pub fn steering(&self) -> Option<f32> {
        match *self {
            Controller::External => None,
            Controller::Straight => Some(0.0),
            Controller::Left => Some(1.0),
            Controller::Right => Some(-1.0),
            Controller::Constant(steering) => Some(steering),
        }
    }
}

/// The car's inputs for the next control step, and who sets them.
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CarControl {
    /// Who sets the steering.
    pub controller: Controller,
    steering: f32,
    throttle: f32,
}

impl CarControl {
    /// Inputs for `controller` with the given throttle.
    pub fn new(controller: Controller, throttle: f32) -> Self {
        Self {
            controller,
            steering: controller.steering().unwrap_or(0.0),
            throttle: throttle.clamp(-1.0, 1.0),
        }
    }

    /// Sets the steering, clamped to `−1..1` (positive: left). A fixed controller overwrites
    /// it on the next control step; use [`Controller::External`] to steer from code.
    pub fn set_steering(&mut self, steering: f32) {
        self.steering = if steering.is_nan() {
            0.0
        } else {
            steering.clamp(-1.0, 1.0)
        };
    }

    /// Sets the throttle, clamped to `−1..1` (negative: brake).
    pub fn set_throttle(&mut self, throttle: f32) {
        self.throttle = if throttle.is_nan() {
            0.0
        } else {
            throttle.clamp(-1.0, 1.0)
        };
    }

    /// The steering of the next control step.
    pub fn steering(&self) -> f32 {
        self.steering
    }

    /// The throttle of the next control step.
    pub fn throttle(&self) -> f32 {
        self.throttle
    }

    /// Applies the fixed controller, if any.
    pub fn apply_controller(&mut self) {
        if let Some(steering) = self.controller.steering() {
            self.steering = steering;
        }
    }
}
