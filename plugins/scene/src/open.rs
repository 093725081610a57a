//! Opening another scene or a checkpoint while the window runs (the top bar's pickers).
//!
//! The panels put an [`OpenRequest`]; [`open_requested`] (window mode, before the simulation
//! step) does it: a scene file is loaded, applied from step 0 and watched for edits, as
//! `--scene` does; a checkpoint is read, its own scene applied with its seed and every section
//! restored over it, as `--load` does. Whatever fails — a missing file, a broken scene, a
//! checkpoint of another format — is kept in [`OpenStatus::error`] for the panel to show, and
//! the scene that was running keeps running.
//!
//! [`scene_files`] and [`checkpoint_files`] list what the pickers offer.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use neurarium_sim::prelude::{SceneKinds, read_checkpoint, restore_checkpoint};

use crate::apply::apply_scene;
use crate::checkpoint::scene_from_checkpoint;
use crate::load::load_scene_file;
use crate::reload::SceneWatch;

/// What to open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Open {
    /// A scene file, from step 0.
    Scene(PathBuf),
    /// A checkpoint, with its own scene.
    Checkpoint(PathBuf),
}

/// The file the user picked, opened before the next step.
#[derive(Resource, Debug, Clone, Default)]
pub struct OpenRequest(pub Option<Open>);

/// The outcome of the last open.
#[derive(Resource, Debug, Clone, Default)]
pub struct OpenStatus {
    /// Why the last pick could not be opened; `None` once one opens.
    pub error: Option<String>,
    /// The checkpoint the running scene was resumed from, if it was.
    pub checkpoint: Option<PathBuf>,
}

/// Exclusive system: opens the requested file, if any.
pub fn open_requested(world: &mut World) {
    let Some(open) = world
        .get_resource_mut::<OpenRequest>()
        .and_then(|mut request| request.0.take())
    else {
        return;
    };
    let result = match &open {
        Open::Scene(path) => open_scene(world, path),
        Open::Checkpoint(path) => open_checkpoint(world, path),
    };
    let mut status = world.get_resource_or_init::<OpenStatus>();
    match result {
        Ok(()) => {
            status.error = None;
            status.checkpoint = match open {
                Open::Scene(_) => None,
                Open::Checkpoint(path) => Some(path),
            };
        }
        Err(error) => {
            warn!("could not open it, keeping the running scene: {error}");
            status.error = Some(error);
        }
    }
}

fn open_scene(world: &mut World, path: &Path) -> Result<(), String> {
    let kinds = world.resource::<SceneKinds>().clone();
    let document = load_scene_file(path, &kinds).map_err(|e| e.to_string())?;
    apply_scene(world, &document, None, None);
    world.insert_resource(SceneWatch::new(path.to_owned(), None));
    Ok(())
}

fn open_checkpoint(world: &mut World, path: &Path) -> Result<(), String> {
    let kinds = world.resource::<SceneKinds>().clone();
    let file = read_checkpoint(path).map_err(|e| e.to_string())?;
    let (document, seed) =
        scene_from_checkpoint(&file, &kinds).map_err(|e| format!("{}: {e}", path.display()))?;
    apply_scene(world, &document, Some(seed), None);
    // A checkpoint's scene is its own text, not a file to watch.
    world.remove_resource::<SceneWatch>();
    // The scene was applied, so a failure here leaves a fresh scene rather than the last
    // one: say so rather than run half a checkpoint.
    restore_checkpoint(world, &file).map_err(|e| {
        format!(
            "{}: {e} (running its scene from step 0 instead)",
            path.display()
        )
    })
}

/// Every scene file (`*.ron`) in `dir`, sorted by name.
pub fn scene_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    files
}

/// How deep [`checkpoint_files`] looks below each root (`runs/car/best.ckpt` is depth 2).
pub const CHECKPOINT_SEARCH_DEPTH: usize = 3;

/// Every checkpoint (`*.ckpt`) under `roots`, at most [`CHECKPOINT_SEARCH_DEPTH`] folders
/// down, newest first.
pub fn checkpoint_files(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for root in roots {
        collect_checkpoints(root, CHECKPOINT_SEARCH_DEPTH, &mut found);
    }
    let modified = |path: &PathBuf| std::fs::metadata(path).and_then(|m| m.modified()).ok();
    found.sort_by_key(|path| std::cmp::Reverse(modified(path)));
    found
}

fn collect_checkpoints(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            if depth > 1 {
                collect_checkpoints(&path, depth - 1, found);
            }
        } else if path.extension().is_some_and(|e| e == "ckpt") {
            found.push(path);
        }
    }
}
