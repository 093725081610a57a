//! Rhythms: does a region's population rate oscillate in the named bands, and does a slow
//! rhythm's phase set a fast one's amplitude? A measurement, not a learning task: the brain
//! (a pacemaker, an E/I loop) is only run.
//!
//! Each episode is an analysis window of `window_ms`. Every sample of the `rate` port (a
//! `SpikeCounts` readout: its window is the sampling bin, 2 ms is 500 Hz) becomes the region's
//! rate, `Σ counts / (neurons · bin)` in Hz. At the window's end, after dropping the first
//! `settle_ms` (the transient from rest):
//!
//! - each band of `bands` must hold a spectral peak (a local maximum of Welch's spectrum,
//!   segments of `segment_ms`) whose prominence over the median background is at least
//!   `min_prominence` ([`neurarium_sim::signal::spectrum`]);
//! - with `coupling`, the modulation index of the fast band's amplitude by the slow band's
//!   phase must be above the 95th percentile of `surrogates` time-shifted surrogates
//!   ([`neurarium_sim::signal::coupling`]).
//!
//! The episode is **rhythmic** if all hold. Ablations (the pacemaker off, the inhibition cut)
//! are the scene's own fields, swept.
//!
//! - [`spec`]: the scene section; [`columns`]: the metrics columns; [`recording`]: the
//!   samples and their analysis; [`systems`]: sample, analyse; [`task`]: the task.

pub mod columns;
pub mod recording;
pub mod spec;
pub mod systems;
pub mod task;
