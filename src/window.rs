//! The visualizer: Bevy's window and renderer, the egui panels, hot reload, screenshots.

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use neurarium_scene::prelude::SceneWatch;
use neurarium_spiking::prelude::Region;
use neurarium_ui::prelude::{ScreenshotRequest, TracedNeuron, UiPlugin};

use crate::app::{Mode, RunSetup};
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
    let mut app = setup.build_app(Mode::Window);
    setup.apply(&mut app)?;
    if setup.checkpoint.is_none() || cli.scene_given() {
        app.insert_resource(SceneWatch::new(setup.scene.path.clone(), setup.seed));
    }
    if let Some(trace) = &cli.trace {
        let neuron = traced_neuron(app.world_mut(), trace)?;
        app.insert_resource(TracedNeuron {
            neuron: Some(neuron),
        });
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

/// The region entity and neuron that `--trace REGION:NEURON` names.
fn traced_neuron(world: &mut World, trace: &str) -> Result<(Entity, u32), AppError> {
    let usage = |message: String| AppError::Usage(format!("--trace {trace}: {message}"));
    let (name, index) = trace
        .rsplit_once(':')
        .ok_or_else(|| usage("give REGION:NEURON, e.g. motor:5".to_owned()))?;
    let index: u32 = index
        .parse()
        .map_err(|_| usage(format!("'{index}' is not a neuron index")))?;
    let (entity, region) = Region::find(world, name)
        .ok_or_else(|| usage(format!("the scene has no region named '{name}'")))?;
    if index >= region.size {
        return Err(usage(format!(
            "region '{name}' has {} neurons (0 to {})",
            region.size,
            region.size.saturating_sub(1)
        )));
    }
    Ok((entity, index))
}
