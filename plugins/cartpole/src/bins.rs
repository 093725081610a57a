//! The state cut into boxes: each of `x, ẋ, θ, θ̇` into equal bins over `±bounds`, every
//! combination one box (Michie & Chambers 1968; Barto, Sutton & Anderson 1983).
//!
//! Value `v` of bound `b` cut into `n` bins falls in bin `⌊n (v + b) / 2b⌋`, values beyond
//! `±b` in the end bins; one bin ignores the value. The box is the bins read as digits,
//! `x` the most significant: `((bin_x · n_ẋ + bin_ẋ) · n_θ + bin_θ) · n_θ̇ + bin_θ̇`.
//! Units: m, m/s, rad, rad/s.

use neurarium_sim::param::InvalidParam;
use serde::{Deserialize, Serialize};

use crate::gym::CartPoleState;

/// How the state is cut into boxes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StateBins {
    /// Bins of `x, ẋ, θ, θ̇` (1: the value is ignored).
    pub bins: [u32; 4],
    /// The bins span `±bounds` of each (m, m/s, rad, rad/s).
    pub bounds: [f64; 4],
}

impl StateBins {
    /// The number of boxes: the product of the bins.
    pub fn boxes(&self) -> usize {
        self.bins.iter().fold(1, |boxes: usize, &b| {
            boxes.saturating_mul(b.max(1) as usize)
        })
    }

    /// The box `s` is in, `0..boxes()`.
    pub fn box_of(&self, s: &CartPoleState) -> usize {
        let mut cell = 0;
        for ((&value, &bins), &bound) in s.to_array().iter().zip(&self.bins).zip(&self.bounds) {
            let bins = bins.max(1) as usize;
            let share = (value + bound) / (2.0 * bound);
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let bin = ((share * bins as f64).floor().max(0.0) as usize).min(bins - 1);
            cell = cell * bins + bin;
        }
        cell
    }

    /// Checks the bins and bounds; the error names the field (`bins`, `bounds`).
    pub fn check(&self) -> Result<(), InvalidParam> {
        InvalidParam::check(!self.bins.contains(&0), "bins", || {
            format!("every entry must be at least 1, got {:?}", self.bins)
        })?;
        InvalidParam::check(self.boxes() <= MAX_BOXES, "bins", || {
            format!("{} boxes are too many (at most {MAX_BOXES})", self.boxes())
        })?;
        for bound in self.bounds {
            InvalidParam::positive("bounds", bound)?;
        }
        Ok(())
    }
}

impl Default for StateBins {
    /// The 162 boxes of Barto, Sutton & Anderson (1983), with equal bins: `x` at ±0.8 m, `ẋ` at
    /// ±0.5 m/s, `θ` every 4° to ±12°, `θ̇` at ±50°/s.
    fn default() -> Self {
        Self {
            bins: [3, 3, 6, 3],
            bounds: [2.4, 1.5, 12.0_f64.to_radians(), 150.0_f64.to_radians()],
        }
    }
}

/// More boxes than any table or place-cell region should hold.
const MAX_BOXES: usize = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_boxes_read_the_bins_as_digits_and_clamp_the_ends() {
        let bins = StateBins {
            bins: [3, 3, 6, 3],
            bounds: [2.4, 1.5, 0.2, 2.5],
        };
        assert_eq!(bins.boxes(), 162);
        // Upright and still: the middle bins of x, ẋ, θ̇ and θ's bin just right of 0.
        let still = CartPoleState::default();
        assert_eq!(bins.box_of(&still), ((3 + 1) * 6 + 3) * 3 + 1);
        let far_left = CartPoleState {
            x: -100.0,
            x_dot: -100.0,
            theta: -100.0,
            theta_dot: -100.0,
        };
        assert_eq!(bins.box_of(&far_left), 0);
        let far_right = CartPoleState {
            x: 100.0,
            x_dot: 100.0,
            theta: 100.0,
            theta_dot: 100.0,
        };
        assert_eq!(bins.box_of(&far_right), 161);
        // θ just under and just over a bin edge (one sixth of 0.4 rad from the left bound).
        let edge = -0.2 + 0.4 / 6.0;
        let under = CartPoleState {
            theta: edge - 1e-9,
            ..still
        };
        let over = CartPoleState {
            theta: edge + 1e-9,
            ..still
        };
        assert_eq!(bins.box_of(&over) - bins.box_of(&under), 3);
        assert!(
            StateBins {
                bins: [0, 1, 1, 1],
                ..bins
            }
            .check()
            .is_err_and(|e| e.field == "bins")
        );
    }
}
