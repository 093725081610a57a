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
    /// Two regions release one modulator with different decay times.
    #[error(
        "regions '{0}' and '{1}' both release {2:?} with different tau_ms; a modulator has one decay time"
    )]
    ReleaseDecayDiffers(String, String, crate::plasticity::modulators::Modulator),
    /// Two regions share a name.
    #[error("two regions are named '{0}'; region names must be unique")]
    DuplicateRegion(String),
    /// More than one region has a critic.
    #[error(
        "regions '{0}' and '{1}' both have a critic; a network has at most one (it makes the global dopamine)"
    )]
    TwoCritics(String, String),
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
        declared: crate::synapses::delay::Receptor,
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

pub use neurarium_sim::param::InvalidParam;

/// Fails unless reset and threshold are finite and the threshold is above the reset (fields
/// `v_reset_mv` and `v_threshold_mv`, as every integrate-and-fire model names them).
pub fn threshold_above_reset(threshold_mv: f64, reset_mv: f64) -> Result<(), InvalidParam> {
    InvalidParam::finite("v_reset_mv", reset_mv)?;
    InvalidParam::finite("v_threshold_mv", threshold_mv)?;
    InvalidParam::check(threshold_mv > reset_mv, "v_threshold_mv", || {
        format!("must be above v_reset_mv ({reset_mv}), got {threshold_mv}")
    })
}

/// Fails unless the weight bounds are finite and `w_max ≥ w_min` (fields `w_min`, `w_max`, as
/// every plasticity rule names them).
pub fn weight_bounds(w_min: f64, w_max: f64) -> Result<(), InvalidParam> {
    InvalidParam::finite("w_min", w_min)?;
    InvalidParam::check(w_max.is_finite() && w_max >= w_min, "w_max", || {
        format!("must be finite and at least w_min ({w_min}), got {w_max}")
    })
}
