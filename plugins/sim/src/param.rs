//! Parameter validation: the error every crate's `validate()` returns, naming the field.
//!
//! A scene section's parameters are checked once, when the scene is loaded; the error carries
//! the field's path below the checked value (`model.Lif.tau_m_ms`), which the scene loader
//! turns into a file, line and column.

use thiserror::Error;

/// A parameter value outside its valid range.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{field}: {message}")]
pub struct InvalidParam {
    /// The field's path below the checked value, as written in the scene (`model.Lif.tau_m_ms`).
    pub field: String,
    /// Why the value is invalid, with the value.
    pub message: String,
}

impl InvalidParam {
    /// The error for `field` with `message`.
    pub fn new(field: &str, message: String) -> Self {
        Self {
            field: field.to_owned(),
            message,
        }
    }

    /// Fails with `message` unless `ok`.
    pub fn check(ok: bool, field: &str, message: impl FnOnce() -> String) -> Result<(), Self> {
        if ok {
            Ok(())
        } else {
            Err(Self {
                field: field.to_owned(),
                message: message(),
            })
        }
    }

    /// The same error, one level deeper: `field` becomes `prefix.field`.
    pub fn within(mut self, prefix: &str) -> Self {
        self.field = format!("{prefix}.{}", self.field);
        self
    }

    /// Fails unless `value` is finite and strictly positive.
    pub fn positive(field: &str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite() && value > 0.0, field, || {
            format!("must be a positive number, got {value}")
        })
    }

    /// Fails unless `value` is finite and not negative.
    pub fn non_negative(field: &str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite() && value >= 0.0, field, || {
            format!("must be zero or positive, got {value}")
        })
    }

    /// Fails unless `value` is finite.
    pub fn finite(field: &str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite(), field, || {
            format!("must be a finite number, got {value}")
        })
    }
}
