//! The energy crate's errors.

use thiserror::Error;

/// What can go wrong building, relaxing or training an energy network.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum EnergyError {
    /// Layer sizes, data or parameters of mismatched shapes.
    #[error("shape mismatch: {0}")]
    Shape(String),
    /// A relaxation produced a value that is not finite.
    #[error(
        "the {phase} phase diverged at relaxation step {step}: layer {layer} unit {unit} of sample {sample} is {value} (lower the learning rates or the step size)"
    )]
    Diverged {
        /// Which phase (`free`, `nudged`, ...).
        phase: &'static str,
        /// Layer index (0: input).
        layer: usize,
        /// Relaxation step, from 1.
        step: usize,
        /// Sample in the batch.
        sample: usize,
        /// Unit in the layer.
        unit: usize,
        /// The value found.
        value: f32,
    },
    /// A setting out of its range.
    #[error("invalid setting `{field}`: {message}")]
    Setting {
        /// The field.
        field: &'static str,
        /// What is wrong.
        message: String,
    },
}
