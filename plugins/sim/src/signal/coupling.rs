//! Phase–amplitude coupling: does a slow rhythm's phase set a fast rhythm's amplitude
//! (theta–gamma coupling)?
//!
//! **Band signals**: the analytic signal of `x` in a band is `z = IFFT(H · FFT(x − x̄))` with
//! `H_k = 2` for the positive frequencies inside the band and 0 elsewhere (an ideal band-pass
//! and the Hilbert transform in one); its argument is the band's phase `φ(t)`, its modulus the
//! band's amplitude `A(t)`. A tenth of the samples at each end ([`EDGE`]) is dropped, where the
//! circular transform mixes the end into the start.
//!
//! **Modulation index** (Tort et al. 2010, J Neurophysiol 104:1195): the fast band's mean
//! amplitude in each of `N = 18` bins of the slow band's phase, normalised to a distribution
//! `p_j = Ā_j / Σ Ā`, and `MI = (ln N − H(p)) / ln N`, `H(p) = −Σ p_j ln p_j`: 0 when the
//! amplitude does not depend on the phase, up to 1 when it is all in one bin.
//!
//! **Surrogate test**: the amplitude is shifted in time against the phase, circularly, by a
//! random lag between a tenth and nine tenths of its length, which keeps both rhythms and
//! breaks their relation; the coupling is significant if the index is above the 95th
//! percentile of `surrogates` such indices.

use rand::Rng;
use rustfft::FftPlanner;
use rustfft::num_complex::Complex;

use super::band::Band;

/// Phase bins of the modulation index.
pub const PHASE_BINS: usize = 18;
/// Fraction of the samples dropped at each end of a band signal.
pub const EDGE: f64 = 0.1;

/// The outcome of a coupling test.
#[derive(Debug, Clone, PartialEq)]
pub struct Coupling {
    /// The modulation index.
    pub index: f64,
    /// The 95th percentile of the surrogates' indices.
    pub surrogate_p95: f64,
    /// The fast band's mean amplitude in each slow phase bin (from −π), for plots.
    pub amplitude_by_phase: Vec<f64>,
}

impl Coupling {
    /// Whether the index is above the 95th percentile of its surrogates.
    pub fn significant(&self) -> bool {
        self.index > self.surrogate_p95
    }
}

/// The analytic signals of `x` (sampled at `sample_hz`) in each of `bands`, edges dropped:
/// one forward transform, then one inverse per band.
pub fn band_signals(x: &[f32], sample_hz: f64, bands: &[Band]) -> Vec<Vec<Complex<f64>>> {
    let n = x.len();
    if n == 0 {
        return vec![Vec::new(); bands.len()];
    }
    let mean = x.iter().map(|&v| f64::from(v)).sum::<f64>() / n as f64;
    let mut spectrum: Vec<Complex<f64>> = x
        .iter()
        .map(|&v| Complex::new(f64::from(v) - mean, 0.0))
        .collect();
    let mut planner = FftPlanner::new();
    planner.plan_fft_forward(n).process(&mut spectrum);
    let inverse = planner.plan_fft_inverse(n);
    let edge = (n as f64 * EDGE) as usize;
    bands
        .iter()
        .map(|&band| {
            let mut signal: Vec<Complex<f64>> = spectrum
                .iter()
                .enumerate()
                .map(|(k, &value)| {
                    let positive = k > 0 && 2 * k < n;
                    if positive && band.contains(k as f64 * sample_hz / n as f64) {
                        value * (2.0 / n as f64)
                    } else {
                        Complex::default()
                    }
                })
                .collect();
            inverse.process(&mut signal);
            signal[edge..n - edge].to_vec()
        })
        .collect()
}

/// The phase bin (of [`PHASE_BINS`]) of each phase (radians in `−π..=π`).
fn phase_bins(phase: &[f64]) -> Vec<usize> {
    phase
        .iter()
        .map(|&phi| {
            let unit = (phi + std::f64::consts::PI) / std::f64::consts::TAU;
            ((unit * PHASE_BINS as f64) as usize).min(PHASE_BINS - 1)
        })
        .collect()
}

/// Mean amplitude in each phase bin, the amplitude read `lag` samples later (circularly).
fn mean_by_bin(bins: &[usize], amplitude: &[f64], lag: usize) -> Vec<f64> {
    let n = amplitude.len();
    let mut sums = [0.0; PHASE_BINS];
    let mut counts = [0usize; PHASE_BINS];
    for (t, &bin) in bins.iter().enumerate() {
        sums[bin] += amplitude[(t + lag) % n];
        counts[bin] += 1;
    }
    sums.iter()
        .zip(counts)
        .map(|(s, c)| if c == 0 { 0.0 } else { s / c as f64 })
        .collect()
}

/// Tort's modulation index of `amplitude` by `phase` (see the module docs).
pub fn modulation_index(phase: &[f64], amplitude: &[f64]) -> f64 {
    index_of(&mean_by_bin(&phase_bins(phase), amplitude, 0))
}

fn index_of(means: &[f64]) -> f64 {
    let total: f64 = means.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let entropy: f64 = means
        .iter()
        .map(|m| m / total)
        .filter(|&p| p > 0.0)
        .map(|p| -p * p.ln())
        .sum();
    let most = (means.len() as f64).ln();
    (most - entropy) / most
}

/// Couples the phase of `slow` with the amplitude of `fast` in `x` sampled at `sample_hz`,
/// against `surrogates` time-shifted amplitudes drawn from `rng`; `None` when `x` is too
/// short to hold a few cycles of the slow band.
pub fn coupling_test(
    x: &[f32],
    sample_hz: f64,
    slow: Band,
    fast: Band,
    surrogates: usize,
    rng: &mut impl Rng,
) -> Option<Coupling> {
    let seconds = x.len() as f64 / sample_hz;
    if seconds * slow.hz().0 * (1.0 - 2.0 * EDGE) < 3.0 {
        return None;
    }
    let [slow_signal, fast_signal]: [Vec<Complex<f64>>; 2] =
        band_signals(x, sample_hz, &[slow, fast]).try_into().ok()?;
    let phase: Vec<f64> = slow_signal.iter().map(|z| z.arg()).collect();
    let amplitude: Vec<f64> = fast_signal.iter().map(|z| z.norm()).collect();
    let n = phase.len();
    let bins = phase_bins(&phase);
    let means = mean_by_bin(&bins, &amplitude, 0);
    let mut indices: Vec<f64> = (0..surrogates)
        .map(|_| {
            let lag = rng.random_range(n / 10..=n - n / 10);
            index_of(&mean_by_bin(&bins, &amplitude, lag))
        })
        .collect();
    indices.sort_by(f64::total_cmp);
    let p95 = indices
        .get(((0.95 * surrogates as f64).ceil() as usize).saturating_sub(1))
        .copied()
        .unwrap_or(f64::INFINITY);
    Some(Coupling {
        index: index_of(&means),
        surrogate_p95: p95,
        amplitude_by_phase: means,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;
    use std::f64::consts::TAU;

    /// 10 s at 500 Hz: a 6 Hz rhythm whose phase drifts (diffusion of 3 rad/√s, as a real
    /// pacemaker's does; a perfectly periodic rhythm stays locked to its own shifted copy, so
    /// time-shifted surrogates could not break the coupling) and a 40 Hz one whose amplitude
    /// follows the slow phase by `depth` (0: independent), plus noise.
    fn nested(depth: f64, seed: u64) -> Vec<f32> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let dt = 1.0 / 500.0;
        let mut phase = 0.0;
        (0..5000)
            .map(|t| {
                let s = t as f64 * dt;
                phase += TAU * 6.0 * dt + 3.0 * dt.sqrt() * rng.random_range(-1.7..1.7);
                let slow = phase.sin();
                let envelope = 1.0 + depth * slow;
                (slow + 0.5 * envelope * (TAU * 40.0 * s).sin() + rng.random_range(-0.5..0.5))
                    as f32
            })
            .collect()
    }

    #[test]
    fn nested_gamma_is_coupled_to_theta_and_independent_gamma_is_not() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let coupled = coupling_test(
            &nested(0.9, 1),
            500.0,
            Band::Theta,
            Band::Gamma,
            200,
            &mut rng,
        )
        .unwrap();
        assert!(coupled.significant(), "{coupled:?}");
        assert!(coupled.index > 5.0 * coupled.surrogate_p95, "{coupled:?}");
        // The amplitude is highest at the slow rhythm's crest: phase 0 of the analytic signal.
        let best = (0..PHASE_BINS)
            .max_by(|&a, &b| {
                coupled.amplitude_by_phase[a].total_cmp(&coupled.amplitude_by_phase[b])
            })
            .unwrap();
        let phase = -std::f64::consts::PI + (best as f64 + 0.5) * TAU / PHASE_BINS as f64;
        assert!(phase.abs() < 0.5, "{phase}");
        let significant = (1..=10)
            .filter(|&seed| {
                coupling_test(
                    &nested(0.0, seed),
                    500.0,
                    Band::Theta,
                    Band::Gamma,
                    200,
                    &mut rng,
                )
                .unwrap()
                .significant()
            })
            .count();
        assert!(
            significant <= 3,
            "{significant} of 10 uncoupled signals passed"
        );
    }

    #[test]
    fn the_index_is_zero_for_a_flat_amplitude_and_one_in_a_single_bin() {
        let phase: Vec<f64> = (0..180).map(|i| -3.1 + i as f64 * 6.2 / 180.0).collect();
        assert!(modulation_index(&phase, &[1.0; 180]) < 1e-12);
        let one_bin: Vec<f64> = phase
            .iter()
            .map(|&p| if p < -2.9 { 1.0 } else { 0.0 })
            .collect();
        assert!((modulation_index(&phase, &one_bin) - 1.0).abs() < 1e-12);
        assert!(
            coupling_test(
                &[0.0; 100],
                500.0,
                Band::Theta,
                Band::Gamma,
                10,
                &mut ChaCha8Rng::seed_from_u64(0)
            )
            .is_none()
        );
    }
}
