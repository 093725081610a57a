//! `neurarium board-emulator`: a resistor board without the hardware. The scene's `Circuit`
//! network is built as a run would build it (the same random graph for the same seed), and a
//! board wired as it answers the line protocol behind a pseudo-terminal linked at `--port`,
//! until Ctrl-C. A run of the same scene with `backend: Board((port: …))` then trains on it
//! through the real serial code path.

use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::Duration;

use neurarium_circuits::board::emulator::Emulator;
use neurarium_circuits::board::model::BoardModel;
use neurarium_circuits::brain::network::CircuitBrain;
use neurarium_circuits::brain::spec::{Backend, CircuitNetSpec};

use crate::app::{Mode, RunSetup, build_app, finish_plugins};
use crate::error::AppError;
use crate::headless::interrupt_flag;

/// A board wired as the `Circuit` network the scene at `scene` builds with `seed` (the same
/// random graph), just powered on, and a line saying what it is.
pub fn board_for_scene(scene: &Path, seed: Option<u64>) -> Result<(BoardModel, String), AppError> {
    let mut setup = RunSetup::read(scene, true, seed, None)?;
    // Build the network in the app, not on a board.
    for section in &mut setup.scene.scene.networks {
        if let Some(spec) = section.get_mut::<CircuitNetSpec>() {
            spec.backend = Backend::Simulated;
        }
    }
    let mut app = build_app(Mode::Headless);
    setup.apply(&mut app)?;
    finish_plugins(&mut app);
    let world = app.world_mut();
    let mut brains = world.query::<&CircuitBrain>();
    let Some(brain) = brains.iter(world).next() else {
        return Err(AppError::Usage(format!(
            "board-emulator: scene {} has no Circuit network",
            scene.display()
        )));
    };
    let net = &brain.net;
    let board =
        BoardModel::wired_as(net).map_err(|e| AppError::Usage(format!("board-emulator: {e}")))?;
    let what = format!(
        "{} edges, {} inputs, {} outputs, wired as '{}' (seed {})",
        net.circuit.edges.len(),
        net.terminals.inputs.len(),
        net.terminals.outputs.len(),
        brain.name,
        seed.unwrap_or(setup.scene.scene.seed)
    );
    Ok((board, what))
}

/// Runs the emulator for the scene at `scene` (seed `seed`) at `port`, until Ctrl-C.
pub fn run_board_emulator(
    scene: &Path,
    seed: Option<u64>,
    port: &Path,
) -> Result<ExitCode, AppError> {
    let (board, what) = board_for_scene(scene, seed)?;
    let emulator = Emulator::start(board, port)
        .map_err(|e| AppError::Usage(format!("board-emulator: --port {}: {e}", port.display())))?;
    println!(
        "board emulator at {}: {what}; Ctrl-C stops it",
        port.display()
    );
    let stop = interrupt_flag();
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(emulator);
    Ok(ExitCode::SUCCESS)
}
