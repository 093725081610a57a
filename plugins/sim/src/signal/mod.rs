//! Signal analysis of a sampled series, a region's population rate above all: its power
//! spectrum, a spectrogram, band-limited phase and amplitude, and phase–amplitude coupling.
//!
//! | module | what |
//! |---|---|
//! | [`band`] | the named frequency bands (theta 4–8 Hz, alpha 8–12, beta 13–30, gamma 30–80) |
//! | [`spectrum`] | Welch's power spectral density, spectral peaks and their prominence, spectrograms |
//! | [`coupling`] | the analytic signal of a band, Tort's modulation index and its surrogate test |
//!
//! Everything takes samples `x[t]` at `sample_hz` (a rate binned every 2 ms: 500 Hz) and is
//! deterministic but for the surrogates, which draw from the generator they are given.

pub mod band;
pub mod coupling;
pub mod spectrum;

pub use band::Band;
pub use coupling::{Coupling, coupling_test, modulation_index};
pub use spectrum::{Peak, Spectrum, spectrogram};
