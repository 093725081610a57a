//! # neurarium_ui — the visualizer's panels (window mode only)
//!
//! - [`top_bar`]: play, pause, single step, speed (1×, 10×, max), the pickers, scene name,
//!   simulated time, steps per second.
//! - [`pickers`]: open another scene (`scenes/`) or a checkpoint (`runs/`, `assets/`, a path).
//! - [`problems`]: a runaway-value fault, a broken scene edit or a pick that could not be
//!   opened (the last good scene keeps running), shown in red under the top bar.
//! - [`regions`]: the side panel listing each region, its model and firing rate, and dopamine.
//! - [`task_views`]: the loaded task's own view above the raster, registered with one line
//!   per task; [`car`]: the car's (the track, the car and its sensor rays, following the car or
//!   the whole track; drive by hand); [`cartpole`]: the cart and pole to scale; [`classify`]: the classification task's with an energy
//!   network (the digit on show and the answer, the layers, the energy during relaxation, a
//!   drawing pad, accuracy per epoch, the confusion matrix, the dreams), and with a resistor
//!   network [`circuit`]'s (the free and clamped twins, error per epoch, the potentiometer
//!   steps, damage, the backend: simulation or a board); [`regress`]: the regression task's
//!   (test R² per epoch beside least squares', RMSE, predicted against true; a resistor
//!   network's panel above); [`recall`]: the session's timeline with its sleep phase, and
//!   each pattern's cue, recall and original side by side; [`rhythms`]: a chosen region's power spectrum, spectrogram and
//!   phase–amplitude coupling, and the task's verdict on its last window.
//! - [`learning`]: for a task that trains in episodes, the return per episode and its moving
//!   average, the success rate, the curriculum phase and the learning rate, beside the task's
//!   view.
//! - [`membrane`]: the membrane potential of a neuron clicked in the raster, under the weights.
//! - [`compartments`]: for a multi-compartment neuron traced, the potential along it.
//! - [`modulators`]: each neuromodulator's level, the regions releasing it and where it acts.
//! - [`raster`]: the spike raster of every region, newest spikes on the right.
//! - [`rates`]: population firing rates over the run, from the metrics table.
//! - [`growth`]: alive neurons and synapses over the run of a network that grows.
//! - [`weights`]: the weight matrix of a plastic projection as a heat map, under the regions.
//! - [`screenshot`]: `--screenshot`: save the window to PNG after a delay, then exit.
//!
//! - [`fonts`]: every glyph the panels use in the font atlas from the first frames on.
//!
//! All panels are drawn by [`plugin::draw_panels`] in bevy_egui's primary context pass.

pub mod car;
pub mod cartpole;
pub mod circuit;
pub mod classify;
pub mod compartments;
pub mod fonts;
pub mod grid;
pub mod growth;
pub mod learning;
pub mod membrane;
pub mod modulators;
pub mod pavlov;
pub mod pickers;
pub mod plugin;
pub mod problems;
pub mod raster;
pub mod rates;
pub mod recall;
pub mod regions;
pub mod regress;
pub mod rhythms;
pub mod screenshot;
pub mod table;
pub mod task_views;
pub mod top_bar;
pub mod weights;

/// What the binary needs.
pub mod prelude {
    pub use crate::membrane::TracedNeuron;
    pub use crate::pickers::Pickers;
    pub use crate::plugin::UiPlugin;
    pub use crate::screenshot::ScreenshotRequest;
    pub use crate::task_views::{TaskViewAppExt, TaskViews};
}
