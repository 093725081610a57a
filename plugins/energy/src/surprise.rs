//! Surprise-gated learning: the energy jump during the nudge decides how much a sample teaches.
//!
//! During the nudged phase the target pulls the network away from its own answer; the energy
//! rises by `J = E(s^β) − E(s⁰) ≥ 0` (the free equilibrium is a minimum of `E`), little when
//! the prediction was already close to the target, much when it was wrong. Each sample's
//! update is weighted
//!
//! ```text
//! g = 0        if J < skip_below      (no update: the prediction was good enough)
//! g = boost    if J > boost_above     (a boosted one: surprised)
//! g = 1        otherwise
//! ```
//!
//! The thresholds are energies (dimensionless, like `E`); for small β the jump grows like
//! `β²`, so they belong with a β. A batch whose samples all get `g = 0` makes no update at
//! all. The gate keeps a running mean of the jumps (`memory`) for the panels.

use serde::{Deserialize, Serialize};

use crate::error::EnergyError;

/// The gate's settings, as a scene gives them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SurpriseSpec {
    /// Jumps below this energy teach nothing.
    pub skip_below: f32,
    /// Jumps above this energy teach `boost` times as much.
    pub boost_above: f32,
    /// The factor of a surprised sample.
    pub boost: f32,
    /// Rate of the running mean of the jumps (0 to 1), shown in the panels.
    pub memory: f32,
}

impl Default for SurpriseSpec {
    fn default() -> Self {
        Self {
            skip_below: 0.01,
            boost_above: 0.1,
            boost: 2.0,
            memory: 0.05,
        }
    }
}

impl SurpriseSpec {
    /// Checks the ranges; the error names the field.
    pub fn check(&self) -> Result<(), EnergyError> {
        let bad = |field, message: String| Err(EnergyError::Setting { field, message });
        if !(self.skip_below >= 0.0 && self.skip_below.is_finite()) {
            return bad(
                "skip_below",
                format!("must be finite and not negative, got {}", self.skip_below),
            );
        }
        if !(self.boost_above >= self.skip_below && self.boost_above.is_finite()) {
            return bad(
                "boost_above",
                format!(
                    "must be at least skip_below ({}), got {}",
                    self.skip_below, self.boost_above
                ),
            );
        }
        if !(self.boost >= 1.0 && self.boost.is_finite()) {
            return bad("boost", format!("must be 1 or more, got {}", self.boost));
        }
        if !(self.memory > 0.0 && self.memory <= 1.0) {
            return bad("memory", format!("must be in (0, 1], got {}", self.memory));
        }
        Ok(())
    }
}

/// The gate with its running mean.
#[derive(Debug, Clone, PartialEq)]
pub struct SurpriseGate {
    /// Its settings.
    pub spec: SurpriseSpec,
    /// Running mean of the batch-mean jump; `None` before the first batch.
    pub mean_jump: Option<f32>,
}

impl SurpriseGate {
    /// A gate that has seen nothing yet.
    pub fn new(spec: SurpriseSpec) -> Self {
        Self {
            spec,
            mean_jump: None,
        }
    }

    /// Each sample's weight for the jumps of one batch; the running mean moves.
    pub fn weights(&mut self, jumps: &[f32]) -> Vec<f32> {
        let batch_mean = jumps.iter().sum::<f32>() / jumps.len().max(1) as f32;
        let mean = self.mean_jump.unwrap_or(batch_mean);
        let weights = jumps
            .iter()
            .map(|&j| {
                if j < self.spec.skip_below {
                    0.0
                } else if j > self.spec.boost_above {
                    self.spec.boost
                } else {
                    1.0
                }
            })
            .collect();
        self.mean_jump = Some(mean + self.spec.memory * (batch_mean - mean));
        weights
    }
}
