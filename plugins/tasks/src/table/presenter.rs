//! Presenting a table's rows to a brain: an epoch is every training row once, in a new random
//! order, each answered and rewarded, then every test row once, answered and not rewarded
//! (so almost nothing is learnt from them: without new dopamine no weight moves, though the
//! last training answer's dopamine is still decaying while the first test row is shown). One row is one episode:
//! it is shown until the brain's class port makes its choice.
//!
//! Features are scaled into `0..1` by the training rows' range (`(x − min) / (max − min)`,
//! clamped), so a population encoder's tuning covers what the brain learns from; a test row
//! beyond the range is clamped to its edge.

use bevy::prelude::*;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::table::csv::Table;
use crate::table::sequence::{SequenceRows, TaskSequence};
use crate::table::split::Split;

/// Which rows are being shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pass {
    /// The training rows, rewarded.
    Train,
    /// The test rows, not rewarded.
    Test,
}

/// The table and the scaling of its features (rebuilt from the scene, not saved).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct TableData {
    /// The rows.
    pub table: Table,
    /// Each feature's training minimum.
    pub low: Vec<f32>,
    /// Each feature's training range (1 where it is 0).
    pub span: Vec<f32>,
}

impl TableData {
    /// `table` scaled by the range of its rows `train`.
    pub fn new(table: Table, train: &[usize]) -> Self {
        let f = table.features;
        let mut low = vec![f32::MAX; f];
        let mut high = vec![f32::MIN; f];
        for &r in train {
            for (i, &x) in table.row(r).iter().enumerate() {
                low[i] = low[i].min(x);
                high[i] = high[i].max(x);
            }
        }
        let span = low
            .iter()
            .zip(&high)
            .map(|(l, h)| if h > l { h - l } else { 1.0 })
            .collect();
        Self { table, low, span }
    }

    /// Row `r`'s features scaled into `0..1`.
    pub fn scaled(&self, r: usize, out: &mut [f32]) {
        for (i, (o, &x)) in out.iter_mut().zip(self.table.row(r)).enumerate() {
            *o = ((x - self.low[i]) / self.span[i]).clamp(0.0, 1.0);
        }
    }
}

/// Where the presentation is. Saved in the `table` checkpoint section.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Presenter {
    /// The split.
    pub split: Split,
    /// The pass being shown.
    pub pass: Pass,
    /// Its rows, in showing order.
    pub order: Vec<usize>,
    /// The position of the row shown now.
    pub position: usize,
    /// Epochs completed (a training pass and a test pass each).
    pub epoch: u32,
    /// Only the test rows, again and again (`--eval`).
    pub test_only: bool,
    /// The brain's answer to the row shown now, once given (`Some(None)`: no pool fired).
    pub answer: Option<Option<usize>>,
    /// Right answers and rows shown in the pass so far.
    pub right: u32,
    /// Rows shown in the pass so far.
    pub shown: u32,
    /// The last completed training pass's accuracy.
    pub train_accuracy: Option<f64>,
    /// The last completed test pass's accuracy.
    pub test_accuracy: Option<f64>,
    /// Every completed epoch's (training, test) accuracy.
    pub history: Vec<(f64, f64)>,
    /// Classes.
    pub classes: usize,
    /// Answers of the test pass so far, `true class × answer` (no answer: not counted).
    pub confusion: Vec<u32>,
    /// The last completed test pass's.
    pub last_confusion: Vec<u32>,
    /// Two tasks in turn, if the scene asks ([`crate::table::sequence`]).
    pub sequence: Option<SequenceRows>,
    /// The last completed test pass's accuracy on the first task's classes (with a sequence).
    pub first_accuracy: Option<f64>,
    /// The same on the second task's classes.
    pub then_accuracy: Option<f64>,
    /// Right answers per class in the test pass so far.
    class_right: Vec<u32>,
    /// Rows shown per class in the test pass so far.
    class_shown: Vec<u32>,
    /// Draws each training pass's order.
    pub rng: ChaCha8Rng,
}

impl Presenter {
    /// The first training pass of `split` of a table of `classes` classes, orders drawn from
    /// `seed`.
    pub fn new(split: Split, classes: usize, seed: u64) -> Self {
        let mut presenter = Self {
            split,
            pass: Pass::Train,
            order: Vec::new(),
            position: 0,
            epoch: 0,
            test_only: false,
            answer: None,
            right: 0,
            shown: 0,
            train_accuracy: None,
            test_accuracy: None,
            history: Vec::new(),
            classes,
            confusion: vec![0; classes * classes],
            last_confusion: Vec::new(),
            sequence: None,
            first_accuracy: None,
            then_accuracy: None,
            class_right: vec![0; classes],
            class_shown: vec![0; classes],
            rng: ChaCha8Rng::seed_from_u64(seed),
        };
        presenter.begin(Pass::Train);
        presenter
    }

    /// The same presenter learning the tasks of `sequence` in turn (rows labelled `labels`),
    /// from the first training pass.
    pub fn in_sequence(mut self, sequence: &TaskSequence, labels: &[usize]) -> Self {
        self.sequence = Some(sequence.rows(&self.split.train, labels));
        self.begin(Pass::Train);
        self
    }

    fn begin(&mut self, pass: Pass) {
        self.pass = pass;
        self.position = 0;
        self.right = 0;
        self.shown = 0;
        self.confusion.iter_mut().for_each(|n| *n = 0);
        self.class_right.iter_mut().for_each(|n| *n = 0);
        self.class_shown.iter_mut().for_each(|n| *n = 0);
        self.order = match pass {
            Pass::Train => {
                let mut rows = match &self.sequence {
                    Some(sequence) => sequence.training_rows(self.epoch, &mut self.rng),
                    None => self.split.train.clone(),
                };
                rows.shuffle(&mut self.rng);
                rows
            }
            Pass::Test => self.split.test.clone(),
        };
    }

    /// The row shown now.
    pub fn row(&self) -> usize {
        self.order[self.position.min(self.order.len() - 1)]
    }

    /// Records the brain's answer to the row shown now; returns whether it is right.
    pub fn answer(&mut self, answer: Option<usize>, label: usize) -> bool {
        let right = answer == Some(label);
        if self.pass == Pass::Test
            && let Some(cell) =
                answer.and_then(|a| self.confusion.get_mut(label * self.classes + a))
        {
            *cell += 1;
        }
        if self.pass == Pass::Test
            && let (Some(r), Some(n)) = (
                self.class_right.get_mut(label),
                self.class_shown.get_mut(label),
            )
        {
            *r += u32::from(right);
            *n += 1;
        }
        self.answer = Some(answer);
        self.right += u32::from(right);
        self.shown += 1;
        right
    }

    /// The next row: the next of the pass, or the first of the next pass.
    pub fn advance(&mut self) {
        self.answer = None;
        self.position += 1;
        if self.position < self.order.len() {
            return;
        }
        let accuracy = f64::from(self.right) / f64::from(self.shown.max(1));
        match (self.pass, self.test_only) {
            (Pass::Train, _) => {
                self.train_accuracy = Some(accuracy);
                self.begin(Pass::Test);
            }
            (Pass::Test, only) => {
                self.test_accuracy = Some(accuracy);
                if let Some(rows) = &self.sequence {
                    self.first_accuracy = self.accuracy_on(&rows.sequence.first);
                    self.then_accuracy = self.accuracy_on(&rows.sequence.then);
                }
                self.last_confusion = self.confusion.clone();
                self.history
                    .push((self.train_accuracy.unwrap_or(f64::NAN), accuracy));
                self.epoch += 1;
                self.begin(if only { Pass::Test } else { Pass::Train });
            }
        }
    }

    /// The test pass's accuracy on the rows of `classes` (none if it showed none).
    fn accuracy_on(&self, classes: &[usize]) -> Option<f64> {
        let (right, shown) = classes.iter().fold((0, 0), |(r, n), &c| {
            (
                r + self.class_right.get(c).copied().unwrap_or(0),
                n + self.class_shown.get(c).copied().unwrap_or(0),
            )
        });
        (shown > 0).then(|| f64::from(right) / f64::from(shown))
    }

    /// From now on only `test` rows (`--eval`), from the first.
    pub fn test_only(&mut self, test: Vec<usize>) {
        self.split.test = test;
        self.test_only = true;
        self.test_accuracy = None;
        self.train_accuracy = None;
        self.history.clear();
        self.begin(Pass::Test);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn presenter() -> Presenter {
        let split = Split {
            train: vec![0, 1, 2],
            test: vec![3, 4],
        };
        Presenter::new(split, 2, 1)
    }

    #[test]
    fn an_epoch_is_every_training_row_then_every_test_row() {
        let mut p = presenter();
        let mut seen = Vec::new();
        for _ in 0..3 {
            assert_eq!(p.pass, Pass::Train);
            seen.push(p.row());
            p.answer(Some(0), 0);
            p.advance();
        }
        seen.sort_unstable();
        assert_eq!(seen, vec![0, 1, 2]);
        assert_eq!(p.train_accuracy, Some(1.0));
        assert_eq!((p.pass, p.row()), (Pass::Test, 3));
        p.answer(Some(1), 0);
        p.advance();
        p.answer(None, 0);
        p.advance();
        assert_eq!(
            (p.test_accuracy, p.epoch, p.pass),
            (Some(0.0), 1, Pass::Train)
        );
    }

    #[test]
    fn evaluation_shows_only_the_test_rows() {
        let mut p = presenter();
        p.test_only(vec![7, 8]);
        let rows: Vec<usize> = (0..4)
            .map(|_| {
                let r = p.row();
                p.answer(Some(1), 1);
                p.advance();
                r
            })
            .collect();
        assert_eq!(rows, vec![7, 8, 7, 8]);
        assert_eq!(p.test_accuracy, Some(1.0));
    }

    #[test]
    fn features_are_scaled_by_the_training_range() {
        let table = crate::table::csv::parse_table(
            "0,10,0\n2,10,1\n4,10,0\n",
            std::path::Path::new("t.csv"),
        )
        .unwrap();
        let data = TableData::new(table, &[0, 1]);
        let mut out = [0.0; 2];
        data.scaled(2, &mut out);
        assert_eq!(out, [1.0, 0.0], "beyond the range: clamped; no range: 0");
        data.scaled(1, &mut out);
        assert_eq!(out[0], 1.0);
    }
}
