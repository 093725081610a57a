//! The visualizer: Bevy's window and renderer, the egui panels, hot reload, screenshots.

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use neurarium_scene::prelude::SceneWatch;
use neurarium_ui::prelude::{ScreenshotRequest, UiPlugin};

use crate::app::{Mode, RunSetup, build_app};
use crate::cli::Cli;
use crate::error::AppError;

/// Adds Bevy's window, renderer and the panels (called by `build_app(Mode::Window)`).
pub fn add_window_plugins(app: &mut App) {
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: "Neurarium".into(),
            resolution: WindowResolution::new(1280, 800),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(UiPlugin);
}

/// Opens the window on the run and returns when it closes.
pub fn run_window(cli: &Cli, setup: RunSetup) -> Result<ExitCode, AppError> {
    let mut app = build_app(Mode::Window);
    setup.apply(&mut app)?;
    if setup.checkpoint.is_none() || cli.scene_given() {
        app.insert_resource(SceneWatch::new(setup.scene.path.clone(), setup.seed));
    }
    if let Some(path) = &cli.screenshot {
        app.insert_resource(ScreenshotRequest::new(path.clone(), cli.screenshot_after));
    }
    let exit = app.run();
    Ok(if exit.is_success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
