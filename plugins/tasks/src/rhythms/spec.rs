//! The rhythms task's scene section: `task: Some(Rhythms((…)))`.
//!
//! ```ron
//! task: Some(Rhythms((
//!     rate: "pyramidal",
//!     bands: [Theta, Gamma],
//!     coupling: Some((phase: Theta, amplitude: Gamma)),
//! ))),
//! ```

use neurarium_sim::prelude::BrainPorts;
use neurarium_sim::signal::Band;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Which rhythm's phase and which one's amplitude are tested for coupling.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CouplingSpec {
    /// The slow band, whose phase.
    pub phase: Band,
    /// The fast band, whose amplitude.
    pub amplitude: Band,
}

/// The rhythms measured, as a scene gives them. Times in ms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RhythmsSpec {
    /// Output port whose spikes are the region's rate: a `SpikeCounts` readout over all its
    /// neurons, its window the sampling bin.
    pub rate: String,
    /// The bands that must each hold a spectral peak.
    pub bands: Vec<Band>,
    /// The coupling test, if any.
    pub coupling: Option<CouplingSpec>,
    /// Length of each analysis window (one episode).
    pub window_ms: f64,
    /// Dropped at the start of each window.
    pub settle_ms: f64,
    /// Length of Welch's segments (the spectrum's resolution is `1000 / segment_ms` Hz).
    pub segment_ms: f64,
    /// A peak's power over the background's median power, at least.
    pub min_prominence: f64,
    /// Time-shifted surrogates of the coupling test.
    pub surrogates: u32,
}

impl Default for RhythmsSpec {
    fn default() -> Self {
        Self {
            rate: "rate".to_owned(),
            bands: vec![Band::Gamma],
            coupling: None,
            window_ms: 4000.0,
            settle_ms: 500.0,
            segment_ms: 1000.0,
            min_prominence: 4.0,
            surrogates: 200,
        }
    }
}

impl RhythmsSpec {
    /// Checks every value and the port; the error names the field.
    pub fn validate(&self, ports: &BrainPorts) -> Result<(), InvalidParam> {
        InvalidParam::positive("window_ms", self.window_ms)?;
        InvalidParam::non_negative("settle_ms", self.settle_ms)?;
        InvalidParam::positive("segment_ms", self.segment_ms)?;
        InvalidParam::check(
            self.settle_ms + self.segment_ms <= self.window_ms,
            "segment_ms",
            || {
                format!(
                    "settle_ms ({}) and one segment ({}) must fit in window_ms ({})",
                    self.settle_ms, self.segment_ms, self.window_ms
                )
            },
        )?;
        InvalidParam::positive("min_prominence", self.min_prominence)?;
        InvalidParam::check(
            !self.bands.is_empty() || self.coupling.is_some(),
            "bands",
            || "name at least one band, or a coupling to test".to_owned(),
        )?;
        if let Some(coupling) = &self.coupling {
            InvalidParam::check(
                coupling.phase.hz().1 <= coupling.amplitude.hz().0,
                "coupling.amplitude",
                || {
                    format!(
                        "the amplitude's band ({:?}) must lie above the phase's ({:?})",
                        coupling.amplitude, coupling.phase
                    )
                },
            )?;
            InvalidParam::check(self.surrogates >= 20, "surrogates", || {
                format!(
                    "a 95th percentile needs at least 20 surrogates, got {}",
                    self.surrogates
                )
            })?;
        }
        ports
            .output(&self.rate)
            .map_err(|message| InvalidParam::new("rate", message))?;
        Ok(())
    }
}
