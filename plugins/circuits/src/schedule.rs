//! Annealing: each edge's chance of taking part in a tick falls over a learning phase, so the
//! potentiometers settle instead of going on stepping around the answer. Over a phase of `n`
//! epochs the chance in epoch `e` (`0 ≤ e < n`) is
//!
//! `p(e) = p₀ · ½ (1 + cos(π e / n))`,
//!
//! from `p₀` in the first epoch down toward 0 in the last. On a board it is the `p` of `TICK`.

/// The chance in epoch `epoch` of a phase of `epochs`, starting at `start`.
pub fn annealed(start: f64, epoch: u64, epochs: u64) -> f64 {
    let t = epoch as f64 / epochs.max(1) as f64;
    start * 0.5 * (1.0 + (std::f64::consts::PI * t).cos())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_from_the_start_toward_zero_over_the_phase() {
        assert_eq!(annealed(0.3, 0, 100), 0.3);
        assert!((annealed(0.3, 50, 100) - 0.15).abs() < 1e-12);
        assert!(annealed(0.3, 99, 100) < 0.001);
        assert!(annealed(0.3, 60, 100) < annealed(0.3, 40, 100));
    }
}
