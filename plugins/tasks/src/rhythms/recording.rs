//! One analysis window's samples of the rate, and what they show.

use bevy::prelude::*;
use neurarium_sim::signal::{Band, Coupling, Peak, Spectrum, coupling_test};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use super::spec::RhythmsSpec;
use crate::plugin::TaskState;

/// The rate's samples in the current window, and how they are taken.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RateRecording {
    /// What is measured.
    pub spec: RhythmsSpec,
    /// The simulation step, ms.
    pub dt_ms: f64,
    /// Steps in the window so far.
    pub step: u64,
    /// Steps per window.
    pub window_steps: u64,
    /// Steps between two samples of the port, once seen (its readout's window).
    pub sample_steps: Option<u64>,
    /// Steps since the last sample.
    pub since_sample: u64,
    /// The samples so far, Hz per neuron.
    pub samples: Vec<f32>,
    /// The draws of the surrogates.
    pub rng: ChaCha8Rng,
    /// The last window's analysis (`None` before the first, or when it was too short).
    pub last: Option<Analysis>,
}

impl TaskState for RateRecording {
    const SECTION: &'static str = "rhythms";
}

/// What one window shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    /// Each named band's peak, if it has one.
    pub peaks: Vec<(Band, Option<BandPeak>)>,
    /// The strongest frequency between 2 and 100 Hz.
    pub strongest_hz: f64,
    /// Mean rate, Hz.
    pub mean_rate_hz: f64,
    /// The coupling test, if asked and the window long enough.
    pub coupling: Option<CouplingOutcome>,
    /// Whether every criterion held.
    pub rhythmic: bool,
}

/// A band's peak.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BandPeak {
    /// Frequency, Hz.
    pub hz: f64,
    /// Power over the background's median.
    pub prominence: f64,
}

/// A coupling test's numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CouplingOutcome {
    /// The modulation index.
    pub index: f64,
    /// The surrogates' 95th percentile.
    pub surrogate_p95: f64,
}

impl Analysis {
    /// The peak in `band`, if the band was named and has one.
    pub fn peak(&self, band: Band) -> Option<BandPeak> {
        self.peaks
            .iter()
            .find(|(b, _)| *b == band)
            .and_then(|(_, p)| *p)
    }
}

impl RateRecording {
    /// A recording for `spec` at step `dt_ms`, surrogates drawn from `rng`.
    pub fn new(spec: &RhythmsSpec, dt_ms: f64, rng: ChaCha8Rng) -> Self {
        Self {
            spec: spec.clone(),
            dt_ms,
            step: 0,
            window_steps: neurarium_sim::clock::whole_steps(spec.window_ms, dt_ms),
            sample_steps: None,
            since_sample: 0,
            samples: Vec::new(),
            rng,
            last: None,
        }
    }

    /// Takes one step; `counts` are the port's values when it was renewed this step.
    pub fn step(&mut self, counts: Option<&[f32]>) {
        self.step += 1;
        self.since_sample += 1;
        let Some(counts) = counts else { return };
        let steps = *self.sample_steps.get_or_insert(self.since_sample);
        self.since_sample = 0;
        let seconds = steps as f64 * self.dt_ms / 1000.0;
        let neurons = counts.len().max(1) as f64;
        let spikes: f64 = counts.iter().map(|&c| f64::from(c)).sum();
        self.samples.push((spikes / (neurons * seconds)) as f32);
    }

    /// Whether the window is complete.
    pub fn window_done(&self) -> bool {
        self.step >= self.window_steps
    }

    /// The sampling rate, Hz (none before the second sample).
    pub fn sample_hz(&self) -> Option<f64> {
        self.sample_steps
            .map(|steps| 1000.0 / (steps as f64 * self.dt_ms))
    }

    /// Analyses the window's samples after `settle_ms`, keeps it as `last`, and starts the
    /// next window; `None` if the port gave too few samples for one segment.
    pub fn close_window(&mut self) -> Option<Analysis> {
        let analysis = self.analyse();
        self.step = 0;
        self.samples.clear();
        self.last.clone_from(&analysis);
        analysis
    }

    fn analyse(&mut self) -> Option<Analysis> {
        let sample_hz = self.sample_hz()?;
        let settle = (self.spec.settle_ms / 1000.0 * sample_hz).round() as usize;
        let x = self.samples.get(settle..)?;
        let segment = (self.spec.segment_ms / 1000.0 * sample_hz).round() as usize;
        if x.len() < segment {
            return None;
        }
        let spectrum = Spectrum::welch(x, sample_hz, segment)?;
        let peaks: Vec<(Band, Option<BandPeak>)> = self
            .spec
            .bands
            .iter()
            .map(|&band| {
                let peak = spectrum
                    .peak_in(band)
                    .map(|Peak { hz, prominence, .. }| BandPeak { hz, prominence });
                (band, peak)
            })
            .collect();
        let coupling = self.spec.coupling.and_then(|c| {
            coupling_test(
                x,
                sample_hz,
                c.phase,
                c.amplitude,
                self.spec.surrogates as usize,
                &mut self.rng,
            )
        });
        let peaks_hold = peaks
            .iter()
            .all(|(_, peak)| peak.is_some_and(|p| p.prominence >= self.spec.min_prominence));
        let coupling_holds =
            self.spec.coupling.is_none() || coupling.as_ref().is_some_and(Coupling::significant);
        let coupling = coupling.map(|c| CouplingOutcome {
            index: c.index,
            surrogate_p95: c.surrogate_p95,
        });
        Some(Analysis {
            peaks,
            strongest_hz: spectrum.strongest(2.0, 100.0).map_or(0.0, |p| p.hz),
            mean_rate_hz: x.iter().map(|&v| f64::from(v)).sum::<f64>() / x.len() as f64,
            coupling,
            rhythmic: peaks_hold && coupling_holds,
        })
    }
}
