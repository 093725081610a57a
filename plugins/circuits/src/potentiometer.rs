//! A digital potentiometer wired as a variable resistor (rheostat), in series with a fixed
//! resistor: at step `s` of `steps` (0 to `steps − 1`) the edge's resistance is
//!
//! `R(s) = R_series + s / (steps − 1) · R_full`, and its conductance `k(s) = 1 / R(s)` (S).
//!
//! Step 0 conducts most. The board's potentiometers move one step per clock tick, up or down,
//! and clamp at the ends.

use serde::{Deserialize, Serialize};

/// A potentiometer's steps and resistances.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Potentiometer {
    /// Positions of the wiper (a 7-bit part: 128).
    pub steps: u32,
    /// Resistance across the whole track, Ω.
    pub full_ohms: f64,
    /// Fixed resistance in series (wiper plus a series resistor), Ω; keeps `k` finite at step 0.
    pub series_ohms: f64,
}

impl Default for Potentiometer {
    fn default() -> Self {
        Self {
            steps: 128,
            full_ohms: 10_000.0,
            series_ohms: 1_000.0,
        }
    }
}

impl Potentiometer {
    /// The conductance at `step` (S); steps past the end read as the end.
    pub fn conductance(&self, step: u32) -> f64 {
        let last = self.steps.saturating_sub(1).max(1);
        let s = f64::from(step.min(last));
        1.0 / (self.series_ohms + s / f64::from(last) * self.full_ohms)
    }

    /// One step toward more conductance (`up`) or less, clamped at the ends.
    pub fn step(&self, step: u32, up: bool) -> u32 {
        if up {
            step.saturating_sub(1)
        } else {
            (step + 1).min(self.steps.saturating_sub(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conductance_falls_along_the_track_and_steps_clamp_at_the_ends() {
        let pot = Potentiometer::default();
        assert!((pot.conductance(0) - 1e-3).abs() < 1e-12);
        assert!((pot.conductance(127) - 1.0 / 11_000.0).abs() < 1e-12);
        assert!(pot.conductance(10) > pot.conductance(11));
        assert_eq!(pot.step(0, true), 0);
        assert_eq!(pot.step(127, false), 127);
        assert_eq!(pot.step(5, true), 4);
    }
}
