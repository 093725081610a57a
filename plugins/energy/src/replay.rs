//! Learning in tasks without forgetting: the network's own dreams of the classes it learnt
//! before, interleaved with the new task's samples.
//!
//! Before each new task, [`dream_bank`] dreams `per_class` inputs for every class learnt so far
//! ([`crate::dream`], each from a different noisy start) and labels each with the class it was
//! dreamt of. Training on the new task then shuffles these dreams in with the new samples
//! ([`Samples::concat`]), so the old classes keep being asked for, without storing a single
//! real sample of them.

use rand_chacha::ChaCha8Rng;

use crate::data::Samples;
use crate::dream::{DreamSettings, dream, dream_from};
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
    use rand::Rng;
    let labels = repeated(classes, per_class);
    let rows: Vec<usize> = labels
        .iter()
        .map(|_| rng.random_range(0..seeds_from.len()))
        .collect();
    let inputs = dream_from(net, seeds_from.batch(&rows), &labels, settings)?;
    Samples::from_columns(&inputs, labels, net.outputs())
}

/// Each of `classes` `per_class` times, in order: the labels of a dream bank.
fn repeated(classes: &[usize], per_class: usize) -> Vec<usize> {
    classes
        .iter()
        .flat_map(|&c| std::iter::repeat_n(c, per_class))
        .collect()
}
