//! Scene errors: where in which file, which field, and what is wrong.

use std::path::PathBuf;

use thiserror::Error;

/// A scene that cannot be used.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum SceneError {
    /// The file could not be read.
    #[error("{file}: cannot read scene: {message}")]
    Read {
        /// The scene file.
        file: PathBuf,
        /// The operating system's message.
        message: String,
    },
    /// The file is not a valid scene.
    #[error("{file}:{line}:{column}: {}{message}", field.as_ref().map(|f| format!("field `{f}`: ")).unwrap_or_default())]
    Invalid {
        /// The scene file.
        file: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Path of the offending field (`regions[1].model.Lif.tau_m_ms`), if known.
        field: Option<String>,
        /// What is wrong, with the valid choices where there are few.
        message: String,
    },
}

impl SceneError {
    /// The field path named by the error, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            SceneError::Invalid { field, .. } => field.as_deref(),
            SceneError::Read { .. } => None,
        }
    }

    /// `(line, column)` of the error, if it has a position.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            SceneError::Invalid { line, column, .. } => Some((*line, *column)),
            SceneError::Read { .. } => None,
        }
    }
}
