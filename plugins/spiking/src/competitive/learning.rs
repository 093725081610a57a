//! Unsupervised STDP on the dense input weights, with the traces it reads, and weight
//! normalisation (Diehl & Cook 2015).
//!
//! Weights `w[i][j]` from input `i` to excitatory neuron `j` are stored row by row (a row per
//! input, contiguous over `j`): a spike of input `i` reads one row. Three traces, each decaying
//! exactly per step and **set to 1** (not incremented) at a spike:
//!
//! ```text
//! x_i  (input, τ_pre)   y_j  (neuron, τ_post)   z_j  (neuron, slow, τ_post_slow)
//! input i fires:   w[i][j] ← max(0, w[i][j] − η_pre · y_j)              for every j
//! neuron j fires:  w[i][j] ← min(w_max, w[i][j] + η_post · x_i · z_j)   for every i
//!                  (z_j read before it is set)
//! ```
//!
//! So depression is small and frequent, potentiation large and only when the neuron fired
//! recently too (`z_j`, a burst). Before every digit each neuron's input weights are scaled to
//! sum to `weight_sum` ([`normalise`]), so a neuron can only redistribute its weight: a
//! receptive field sharpens without growing.

use serde::{Deserialize, Serialize};

use crate::competitive::params::CompetitiveLearning;
use crate::decay::decay_all;

/// The learning rule's traces and constants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StdpTraces {
    /// x per input.
    pub pre: Vec<f32>,
    /// y per excitatory neuron.
    pub post: Vec<f32>,
    /// z per excitatory neuron.
    pub post_slow: Vec<f32>,
    decay_pre: f32,
    decay_post: f32,
    decay_post_slow: f32,
    rate_pre: f32,
    rate_post: f32,
    w_max: f32,
}

impl StdpTraces {
    /// Zero traces for `inputs` inputs and `neurons` neurons, stepping by `dt_ms`.
    pub fn new(inputs: usize, neurons: usize, params: &CompetitiveLearning, dt_ms: f64) -> Self {
        let decay = |tau: f64| (-dt_ms / tau).exp() as f32;
        Self {
            pre: vec![0.0; inputs],
            post: vec![0.0; neurons],
            post_slow: vec![0.0; neurons],
            decay_pre: decay(params.tau_pre_ms),
            decay_post: decay(params.tau_post_ms),
            decay_post_slow: decay(params.tau_post_slow_ms),
            rate_pre: params.rate_pre as f32,
            rate_post: params.rate_post as f32,
            w_max: params.w_max as f32,
        }
    }

    /// One step of decay for every trace.
    pub fn decay(&mut self) {
        decay_all(&mut self.pre, self.decay_pre);
        decay_all(&mut self.post, self.decay_post);
        decay_all(&mut self.post_slow, self.decay_post_slow);
    }

    /// Input `i` fired: its row is depressed (`learning` scales the rate; 0: not at all) and
    /// its trace set.
    pub fn input_spike(&mut self, row: &mut [f32], i: usize, learning: f32) {
        if learning > 0.0 {
            let rate = self.rate_pre * learning;
            for (w, y) in row.iter_mut().zip(&self.post) {
                *w = (*w - rate * y).max(0.0);
            }
        }
        self.pre[i] = 1.0;
    }

    /// Excitatory neuron `j` fired: its column of `weights` (`neurons` wide) is potentiated
    /// (`learning` scales the rate; 0: not at all) and its traces set.
    pub fn neuron_spike(&mut self, weights: &mut [f32], neurons: usize, j: usize, learning: f32) {
        if learning > 0.0 {
            let gain = self.rate_post * learning * self.post_slow[j];
            let w_max = self.w_max;
            for (row, x) in weights.chunks_exact_mut(neurons).zip(&self.pre) {
                if *x > 0.0 {
                    row[j] = (row[j] + gain * x).min(w_max);
                }
            }
        }
        self.post[j] = 1.0;
        self.post_slow[j] = 1.0;
    }
}

/// Scales each neuron's input weights (a column of `weights`, `neurons` wide) to sum to
/// `total`; a column of zeros stays zero.
pub fn normalise(weights: &mut [f32], neurons: usize, total: f32) {
    let mut sums = vec![0.0f32; neurons];
    for row in weights.chunks_exact(neurons) {
        for (sum, w) in sums.iter_mut().zip(row) {
            *sum += w;
        }
    }
    let factors: Vec<f32> = sums
        .iter()
        .map(|&s| if s > 0.0 { total / s } else { 1.0 })
        .collect();
    for row in weights.chunks_exact_mut(neurons) {
        for (w, f) in row.iter_mut().zip(&factors) {
            *w *= f;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traces() -> StdpTraces {
        StdpTraces::new(3, 2, &CompetitiveLearning::default(), 0.5)
    }

    #[test]
    fn input_before_neuron_potentiates_and_neuron_before_input_depresses() {
        let mut t = traces();
        let mut weights = vec![0.5f32; 6];
        // Neuron 0 fired twice (z set), then input 1 fires: depression by η_pre · y.
        t.neuron_spike(&mut weights, 2, 0, 1.0);
        t.decay();
        let before = weights[2];
        t.input_spike(&mut weights[2..4], 1, 1.0);
        assert!(weights[2] < before, "input after the neuron depresses");
        assert_eq!(weights[3], before, "neuron 1 never fired: no depression");
        // Then neuron 0 fires again soon: potentiation by η_post · x · z on input 1's row only.
        t.decay();
        let (w_input1, w_input0) = (weights[2], weights[0]);
        t.neuron_spike(&mut weights, 2, 0, 1.0);
        assert!(weights[2] > w_input1, "input before the neuron potentiates");
        assert!(
            (weights[2] - w_input1) > 0.009 * 0.9,
            "η_post 0.01 · x · z ≈ 0.01 · 0.98 · 0.99"
        );
        assert_eq!(weights[0], w_input0, "a silent input is not potentiated");
    }

    #[test]
    fn no_learning_moves_no_weight_but_traces_run() {
        let mut t = traces();
        let mut weights = vec![0.5f32; 6];
        t.neuron_spike(&mut weights, 2, 1, 0.0);
        t.input_spike(&mut weights[0..2], 0, 0.0);
        t.neuron_spike(&mut weights, 2, 1, 0.0);
        assert!(weights.iter().all(|&w| w == 0.5));
        assert_eq!((t.pre[0], t.post[1]), (1.0, 1.0));
    }

    #[test]
    fn normalised_columns_sum_to_the_total() {
        let mut weights = vec![1.0, 0.0, 3.0, 0.0, 0.0, 0.0];
        normalise(&mut weights, 2, 8.0);
        assert_eq!(weights, vec![2.0, 0.0, 6.0, 0.0, 0.0, 0.0]);
    }
}
