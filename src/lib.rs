//! # neurarium — the binary's library: one app for the window, headless runs and tests
//!
//! - [`cli`]: the command line (`--help` documents every flag).
//! - [`app`]: [`build_app`](app::build_app) for every [`Mode`](app::Mode), and loading a run
//!   (scene, seed, checkpoint) into it.
//! - [`headless`]: `--no-render` runs: progress, CSV metrics, checkpoints, Ctrl-C.
//! - [`board_emulator`]: `neurarium board-emulator`: a resistor board behind a pseudo-terminal.
//! - [`sweep`]: `neurarium sweep`: seeds × settings × controls, every run its own process.
//! - `window` (feature `window`): the visualizer.

pub mod app;
pub mod board_emulator;
pub mod cli;
pub mod error;
pub mod headless;
pub mod sweep;
#[cfg(feature = "window")]
pub mod window;
