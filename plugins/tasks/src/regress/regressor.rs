//! The component of a spawned regression task.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::epoch::{EpochPlan, Split};
use crate::regress::data::RegressData;

/// One finished (or running) epoch's scores, in the targets' units (`NaN`: not scored yet).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RegressScores {
    /// RMSE over the training rows, each answered before its update.
    pub train_rmse: f64,
    /// RMSE over the test rows after the epoch's learning.
    pub test_rmse: f64,
    /// R² over the test rows (once all are scored).
    pub test_r2: f64,
}

/// A regression task in the world: where its epoch stands, its squared errors so far and the
/// finished epochs' scores. Saved in the checkpoint section `regress`.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Regressor {
    /// The current epoch's batches (training rows, then the test rows; no validation).
    pub plan: EpochPlan,
    /// Squared errors this epoch per target: `[training, test]`.
    pub errors: [Vec<f64>; 2],
    /// Rows scored this epoch: `[training, test]`.
    pub seen: [usize; 2],
    /// Every finished epoch's scores, in order.
    pub history: Vec<RegressScores>,
    /// Examples per training batch (the brain's mini-batch).
    pub train_batch: usize,
    /// Examples per scoring batch.
    pub eval_batch: usize,
    /// The splits an epoch goes through: training and test, or the test rows alone (`--eval`).
    pub splits: Vec<Split>,
    /// The rows of the batch shown this step, until it is scored.
    pub shown_rows: Vec<usize>,
    /// The latest test pass so far: each row's first target and its prediction `[y, ŷ]`.
    pub tested: Vec<[f64; 2]>,
}

impl Regressor {
    /// A fresh epoch over `splits` with the training rows in `order`, for `targets` targets.
    pub fn start_epoch(&mut self, order: Vec<usize>, targets: usize) {
        self.plan = EpochPlan::new(order, self.splits.clone(), 0);
        self.errors = [vec![0.0; targets], vec![0.0; targets]];
        self.seen = [0, 0];
    }

    /// Adds the squared errors of a scored row of `split`: predictions against targets.
    pub fn score(&mut self, split: Split, predicted: &[f64], targets: &[f64]) {
        let i = usize::from(split != Split::Train);
        if i == 1 {
            if self.seen[1] == 0 {
                self.tested.clear();
            }
            self.tested.push([targets[0], predicted[0]]);
        }
        self.seen[i] += 1;
        for ((e, p), y) in self.errors[i].iter_mut().zip(predicted).zip(targets) {
            *e += (p - y).powi(2);
        }
    }

    /// This epoch's scores so far; a split not scored yet (the test rows, in full, for R²)
    /// shows the last finished epoch's.
    pub fn scores(&self, data: &RegressData) -> RegressScores {
        let rmse = |i: usize| {
            let n = (self.seen[i] * data.outputs) as f64;
            (self.errors[i].iter().sum::<f64>() / n).sqrt()
        };
        let last = self.history.last();
        let or_last = |now: f64, pick: fn(&RegressScores) -> f64| {
            if now.is_nan() {
                last.map_or(f64::NAN, pick)
            } else {
                now
            }
        };
        let tested = self.seen[1] == data.test_rows.len();
        RegressScores {
            train_rmse: or_last(rmse(0), |s| s.train_rmse),
            test_rmse: or_last(if tested { rmse(1) } else { f64::NAN }, |s| s.test_rmse),
            test_r2: or_last(
                if tested {
                    data.r2(&self.errors[1])
                } else {
                    f64::NAN
                },
                |s| s.test_r2,
            ),
        }
    }
}
