//! Learning-rate schedules: a factor on every layer's rate, by epoch (from 0).
//!
//! ```text
//! Constant:              1
//! Step(every, gamma):    gamma^⌊epoch / every⌋
//! Exponential(gamma):    gamma^epoch
//! Cosine(epochs, floor): floor + (1 − floor) · ½ (1 + cos(π · min(epoch, epochs) / epochs))
//! ```
//! `Warmup` ramps the factor linearly from `1/(epochs+1)` to 1 over its first epochs before the
//! schedule it wraps.

use serde::{Deserialize, Serialize};

use crate::error::EnergyError;

/// A schedule, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum Schedule {
    /// The rates as given.
    #[default]
    Constant,
    /// Times `gamma` every `every` epochs.
    Step {
        /// Epochs between drops.
        every: u32,
        /// Factor per drop.
        gamma: f32,
    },
    /// Times `gamma` every epoch.
    Exponential(f32),
    /// Cosine from 1 down to `floor` over `epochs`, then `floor`.
    Cosine {
        /// Length of the decay.
        epochs: u32,
        /// The final factor.
        floor: f32,
    },
    /// A linear ramp over `epochs` epochs, then `then`.
    Warmup {
        /// Epochs of ramp.
        epochs: u32,
        /// The schedule after (and under) the ramp.
        then: Box<Schedule>,
    },
}

impl Schedule {
    /// The factor on the rates during `epoch` (0-based).
    pub fn factor(&self, epoch: u32) -> f32 {
        match self {
            Self::Constant => 1.0,
            Self::Step { every, gamma } => gamma.powi((epoch / (*every).max(1)) as i32),
            Self::Exponential(gamma) => gamma.powi(epoch as i32),
            Self::Cosine { epochs, floor } => {
                let progress = epoch.min(*epochs) as f32 / (*epochs).max(1) as f32;
                floor + (1.0 - floor) * 0.5 * (1.0 + (std::f32::consts::PI * progress).cos())
            }
            Self::Warmup { epochs, then } => {
                let ramp = ((epoch + 1) as f32 / (*epochs + 1) as f32).min(1.0);
                ramp * then.factor(epoch)
            }
        }
    }

    /// Checks the constants; the error names the field.
    pub fn check(&self) -> Result<(), EnergyError> {
        let positive = |field, x: f32| {
            if x > 0.0 && x.is_finite() {
                Ok(())
            } else {
                Err(EnergyError::Setting {
                    field,
                    message: format!("must be positive, got {x}"),
                })
            }
        };
        match self {
            Self::Constant => Ok(()),
            Self::Step { gamma, .. } => positive("gamma", *gamma),
            Self::Exponential(gamma) => positive("Exponential", *gamma),
            Self::Cosine { floor, .. } => positive("floor", *floor),
            Self::Warmup { then, .. } => then.check(),
        }
    }
}
