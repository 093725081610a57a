//! The `scene` checkpoint section: the scene's text, file name and seed.
//!
//! A checkpoint can thus be resumed on its own (`--load` without `--scene`): the binary reads
//! this section first with [`scene_from_checkpoint`], builds the scene, and then restores every
//! section. Restoring onto a different scene is refused.

use std::path::PathBuf;

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, CheckpointFile, decode, encode};
use neurarium_sim::prelude::SceneKinds;
use serde::{Deserialize, Serialize};

use crate::error::SceneError;
use crate::load::{SceneDocument, parse_scene};
use crate::plugin::LoadedScene;

/// The section's name in checkpoint files.
pub const SECTION: &str = "scene";

#[derive(Serialize, Deserialize)]
struct SceneSnapshot {
    path: PathBuf,
    source: String,
    seed: u64,
}

/// Encodes the loaded scene.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let loaded = world
        .get_resource::<LoadedScene>()
        .ok_or_else(|| CheckpointError::section(SECTION, "no scene is loaded"))?;
    encode(
        SECTION,
        &SceneSnapshot {
            path: loaded.document.path.clone(),
            source: loaded.document.source.clone(),
            seed: loaded.seed,
        },
    )
}

/// Checks that the checkpoint was made with the scene that is loaded.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: SceneSnapshot = decode(SECTION, bytes)?;
    let loaded = world
        .get_resource::<LoadedScene>()
        .ok_or_else(|| CheckpointError::section(SECTION, "no scene is loaded"))?;
    if loaded.document.source != saved.source {
        return Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint was made with a different scene ({}) than the one loaded ({})",
                saved.path.display(),
                loaded.document.path.display()
            ),
        ));
    }
    Ok(())
}

/// Why the scene of a checkpoint could not be recovered.
#[derive(Debug, thiserror::Error)]
pub enum CheckpointSceneError {
    /// The section is missing or unreadable.
    #[error(transparent)]
    Checkpoint(#[from] CheckpointError),
    /// The stored scene no longer validates.
    #[error(transparent)]
    Scene(#[from] SceneError),
}

/// The scene a checkpoint was made with, and its seed, read with the registered `kinds`.
pub fn scene_from_checkpoint(
    file: &CheckpointFile,
    kinds: &SceneKinds,
) -> Result<(SceneDocument, u64), CheckpointSceneError> {
    let saved: SceneSnapshot = decode(SECTION, file.section(SECTION)?)?;
    let document = parse_scene(&saved.source, &saved.path, kinds)?;
    Ok((document, saved.seed))
}
