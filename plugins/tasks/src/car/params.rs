//! The car's dimensions and limits.
//!
//! Units: metres, seconds, radians. The defaults describe a small car (2 m × 1 m, wheelbase
//! 1.4 m) that turns on a circle of about 2.7 m radius at full lock and reaches 6 m/s at full
//! throttle, about 0.9 s after starting (time constant `max_speed / max_accel` = 2 s).

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// The car's body and drive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CarParams {
    /// Body length, m (the collider is a `length_m × width_m` rectangle).
    pub length_m: f32,
    /// Body width, m.
    pub width_m: f32,
    /// Distance between the axles, m; the centre of the body is half-way between them.
    pub wheelbase_m: f32,
    /// Front-wheel angle at steering ±1, rad.
    pub max_steer_rad: f32,
    /// Terminal speed at throttle 1, m/s.
    pub max_speed_mps: f32,
    /// Acceleration from rest at throttle 1, m/s².
    pub max_accel_mps2: f32,
    /// Longest integration substep, s: a control step is cut into equal substeps no longer
    /// than this, and wall contact is tested after each.
    pub max_substep_s: f32,
}

impl Default for CarParams {
    fn default() -> Self {
        Self {
            length_m: 2.0,
            width_m: 1.0,
            wheelbase_m: 1.4,
            max_steer_rad: 0.5,
            max_speed_mps: 6.0,
            max_accel_mps2: 3.0,
            max_substep_s: 0.01,
        }
    }
}

impl CarParams {
    /// Checks every value; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("length_m", self.length_m.into())?;
        InvalidParam::positive("width_m", self.width_m.into())?;
        InvalidParam::positive("wheelbase_m", self.wheelbase_m.into())?;
        InvalidParam::check(
            self.max_steer_rad.is_finite()
                && self.max_steer_rad > 0.0
                && self.max_steer_rad < std::f32::consts::FRAC_PI_2,
            "max_steer_rad",
            || {
                format!(
                    "must be between 0 and π/2 (exclusive), got {}",
                    self.max_steer_rad
                )
            },
        )?;
        InvalidParam::positive("max_speed_mps", self.max_speed_mps.into())?;
        InvalidParam::positive("max_accel_mps2", self.max_accel_mps2.into())?;
        InvalidParam::positive("max_substep_s", self.max_substep_s.into())
    }

    /// Radius of the circle the body's centre drives at full lock, m.
    pub fn min_turn_radius_m(&self) -> f32 {
        let half = 0.5 * self.wheelbase_m;
        let slip = (0.5 * self.max_steer_rad.tan()).atan();
        half / slip.sin()
    }
}
