//! The reward of one control step.
//!
//! ```text
//! r = b + progress · Δs − centring · (d / (w/2))² − smoothness · (u − u_prev)²
//!       + lane_keeping · (e_prev² − e²)
//! b = survival on a step the car survives, crash on the step it hits a wall
//! e = θ + lane_gain_rad · d / (w/2)
//! ```
//!
//! `Δs` is the progress along the centre line during the step (m; negative when going
//! backwards), `d` the lateral offset from the centre line and `w/2` half the track width (so
//! the centring term is 0 on the centre line and `centring` at a wall), `u` and `u_prev` this
//! and the previous step's steering in `−1..1`. The weights are the scene's; the defaults make
//! driving well earn about 1 per metre, a wobble cost a little and a crash cost −100.
//!
//! The lane-keeping term is potential-based shaping (Ng, Harada & Russell 1999, with
//! potential `−e²`): `e` is the heading error `θ` (rad, car heading minus the centre line's
//! direction) plus `lane_gain_rad` times the lateral offset in half-widths, zero when the car
//! heads back towards the centre line at an angle that grows with its offset. It rewards the
//! change a control step makes, so unlike the centring term it tells which steering helped
//! within one step; over an episode its sum only depends on the first and last state, so it
//! does not change which driving is best. Off by default (`lane_keeping: 0`).

use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Weights of the reward terms, as a scene gives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RewardWeights {
    /// Added every control step the car survives.
    pub survival: f32,
    /// Per metre of progress along the centre line.
    pub progress: f32,
    /// Times the squared lateral offset in half-widths, subtracted.
    pub centring: f32,
    /// Times the squared change of steering, subtracted.
    pub smoothness: f32,
    /// Instead of `survival` on the step the car hits a wall (usually negative).
    pub crash: f32,
    /// Times the decrease of the squared lane-keeping error `e²` (rad²).
    pub lane_keeping: f32,
    /// Heading error asked for per half-width of offset, rad (towards the centre line).
    pub lane_gain_rad: f32,
}

impl Default for RewardWeights {
    fn default() -> Self {
        Self {
            survival: 0.01,
            progress: 1.0,
            centring: 0.05,
            smoothness: 0.05,
            crash: -100.0,
            lane_keeping: 0.0,
            lane_gain_rad: 0.5,
        }
    }
}

/// What one control step did, as the reward sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepOutcome {
    /// Progress along the centre line during the step, m.
    pub progress_m: f32,
    /// Lateral offset from the centre line after the step, m.
    pub lateral_m: f32,
    /// Half the track width, m.
    pub half_width_m: f32,
    /// Steering of this step.
    pub steering: f32,
    /// Steering of the previous step.
    pub previous_steering: f32,
    /// Whether the car hit a wall during the step.
    pub crashed: bool,
    /// Heading error after the step, rad.
    pub heading_error_rad: f32,
    /// Lateral offset before the step, m.
    pub previous_lateral_m: f32,
    /// Heading error before the step, rad.
    pub previous_heading_error_rad: f32,
}

impl RewardWeights {
    /// Checks every weight is finite; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::finite("survival", self.survival.into())?;
        InvalidParam::finite("progress", self.progress.into())?;
        InvalidParam::finite("centring", self.centring.into())?;
        InvalidParam::finite("smoothness", self.smoothness.into())?;
        InvalidParam::finite("crash", self.crash.into())?;
        InvalidParam::finite("lane_keeping", self.lane_keeping.into())?;
        InvalidParam::finite("lane_gain_rad", self.lane_gain_rad.into())
    }

    /// The lane-keeping error `e = θ + lane_gain_rad · d / (w/2)`, rad.
    pub fn lane_error(&self, heading_error_rad: f32, lateral_m: f32, half_width_m: f32) -> f32 {
        heading_error_rad + self.lane_gain_rad * lateral_m / half_width_m
    }

    /// The reward of one control step (see the module docs).
    pub fn reward(&self, step: &StepOutcome) -> f32 {
        let offset = step.lateral_m / step.half_width_m;
        let change = step.steering - step.previous_steering;
        let base = if step.crashed {
            self.crash
        } else {
            self.survival
        };
        let error = self.lane_error(step.heading_error_rad, step.lateral_m, step.half_width_m);
        let previous_error = self.lane_error(
            step.previous_heading_error_rad,
            step.previous_lateral_m,
            step.half_width_m,
        );
        base + self.progress * step.progress_m
            - self.centring * offset * offset
            - self.smoothness * change * change
            + self.lane_keeping * (previous_error * previous_error - error * error)
    }
}
