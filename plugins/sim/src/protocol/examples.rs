//! Example ports: how a task teaches a brain that learns from labelled examples.
//!
//! A classification (or regression) task does not act in a world step by step; it shows a
//! brain batches of examples with the answers it wants. An [`ExamplePort`] carries one batch
//! per step both ways, on one of the brain's entities:
//!
//! - in `SimSet::Sense` the task writes `inputs` (`features` values per example, example
//!   after example), `targets` (`answers` values per example: a one-hot class, or the
//!   wanted outputs scaled into the brain's range), `labels` (each example's class, for
//!   classification), `count` and `learn` (whether the brain may learn from this batch: the
//!   training split does, validation and test do not);
//! - the brain relaxes or runs on the batch (`Integrate`), learns if `learn` and learning is
//!   on (`Learn`), and in `ActSet::Decode` writes `outputs` (`answers` values per example)
//!   and sets `ready`;
//! - the task reads `outputs` in `ActSet::Control`.
//!
//! The brain declares the port ([`PortDecl`](crate::protocol::ports::PortDirection::Examples)):
//! its `width` is `features`, its `answers` the values per example, and `batch` on the
//! spawned component the most examples the brain wants in a training batch.

use bevy::prelude::*;

/// A batch of labelled examples and the brain's answers. See the module docs.
#[derive(Component, Debug, Clone, PartialEq, Default)]
pub struct ExamplePort {
    /// The port's name.
    pub name: String,
    /// Values per example in.
    pub features: usize,
    /// Values per example out (classes, or regression outputs).
    pub answers: usize,
    /// The most examples the brain takes in one training batch (its mini-batch size).
    pub batch: usize,
    /// Examples in this step's batch; 0: no batch this step.
    pub count: usize,
    /// `features × count` values, example after example.
    pub inputs: Vec<f32>,
    /// `answers × count` wanted outputs, example after example.
    pub targets: Vec<f32>,
    /// Each example's class (classification; empty for regression).
    pub labels: Vec<usize>,
    /// Whether the brain may learn from this batch.
    pub learn: bool,
    /// `answers × count` outputs, written by the brain in `ActSet::Decode`.
    pub outputs: Vec<f32>,
    /// Whether `outputs` answer this step's batch.
    pub ready: bool,
}

impl ExamplePort {
    /// An empty port of this shape.
    pub fn new(name: &str, features: usize, answers: usize, batch: usize) -> Self {
        Self {
            name: name.to_owned(),
            features,
            answers,
            batch,
            ..Self::default()
        }
    }

    /// Puts a batch in: `rows` are the examples' feature rows, `labels` their classes; the
    /// targets are one-hot. `learn`: whether the brain may learn from it.
    pub fn show_classes<'a>(
        &mut self,
        rows: impl Iterator<Item = &'a [f32]>,
        labels: &[usize],
        learn: bool,
    ) {
        self.put_inputs(rows);
        self.count = labels.len();
        debug_assert_eq!(self.inputs.len(), self.features * self.count);
        self.targets.clear();
        self.targets.resize(self.answers * self.count, 0.0);
        for (i, &label) in labels.iter().enumerate() {
            if label < self.answers {
                self.targets[i * self.answers + label] = 1.0;
            }
        }
        self.labels.clear();
        self.labels.extend_from_slice(labels);
        self.learn = learn;
        self.ready = false;
    }

    /// Puts a batch in for regression: `rows` are the examples' feature rows, `targets` their
    /// wanted outputs (`answers` per example, in the brain's `0..1`); no labels.
    pub fn show_values<'a>(
        &mut self,
        rows: impl Iterator<Item = &'a [f32]>,
        targets: impl Iterator<Item = f32>,
        learn: bool,
    ) {
        self.put_inputs(rows);
        self.count = self.inputs.len() / self.features.max(1);
        self.targets.clear();
        self.targets.extend(targets);
        debug_assert_eq!(self.targets.len(), self.answers * self.count);
        self.labels.clear();
        self.learn = learn;
        self.ready = false;
    }

    /// The examples' feature rows into `inputs`, example after example.
    fn put_inputs<'a>(&mut self, rows: impl Iterator<Item = &'a [f32]>) {
        self.inputs.clear();
        for row in rows {
            self.inputs.extend_from_slice(row);
        }
    }

    /// No batch this step.
    pub fn clear(&mut self) {
        self.count = 0;
        self.ready = false;
    }

    /// The answers to example `i` of the batch.
    pub fn output(&self, i: usize) -> &[f32] {
        &self.outputs[i * self.answers..(i + 1) * self.answers]
    }

    /// The class the brain picks for example `i`: its largest output (the first on ties);
    /// [`NO_ANSWER`] when an output is not a finite number (a brain that failed, such as a
    /// circuit whose output damage cut off), which every task scores as wrong.
    pub fn predicted(&self, i: usize) -> usize {
        let output = self.output(i);
        if output.iter().any(|v| !v.is_finite()) {
            return NO_ANSWER;
        }
        argmax(output).unwrap_or(0)
    }
}

/// [`ExamplePort::predicted`] of an example the brain gave no answer to: above every class.
pub const NO_ANSWER: usize = usize::MAX;

/// The class an answer picks: the index of its largest value (the first on ties); `None` for
/// no values.
pub fn argmax(values: &[f32]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, &v) in values.iter().enumerate() {
        if best.is_none_or(|b| v > values[b]) {
            best = Some(i);
        }
    }
    best
}

/// The entity holding the example port `name`, if a brain spawned one.
pub fn find_examples(world: &mut World, name: &str) -> Option<Entity> {
    let mut ports = world.query::<(Entity, &ExamplePort)>();
    ports
        .iter(world)
        .find(|(_, port)| port.name == name)
        .map(|(entity, _)| entity)
}
