//! Learning in tasks without forgetting: the network's own dreams of the classes it learnt
//! before, interleaved with the new task's samples.
//!
//! Before each new task, [`dream_bank`] dreams `per_class` inputs for every class learnt so far
//! ([`crate::dream`], each from a different noisy start) and labels each with the class it was
//! dreamt of. Training on the new task then shuffles these dreams in with the new samples
//! ([`Samples::concat`]), so the old classes keep being asked for, without storing a single
//! real sample of them. [`hidden_dream_bank`] and [`replay_top_layer`] replay at the hidden
//! layer instead (latent replay). On MNIST split into tasks neither keeps the real old digits
//! (`benches/eqprop_continual.rs`): the network answers its dreams right and the old digits
//! wrong. [`crate::rehearsal`] does: short dreams started from new digits, answered by the
//! network itself.

use rand_chacha::ChaCha8Rng;

use faer::Mat;
use rand::Rng;

use crate::data::{Samples, one_hot};
use crate::dream::{DreamSettings, dream, dream_from, dream_states};
use crate::eqprop::{EqProp, EqPropSettings};
use crate::error::EnergyError;
use crate::net::LayeredNet;

/// `per_class` dreams of each of `classes`, labelled with their class.
pub fn dream_bank(
    net: &LayeredNet,
    classes: &[usize],
    per_class: usize,
    settings: &DreamSettings,
    rng: &mut ChaCha8Rng,
) -> Result<Samples, EnergyError> {
    let labels = repeated(classes, per_class);
    let inputs = dream(net, &labels, settings, rng)?;
    Samples::from_columns(&inputs, labels, net.outputs())
}

/// `per_class` dreams of each of `classes`, each started from a sample of `seeds_from` (drawn
/// with replacement), labelled with the class it was dreamt of.
pub fn dream_bank_from(
    net: &LayeredNet,
    classes: &[usize],
    per_class: usize,
    seeds_from: &Samples,
    settings: &DreamSettings,
    rng: &mut ChaCha8Rng,
) -> Result<Samples, EnergyError> {
    let (inputs, labels) = dreams_from_samples(net, classes, per_class, seeds_from, settings, rng)?;
    Samples::from_columns(&inputs, labels, net.outputs())
}

/// The dreams of [`dream_bank_from`] as columns (`inputs × n`) with the class each was dreamt
/// of; refuses an empty `seeds_from`.
pub fn dreams_from_samples(
    net: &LayeredNet,
    classes: &[usize],
    per_class: usize,
    seeds_from: &Samples,
    settings: &DreamSettings,
    rng: &mut ChaCha8Rng,
) -> Result<(Mat<f32>, Vec<usize>), EnergyError> {
    if seeds_from.is_empty() {
        return Err(EnergyError::Shape(
            "no samples to start the dreams from".to_string(),
        ));
    }
    let labels = repeated(classes, per_class);
    let rows: Vec<usize> = labels
        .iter()
        .map(|_| rng.random_range(0..seeds_from.len()))
        .collect();
    let inputs = dream_from(net, seeds_from.batch(&rows), &labels, settings)?;
    Ok((inputs, labels))
}

/// Each of `classes` `per_class` times, in order: the labels of a dream bank.
fn repeated(classes: &[usize], per_class: usize) -> Vec<usize> {
    classes
        .iter()
        .flat_map(|&c| std::iter::repeat_n(c, per_class))
        .collect()
}

/// Latent replay: `per_class` dreams of each of `classes` taken at the last hidden layer (the
/// states the clamped output holds there), each from a noisy input start; returns them
/// (`hidden × n`) with their classes.
pub fn hidden_dream_bank(
    net: &LayeredNet,
    classes: &[usize],
    per_class: usize,
    settings: &DreamSettings,
    rng: &mut ChaCha8Rng,
) -> Result<(Mat<f32>, Vec<usize>), EnergyError> {
    let labels = repeated(classes, per_class);
    let start = Mat::from_fn(net.inputs(), labels.len(), |_, _| {
        rng.random_range(0.0..settings.start_noise.max(f32::MIN_POSITIVE))
    });
    let mut states = dream_states(net, start, &labels, settings)?;
    let top_hidden = states.len() - 2;
    Ok((states.swap_remove(top_hidden), labels))
}

/// One EqProp step of the top layer alone on replayed hidden states: the last hidden layer
/// clamped at `hidden` (`hidden × batch`), the output free and nudged toward `labels`; only
/// the top weights and the output biases change (by `rate`).
pub fn replay_top_layer(
    net: &mut LayeredNet,
    hidden: &Mat<f32>,
    labels: &[usize],
    settings: &EqPropSettings,
    rate: f32,
    rng: &mut ChaCha8Rng,
) -> Result<(), EnergyError> {
    let top = net.weights.len() - 1;
    let mut layer = LayeredNet {
        sizes: vec![net.sizes[top], net.sizes[top + 1]],
        weights: vec![net.weights[top].clone()],
        biases: vec![net.biases[top].clone(), net.biases[top + 1].clone()],
    };
    let target = one_hot(net.outputs(), labels);
    let phases = EqProp::default().phases(&layer, hidden, &target, settings, rng, None, None)?;
    phases.descend(&mut layer, &[rate], 1.0);
    net.weights[top] = layer.weights.swap_remove(0);
    net.biases[top + 1] = layer.biases.swap_remove(1);
    Ok(())
}
