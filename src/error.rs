//! Errors of the binary: everything that ends a run early, with a message for the user.

use neurarium_scene::checkpoint::CheckpointSceneError;
use neurarium_scene::prelude::SceneError;
use neurarium_sim::prelude::{CheckpointError, SimError};
use thiserror::Error;

/// Why a run could not start or did not finish.
#[derive(Debug, Error)]
pub enum AppError {
    /// The scene file is invalid.
    #[error(transparent)]
    Scene(#[from] SceneError),
    /// The checkpoint could not be read, written or applied.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// The checkpoint's scene could not be recovered.
    #[error(transparent)]
    CheckpointScene(#[from] CheckpointSceneError),
    /// The simulation stopped on a fault or could not write its output.
    #[error(transparent)]
    Sim(#[from] SimError),
    /// An output file could not be written.
    #[error("{path}: {source}")]
    Output {
        /// The file or directory.
        path: std::path::PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A metrics column no plugin declares: a bug in the plugin that writes it.
    #[error("{path}: {source}")]
    UndeclaredColumn {
        /// The declarations file being written.
        path: std::path::PathBuf,
        /// The column.
        source: neurarium_sim::metrics::UndeclaredColumn,
    },
    /// A sweep's results or plots could not be written (the message names the file).
    #[error("{0}")]
    SweepOutput(String),
    /// The command line is inconsistent.
    #[error("{0}")]
    Usage(String),
}
