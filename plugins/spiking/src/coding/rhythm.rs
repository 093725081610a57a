//! A pacemaker's rhythm: a rate modulated by a sinusoid whose phase drifts.
//!
//! `r(t) = r₀ (1 + m sin φ(t))`, `dφ = 2π f dt + σ dW`: frequency `f` (Hz), depth `m` (0..1),
//! and phase diffusion `σ` (rad/√s), the cycle-to-cycle jitter of a real pacemaker (the medial
//! septum's theta, the thalamus's alpha). With `σ > 0` the phase forgets itself over about
//! `1/σ²` s and the spectral peak has a half-width of about `σ²/(4π)` Hz; with `σ = 0` the
//! rhythm is a perfect clock, and time-shifted surrogates of anything locked to it stay
//! locked ([`neurarium_sim::signal::coupling`]).

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// A rhythm, as written in a scene: `rhythm: Some((frequency_hz: 6.0, depth: 1.0, jitter: 2.0))`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RhythmParams {
    /// Frequency `f`, Hz.
    pub frequency_hz: f64,
    /// Depth of modulation `m`, 0 (none) to 1 (the rate falls to 0 at each trough).
    pub depth: f64,
    /// Phase diffusion `σ`, rad/√s (0: a perfect clock).
    pub jitter: f64,
}

impl Default for RhythmParams {
    fn default() -> Self {
        Self {
            frequency_hz: 6.0,
            depth: 1.0,
            jitter: 2.0,
        }
    }
}

impl RhythmParams {
    /// Checks every value; the error names the field.
    pub fn validate(&self) -> Result<(), InvalidParam> {
        InvalidParam::positive("frequency_hz", self.frequency_hz)?;
        InvalidParam::check((0.0..=1.0).contains(&self.depth), "depth", || {
            format!("must be between 0 and 1, got {}", self.depth)
        })?;
        InvalidParam::non_negative("jitter", self.jitter)
    }
}

/// A rhythm's running phase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rhythm {
    /// The parameters.
    pub params: RhythmParams,
    /// The phase `φ`, radians in `0..2π`.
    pub phase: f64,
}

impl Rhythm {
    /// A rhythm starting at phase 0.
    pub fn new(params: RhythmParams) -> Self {
        Self { params, phase: 0.0 }
    }

    /// The factor `1 + m sin φ` on the rate now.
    pub fn gain(&self) -> f64 {
        1.0 + self.params.depth * self.phase.sin()
    }

    /// Advances the phase by `dt_ms`, drawing the diffusion from `rng`.
    pub fn advance(&mut self, dt_ms: f64, rng: &mut impl Rng) {
        let dt = dt_ms / 1000.0;
        let mut step = std::f64::consts::TAU * self.params.frequency_hz * dt;
        if self.params.jitter > 0.0 {
            let z: f64 = StandardNormal.sample(rng);
            step += self.params.jitter * dt.sqrt() * z;
        }
        self.phase = (self.phase + step).rem_euclid(std::f64::consts::TAU);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn a_clock_completes_its_cycles_and_jitter_spreads_the_phase_as_its_square_root() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut clock = Rhythm::new(RhythmParams {
            jitter: 0.0,
            ..RhythmParams::default()
        });
        let mut low = f64::MAX;
        for _ in 0..250 {
            clock.advance(1.0, &mut rng);
            low = low.min(clock.gain());
        }
        // 250 ms at 6 Hz is 1.5 cycles: back at π.
        assert!(
            (clock.phase - std::f64::consts::PI).abs() < 1e-9,
            "{}",
            clock.phase
        );
        assert!(low < 1e-3);
        // After 1 s of diffusion at σ = 2 rad/√s the unwrapped phase has spread by about 2 rad.
        let spread: Vec<f64> = (0..400)
            .map(|_| {
                let mut r = Rhythm::new(RhythmParams {
                    frequency_hz: 1e-9,
                    ..RhythmParams::default()
                });
                let mut unwrapped = 0.0;
                for _ in 0..1000 {
                    let before = r.phase;
                    r.advance(1.0, &mut rng);
                    let d = r.phase - before;
                    unwrapped += d - std::f64::consts::TAU * (d / std::f64::consts::TAU).round();
                }
                unwrapped
            })
            .collect();
        let sd = (spread.iter().map(|x| x * x).sum::<f64>() / spread.len() as f64).sqrt();
        assert!((sd - 2.0).abs() < 0.3, "{sd}");
    }
}
