//! Learning tasks one after another, to measure forgetting: the first task's classes for
//! `first_epochs` epochs, then the second's, with or without replay of the first's rows.
//!
//! In the first task's epochs a training pass shows only the training rows of its classes
//! (`first`); afterwards only those of `then`, plus, as **replay**, `round(replay · n)` rows
//! (`n` the second task's training rows) drawn with replacement from the first task's rows of
//! classes the second does not have: stored experience rehearsed between the new. Every test
//! pass answers every test row; the metrics give its accuracy on each task's classes
//! (`table/first_accuracy`, `table/then_accuracy`). `--eval` answers only the first task's test
//! rows: what is retained of it.

use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::error::InvalidParam;

/// Two tasks in turn, as a scene gives them:
/// `sequence: Some((first: [0, 1], then: [1, 2], first_epochs: 10, replay: 0.5))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskSequence {
    /// The first task's classes.
    pub first: Vec<usize>,
    /// The second task's classes.
    pub then: Vec<usize>,
    /// Epochs of the first task; the second's follow to the end of the run.
    pub first_epochs: u32,
    /// Rows of the first task replayed in each training pass of the second, as a share of
    /// the second's training rows (0: none).
    pub replay: f64,
}

impl Default for TaskSequence {
    fn default() -> Self {
        Self {
            first: vec![0, 1],
            then: vec![1, 2],
            first_epochs: 10,
            replay: 0.0,
        }
    }
}

impl TaskSequence {
    /// Checks the classes against a table of `classes` and every value.
    pub fn validate(&self, classes: usize) -> Result<(), InvalidParam> {
        for (field, list) in [("first", &self.first), ("then", &self.then)] {
            InvalidParam::check(!list.is_empty(), field, || {
                "name at least one class".to_owned()
            })?;
            if let Some(c) = list.iter().find(|&&c| c >= classes) {
                return Err(InvalidParam::new(
                    field,
                    format!("class {c}, but the table has classes 0 to {}", classes - 1),
                ));
            }
        }
        InvalidParam::check(self.first_epochs >= 1, "first_epochs", || {
            "at least 1".to_owned()
        })?;
        InvalidParam::check((0.0..=1.0).contains(&self.replay), "replay", || {
            format!("a share from 0 to 1, got {}", self.replay)
        })
    }

    /// The training rows `train` (labelled `labels`) sorted by task, once.
    pub fn rows(&self, train: &[usize], labels: &[usize]) -> SequenceRows {
        let of = |keep: &dyn Fn(usize) -> bool| -> Vec<usize> {
            train.iter().copied().filter(|&r| keep(labels[r])).collect()
        };
        SequenceRows {
            first: of(&|c| self.first.contains(&c)),
            then: of(&|c| self.then.contains(&c)),
            old: of(&|c| self.first.contains(&c) && !self.then.contains(&c)),
            sequence: self.clone(),
        }
    }
}

/// A sequence with the training rows of each of its tasks. Saved in checkpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SequenceRows {
    /// The sequence.
    pub sequence: TaskSequence,
    /// The first task's training rows.
    first: Vec<usize>,
    /// The second task's.
    then: Vec<usize>,
    /// The first task's rows of classes the second lacks: what is replayed.
    old: Vec<usize>,
}

impl SequenceRows {
    /// The rows of training pass `epoch`.
    pub fn training_rows(&self, epoch: u32, rng: &mut impl Rng) -> Vec<usize> {
        if epoch < self.sequence.first_epochs {
            return self.first.clone();
        }
        let mut rows = self.then.clone();
        let replayed = (self.sequence.replay * rows.len() as f64).round() as usize;
        if !self.old.is_empty() {
            let old = &self.old;
            rows.extend((0..replayed).map(|_| old[rng.random_range(0..old.len())]));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn the_first_task_then_the_second_with_its_share_of_replayed_rows() {
        let labels: Vec<usize> = (0..30).map(|i| i / 10).collect();
        let train: Vec<usize> = (0..30).collect();
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let sequence = TaskSequence {
            replay: 0.5,
            first_epochs: 2,
            ..TaskSequence::default()
        };
        let rows = sequence.rows(&train, &labels);
        let first = rows.training_rows(1, &mut rng);
        assert!(first.len() == 20 && first.iter().all(|&r| labels[r] < 2));
        let second = rows.training_rows(2, &mut rng);
        assert_eq!(second.len(), 30);
        assert_eq!(second.iter().filter(|&&r| labels[r] == 0).count(), 10);
        assert!(second[..20].iter().all(|&r| labels[r] >= 1));
        let none = TaskSequence {
            replay: 0.0,
            ..sequence
        };
        assert!(
            none.rows(&train, &labels)
                .training_rows(5, &mut rng)
                .iter()
                .all(|&r| labels[r] >= 1)
        );
        assert!(none.validate(3).is_ok());
        assert!(
            TaskSequence {
                then: vec![3],
                ..TaskSequence::default()
            }
            .validate(3)
            .is_err()
        );
    }
}
