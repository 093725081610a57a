//! Errors of the spiking engine.

use thiserror::Error;

/// What can go wrong while building a network.
#[derive(Debug, Error, PartialEq)]
pub enum SpikingError {
    /// A projection names a region that does not exist.
    #[error(
        "projection {index} refers to region '{name}', which does not exist (regions: {known})"
    )]
    UnknownRegion {
        /// Index of the projection in the scene.
        index: usize,
        /// The missing name.
        name: String,
        /// The names that exist, comma-separated.
        known: String,
    },
    /// Two regions share a name.
    #[error("two regions are named '{0}'; region names must be unique")]
    DuplicateRegion(String),
    /// A projection targets a region that cannot receive input.
    #[error(
        "projection {index} targets region '{name}', a Poisson source, which has no membrane to receive input"
    )]
    TargetCannotReceive {
        /// Index of the projection in the scene.
        index: usize,
        /// The target region.
        name: String,
    },
    /// Weights that could be negative onto conductance-based neurons.
    #[error(
        "projection {index} targets conductance-based region '{name}': weights are conductances (nS) and must not be negative; use receptor: Inhibitory for inhibition"
    )]
    NegativeConductance {
        /// Index of the projection in the scene.
        index: usize,
        /// The target region.
        name: String,
    },
    /// One-to-one connectivity between regions of different sizes.
    #[error(
        "projection {index}: one-to-one needs equal sizes, but '{from}' has {from_size} neurons and '{to}' has {to_size}"
    )]
    OneToOneSizeMismatch {
        /// Index of the projection in the scene.
        index: usize,
        /// Source region.
        from: String,
        /// Its size.
        from_size: u32,
        /// Target region.
        to: String,
        /// Its size.
        to_size: u32,
    },
    /// Lateral inhibition between regions of different sizes.
    #[error(
        "projection {index}: LateralInhibition connects every i to every j ≠ i of a region onto itself and needs equal sizes, but '{from}' has {from_size} neurons and '{to}' has {to_size}"
    )]
    LateralInhibitionSizeMismatch {
        /// Index of the projection in the scene.
        index: usize,
        /// Source region.
        from: String,
        /// Its size.
        from_size: u32,
        /// Target region.
        to: String,
        /// Its size.
        to_size: u32,
    },
    /// A projection from a region with a declared sign (Dale's law) that breaks it.
    #[error(
        "projection {index} breaks Dale's law: region '{from}' is declared {declared:?} (field dale), so its projections must use receptor {declared:?} with weights that cannot go below 0; {problem}"
    )]
    DaleViolation {
        /// Index of the projection in the scene.
        index: usize,
        /// Source region.
        from: String,
        /// Its declared sign.
        declared: crate::delay::Receptor,
        /// What breaks the law.
        problem: String,
    },
    /// A fixed in-degree larger than the source region.
    #[error(
        "projection {index}: in_degree {in_degree} is larger than source region '{from}' ({size} neurons)"
    )]
    InDegreeTooLarge {
        /// Index of the projection in the scene.
        index: usize,
        /// Requested in-degree.
        in_degree: u32,
        /// Source region.
        from: String,
        /// Its size.
        size: u32,
    },
}

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
    /// Fails with `message` unless `ok`.
    pub fn check(
        ok: bool,
        field: &'static str,
        message: impl FnOnce() -> String,
    ) -> Result<(), Self> {
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
    pub fn positive(field: &'static str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite() && value > 0.0, field, || {
            format!("must be a positive number, got {value}")
        })
    }

    /// Fails unless `value` is finite and not negative.
    pub fn non_negative(field: &'static str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite() && value >= 0.0, field, || {
            format!("must be zero or positive, got {value}")
        })
    }

    /// Fails unless reset and threshold are finite and the threshold is above the reset
    /// (fields `v_reset_mv` and `v_threshold_mv`, as every integrate-and-fire model names them).
    pub fn threshold_above_reset(threshold_mv: f64, reset_mv: f64) -> Result<(), Self> {
        Self::finite("v_reset_mv", reset_mv)?;
        Self::finite("v_threshold_mv", threshold_mv)?;
        Self::check(threshold_mv > reset_mv, "v_threshold_mv", || {
            format!("must be above v_reset_mv ({reset_mv}), got {threshold_mv}")
        })
    }

    /// Fails unless `value` is finite.
    pub fn finite(field: &'static str, value: f64) -> Result<(), Self> {
        Self::check(value.is_finite(), field, || {
            format!("must be a finite number, got {value}")
        })
    }
}
