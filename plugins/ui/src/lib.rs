//! # neurarium_ui — the visualizer's panels (window mode only)
//!
//! - [`top_bar`]: play, pause, single step, speed (1×, 10×, max), scene name, simulated time,
//!   steps per second.
//! - [`problems`]: a runaway-value fault, or a broken scene edit (the last good scene keeps
//!   running), shown in red under the top bar.
//! - [`regions`]: the side panel listing each region, its model and firing rate.
//! - [`car_view`]: with a car task, the track, the car and its sensor rays (following the
//!   car, or the whole track), above the raster.
//! - [`learning`]: with a car task, the return per episode and its moving average, the
//!   success rate, dopamine, the curriculum phase and the learning rate, beside the car view.
//! - [`membrane`]: the membrane potential of a neuron clicked in the raster, under the weights.
//! - [`raster`]: the spike raster of every region, newest spikes on the right.
//! - [`rates`]: population firing rates over the run, from the metrics table.
//! - [`weights`]: the weight matrix of a plastic projection as a heat map, under the regions.
//! - [`screenshot`]: `--screenshot`: save the window to PNG after a delay, then exit.
//!
//! All panels are drawn by [`plugin::draw_panels`] in bevy_egui's primary context pass.

pub mod car_view;
pub mod learning;
pub mod membrane;
pub mod plugin;
pub mod problems;
pub mod raster;
pub mod rates;
pub mod regions;
pub mod screenshot;
pub mod top_bar;
pub mod weights;

/// What the binary needs.
pub mod prelude {
    pub use crate::membrane::TracedNeuron;
    pub use crate::plugin::UiPlugin;
    pub use crate::screenshot::ScreenshotRequest;
}
