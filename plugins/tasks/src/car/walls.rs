//! Walls generated from a track's centre line.
//!
//! Each wall is the centre line offset by half the width, to the left and to the right. At a
//! vertex where the line turns by `φ`, the offset point lies on the bisector at distance
//! `(w/2) / cos(φ/2)` (a mitre joint, capped at 4 · w/2 for very sharp corners), so straight
//! pieces keep exactly the width. An open road also gets a wall across its start; its end is
//! left open (the episode ends there). Walls that cross each other (a turn too sharp for the
//! width, a line that comes back on itself) are a validation error.
//!
//! Each wall is an avian [`Collider`] (a polyline, or a segment for the start) on a static
//! entity, used for ray casts and contact tests.

use avian2d::prelude::Collider;
use bevy::prelude::*;

use super::track::Track;
use crate::error::InvalidParam;

/// Longest mitre, in half-widths.
const MITRE_LIMIT: f32 = 4.0;

/// The walls of a track as point lists, m.
#[derive(Debug, Clone, PartialEq)]
pub struct WallLines {
    /// The left wall (seen in the direction of travel).
    pub left: Vec<Vec2>,
    /// The right wall.
    pub right: Vec<Vec2>,
    /// Whether the walls are closed loops (a circuit).
    pub closed: bool,
}

impl WallLines {
    /// The walls of `track`.
    pub fn of(track: &Track) -> Self {
        let points = track.points();
        let n = points.len();
        let half = 0.5 * track.width_m();
        let direction = |i: usize| {
            let (a, b) = track.segment(i);
            (b - a).normalize()
        };
        let mut left = Vec::with_capacity(n);
        let mut right = Vec::with_capacity(n);
        for (i, &p) in points.iter().enumerate() {
            let incoming = match (i, track.closed()) {
                (0, false) => None,
                (0, true) => Some(direction(n - 1)),
                _ => Some(direction(i - 1)),
            };
            let outgoing = (track.closed() || i + 1 < n).then(|| direction(i));
            let normal = match (incoming, outgoing) {
                (Some(a), Some(b)) => {
                    let bisector = (a.perp() + b.perp()).normalize_or(a.perp());
                    let cos = bisector.dot(a.perp()).max(1.0 / MITRE_LIMIT);
                    bisector / cos
                }
                (Some(d), None) | (None, Some(d)) => d.perp(),
                (None, None) => Vec2::Y,
            };
            left.push(p + half * normal);
            right.push(p - half * normal);
        }
        Self {
            left,
            right,
            closed: track.closed(),
        }
    }

    /// Every wall as a list of segments: left, right, and for an open road the start.
    pub fn segments(&self) -> Vec<Vec<(Vec2, Vec2)>> {
        let chain = |points: &[Vec2]| {
            let mut segments: Vec<_> = points.windows(2).map(|w| (w[0], w[1])).collect();
            if self.closed {
                segments.push((points[points.len() - 1], points[0]));
            }
            segments
        };
        let mut walls = vec![chain(&self.left), chain(&self.right)];
        if !self.closed {
            walls.push(vec![(self.left[0], self.right[0])]);
        }
        walls
    }

    /// One avian collider per wall, in world coordinates.
    pub fn colliders(&self) -> Vec<Collider> {
        let polyline = |points: &[Vec2]| {
            let mut vertices = points.to_vec();
            if self.closed {
                vertices.push(points[0]);
            }
            Collider::polyline(vertices, None)
        };
        let mut colliders = vec![polyline(&self.left), polyline(&self.right)];
        if !self.closed {
            colliders.push(Collider::segment(self.left[0], self.right[0]));
        }
        colliders
    }
}

/// Fails if any two walls, or two non-adjacent segments of one wall, cross or touch.
pub fn check_walls(track: &Track) -> Result<(), InvalidParam> {
    let walls = WallLines::of(track).segments();
    for (wi, wall) in walls.iter().enumerate() {
        for (i, &a) in wall.iter().enumerate() {
            for (wj, other) in walls.iter().enumerate().skip(wi) {
                for (j, &b) in other.iter().enumerate() {
                    if wi == wj && (j <= i + 1 || (track.closed() && i == 0 && j + 1 == wall.len()))
                    {
                        continue;
                    }
                    // The start wall joins the side walls at their first points.
                    if wj == 2 && i == 0 && wi < 2 {
                        continue;
                    }
                    if segments_cross(a, b) {
                        return Err(InvalidParam {
                            field: "centre_line".to_owned(),
                            message: format!(
                                "the track's walls cross near ({:.1}, {:.1}): a turn is too sharp for the width ({} m) or the line comes back on itself",
                                a.0.x,
                                a.0.y,
                                track.width_m()
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether two segments cross or touch.
fn segments_cross((p, q): (Vec2, Vec2), (a, b): (Vec2, Vec2)) -> bool {
    let side = |o: Vec2, u: Vec2, v: Vec2| (u - o).perp_dot(v - o);
    let (d1, d2) = (side(a, b, p), side(a, b, q));
    let (d3, d4) = (side(p, q, a), side(p, q, b));
    d1 * d2 <= 0.0 && d3 * d4 <= 0.0 && !(d1 == 0.0 && d2 == 0.0 && d3 == 0.0 && d4 == 0.0)
        || (d1 == 0.0 && d2 == 0.0 && overlaps_collinear((p, q), (a, b)))
}

/// Whether two collinear segments overlap.
fn overlaps_collinear((p, q): (Vec2, Vec2), (a, b): (Vec2, Vec2)) -> bool {
    let axis = (q - p).normalize_or(Vec2::X);
    let (s0, s1) = (axis.dot(p).min(axis.dot(q)), axis.dot(p).max(axis.dot(q)));
    let (t0, t1) = (axis.dot(a).min(axis.dot(b)), axis.dot(a).max(axis.dot(b)));
    s0 <= t1 && t0 <= s1
}
