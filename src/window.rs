//! The visualizer: Bevy's window and renderer, the egui panels, hot reload, screenshots.

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::window::WindowResolution;
use neurarium_scene::prelude::{OpenStatus, SceneWatch};
use neurarium_spiking::prelude::Region;
use neurarium_ui::prelude::{Pickers, ScreenshotRequest, TracedNeuron, UiPlugin};

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

/// What to do when the window cannot open, for every message below.
const WAY_ON: &str = "run headless with --no-render, or under a virtual display \
     (`Xvfb :99 & DISPLAY=:99 cargo run --release`, see README)";

/// Refuses to start the window without an X11 display, saying what is missing and the way
/// on (winit would panic with a backtrace).
pub fn check_display() -> Result<(), AppError> {
    match std::env::var_os("DISPLAY") {
        Some(display) if !display.is_empty() => Ok(()),
        _ => Err(AppError::Usage(format!(
            "the window needs an X11 display and DISPLAY is not set: {WAY_ON}"
        ))),
    }
}

/// After a panic while the window starts (no X server at DISPLAY, no Vulkan driver), says in
/// plain words what is missing and the way on, below the panic's own message.
fn add_panic_hints() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let lower = message.to_lowercase();
        let missing = if lower.contains("display") || lower.contains("x11") {
            Some("the X11 display at DISPLAY could not be opened")
        } else if ["gpu", "adapter", "vulkan", "surface"]
            .iter()
            .any(|word| lower.contains(word))
        {
            Some(
                "no graphics adapter was found: the window needs Vulkan (a GPU driver, or \
                 Mesa's software lavapipe: `apt-get install mesa-vulkan-drivers`)",
            )
        } else {
            None
        };
        if let Some(missing) = missing {
            eprintln!("error: {missing}; {WAY_ON}");
        }
    }));
}

/// Opens the window on the run and returns when it closes.
pub fn run_window(cli: &Cli, setup: RunSetup) -> Result<ExitCode, AppError> {
    check_display()?;
    add_panic_hints();
    let mut app = setup.build_app(Mode::Window);
    setup.apply(&mut app)?;
    if setup.checkpoint.is_none() || cli.scene_given() {
        app.insert_resource(SceneWatch::new(setup.scene.path.clone(), setup.seed));
    } else {
        app.world_mut().resource_mut::<OpenStatus>().checkpoint = cli.load.clone();
    }
    app.insert_resource(pickers());
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

/// The pickers over `scenes/`, `runs/` and `assets/` of the working directory, or of the
/// repository the binary was built from when the working directory has no `scenes/`.
fn pickers() -> Pickers {
    let root = if std::path::Path::new("scenes").is_dir() {
        std::path::PathBuf::new()
    } else {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    };
    Pickers::new(
        root.join("scenes"),
        vec![root.join("runs"), root.join("assets")],
    )
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
