//! The car's motion: a kinematic bicycle with a first-order drive.
//!
//! State: position `(x, y)` of the body's centre (m), heading `θ` (rad, counter-clockwise
//! from +x), speed `v ≥ 0` (m/s). Inputs: steering `u ∈ [−1, 1]` (positive turns left) and
//! throttle `a ∈ [−1, 1]` (negative brakes; the car never reverses). With wheelbase `L`
//! (centre half-way between the axles), front-wheel angle `δ = u · δ_max`, slip angle
//! `β = atan(tan δ / 2)`:
//!
//! ```text
//! dx/dt = v cos(θ + β)        dy/dt = v sin(θ + β)        dθ/dt = 2 v sin β / L
//! dv/dt = a_max · a − (a_max / v_max) · v                  (v clamped at 0)
//! ```
//!
//! The drive is a force per mass `a_max · a` against a linear drag, so at constant throttle
//! `v` relaxes to `a · v_max` with time constant `τ = v_max / a_max`. Each substep of length
//! `h` integrates the speed exactly (`v₁ = v∞ + (v₀ − v∞) e^(−h/τ)`) and moves the pose along
//! the exact arc of constant curvature at the mean speed `(v₀ + v₁)/2`: for constant speed and
//! steering the motion is exact (a circle of radius `L / (2 sin β)`, or a straight line).
//!
//! The car is also an avian [`RigidBody::Kinematic`](avian2d::prelude::RigidBody) whose
//! `Position`, `Rotation` and velocities are written from this state after every step: avian
//! does not move it, it only sees it.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::params::CarParams;

/// Where the car is and how fast it goes. Saved in checkpoints.
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CarState {
    /// Centre of the body, m.
    #[serde(with = "vec2_as_pair")]
    pub position: Vec2,
    /// Heading, rad, counter-clockwise from +x, in `(−π, π]`.
    pub heading: f32,
    /// Forward speed, m/s, never negative.
    pub speed: f32,
    /// The steering applied during the last control step, `−1..1`.
    pub steering: f32,
}

impl CarState {
    /// A car at rest at `position`, heading `heading`.
    pub fn at_rest(position: Vec2, heading: f32) -> Self {
        Self {
            position,
            heading: wrap_angle(heading),
            speed: 0.0,
            steering: 0.0,
        }
    }

    /// Unit vector along the heading.
    pub fn forward(&self) -> Vec2 {
        Vec2::from_angle(self.heading)
    }

    /// Advances the state by one substep of `h` seconds with the given inputs (clamped to
    /// `−1..1`). See the module docs for the equations.
    pub fn advance(&mut self, params: &CarParams, steering: f32, throttle: f32, h: f32) {
        let steering = steering.clamp(-1.0, 1.0);
        let throttle = throttle.clamp(-1.0, 1.0);
        let tau = params.max_speed_mps / params.max_accel_mps2;
        let v_inf = throttle * params.max_speed_mps;
        let v0 = self.speed;
        let v1 = (v_inf + (v0 - v_inf) * (-h / tau).exp()).max(0.0);
        let v = 0.5 * (v0 + v1);
        let slip = (0.5 * (steering * params.max_steer_rad).tan()).atan();
        let omega = 2.0 * v * slip.sin() / params.wheelbase_m;
        let phi = self.heading + slip;
        let turn = omega * h;
        let delta = if turn.abs() < 1e-6 {
            v * h * Vec2::from_angle(phi + 0.5 * turn)
        } else {
            let r = v / omega;
            Vec2::new(
                r * ((phi + turn).sin() - phi.sin()),
                r * (phi.cos() - (phi + turn).cos()),
            )
        };
        self.position += delta;
        self.heading = wrap_angle(self.heading + turn);
        self.speed = v1;
        self.steering = steering;
    }
}

/// `angle` wrapped into `(−π, π]`.
pub fn wrap_angle(angle: f32) -> f32 {
    use std::f32::consts::{PI, TAU};
    let wrapped = (angle + PI).rem_euclid(TAU) - PI;
    if wrapped <= -PI {
        wrapped + TAU
    } else {
        wrapped
    }
}

/// Serialises a `Vec2` as an `(x, y)` pair, without Bevy's `serialize` feature.
mod vec2_as_pair {
    use bevy::prelude::Vec2;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(v: &Vec2, serializer: S) -> Result<S::Ok, S::Error> {
        (v.x, v.y).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec2, D::Error> {
        let (x, y) = <(f32, f32)>::deserialize(deserializer)?;
        Ok(Vec2::new(x, y))
    }
}
