//! The named bands of brain rhythms, in Hz: theta 4–8, alpha 8–12, beta 13–30, gamma 30–80
//! (the edges the reference simulator's criteria use; the lower edge is in the band, the upper
//! one too).

use serde::{Deserialize, Serialize};

/// A named frequency band, as written in a scene (`Theta`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Band {
    /// 4–8 Hz.
    Theta,
    /// 8–12 Hz.
    Alpha,
    /// 13–30 Hz.
    Beta,
    /// 30–80 Hz.
    Gamma,
}

impl Band {
    /// Every band, slowest first.
    pub const ALL: [Band; 4] = [Band::Theta, Band::Alpha, Band::Beta, Band::Gamma];

    /// The band's edges, Hz.
    pub fn hz(self) -> (f64, f64) {
        match self {
            Band::Theta => (4.0, 8.0),
            Band::Alpha => (8.0, 12.0),
            Band::Beta => (13.0, 30.0),
            Band::Gamma => (30.0, 80.0),
        }
    }

    /// Whether `hz` lies in the band (edges included).
    pub fn contains(self, hz: f64) -> bool {
        let (low, high) = self.hz();
        (low..=high).contains(&hz)
    }

    /// The name in lower case, for metrics columns (`theta`).
    pub fn key(self) -> &'static str {
        match self {
            Band::Theta => "theta",
            Band::Alpha => "alpha",
            Band::Beta => "beta",
            Band::Gamma => "gamma",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_are_ordered_and_only_alpha_and_theta_share_an_edge() {
        for pair in Band::ALL.windows(2) {
            assert!(pair[0].hz().1 <= pair[1].hz().0, "{pair:?}");
        }
        assert!(Band::Theta.contains(8.0) && Band::Alpha.contains(8.0));
        assert!(!Band::Alpha.contains(12.5) && !Band::Beta.contains(12.5));
        assert!(Band::Gamma.contains(40.0) && !Band::Gamma.contains(81.0));
    }
}
