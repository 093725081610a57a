//! The drawing pad: a 28 × 28 canvas a person paints a digit on with the mouse (a soft round
//! brush, like a pen stroke in the MNIST scans); the network relaxes to its answer.
//!
//! MNIST's digits are centred by their centre of mass in the 28 × 28 frame; a digit drawn
//! near an edge would be a kind of input the network never saw. So the network is shown the
//! drawing moved (by whole pixels) to put its centre of mass in the middle
//! ([`DrawPad::centred`]), as MNIST's own preprocessing did.

use bevy::prelude::*;
use bevy_egui::egui;

use crate::classify::pictures::{grey, grid};

/// Pixels per side.
pub const SIDE: usize = 28;

/// Brush radius, pixels: the full-ink core; ink fades to zero one pixel further out.
const BRUSH_RADIUS: f32 = 1.2;

/// The pad's pixels in `0..1`, row-major, and a counter that changes with every stroke.
#[derive(Resource, Debug, Clone)]
pub struct DrawPad {
    /// The ink.
    pub pixels: Vec<f32>,
    /// Bumped on every change, so answers are recomputed only then.
    pub version: u64,
}

impl Default for DrawPad {
    fn default() -> Self {
        Self {
            pixels: vec![0.0; SIDE * SIDE],
            version: 0,
        }
    }
}

impl DrawPad {
    /// Inks around `(x, y)` (pixel coordinates, fractional).
    pub fn ink(&mut self, x: f32, y: f32) {
        for r in 0..SIDE {
            for c in 0..SIDE {
                let d = ((c as f32 + 0.5 - x).powi(2) + (r as f32 + 0.5 - y).powi(2)).sqrt();
                let ink = (1.0 + BRUSH_RADIUS - d).clamp(0.0, 1.0);
                let p = &mut self.pixels[r * SIDE + c];
                *p = p.max(ink);
            }
        }
        self.version += 1;
    }

    /// Wipes the pad.
    pub fn clear(&mut self) {
        self.pixels.fill(0.0);
        self.version += 1;
    }

    /// The drawing moved by whole pixels so its centre of mass (ink-weighted) is at the
    /// frame's centre; ink moved past an edge is lost.
    pub fn centred(&self) -> Vec<f32> {
        let total: f32 = self.pixels.iter().sum();
        if total == 0.0 {
            return self.pixels.clone();
        }
        let (mut row_mass, mut col_mass) = (0.0, 0.0);
        for (i, &p) in self.pixels.iter().enumerate() {
            row_mass += p * (i / SIDE) as f32;
            col_mass += p * (i % SIDE) as f32;
        }
        let middle = (SIDE / 2) as f32;
        let dr = (middle - row_mass / total).round() as isize;
        let dc = (middle - col_mass / total).round() as isize;
        let mut moved = vec![0.0; SIDE * SIDE];
        for (i, &p) in self.pixels.iter().enumerate() {
            let r = (i / SIDE) as isize + dr;
            let c = (i % SIDE) as isize + dc;
            if (0..SIDE as isize).contains(&r) && (0..SIDE as isize).contains(&c) {
                moved[r as usize * SIDE + c as usize] = p;
            }
        }
        moved
    }

    /// Whether nothing is drawn.
    pub fn is_blank(&self) -> bool {
        self.pixels.iter().all(|&p| p == 0.0)
    }
}

/// The pad, `size` points wide: dragging paints, "clear" wipes.
pub fn show(ui: &mut egui::Ui, pad: &mut DrawPad, size: f32) {
    let response = grid(ui, &pad.pixels, SIDE, size, egui::Sense::drag(), grey);
    if let Some(pos) = response.interact_pointer_pos()
        && response.rect.contains(pos)
    {
        let cell = size / SIDE as f32;
        let local = pos - response.rect.min;
        pad.ink(local.x / cell, local.y / cell);
    }
    if ui.small_button("clear").clicked() {
        pad.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_in_a_corner_is_centred_by_its_mass() {
        let mut pad = DrawPad::default();
        pad.ink(3.5, 3.5);
        let centred = pad.centred();
        let total: f32 = centred.iter().sum();
        let mass = |at: fn(usize) -> usize| {
            centred
                .iter()
                .enumerate()
                .map(|(i, &p)| p * at(i) as f32)
                .sum::<f32>()
                / total
        };
        let (row, col) = (mass(|i| i / SIDE), mass(|i| i % SIDE));
        assert!(
            (row - 14.0).abs() <= 0.5 && (col - 14.0).abs() <= 0.5,
            "centre of mass at ({row}, {col})"
        );
        let ink = |v: &[f32]| v.iter().sum::<f32>();
        assert!((ink(&centred) - ink(&pad.pixels)).abs() < 1e-4);
        assert!(DrawPad::default().centred().iter().all(|&p| p == 0.0));
    }
}
