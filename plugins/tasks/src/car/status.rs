//! What the car world reports after each control step.
//!
//! Progress is unwrapped: each control step adds the change of the projection's arc length
//! `s` (on a circuit wrapped into `[−L/2, L/2)`, `L` the lap length, so crossing the start
//! line forwards adds a little, not `−L`). A lap is counted each time the progress reaches a
//! further multiple of `L`; driving backwards over the line un-counts nothing but must be made
//! up before the next lap counts. On an open road the car has **finished** when its
//! projection reaches the end of the centre line; on a circuit when it has driven the
//! scene's `laps`.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// The car's per-step outputs, reset at the start of every episode. Saved in checkpoints.
#[derive(Component, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CarStatus {
    /// Distance driven this episode (odometer), m.
    pub distance_m: f64,
    /// Progress along the centre line this episode, m (negative if driven backwards).
    pub progress_m: f64,
    /// Arc length of the car's projection on the centre line, m.
    pub s_m: f32,
    /// Laps completed this episode (circuits only).
    pub laps: u32,
    /// Whether the car has hit a wall this episode.
    pub crashed: bool,
    /// Whether the car reached the end of the road, or drove its laps.
    pub finished: bool,
    /// Forward speed, m/s.
    pub speed_mps: f32,
    /// Signed distance from the centre line, m, positive to the left.
    pub lateral_m: f32,
    /// Heading minus the centre line's direction, rad, in `(−π, π]`.
    pub heading_error_rad: f32,
    /// Car time this episode, s.
    pub time_s: f64,
    /// Control steps this episode.
    pub control_steps: u64,
    /// Reward of the last control step.
    pub reward: f32,
    /// Sum of the rewards this episode.
    pub episode_return: f64,
}

impl CarStatus {
    /// Whether the episode so far counts as a success: finished without a crash.
    pub fn succeeded(&self) -> bool {
        self.finished && !self.crashed
    }

    /// Adds the move from arc length `s_m` to `s_new` to the progress and counts laps; `lap_m`
    /// is the lap length on a circuit, `None` on an open road.
    pub fn advance_progress(&mut self, s_new: f32, lap_m: Option<f32>) -> f32 {
        let mut delta = s_new - self.s_m;
        if let Some(lap) = lap_m {
            delta = (delta + 0.5 * lap).rem_euclid(lap) - 0.5 * lap;
            while self.progress_m + f64::from(delta) >= f64::from(lap) * f64::from(self.laps + 1) {
                self.laps += 1;
            }
        }
        self.progress_m += f64::from(delta);
        self.s_m = s_new;
        delta
    }
}
