//! The competitive layer (Diehl & Cook 2015): inputs → excitatory neurons with adaptive
//! thresholds ⇄ inhibitory neurons, learning its input weights by STDP.
//!
//! ```text
//! input i fires (Poisson, rate x_i · R)  →  g_e[j] += w[i][j]           for every j
//! excitatory j fires                      →  g_e of inhibitory j += w_ei (one to one)
//!                                            θ_j += θ₊ (learning)      τ_θ dθ/dt = −θ (learning)
//! inhibitory j fires                      →  g_i[k] += w_ie            for every k ≠ j
//! excitatory threshold                     =  v_threshold + θ_j
//! ```
//!
//! A digit is shown for `show_ms` and followed by `rest_ms` without input. A showing that
//! drew fewer than `min_spikes` excitatory spikes is repeated with the rate raised by
//! `rate_step_hz`, up to `max_repeats` times; every showing counts as a presentation. While
//! learning, each neuron's input weights are normalised once before the digit ([`learning`];
//! Diehl & Cook's code normalises before every showing, repeats included).
//! The neurons are [`neurons::ConductanceLif`]; the input is [`input::PoissonImage`].
//!
//! [`learning`]: crate::competitive::learning
//! [`neurons::ConductanceLif`]: crate::competitive::neurons::ConductanceLif
//! [`input::PoissonImage`]: crate::competitive::input::PoissonImage

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::competitive::input::PoissonImage;
use crate::competitive::learning::{StdpTraces, normalise};
use crate::competitive::neurons::ConductanceLif;
use crate::competitive::params::CompetitiveParams;

/// The layer's parameters and state: weights, thresholds, neurons, traces, random stream.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompetitiveLayer {
    /// Its parameters.
    pub params: CompetitiveParams,
    /// Input weights `w[i][j]`, `inputs × excitatory`, a row per input.
    pub weights: Vec<f32>,
    /// Threshold adaptation θ per excitatory neuron, mV.
    pub theta: Vec<f32>,
    excitatory: ConductanceLif,
    inhibitory: ConductanceLif,
    traces: StdpTraces,
    rng: ChaCha8Rng,
    /// Showings so far (repeats counted), learning or not.
    pub presentations: u64,
}

/// What one digit drew.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// Excitatory spikes per neuron in the last showing.
    pub counts: Vec<u32>,
    /// Showings it took (1 + repeats).
    pub showings: u32,
}

/// Spike buffers reused from step to step.
#[derive(Debug, Default)]
struct Scratch {
    inputs: Vec<u32>,
    excitatory: Vec<u32>,
    inhibitory: Vec<u32>,
}

impl CompetitiveLayer {
    /// A new layer with uniform random input weights, drawn from `seed`.
    pub fn new(params: CompetitiveParams, seed: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (low, high) = params.initial_weights;
        let (low, high) = (low as f32, high as f32);
        let weights = (0..params.inputs * params.excitatory)
            .map(|_| low + (high - low) * rng.random::<f32>())
            .collect();
        let n = params.excitatory;
        Self {
            weights,
            theta: vec![0.0; n],
            excitatory: ConductanceLif::new(n, &params.excitatory_neurons, params.dt_ms),
            inhibitory: ConductanceLif::new(n, &params.inhibitory_neurons, params.dt_ms),
            traces: StdpTraces::new(params.inputs, n, &params.learning, params.dt_ms),
            rng,
            presentations: 0,
            params,
        }
    }

    /// Excitatory neurons.
    pub fn neurons(&self) -> usize {
        self.params.excitatory
    }

    /// The input weights of excitatory neuron `j`, one per input (its receptive field).
    pub fn receptive_field(&self, j: usize) -> impl Iterator<Item = f32> + '_ {
        self.weights
            .iter()
            .skip(j)
            .step_by(self.params.excitatory)
            .copied()
    }

    /// Shows one digit (`image`: an intensity in 0..1 per input), repeating it at higher
    /// rates while it draws too few spikes. `learning` scales every learning rate (STDP and
    /// θ₊; the global learning rate): above 0 the weights and thresholds learn, at 0 they
    /// stay.
    pub fn present(&mut self, image: &[f32], learning: f32) -> Response {
        let p = &self.params;
        let learn = learning > 0.0;
        if learn && p.learning.weight_sum > 0.0 {
            normalise(
                &mut self.weights,
                p.excitatory,
                p.learning.weight_sum as f32,
            );
        }
        let mut source = PoissonImage::new(&image[..p.inputs.min(image.len())]);
        let mut counts = vec![0u32; p.excitatory];
        let mut scratch = Scratch::default();
        let mut showings = 0u32;
        loop {
            let rate = self.params.max_rate_hz + f64::from(showings) * self.params.rate_step_hz;
            source.start(rate, &mut self.rng);
            counts.iter_mut().for_each(|c| *c = 0);
            self.show(&mut source, learning, &mut counts, &mut scratch);
            self.rest(learning, &mut scratch);
            showings += 1;
            self.presentations += 1;
            let drawn: u32 = counts.iter().sum();
            if drawn >= self.params.min_spikes || showings > self.params.max_repeats {
                break;
            }
        }
        Response { counts, showings }
    }

    /// One showing: input spikes and neurons, step by step.
    fn show(
        &mut self,
        source: &mut PoissonImage,
        learning: f32,
        counts: &mut [u32],
        scratch: &mut Scratch,
    ) {
        let (show_steps, _) = self.params.steps();
        let n = self.params.excitatory;
        let dt = self.params.dt_ms;
        for step in 0..show_steps {
            self.traces.decay();
            source.fire_until((step + 1) as f64 * dt, &mut self.rng, &mut scratch.inputs);
            for &i in &scratch.inputs {
                let i = i as usize;
                let row = &mut self.weights[i * n..(i + 1) * n];
                for (g, w) in self.excitatory.g_exc.iter_mut().zip(row.iter()) {
                    *g += w;
                }
                self.traces.input_spike(row, i, learning);
            }
            self.step_neurons(learning, Some(counts), scratch);
        }
        if learning > 0.0 {
            self.adapt_for(self.params.show_ms);
        }
    }

    /// The rest after a showing: no input, the neurons and traces relax.
    fn rest(&mut self, learning: f32, scratch: &mut Scratch) {
        let (_, rest_steps) = self.params.steps();
        for _ in 0..rest_steps {
            self.traces.decay();
            self.step_neurons(learning, None, scratch);
        }
        if learning > 0.0 {
            self.adapt_for(self.params.rest_ms);
        }
    }

    /// θ decays over `ms` (slow: applied once per showing or rest). Only while learning: with
    /// learning off the thresholds are fixed, as Diehl & Cook test.
    fn adapt_for(&mut self, ms: f64) {
        let factor = (-ms / self.params.learning.tau_theta_ms).exp() as f32;
        self.theta.iter_mut().for_each(|t| *t *= factor);
    }

    /// Both populations advance one step; excitatory spikes learn, adapt, drive their
    /// inhibitory partners and are counted; inhibitory spikes inhibit every other neuron.
    fn step_neurons(&mut self, learning: f32, counts: Option<&mut [u32]>, scratch: &mut Scratch) {
        let n = self.params.excitatory;
        self.excitatory
            .step(Some(&self.theta), &mut scratch.excitatory);
        let theta_plus = self.params.learning.theta_plus_mv as f32 * learning;
        for &j in &scratch.excitatory {
            let j = j as usize;
            self.traces.neuron_spike(&mut self.weights, n, j, learning);
            self.theta[j] += theta_plus;
            self.inhibitory.g_exc[j] += self.params.excite_inhibitory as f32;
        }
        if let Some(counts) = counts {
            for &j in &scratch.excitatory {
                counts[j as usize] += 1;
            }
        }
        self.inhibitory.step(None, &mut scratch.inhibitory);
        if !scratch.inhibitory.is_empty() {
            let w = self.params.inhibit_excitatory as f32;
            let total = w * scratch.inhibitory.len() as f32;
            self.excitatory.g_inh.iter_mut().for_each(|g| *g += total);
            for &j in &scratch.inhibitory {
                self.excitatory.g_inh[j as usize] -= w;
            }
        }
    }

    /// Whether the neurons' state has blown up (not finite).
    pub fn diverged(&self) -> bool {
        self.excitatory.diverged() || self.inhibitory.diverged()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An 8 × 8 retina, 4 neurons; rates high enough for so few pixels to drive them.
    fn small() -> CompetitiveParams {
        let mut params = CompetitiveParams {
            inputs: 64,
            excitatory: 4,
            classes: 2,
            max_rate_hz: 1000.0,
            rate_step_hz: 500.0,
            initial_weights: (0.2, 0.3),
            ..CompetitiveParams::default()
        };
        params.learning.weight_sum = 16.0;
        params
    }

    /// A bar across the retina: row 2 (horizontal) or column 5 (vertical).
    fn bar(horizontal: bool) -> Vec<f32> {
        (0..64)
            .map(|k| {
                let on = if horizontal { k / 8 == 2 } else { k % 8 == 5 };
                if on { 1.0 } else { 0.0 }
            })
            .collect()
    }

    #[test]
    fn a_weak_digit_is_shown_again_until_it_draws_spikes() {
        let mut params = small();
        params.learning.weight_sum = 0.0;
        params.initial_weights = (0.0, 0.02);
        let mut layer = CompetitiveLayer::new(params, 1);
        let response = layer.present(&bar(true), 0.0);
        assert!(response.showings > 1, "tiny weights need a higher rate");
        assert_eq!(layer.presentations, u64::from(response.showings));
    }

    #[test]
    fn learning_moves_weights_and_thresholds_and_freezing_moves_neither() {
        let mut layer = CompetitiveLayer::new(small(), 2);
        let (weights, theta) = (layer.weights.clone(), layer.theta.clone());
        let response = layer.present(&bar(true), 0.0);
        assert!(response.counts.iter().sum::<u32>() >= 5, "{response:?}");
        assert_eq!((&layer.weights, &layer.theta), (&weights, &theta));
        layer.present(&bar(true), 1.0);
        assert_ne!(layer.weights, weights);
        assert!(layer.theta.iter().any(|&t| t > 0.0));
        for j in 0..4 {
            let sum: f32 = layer.receptive_field(j).sum();
            assert!(
                (sum - 16.0).abs() < 1.0,
                "normalised before the digit: {sum}"
            );
        }
    }

    #[test]
    fn the_neuron_that_answers_a_bar_learns_the_bar() {
        let mut layer = CompetitiveLayer::new(small(), 3);
        for k in 0..60 {
            layer.present(&bar(k % 2 == 0), 1.0);
        }
        for horizontal in [true, false] {
            let pattern = bar(horizontal);
            let response = layer.present(&pattern, 0.0);
            let winner = (0..4).max_by_key(|&j| response.counts[j]).unwrap_or(0);
            let field: Vec<f32> = layer.receptive_field(winner).collect();
            let mean = |on: bool| {
                let picked: Vec<f32> = (0..64)
                    .filter(|&k| (pattern[k] > 0.0) == on)
                    .map(|k| field[k])
                    .collect();
                picked.iter().sum::<f32>() / picked.len() as f32
            };
            assert!(
                mean(true) > 2.0 * mean(false),
                "the winner's weights on the bar ({}) dwarf the rest ({})",
                mean(true),
                mean(false)
            );
        }
        assert!(!layer.diverged());
    }

    #[test]
    fn without_learning_no_field_becomes_a_bar() {
        let mut layer = CompetitiveLayer::new(small(), 3);
        for k in 0..60 {
            layer.present(&bar(k % 2 == 0), 0.0);
        }
        let field: Vec<f32> = layer.receptive_field(0).collect();
        let top = field.iter().copied().fold(0.0f32, f32::max);
        assert!(top <= 0.3, "weights stay as drawn, in [0.2, 0.3)");
    }
}
