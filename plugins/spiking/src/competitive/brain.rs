//! The competitive layer as a brain in a scene: its component, and how it answers a batch of
//! examples.
//!
//! A training batch (the port's `learn`) is shown digit by digit, learning on unless the brain
//! is frozen; each digit's spikes are counted under its label ([`Labelling`]). The first
//! evaluation batch after training assigns every neuron its class from those counts (so each
//! epoch's labels come from that epoch's training digits; with learning off, the training
//! split is a labelling pass on fixed weights), and the next training batch starts new counts.
//! An evaluation batch is shown with learning off and answered with each class's score.
//! After the scene's `learning_epochs`, training digits only count toward the labels.

use bevy::prelude::*;
use neurarium_sim::prelude::ExamplePort;

use crate::competitive::labels::Labelling;
use crate::competitive::layer::CompetitiveLayer;
use crate::competitive::params::ClassReadout;

/// A spawned competitive layer; its examples port is on the same entity.
#[derive(Component, Debug, Clone)]
pub struct CompetitiveBrain {
    /// Its name in messages (its port's name).
    pub name: String,
    /// Weights, thresholds, neurons.
    pub layer: CompetitiveLayer,
    /// Spike counts by class and the neurons' classes.
    pub labelling: Labelling,
    /// Whether it learns (false once frozen: `--learning-off`, `--eval`, a control).
    pub learning: bool,
    /// Counts were added since the last assignment.
    pub labels_stale: bool,
    /// The counts were used: the next training batch starts new ones.
    pub labels_used: bool,
    /// The excitatory spike counts of the first digit of the last batch (the one on show).
    pub shown_counts: Vec<u32>,
    /// The last batch's answers, one score per class and example, until `Act` hands them to
    /// the port; `None` without a batch.
    pub answers: Option<Vec<f32>>,
    /// Sums since the last metrics row: presentations, digits, excitatory spikes.
    pub since_row: Shown,
    /// Epochs finished.
    pub epochs: u32,
}

/// Sums over the digits shown since the last metrics row.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Shown {
    /// Showings, repeats counted.
    pub presentations: u64,
    /// Digits.
    pub digits: u64,
    /// Excitatory spikes in the counted showings.
    pub spikes: u64,
}

impl CompetitiveBrain {
    /// A learning brain around `layer`, no neuron labelled yet.
    pub fn new(name: &str, layer: CompetitiveLayer, classes: usize) -> Self {
        let neurons = layer.neurons();
        Self {
            name: name.to_owned(),
            layer,
            labelling: Labelling::new(neurons, classes),
            learning: true,
            labels_stale: false,
            labels_used: false,
            shown_counts: vec![0; neurons],
            answers: None,
            since_row: Shown::default(),
            epochs: 0,
        }
    }

    /// Whether a training digit now changes the layer: learning on, and within the scene's
    /// `learning_epochs`.
    pub fn learns(&self) -> bool {
        self.learning
            && self
                .layer
                .params
                .learning_epochs
                .is_none_or(|epochs| self.epochs < epochs)
    }

    /// Shows the port's batch and keeps the answers (one score per class and example) in
    /// `answers`; `learning_rate` (the global rate) scales what a training batch teaches.
    pub fn answer(&mut self, port: &ExamplePort, learning_rate: f32) {
        let mut outputs = Vec::with_capacity(port.count * port.answers);
        let training = port.learn;
        let learning = if training && self.learns() {
            learning_rate
        } else {
            0.0
        };
        if training && self.labels_used {
            self.labelling.clear();
            self.labels_used = false;
        }
        if !training && self.labels_stale {
            self.labelling.assign();
            self.labels_stale = false;
            self.labels_used = true;
        }
        for k in 0..port.count {
            let image = &port.inputs[k * port.features..(k + 1) * port.features];
            let response = self.layer.present(image, learning);
            if training && let Some(&label) = port.labels.get(k) {
                self.labelling.record(&response.counts, label);
                self.labels_stale = true;
            }
            outputs.extend(match self.layer.params.readout {
                ClassReadout::StrongestClass => self.labelling.scores(&response.counts),
                ClassReadout::Proportion => self.labelling.proportion_scores(&response.counts),
            });
            self.since_row.presentations += u64::from(response.showings);
            self.since_row.digits += 1;
            self.since_row.spikes += response.counts.iter().map(|&c| u64::from(c)).sum::<u64>();
            if k == 0 {
                self.shown_counts = response.counts;
            }
        }
        self.answers = Some(outputs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::competitive::params::CompetitiveParams;

    /// Horizontal (class 0) and vertical (class 1) bars on an 8 × 8 retina, at rows and
    /// columns 2 and 5, each four times.
    fn bars() -> Vec<(Vec<f32>, usize)> {
        let bar = |horizontal: bool, at: usize| -> Vec<f32> {
            (0..64)
                .map(|k| {
                    let on = if horizontal { k / 8 == at } else { k % 8 == at };
                    if on { 1.0 } else { 0.0 }
                })
                .collect()
        };
        (0..8)
            .flat_map(|k| {
                let at = if k % 2 == 0 { 2 } else { 5 };
                [(bar(true, at), 0), (bar(false, at), 1)]
            })
            .collect()
    }

    fn brain(learning_epochs: Option<u32>) -> CompetitiveBrain {
        let mut params = CompetitiveParams {
            inputs: 64,
            excitatory: 8,
            classes: 2,
            max_rate_hz: 1000.0,
            rate_step_hz: 500.0,
            initial_weights: (0.2, 0.3),
            learning_epochs,
            ..CompetitiveParams::default()
        };
        params.learning.weight_sum = 16.0;
        CompetitiveBrain::new("bars", CompetitiveLayer::new(params, 5), 2)
    }

    fn show(brain: &mut CompetitiveBrain, learn: bool) -> Vec<f32> {
        let examples = bars();
        let mut port = ExamplePort::new("bars", 64, 2, examples.len());
        let labels: Vec<usize> = examples.iter().map(|(_, l)| *l).collect();
        port.show_classes(examples.iter().map(|(x, _)| x.as_slice()), &labels, learn);
        brain.answer(&port, 1.0);
        brain.answers.take().unwrap_or_default()
    }

    #[test]
    fn labels_come_from_training_digits_and_answer_the_evaluation_digits() {
        let mut brain = brain(None);
        let before = show(&mut brain, false);
        assert!(
            before.iter().all(|&s| s == 0.0),
            "no neuron has a class yet"
        );
        for _ in 0..4 {
            show(&mut brain, true);
        }
        let scores = show(&mut brain, false);
        assert!(brain.labelling.assigned.iter().flatten().count() >= 2);
        let right = scores
            .chunks(2)
            .zip(bars())
            .filter(|(s, (_, label))| (s[1] > s[0]) == (*label == 1) && s[0] != s[1])
            .count();
        assert_eq!(
            right, 16,
            "every bar answered right (random weights, labelled alike, get 12)"
        );
        // The next training batch starts new counts; the classes stay until they are used.
        show(&mut brain, true);
        assert_eq!(brain.labelling.counted(), 16);
    }

    #[test]
    fn after_its_learning_epochs_a_brain_keeps_its_weights() {
        let mut brain = brain(Some(1));
        show(&mut brain, true);
        let weights = brain.layer.weights.clone();
        brain.epochs = 1;
        show(&mut brain, true);
        assert_eq!(
            brain.layer.weights, weights,
            "a labelling epoch learns nothing"
        );
        assert!(brain.labels_stale, "but counts its digits");
    }
}
