//! Hot reload: the window rebuilds the scene when its file changes.
//!
//! [`reload_changed_scene`] polls the file's modification time every
//! [`POLL_INTERVAL`]. A valid edit replaces the running scene (from step 0, with the same
//! seed override); a broken edit is kept in [`SceneReloadStatus::error`] for the panel to
//! show, and the last good scene keeps running.

use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

use bevy::prelude::*;

use crate::apply::apply_scene;
use crate::error::SceneError;
use crate::load::load_scene_file;

/// How often the scene file's modification time is checked.
pub const POLL_INTERVAL: Duration = Duration::from_millis(500);

/// The file being watched.
#[derive(Resource, Debug, Clone)]
pub struct SceneWatch {
    /// The scene file.
    pub path: PathBuf,
    /// `--seed`, kept across reloads.
    pub seed_override: Option<u64>,
    modified: Option<SystemTime>,
    last_poll: Option<Instant>,
}

impl SceneWatch {
    /// Watches `path`, starting from its current modification time.
    pub fn new(path: PathBuf, seed_override: Option<u64>) -> Self {
        let modified = std::fs::metadata(&path).and_then(|m| m.modified()).ok();
        Self {
            path,
            seed_override,
            modified,
            last_poll: None,
        }
    }
}

/// The outcome of the last reload.
#[derive(Resource, Debug, Clone, Default)]
pub struct SceneReloadStatus {
    /// The error of the last edit, if it was broken; `None` once a good edit is loaded.
    pub error: Option<SceneError>,
    /// How many times the scene was reloaded successfully.
    pub reloads: u32,
}

/// Exclusive system: reloads the scene file if it changed since the last poll.
pub fn reload_changed_scene(world: &mut World) {
    let Some(mut watch) = world.get_resource::<SceneWatch>().cloned() else {
        return;
    };
    let now = Instant::now();
    if watch
        .last_poll
        .is_some_and(|last| now - last < POLL_INTERVAL)
    {
        return;
    }
    watch.last_poll = Some(now);
    let modified = std::fs::metadata(&watch.path)
        .and_then(|m| m.modified())
        .ok();
    let changed = modified.is_some() && modified != watch.modified;
    if changed {
        watch.modified = modified;
        let kinds = world
            .resource::<neurarium_sim::prelude::SceneKinds>()
            .clone();
        match load_scene_file(&watch.path, &kinds) {
            Ok(document) => {
                apply_scene(world, &document, watch.seed_override, None);
                let mut status = world.resource_mut::<SceneReloadStatus>();
                status.error = None;
                status.reloads += 1;
                info!("reloaded scene {}", watch.path.display());
            }
            Err(error) => {
                warn!("scene edit rejected, keeping the last good scene: {error}");
                world.resource_mut::<SceneReloadStatus>().error = Some(error);
            }
        }
    }
    world.insert_resource(watch);
}
