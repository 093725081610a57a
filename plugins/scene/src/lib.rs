//! # neurarium_scene — experiments as RON files
//!
//! - [`schema`]: the scene document ([`SceneFile`](schema::SceneFile)); every field has a
//!   default, unknown fields are errors. `docs/scenes.md` documents it with examples.
//! - [`load`]: parsing and validation. Every error names the file, line, column and field
//!   ([`SceneError`](error::SceneError)), before anything runs.
//! - [`locate`]: finds the line and column of a field path in RON source text.
//! - [`edit`]: sets a field of RON source text by its path, keeping the rest as written.
//! - [`sections`]: the sections registered kinds own (`task: Some(Car((…)))`, `networks`),
//!   read by the kind that registered the name.
//! - [`apply`]: builds a validated scene into a world: clock, seed, episodes, metrics, the
//!   networks and the task, after removing everything of the previous scene.
//! - [`reload`]: in the window, an edited scene file is reloaded; a broken edit is shown and
//!   the last good scene keeps running.
//! - [`checkpoint`]: the `scene` checkpoint section, so a checkpoint can be resumed alone.
//! - [`open`]: in the window, opening another scene or a checkpoint picked in the top bar.

pub mod apply;
pub mod checkpoint;
pub mod edit;
pub mod error;
pub mod load;
pub mod locate;
pub mod open;
pub mod plugin;
pub mod reload;
pub mod schema;
pub mod sections;

/// The types the binary and the panels need.
pub mod prelude {
    pub use crate::apply::apply_scene;
    pub use crate::error::SceneError;
    pub use crate::load::{SceneDocument, load_scene_file, parse_scene, spiking_section};
    pub use crate::open::{Open, OpenRequest, OpenStatus, checkpoint_files, scene_files};
    pub use crate::plugin::{LoadedScene, ScenePlugin};
    pub use crate::reload::{SceneReloadStatus, SceneWatch};
    pub use crate::schema::{RunSettings, SceneFile};
}
