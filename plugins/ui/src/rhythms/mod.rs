//! The rhythms panel ([`view`]): a chosen region's population rate as a power spectrum with
//! the bands shaded, a spectrogram ([`spectrogram`]), and the phase–amplitude coupling of a
//! slow band and a fast one against its surrogates, computed from the region's rate monitor
//! (the last 8 s); beside them, the task's verdict on its last analysis window.

pub mod spectrogram;
pub mod view;
