//! Threshold, reset, refractoriness and initial potentials, shared by the integrate-and-fire
//! models.
//!
//! Every neuron with `v ≥ threshold` spikes: its index goes into `fired` (ascending), `v` is
//! set to `reset` and its refractory counter to `refractory_steps`. Neurons are scanned in
//! blocks of [`BLOCK`]; a block is searched only if a branch-free (vectorisable) pass finds a
//! potential at or above threshold, so a step with few spikes costs little more than one read
//! of `v`.

/// Initial potentials of `n` integrate-and-fire neurons: uniform in
/// `[reset, reset + spread)`, mV.
pub fn initial_potentials(
    n: u32,
    reset_mv: f64,
    spread_mv: f64,
    rng: &mut impl rand::Rng,
) -> Vec<f32> {
    (0..n)
        .map(|_| (reset_mv + spread_mv * rng.random::<f64>()) as f32)
        .collect()
}

/// What happens at a spike, in the units a model stores: threshold and reset (mV) and the
/// refractory period in whole steps. Derived once from a model's parameters for its `dt`.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SpikeRule {
    /// Spike when `v ≥ threshold_mv` (the base threshold of a dynamic one).
    pub threshold_mv: f32,
    /// `v` after a spike, mV.
    pub reset_mv: f32,
    /// Steps a neuron stays refractory after a spike.
    pub refractory_steps: u32,
}

impl SpikeRule {
    /// The rule for threshold and reset (mV) and a refractory period of `refractory_ms`,
    /// rounded to whole steps of `dt_ms`.
    pub fn new(threshold_mv: f64, reset_mv: f64, refractory_ms: f64, dt_ms: f64) -> Self {
        Self {
            threshold_mv: threshold_mv as f32,
            reset_mv: reset_mv as f32,
            refractory_steps: (refractory_ms / dt_ms).round() as u32,
        }
    }
}

/// Checks the membrane of an integrate-and-fire model: `tau_m_ms` > 0, `v_rest_mv` finite, the
/// threshold above the reset, `refractory_ms` ≥ 0; the error names the field.
pub fn check_membrane(
    tau_m_ms: f64,
    v_rest_mv: f64,
    v_threshold_mv: f64,
    v_reset_mv: f64,
    refractory_ms: f64,
) -> Result<(), crate::error::InvalidParam> {
    use crate::error::InvalidParam;
    InvalidParam::positive("tau_m_ms", tau_m_ms)?;
    InvalidParam::finite("v_rest_mv", v_rest_mv)?;
    crate::error::threshold_above_reset(v_threshold_mv, v_reset_mv)?;
    InvalidParam::non_negative("refractory_ms", refractory_ms)
}

/// Neurons per block of the threshold scan.
pub const BLOCK: usize = 64;

/// Fires every neuron at or above `threshold`; see the module docs.
pub fn fire_above(
    v: &mut [f32],
    refractory_left: &mut [u32],
    threshold: f32,
    reset: f32,
    refractory_steps: u32,
    fired: &mut Vec<u32>,
) {
    fired.clear();
    for (block, (v, refractory)) in v
        .chunks_mut(BLOCK)
        .zip(refractory_left.chunks_mut(BLOCK))
        .enumerate()
    {
        // A max reduction vectorises (maxps); NaN never fires (integration reports it).
        if v.iter().fold(f32::MIN, |m, &x| m.max(x)) < threshold {
            continue;
        }
        for (i, (v, refractory)) in v.iter_mut().zip(refractory.iter_mut()).enumerate() {
            if *v >= threshold {
                fired.push((block * BLOCK + i) as u32);
                *v = reset;
                *refractory = refractory_steps;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fires_exactly_the_neurons_at_or_above_threshold_across_blocks() {
        let mut v: Vec<f32> = (0..200)
            .map(|i| if i % 37 == 0 { -50.0 } else { -60.0 })
            .collect();
        v[199] = -49.0;
        let mut refractory = vec![0; 200];
        let mut fired = vec![99];
        fire_above(&mut v, &mut refractory, -50.0, -65.0, 7, &mut fired);
        assert_eq!(fired, vec![0, 37, 74, 111, 148, 185, 199]);
        for &i in &fired {
            assert_eq!((v[i as usize], refractory[i as usize]), (-65.0, 7));
        }
        assert_eq!(refractory.iter().filter(|&&r| r == 0).count(), 193);
    }
}
