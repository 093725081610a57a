//! Labels for an unsupervised layer: each neuron is given the class it answers most, and a
//! digit is classified by which class's neurons fire most (Diehl & Cook 2015).
//!
//! ```text
//! rate[j][c]  = spikes of neuron j over the labelled digits of class c / digits of class c
//! class(j)    = argmax_c rate[j][c]            (none for a neuron that never fired)
//! score[c]    = mean spike count, on the digit, of the neurons of class c
//! prediction  = argmax_c score[c]
//! ```
//!
//! or, with the proportional readout, `score[c] = Σ_j count_j · rate[j][c] / Σ_c' rate[j][c']`.
//!
//! Labels never reach the weights: they are only counted, beside learning or in a pass with
//! learning off.

use serde::{Deserialize, Serialize};

/// Spike counts by neuron and class, and the classes they give the neurons.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Labelling {
    classes: usize,
    /// Summed spike counts, `neurons × classes`, a row per neuron.
    sums: Vec<f64>,
    /// Labelled digits per class.
    shown: Vec<u64>,
    /// Class per neuron, from the last [`Labelling::assign`]; `None` for a neuron never heard.
    pub assigned: Vec<Option<u16>>,
    /// Each neuron's rates as shares of their sum, `neurons × classes`, from the last
    /// [`Labelling::assign`] (all 0 for a neuron never heard).
    proportions: Vec<f64>,
}

impl Labelling {
    /// No counts yet and no neuron assigned.
    pub fn new(neurons: usize, classes: usize) -> Self {
        Self {
            classes,
            sums: vec![0.0; neurons * classes],
            shown: vec![0; classes],
            assigned: vec![None; neurons],
            proportions: vec![0.0; neurons * classes],
        }
    }

    /// Counts one labelled digit's spikes (`counts` per neuron).
    pub fn record(&mut self, counts: &[u32], label: usize) {
        if label >= self.classes {
            return;
        }
        self.shown[label] += 1;
        for (row, &count) in self.sums.chunks_exact_mut(self.classes).zip(counts) {
            row[label] += f64::from(count);
        }
    }

    /// Labelled digits counted since the last [`Labelling::clear`].
    pub fn counted(&self) -> u64 {
        self.shown.iter().sum()
    }

    /// Neuron `j`'s mean spike count per class.
    fn rates(&self, j: usize) -> Vec<f64> {
        self.sums[j * self.classes..(j + 1) * self.classes]
            .iter()
            .zip(&self.shown)
            .map(|(&sum, &n)| if n > 0 { sum / n as f64 } else { 0.0 })
            .collect()
    }

    /// Each neuron's class (and its rates' shares) from the counts so far; kept as they are
    /// when nothing was counted.
    pub fn assign(&mut self) {
        if self.counted() == 0 {
            return;
        }
        let classes = self.classes;
        for j in 0..self.assigned.len() {
            let rates = self.rates(j);
            let total: f64 = rates.iter().sum();
            for (share, rate) in self.proportions[j * classes..(j + 1) * classes]
                .iter_mut()
                .zip(&rates)
            {
                *share = if total > 0.0 { rate / total } else { 0.0 };
            }
            let best = rates
                .into_iter()
                .enumerate()
                .fold((None, 0.0), |best, (c, rate)| {
                    if rate > best.1 {
                        (Some(c as u16), rate)
                    } else {
                        best
                    }
                });
            self.assigned[j] = best.0;
        }
    }

    /// Forgets the counts (the assignments stay until the next [`Labelling::assign`]).
    pub fn clear(&mut self) {
        self.sums.iter_mut().for_each(|s| *s = 0.0);
        self.shown.iter_mut().for_each(|n| *n = 0);
    }

    /// Each class's score for a digit's spike `counts`: the mean count of its neurons (0 for a
    /// class no neuron has).
    pub fn scores(&self, counts: &[u32]) -> Vec<f32> {
        let mut sums = vec![0.0f32; self.classes];
        let mut members = vec![0u32; self.classes];
        for (class, &count) in self.assigned.iter().zip(counts) {
            if let Some(c) = class {
                sums[usize::from(*c)] += count as f32;
                members[usize::from(*c)] += 1;
            }
        }
        sums.iter()
            .zip(&members)
            .map(|(&s, &m)| if m > 0 { s / m as f32 } else { 0.0 })
            .collect()
    }

    /// Each class's score by proportional votes: every neuron that fired votes for every
    /// class in proportion to its rates at the last [`Labelling::assign`],
    /// `score[c] = Σ_j count_j · rate[j][c] / Σ_c' rate[j][c']` (Hazan et al. 2018's
    /// "proportion weighting").
    pub fn proportion_scores(&self, counts: &[u32]) -> Vec<f32> {
        let mut scores = vec![0.0f32; self.classes];
        for (shares, &count) in self.proportions.chunks_exact(self.classes).zip(counts) {
            if count == 0 {
                continue;
            }
            for (score, share) in scores.iter_mut().zip(shares) {
                *score += (f64::from(count) * share) as f32;
            }
        }
        scores
    }

    /// Neurons assigned to each class.
    pub fn neurons_per_class(&self) -> Vec<u32> {
        let mut members = vec![0u32; self.classes];
        for c in self.assigned.iter().flatten() {
            members[usize::from(*c)] += 1;
        }
        members
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neurons_take_the_class_they_answer_most_by_rate() {
        let mut labels = Labelling::new(3, 2);
        // Class 0 shown 4 times, class 1 once. Neuron 0: 8 spikes to class 0 (rate 2) and 3
        // to class 1 (rate 3): class 1 by rate, though class 0 by total.
        for _ in 0..4 {
            labels.record(&[2, 1, 0], 0);
        }
        labels.record(&[3, 0, 0], 1);
        labels.assign();
        assert_eq!(labels.assigned, vec![Some(1), Some(0), None]);
        assert_eq!(labels.neurons_per_class(), vec![1, 1]);
        assert_eq!(labels.scores(&[1, 5, 9]), vec![5.0, 1.0]);
        // Neuron 0's rates 2 and 3 (shares 0.4, 0.6), neuron 1's 1 and 0: 1 spike of neuron 0
        // and 5 of neuron 1 give class 0 0.4 + 5 and class 1 0.6.
        let votes = labels.proportion_scores(&[1, 5, 9]);
        assert!(
            (votes[0] - 5.4).abs() < 1e-6 && (votes[1] - 0.6).abs() < 1e-6,
            "{votes:?}"
        );
        // Counts recorded after the assignment change no vote until the next one.
        labels.record(&[0, 9, 0], 1);
        assert_eq!(labels.proportion_scores(&[1, 5, 9]), votes);
    }

    #[test]
    fn clearing_keeps_the_assignment_until_the_next_one() {
        let mut labels = Labelling::new(2, 2);
        labels.record(&[0, 4], 1);
        labels.assign();
        labels.clear();
        labels.assign();
        assert_eq!(labels.assigned, vec![None, Some(1)]);
        assert_eq!(labels.counted(), 0);
    }
}
