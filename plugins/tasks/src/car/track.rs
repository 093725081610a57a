//! Tracks: a centre line (a polyline, open or closed) and a width.
//!
//! The curriculum's four phases are built in ([`TrackSpec::Phase1`] … [`TrackSpec::Phase4`],
//! [`PHASE_WIDTH_M`] wide); a scene may instead give its own centre line
//! ([`TrackSpec::Custom`]). The built-in ones are drawn like a turtle from straights and
//! circular arcs (arcs as chords of at most 5°):
//!
//! | phase | shape | length |
//! |---|---|---|
//! | 1 | a straight road, 60 m, open | 60 m |
//! | 2 | gentle curves: 30 m radius, left 30°, right 60°, left 30°, open | 103 m |
//! | 3 | sharp turns: 7 m radius, left, right, right, left 90° each, open | 82 m |
//! | 4 | a closed circuit of left and right turns (a chicane, 90° and 135° corners, radii 7–8 m), run counter-clockwise | 146 m |
//!
//! **Progress** is the arc length `s` of the car's projection onto the centre line (the
//! nearest point of the polyline, lowest segment on a tie). The **lateral offset** is the
//! signed distance from that point (m, positive to the left of the direction of travel), the
//! **heading error** the car's heading minus the centre line's direction there (rad, wrapped
//! to `(−π, π]`). Walls are generated from the centre line by [`super::walls`].

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::body::wrap_angle;
use crate::error::InvalidParam;

/// Width of the built-in tracks, m.
pub const PHASE_WIDTH_M: f32 = 5.0;
/// Largest angle an arc chord of a built-in track turns by, degrees.
const ARC_STEP_DEG: f32 = 5.0;

/// Which track to drive, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum TrackSpec {
    /// Curriculum phase 1: a straight road.
    Phase1,
    /// Curriculum phase 2: gentle curves.
    Phase2,
    /// Curriculum phase 3: sharp turns.
    Phase3,
    /// Curriculum phase 4: a complex closed circuit.
    #[default]
    Phase4,
    /// A centre line given point by point.
    Custom(CustomTrack),
}

/// A centre line given point by point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CustomTrack {
    /// The centre line's points, m, in driving order. The car starts at the first point,
    /// facing the second.
    pub centre_line: Vec<(f32, f32)>,
    /// Distance between the walls, m.
    pub width_m: f32,
    /// Whether the last point joins the first (a circuit, with laps) or the road ends there.
    pub closed: bool,
}

impl Default for CustomTrack {
    fn default() -> Self {
        Self {
            centre_line: vec![(0.0, 0.0), (50.0, 0.0)],
            width_m: PHASE_WIDTH_M,
            closed: false,
        }
    }
}

/// One piece of a turtle-drawn centre line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece {
    /// Straight ahead, this many metres.
    Straight(f32),
    /// An arc turning left: radius m, angle degrees.
    Left(f32, f32),
    /// An arc turning right: radius m, angle degrees.
    Right(f32, f32),
}

impl TrackSpec {
    /// A short name for panels ("straight road").
    pub fn name(&self) -> &'static str {
        match self {
            TrackSpec::Phase1 => "straight road",
            TrackSpec::Phase2 => "gentle curves",
            TrackSpec::Phase3 => "sharp turns",
            TrackSpec::Phase4 => "circuit",
            TrackSpec::Custom(_) => "custom track",
        }
    }

    /// The track's centre line, width and whether it is closed, checked.
    pub fn build(&self) -> Result<Track, InvalidParam> {
        use Piece::{Left, Right, Straight};
        let turtle = |pieces: &[Piece], closed| {
            Track::new(turtle_points(pieces, closed), PHASE_WIDTH_M, closed)
        };
        match self {
            TrackSpec::Phase1 => turtle(&[Straight(60.0)], false),
            TrackSpec::Phase2 => turtle(
                &[
                    Straight(10.0),
                    Left(30.0, 30.0),
                    Straight(10.0),
                    Right(30.0, 60.0),
                    Straight(10.0),
                    Left(30.0, 30.0),
                    Straight(10.0),
                ],
                false,
            ),
            TrackSpec::Phase3 => turtle(
                &[
                    Straight(10.0),
                    Left(7.0, 90.0),
                    Straight(6.0),
                    Right(7.0, 90.0),
                    Straight(6.0),
                    Right(7.0, 90.0),
                    Straight(6.0),
                    Left(7.0, 90.0),
                    Straight(10.0),
                ],
                false,
            ),
            TrackSpec::Phase4 => {
                // Two copies of a half that turns by exactly 180°: the second ends where the
                // first began, so the circuit closes exactly.
                let half = [
                    Straight(12.0),
                    Right(8.0, 45.0),
                    Left(8.0, 45.0),
                    Straight(6.0),
                    Left(8.0, 90.0),
                    Straight(8.0),
                    Left(7.0, 135.0),
                    Right(7.0, 45.0),
                ];
                turtle(&[half, half].concat(), true)
            }
            TrackSpec::Custom(custom) => {
                let points = custom
                    .centre_line
                    .iter()
                    .map(|&(x, y)| Vec2::new(x, y))
                    .collect();
                Track::new(points, custom.width_m, custom.closed).map_err(|e| e.within("Custom"))
            }
        }
    }
}

/// The points of a centre line drawn from `pieces`, starting at the origin heading +x. For
/// a closed line the last point, which comes back to the first, is dropped.
pub fn turtle_points(pieces: &[Piece], closed: bool) -> Vec<Vec2> {
    let mut position = Vec2::ZERO;
    let mut heading = 0.0_f32;
    let mut points = vec![position];
    for piece in pieces {
        let (radius, degrees, sign) = match *piece {
            Piece::Straight(length) => {
                position += length * Vec2::from_angle(heading);
                points.push(position);
                continue;
            }
            Piece::Left(radius, degrees) => (radius, degrees, 1.0),
            Piece::Right(radius, degrees) => (radius, degrees, -1.0),
        };
        let centre = position + sign * radius * Vec2::from_angle(heading).perp();
        let chords = (degrees / ARC_STEP_DEG).ceil().max(1.0) as u32;
        let start = heading;
        for i in 1..=chords {
            let h = start + sign * (degrees.to_radians() * i as f32 / chords as f32);
            points.push(centre - sign * radius * Vec2::from_angle(h).perp());
        }
        heading = start + sign * degrees.to_radians();
        position = points[points.len() - 1];
    }
    if closed && points.len() > 2 {
        points.pop();
    }
    points
}

/// A track's centre line, as a component of the track entity.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct Track {
    points: Vec<Vec2>,
    /// Arc length at each point; for a closed line one more entry, the whole length.
    cumulative: Vec<f32>,
    width_m: f32,
    closed: bool,
}

/// Where a point lies relative to the centre line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Projection {
    /// Arc length of the nearest centre-line point, m, in `[0, length]`.
    pub s: f32,
    /// Signed distance from it, m, positive to the left.
    pub lateral: f32,
    /// Direction of the centre line there, rad.
    pub direction: f32,
}

impl Track {
    /// A track from its centre line; checks that it has at least two distinct points (three
    /// for a closed one), a positive width, and walls that do not cross.
    pub fn new(points: Vec<Vec2>, width_m: f32, closed: bool) -> Result<Self, InvalidParam> {
        InvalidParam::positive("width_m", width_m.into())?;
        let minimum = if closed { 3 } else { 2 };
        InvalidParam::check(points.len() >= minimum, "centre_line", || {
            format!(
                "needs at least {minimum} points for {} track, got {}",
                if closed { "a closed" } else { "an open" },
                points.len()
            )
        })?;
        for (i, p) in points.iter().enumerate() {
            InvalidParam::check(p.is_finite(), "centre_line", || {
                format!("point {i} is not finite")
            })?;
        }
        let count = if closed {
            points.len()
        } else {
            points.len() - 1
        };
        let mut cumulative = vec![0.0];
        for i in 0..count {
            let (a, b) = (points[i], points[(i + 1) % points.len()]);
            let length = a.distance(b);
            InvalidParam::check(length > 1e-4, "centre_line", || {
                format!("points {i} and {} are the same", (i + 1) % points.len())
            })?;
            cumulative.push(cumulative[i] + length);
        }
        let track = Self {
            points,
            cumulative,
            width_m,
            closed,
        };
        super::walls::check_walls(&track)?;
        Ok(track)
    }

    /// The centre line's points, m.
    pub fn points(&self) -> &[Vec2] {
        &self.points
    }

    /// Distance between the walls, m.
    pub fn width_m(&self) -> f32 {
        self.width_m
    }

    /// Whether the track is a circuit.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// Length of the centre line (one lap on a circuit), m.
    pub fn length(&self) -> f32 {
        self.cumulative[self.cumulative.len() - 1]
    }

    /// Number of segments of the centre line.
    pub fn segment_count(&self) -> usize {
        self.cumulative.len() - 1
    }

    /// Segment `i`'s end points.
    pub fn segment(&self, i: usize) -> (Vec2, Vec2) {
        (self.points[i], self.points[(i + 1) % self.points.len()])
    }

    /// The nearest point of the centre line to `p` (lowest segment on a tie).
    pub fn project(&self, p: Vec2) -> Projection {
        let mut best = (f32::INFINITY, 0, 0.0);
        for i in 0..self.segment_count() {
            let (a, b) = self.segment(i);
            let ab = b - a;
            let t = ((p - a).dot(ab) / ab.length_squared()).clamp(0.0, 1.0);
            let d = p.distance_squared(a + t * ab);
            if d < best.0 {
                best = (d, i, t);
            }
        }
        let (_, i, t) = best;
        let (a, b) = self.segment(i);
        let dir = (b - a).normalize();
        let s = self.cumulative[i] + t * (self.cumulative[i + 1] - self.cumulative[i]);
        Projection {
            s,
            lateral: dir.perp_dot(p - (a + t * (b - a))),
            direction: dir.to_angle(),
        }
    }

    /// The centre-line point at arc length `s` (wrapped on a circuit, clamped on a road) and
    /// the line's direction there, rad.
    pub fn point_at(&self, s: f32) -> (Vec2, f32) {
        let s = if self.closed {
            s.rem_euclid(self.length())
        } else {
            s.clamp(0.0, self.length())
        };
        let i = self.cumulative[1..]
            .iter()
            .position(|&c| c >= s)
            .unwrap_or(self.segment_count() - 1);
        let (a, b) = self.segment(i);
        let t = (s - self.cumulative[i]) / (self.cumulative[i + 1] - self.cumulative[i]);
        (a + t * (b - a), (b - a).to_angle())
    }

    /// The car's heading minus the centre line's direction at `projection`, in `(−π, π]`.
    pub fn heading_error(&self, heading: f32, projection: &Projection) -> f32 {
        wrap_angle(heading - projection.direction)
    }
}
