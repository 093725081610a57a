//! Power spectra by Welch's method, their peaks, and spectrograms.
//!
//! **Welch**: `x` is cut into segments of `L` samples overlapping by half; each has its mean
//! removed and is multiplied by a Hann window `w[n] = sin²(π n / L)`; with `X_k` its discrete
//! Fourier transform, the one-sided power spectral density at `f_k = k · f_s / L` is
//!
//! `P(f_k) = c_k ⟨|X_k|²⟩ / (f_s Σ_n w[n]²)`, `c_k = 2` for `0 < k < L/2`, else 1,
//!
//! averaged over the segments: units of `x`² per Hz (Hz²/Hz for a rate in Hz). Averaging `K`
//! segments shrinks the relative spread of each bin to about `1/√K`.
//!
//! **A spectral peak in a band** ([`Spectrum::peak_in`]): the band's highest bin is a local
//! maximum (above both neighbours, so a spectrum falling through the band, as `1/f` does, has
//! none) and its **prominence**, its power over the median power of the spectrum between
//! [`BACKGROUND_HZ`], says how far it stands above the background (about 1–2 for noise).
//!
//! **Spectrogram**: one Hann-windowed periodogram per segment of `L` samples every `hop`
//! samples, so time runs along the segments.

use std::sync::Arc;

use rustfft::num_complex::Complex;
use rustfft::{Fft, FftPlanner};

use super::band::Band;

/// The range over which the background (median) power is taken, Hz.
pub const BACKGROUND_HZ: (f64, f64) = (2.0, 100.0);

/// A one-sided power spectral density.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrum {
    /// Distance between bins, Hz (`f_s / L`).
    pub resolution_hz: f64,
    /// Power per bin `k` (at `k · resolution_hz`), units of the signal² per Hz.
    pub power: Vec<f64>,
}

/// A spectral peak.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Peak {
    /// Its frequency, Hz.
    pub hz: f64,
    /// Its power.
    pub power: f64,
    /// Its power over the background's median power.
    pub prominence: f64,
}

impl Spectrum {
    /// Welch's estimate of `x`, sampled at `sample_hz`, from segments of `segment` samples
    /// (shortened to `x`'s length; at least 4): the mean of the [`spectrogram`]'s frames a
    /// half segment apart; `None` for fewer than 4 samples.
    pub fn welch(x: &[f32], sample_hz: f64, segment: usize) -> Option<Self> {
        let length = segment.min(x.len());
        let frames = spectrogram(x, sample_hz, length, (length / 2).max(1));
        let mut power = vec![0.0; frames.first()?.power.len()];
        for frame in &frames {
            for (sum, p) in power.iter_mut().zip(&frame.power) {
                *sum += p;
            }
        }
        let segments = frames.len() as f64;
        power.iter_mut().for_each(|p| *p /= segments);
        Some(Self {
            resolution_hz: sample_hz / length as f64,
            power,
        })
    }

    /// The frequency of bin `k`, Hz.
    pub fn frequency(&self, k: usize) -> f64 {
        k as f64 * self.resolution_hz
    }

    /// The bins whose frequencies lie in `low..=high` Hz.
    fn bins(&self, low: f64, high: f64) -> std::ops::Range<usize> {
        let first = (low / self.resolution_hz).ceil().max(0.0) as usize;
        let last = ((high / self.resolution_hz).floor() as usize).min(self.power.len() - 1);
        first..(last + 1).max(first)
    }

    /// The median power between [`BACKGROUND_HZ`] (below the Nyquist frequency).
    pub fn background(&self) -> f64 {
        let mut powers: Vec<f64> = self.power[self.bins(BACKGROUND_HZ.0, BACKGROUND_HZ.1)].to_vec();
        if powers.is_empty() {
            return 0.0;
        }
        powers.sort_by(f64::total_cmp);
        powers[powers.len() / 2]
    }

    /// The spectral peak in `band`: its highest bin if that is a local maximum (see the
    /// module docs), else `None`.
    pub fn peak_in(&self, band: Band) -> Option<Peak> {
        let (low, high) = band.hz();
        let bins = self.bins(low, high);
        let k = bins
            .clone()
            .max_by(|&a, &b| self.power[a].total_cmp(&self.power[b]))?;
        let above = |j: Option<usize>| {
            j.and_then(|j| self.power.get(j))
                .is_none_or(|&p| self.power[k] > p)
        };
        if k == 0 || !above(k.checked_sub(1)) || !above(Some(k + 1)) {
            return None;
        }
        Some(self.peak_at(k))
    }

    /// The highest bin between `low` and `high` Hz, peak or not.
    pub fn strongest(&self, low: f64, high: f64) -> Option<Peak> {
        self.bins(low, high)
            .max_by(|&a, &b| self.power[a].total_cmp(&self.power[b]))
            .map(|k| self.peak_at(k))
    }

    /// Bin `k` as a peak: its frequency, power and prominence.
    fn peak_at(&self, k: usize) -> Peak {
        let background = self.background();
        Peak {
            hz: self.frequency(k),
            power: self.power[k],
            prominence: if background > 0.0 {
                self.power[k] / background
            } else {
                f64::INFINITY
            },
        }
    }
}

/// Hann-windowed periodograms of segments of one length, with the FFT planned once.
struct Periodogram {
    fft: Arc<dyn Fft<f64>>,
    window: Vec<f64>,
    scale: f64,
    buffer: Vec<Complex<f64>>,
}

impl Periodogram {
    fn new(length: usize, sample_hz: f64) -> Self {
        let window: Vec<f64> = (0..length)
            .map(|n| {
                (std::f64::consts::PI * n as f64 / length as f64)
                    .sin()
                    .powi(2)
            })
            .collect();
        let energy: f64 = window.iter().map(|w| w * w).sum();
        Self {
            fft: FftPlanner::new().plan_fft_forward(length),
            window,
            scale: 1.0 / (sample_hz * energy),
            buffer: vec![Complex::default(); length],
        }
    }

    /// The one-sided density of `segment` (its length the planned one), bins `0..=L/2`.
    fn of(&mut self, segment: &[f32]) -> Vec<f64> {
        let length = segment.len();
        let mean = segment.iter().map(|&v| f64::from(v)).sum::<f64>() / length as f64;
        for ((slot, &v), w) in self.buffer.iter_mut().zip(segment).zip(&self.window) {
            *slot = Complex::new((f64::from(v) - mean) * w, 0.0);
        }
        self.fft.process(&mut self.buffer);
        (0..=length / 2)
            .map(|k| {
                let one_sided = if k == 0 || 2 * k == length { 1.0 } else { 2.0 };
                one_sided * self.buffer[k].norm_sqr() * self.scale
            })
            .collect()
    }
}

/// The spectrogram of `x` sampled at `sample_hz`: one periodogram of `segment` samples every
/// `hop` samples (the first starting at 0), oldest first; empty when `x` is shorter than a
/// segment.
pub fn spectrogram(x: &[f32], sample_hz: f64, segment: usize, hop: usize) -> Vec<Spectrum> {
    if segment < 4 || x.len() < segment {
        return Vec::new();
    }
    let mut periodogram = Periodogram::new(segment, sample_hz);
    (0..=x.len() - segment)
        .step_by(hop.max(1))
        .map(|start| Spectrum {
            resolution_hz: sample_hz / segment as f64,
            power: periodogram.of(&x[start..start + segment]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn sine(hz: f64, sample_hz: f64, n: usize, amplitude: f64) -> Vec<f32> {
        (0..n)
            .map(|t| {
                (10.0 + amplitude * (std::f64::consts::TAU * hz * t as f64 / sample_hz).sin())
                    as f32
            })
            .collect()
    }

    #[test]
    fn a_sine_in_noise_peaks_at_its_frequency_and_its_power_is_parsevals() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let x: Vec<f32> = sine(40.0, 500.0, 5000, 2.0)
            .into_iter()
            .map(|v| v + rng.random_range(-1.0..1.0f32))
            .collect();
        let spectrum = Spectrum::welch(&x, 500.0, 500).unwrap();
        let peak = spectrum.peak_in(Band::Gamma).unwrap();
        assert!((peak.hz - 40.0).abs() <= 1.0, "{peak:?}");
        assert!(peak.prominence > 100.0, "{peak:?}");
        // The sine's variance, A²/2 = 2, is the area under its peak (Hann spreads it over
        // a few bins).
        let area: f64 = (35..=45).map(|k| spectrum.power[k]).sum::<f64>() * spectrum.resolution_hz;
        assert!((area - 2.0).abs() < 0.2, "{area}");
        assert!(
            spectrum
                .peak_in(Band::Theta)
                .is_none_or(|p| p.prominence < 3.0)
        );
    }

    #[test]
    fn white_noise_has_no_prominent_peak_and_a_falling_spectrum_none_in_its_band() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let noise: Vec<f32> = (0..10_000).map(|_| rng.random_range(-1.0..1.0)).collect();
        let spectrum = Spectrum::welch(&noise, 500.0, 500).unwrap();
        for band in Band::ALL {
            assert!(
                spectrum.peak_in(band).is_none_or(|p| p.prominence < 2.5),
                "{band:?}"
            );
        }
        // A random walk's spectrum falls as 1/f²: the highest bin of a band is its lowest.
        let mut walk = 0.0f32;
        let brown: Vec<f32> = noise
            .iter()
            .map(|v| {
                walk += v;
                walk
            })
            .collect();
        let spectrum = Spectrum::welch(&brown, 500.0, 500).unwrap();
        assert!(spectrum.peak_in(Band::Beta).is_none());
    }

    #[test]
    fn a_spectrogram_follows_a_frequency_that_changes() {
        let mut x = sine(6.0, 500.0, 2500, 1.0);
        x.extend(sine(40.0, 500.0, 2500, 1.0));
        let frames = spectrogram(&x, 500.0, 500, 250);
        assert_eq!(frames.len(), 19);
        let strongest = |s: &Spectrum| s.strongest(2.0, 100.0).unwrap().hz;
        assert!((strongest(&frames[0]) - 6.0).abs() <= 1.0);
        assert!((strongest(frames.last().unwrap()) - 40.0).abs() <= 1.0);
        assert!(spectrogram(&x[..100], 500.0, 500, 250).is_empty());
    }
}
