//! Errors of the simulation core.

use thiserror::Error;

/// What can go wrong while building or running a simulation.
#[derive(Debug, Error)]
pub enum SimError {
    /// A state value left the finite range: the run cannot continue meaningfully.
    #[error("{0}")]
    Fault(#[from] crate::fault::Fault),
    /// Reading or writing a checkpoint failed.
    #[error(transparent)]
    Checkpoint(#[from] crate::checkpoint::CheckpointError),
    /// Writing metrics failed.
    #[error("cannot write metrics to {path}: {source}")]
    Metrics {
        /// The CSV file.
        path: std::path::PathBuf,
        /// The underlying error.
        source: csv::Error,
    },
}
