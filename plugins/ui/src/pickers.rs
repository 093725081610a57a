//! The top bar's pickers: another scene (every file in `scenes/`) or a checkpoint (every one
//! under `runs/` and `assets/`, newest first, or any path typed in). A pick becomes an
//! [`OpenRequest`](neurarium_scene::open::OpenRequest) that the scene plugin opens before the next step; if it cannot be opened,
//! the problems panel says why and the running scene goes on.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::egui;
use neurarium_scene::prelude::{Open, checkpoint_files, scene_files};

use crate::plugin::PanelState;

/// How long a listing of the folders is reused while a picker is open.
const RELIST_AFTER: Duration = Duration::from_secs(2);

/// Where the pickers look, and what they found last.
#[derive(Resource, Debug, Clone)]
pub struct Pickers {
    /// The folder of scene files.
    pub scenes_dir: PathBuf,
    /// The folders searched for checkpoints.
    pub checkpoint_roots: Vec<PathBuf>,
    /// The path typed into the checkpoint picker.
    typed_path: String,
    scenes: Vec<PathBuf>,
    checkpoints: Vec<PathBuf>,
    listed_at: Option<Instant>,
}

impl Pickers {
    /// Pickers over `scenes_dir` and the checkpoints under `checkpoint_roots`.
    pub fn new(scenes_dir: PathBuf, checkpoint_roots: Vec<PathBuf>) -> Self {
        Self {
            scenes_dir,
            checkpoint_roots,
            typed_path: String::new(),
            scenes: Vec::new(),
            checkpoints: Vec::new(),
            listed_at: None,
        }
    }

    fn relist_if_stale(&mut self) {
        if self.listed_at.is_some_and(|at| at.elapsed() < RELIST_AFTER) {
            return;
        }
        self.scenes = scene_files(&self.scenes_dir);
        self.checkpoints = checkpoint_files(&self.checkpoint_roots);
        self.listed_at = Some(Instant::now());
    }
}

impl Default for Pickers {
    /// `scenes/`, and `runs/` and `assets/`, relative to the working directory.
    fn default() -> Self {
        Self::new(
            PathBuf::from("scenes"),
            vec![PathBuf::from("runs"), PathBuf::from("assets")],
        )
    }
}

/// The file name of `path`, or the whole path.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Draws the scene picker and the checkpoint picker; a pick is requested for the next step.
pub fn show(ui: &mut egui::Ui, state: &mut PanelState) {
    let running = state.scene.as_ref().map(|s| s.document.path.clone());
    let resumed = state.open_status.checkpoint.clone();
    let pickers = &mut state.pickers;
    let mut picked = None;
    let scene_label = match (&resumed, &running) {
        (Some(checkpoint), _) => format!("Checkpoint {}", file_name(checkpoint)),
        (None, Some(scene)) => format!("Scene {}", file_name(scene)),
        (None, None) => "Scene".to_owned(),
    };
    egui::ComboBox::from_id_salt("scene_picker")
        .selected_text(scene_label)
        .show_ui(ui, |ui| {
            pickers.relist_if_stale();
            if pickers.scenes.is_empty() {
                ui.label(format!(
                    "no scene files in {}",
                    pickers.scenes_dir.display()
                ));
            }
            for path in &pickers.scenes {
                let current =
                    resumed.is_none() && running.as_deref().is_some_and(|r| same_file(r, path));
                if ui.selectable_label(current, file_name(path)).clicked() {
                    picked = Some(Open::Scene(path.clone()));
                }
            }
        })
        .response
        .on_hover_text("Open another scene file from step 0");
    ui.menu_button("Open checkpoint", |ui| {
        pickers.relist_if_stale();
        if pickers.checkpoints.is_empty() {
            let roots: Vec<String> = pickers
                .checkpoint_roots
                .iter()
                .map(|r| format!("{}/", r.display()))
                .collect();
            ui.label(format!("no checkpoints under {}", roots.join(" or ")));
        }
        for path in &pickers.checkpoints {
            if ui.button(path.display().to_string()).clicked() {
                picked = Some(Open::Checkpoint(path.clone()));
                ui.close();
            }
        }
        ui.separator();
        ui.horizontal(|ui| {
            let field = ui.add(
                egui::TextEdit::singleline(&mut pickers.typed_path)
                    .hint_text("path/to/checkpoint.ckpt")
                    .desired_width(260.0),
            );
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let clicked = ui
                .add_enabled(
                    !pickers.typed_path.trim().is_empty(),
                    egui::Button::new("Open"),
                )
                .clicked();
            if entered || clicked {
                picked = Some(Open::Checkpoint(PathBuf::from(pickers.typed_path.trim())));
                ui.close();
            }
        });
    });
    if picked.is_some() {
        state.open.0 = picked;
    }
}

/// Whether two paths name the same file (`scenes/car.ron` and `./scenes/car.ron`).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
