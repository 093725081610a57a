//! Distance sensors: rays cast from the car's centre against the walls.
//!
//! Ray `k` leaves the centre of the body at angle `α_k` from the heading (positive to the
//! left) and reads `d_k / range` (clamped to `0..1`), where `d_k` is the distance to the
//! nearest wall along it; a ray that meets no wall within `range` reads 1. Angles are either
//! listed (`angles_deg`) or `count` rays spread evenly over `±spread_deg / 2` (one ray: straight
//! ahead). The default is 5 rays at −60°, −30°, 0°, 30°, 60°, 10 m long. Ray casts use the
//! walls' avian colliders ([`Collider::cast_ray`]).

use avian2d::prelude::{Collider, Position, Rotation};
use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// The sensors, as a scene gives them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SensorSpec {
    /// Number of rays, spread evenly over `spread_deg` (ignored if `angles_deg` is given).
    pub count: usize,
    /// Angle between the outermost rays, degrees.
    pub spread_deg: f32,
    /// Explicit ray angles from the heading, degrees, positive to the left; empty: use
    /// `count` and `spread_deg`.
    pub angles_deg: Vec<f32>,
    /// Length of the rays, m; a wall at this distance or farther reads 1.
    pub range_m: f32,
}

impl Default for SensorSpec {
    fn default() -> Self {
        Self {
            count: 5,
            spread_deg: 120.0,
            angles_deg: Vec::new(),
            range_m: 10.0,
        }
    }
}

impl SensorSpec {
    /// Checks every value; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        if self.angles_deg.is_empty() {
            InvalidParam::check(self.count >= 1, "count", || "must be at least 1".to_owned())?;
            InvalidParam::check(
                self.spread_deg.is_finite() && (0.0..=360.0).contains(&self.spread_deg),
                "spread_deg",
                || format!("must be between 0 and 360, got {}", self.spread_deg),
            )?;
        }
        for angle in &self.angles_deg {
            InvalidParam::finite("angles_deg", (*angle).into())?;
        }
        InvalidParam::positive("range_m", self.range_m.into())
    }

    /// The rays' angles from the heading, rad.
    pub fn angles_rad(&self) -> Vec<f32> {
        if !self.angles_deg.is_empty() {
            return self.angles_deg.iter().map(|a| a.to_radians()).collect();
        }
        if self.count == 1 {
            return vec![0.0];
        }
        let step = self.spread_deg / (self.count - 1) as f32;
        (0..self.count)
            .map(|k| (-0.5 * self.spread_deg + step * k as f32).to_radians())
            .collect()
    }
}

/// The car's distance sensors and their latest readings.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct RaySensors {
    /// Ray angles from the heading, rad, positive to the left.
    pub angles_rad: Vec<f32>,
    /// Ray length, m.
    pub range_m: f32,
    /// Latest readings, `distance / range` in `0..1` (1: no wall within range), one per ray.
    pub readings: Vec<f32>,
}

impl RaySensors {
    /// Sensors as the scene describes them, reading 1 until first cast.
    pub fn new(spec: &SensorSpec) -> Self {
        let angles_rad = spec.angles_rad();
        Self {
            readings: vec![1.0; angles_rad.len()],
            angles_rad,
            range_m: spec.range_m,
        }
    }

    /// Casts every ray from `origin` with the car heading `heading` against `walls`.
    pub fn cast<'a>(
        &mut self,
        origin: Vec2,
        heading: f32,
        walls: impl Iterator<Item = &'a Collider> + Clone,
    ) {
        for (reading, angle) in self.readings.iter_mut().zip(&self.angles_rad) {
            let direction = Vec2::from_angle(heading + angle);
            let nearest = walls
                .clone()
                .filter_map(|wall| {
                    wall.cast_ray(
                        Position(Vec2::ZERO),
                        Rotation::IDENTITY,
                        origin,
                        direction,
                        self.range_m,
                        false,
                    )
                })
                .map(|(distance, _)| distance)
                .fold(self.range_m, f32::min);
            *reading = (nearest / self.range_m).clamp(0.0, 1.0);
        }
    }

    /// Where ray `k` ends: at its hit, or at full range (for drawing), m.
    pub fn ray_end(&self, k: usize, origin: Vec2, heading: f32) -> Vec2 {
        origin + self.readings[k] * self.range_m * Vec2::from_angle(heading + self.angles_rad[k])
    }
}
