//! An epoch of a classification task, step by step: the training rows in shuffled batches
//! (learnt from), then the validation rows, then the test set (only scored), one batch per
//! simulation step; the epoch ends with its last test batch.

use serde::{Deserialize, Serialize};

/// The part of an epoch a batch belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Split {
    /// Training rows: the brain learns from them.
    Train,
    /// Validation rows held out of the training file: scored only.
    Validation,
    /// The test file: scored only.
    Test,
}

impl Split {
    /// Every split, in epoch order.
    pub const ALL: [Split; 3] = [Split::Train, Split::Validation, Split::Test];

    fn index(self) -> usize {
        self as usize
    }
}

/// Accuracies of one finished epoch (`NaN`: the split was not scored, as in `--eval`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EpochScores {
    /// Training accuracy while learning (each batch scored before its update).
    pub train: f64,
    /// Validation accuracy after the epoch's learning.
    pub validation: f64,
    /// Test accuracy after the epoch's learning.
    pub test: f64,
}

impl EpochScores {
    /// These scores, each split not scored yet (`NaN`) taken from `earlier`, if given.
    pub fn or(self, earlier: Option<&EpochScores>) -> Self {
        let Some(earlier) = earlier else {
            return self;
        };
        let pick = |now: f64, before: f64| if now.is_nan() { before } else { now };
        Self {
            train: pick(self.train, earlier.train),
            validation: pick(self.validation, earlier.validation),
            test: pick(self.test, earlier.test),
        }
    }
}

/// Where an epoch stands. Saved in checkpoints, so a resumed run goes on mid-epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochPlan {
    /// Training rows in this epoch's order.
    pub order: Vec<usize>,
    /// The split being shown.
    pub split: Split,
    /// Examples of that split shown so far.
    pub cursor: usize,
    /// Examples scored right so far, per split.
    pub right: [usize; 3],
    /// Examples scored so far, per split.
    pub seen: [usize; 3],
    /// The splits this epoch goes through (`--eval`: the test set only).
    pub splits: Vec<Split>,
    /// The split and size of the batch shown this step, until it is scored.
    pub shown: Option<(Split, usize)>,
    /// Whether this step's batch is the epoch's last.
    pub last_batch: bool,
    /// Test confusion counts of this epoch, `classes × classes`, true class by row.
    pub confusion: Vec<u32>,
    /// Classes.
    pub classes: usize,
}

impl EpochPlan {
    /// A plan over `splits` with training rows in `order`.
    pub fn new(order: Vec<usize>, splits: Vec<Split>, classes: usize) -> Self {
        Self {
            order,
            split: splits.first().copied().unwrap_or(Split::Test),
            cursor: 0,
            right: [0; 3],
            seen: [0; 3],
            splits,
            shown: None,
            last_batch: false,
            confusion: vec![0; classes * classes],
            classes,
        }
    }

    /// The next batch: its split and the range of positions in that split, given each split's
    /// size and the batch sizes for training and for scoring; moves past it. `None` when the
    /// epoch has no examples left.
    pub fn next_batch(
        &mut self,
        sizes: [usize; 3],
        train_batch: usize,
        eval_batch: usize,
    ) -> Option<(Split, std::ops::Range<usize>)> {
        loop {
            let size = sizes[self.split.index()];
            if self.cursor < size {
                let batch = if self.split == Split::Train {
                    train_batch
                } else {
                    eval_batch
                };
                let range = self.cursor..(self.cursor + batch).min(size);
                self.cursor = range.end;
                self.shown = Some((self.split, range.len()));
                self.last_batch = self.cursor == size && self.later_splits_empty(sizes);
                return Some((self.split, range));
            }
            let at = self.splits.iter().position(|&s| s == self.split)?;
            self.split = *self.splits.get(at + 1)?;
            self.cursor = 0;
        }
    }

    fn later_splits_empty(&self, sizes: [usize; 3]) -> bool {
        let at = self
            .splits
            .iter()
            .position(|&s| s == self.split)
            .unwrap_or(0);
        self.splits[at + 1..].iter().all(|s| sizes[s.index()] == 0)
    }

    /// Scores the shown batch: `truth` and `predicted` classes of its examples.
    pub fn score(&mut self, split: Split, truth: &[usize], predicted: &[usize]) {
        let i = split.index();
        for (&t, &p) in truth.iter().zip(predicted) {
            self.seen[i] += 1;
            self.right[i] += usize::from(t == p);
            if split == Split::Test && t < self.classes && p < self.classes {
                self.confusion[t * self.classes + p] += 1;
            }
        }
    }

    /// Accuracy of `split` so far this epoch (`NaN` before any example).
    pub fn accuracy(&self, split: Split) -> f64 {
        let i = split.index();
        if self.seen[i] == 0 {
            f64::NAN
        } else {
            self.right[i] as f64 / self.seen[i] as f64
        }
    }

    /// This epoch's accuracies so far.
    pub fn scores(&self) -> EpochScores {
        EpochScores {
            train: self.accuracy(Split::Train),
            validation: self.accuracy(Split::Validation),
            test: self.accuracy(Split::Test),
        }
    }
}
