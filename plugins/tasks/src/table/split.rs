//! Stratified splits: each class cut in the same proportion, so a small test set (Iris: 30
//! rows) holds every class as the whole table does.

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Row indices of a training and a test set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    /// Rows to learn from, shuffled.
    pub train: Vec<usize>,
    /// Rows held out, in table order.
    pub test: Vec<usize>,
}

/// Splits rows labelled `labels` (classes below `classes`): from each class, `test_fraction`
/// of its rows (rounded to the nearest row) go to the test set, chosen by `seed`.
pub fn stratified_split(labels: &[usize], classes: usize, test_fraction: f64, seed: u64) -> Split {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut train = Vec::new();
    let mut test = Vec::new();
    for class in 0..classes {
        let mut rows: Vec<usize> = (0..labels.len()).filter(|&i| labels[i] == class).collect();
        rows.shuffle(&mut rng);
        let held = held_out(rows.len(), test_fraction);
        test.extend_from_slice(&rows[..held]);
        train.extend_from_slice(&rows[held..]);
    }
    test.sort_unstable();
    train.shuffle(&mut rng);
    Split { train, test }
}

impl Split {
    /// Few-shot learning: keeps the first `per_class` training rows of each class (the
    /// training rows are in the split's random order, so these are drawn at random; a class
    /// with fewer keeps all), repeated in turn up to the training set's former length, so that
    /// an epoch still shows as many training rows, of fewer examples. The test rows stay.
    pub fn keep_per_class(&mut self, labels: &[usize], per_class: usize) {
        let mut taken = std::collections::HashMap::new();
        let kept: Vec<usize> = self
            .train
            .iter()
            .copied()
            .filter(|&r| {
                let n = taken.entry(labels[r]).or_insert(0usize);
                *n += 1;
                *n <= per_class
            })
            .collect();
        let length = self.train.len();
        self.train = kept.iter().copied().cycle().take(length).collect();
    }
}

/// How many of a class's `rows` a split holds out: `test_fraction` of them, rounded to the
/// nearest row.
pub fn held_out(rows: usize, test_fraction: f64) -> usize {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let held = (rows as f64 * test_fraction).round() as usize;
    held
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_shot_keeps_that_many_rows_of_each_class_repeated_to_the_same_length() {
        let labels: Vec<usize> = (0..150).map(|i| i / 50).collect();
        let mut split = stratified_split(&labels, 3, 0.2, 7);
        let test = split.test.clone();
        split.keep_per_class(&labels, 2);
        assert_eq!(split.train.len(), 120);
        assert_eq!(split.test, test);
        let mut distinct = split.train.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), 6);
        for class in 0..3 {
            assert_eq!(distinct.iter().filter(|&&r| labels[r] == class).count(), 2);
            assert_eq!(
                split.train.iter().filter(|&&r| labels[r] == class).count(),
                40
            );
        }
    }

    #[test]
    fn every_class_is_cut_in_the_same_proportion() {
        let labels: Vec<usize> = (0..150).map(|i| i / 50).collect();
        let split = stratified_split(&labels, 3, 0.2, 7);
        assert_eq!((split.train.len(), split.test.len()), (120, 30));
        for class in 0..3 {
            assert_eq!(
                split.test.iter().filter(|&&r| labels[r] == class).count(),
                10
            );
        }
        let mut all: Vec<usize> = split.train.iter().chain(&split.test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..150).collect::<Vec<_>>());
        assert_eq!(split, stratified_split(&labels, 3, 0.2, 7));
        assert_ne!(split.test, stratified_split(&labels, 3, 0.2, 8).test);
    }
}
