//! The data a regression task holds: the table's rows split into training and test rows, the
//! features standardised and the targets scaled into `0..1` by the training rows.

use bevy::prelude::*;
use neurarium_sim::prelude::InvalidParam;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::regress::least_squares::LeastSquares;
use crate::regress::spec::RegressSpec;
use crate::table::numbers::{Numbers, read_numbers};
use crate::table::split::held_out;
use crate::table::standardise::Standardisation;

/// A target column's training range: `t = (y − low) / span`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// The smallest training value.
    pub low: f64,
    /// The training values' range (1 where they are all equal).
    pub span: f64,
}

/// The loaded table of a regression task. Not saved in checkpoints: the scene's file is read
/// again (and split again, by the same seed).
#[derive(Component, Debug, Clone)]
pub struct RegressData {
    /// Every row's standardised features, row after row, as the port takes them.
    pub inputs: Vec<f32>,
    /// Every row's targets, in their own units, row after row.
    pub targets: Vec<f64>,
    /// Features per row.
    pub features: usize,
    /// Targets per row.
    pub outputs: usize,
    /// The rows learnt from.
    pub train_rows: Vec<usize>,
    /// The rows only scored.
    pub test_rows: Vec<usize>,
    /// Each target's training range.
    pub scales: Vec<Scale>,
    /// Each target's sum of squares about its test mean, `Σ (y − ȳ)²`.
    pub test_total_squares: Vec<f64>,
    /// Least squares' test R² on this split.
    pub least_squares_r2: f64,
}

impl RegressData {
    /// Reads `spec.file` and splits its rows by `seed`, checked against a port of `features`
    /// values in and `answers` out; the errors name the field and the file.
    pub fn load(
        spec: &RegressSpec,
        features: usize,
        answers: usize,
        seed: u64,
    ) -> Result<Self, InvalidParam> {
        let (table, feature_columns) = read_checked(spec, features, answers)?;
        let rows = table.len();
        let mut order: Vec<usize> = (0..rows).collect();
        order.shuffle(&mut ChaCha8Rng::seed_from_u64(seed));
        let test_rows_count = test_rows_of(rows, spec.test_fraction)?;
        let mut test_rows = order.split_off(rows - test_rows_count);
        test_rows.sort_unstable();
        let train_rows = order;
        let value = |r: usize, c: usize| table.row(r)[c];
        let standardisation =
            Standardisation::fit_by(features, &train_rows, |r, f| value(r, feature_columns[f]));
        let inputs = (0..rows)
            .flat_map(|r| {
                let standardisation = &standardisation;
                let columns = &feature_columns;
                (0..features).map(move |f| standardisation.z(f, value(r, columns[f])) as f32)
            })
            .collect();
        let targets: Vec<f64> = (0..rows)
            .flat_map(|r| spec.targets.iter().map(move |&c| value(r, c)))
            .collect();
        let scales = (0..answers)
            .map(|k| {
                let train = train_rows.iter().map(|&r| targets[r * answers + k]);
                let low = train.clone().fold(f64::INFINITY, f64::min);
                let high = train.fold(f64::NEG_INFINITY, f64::max);
                let span = if high > low { high - low } else { 1.0 };
                Scale { low, span }
            })
            .collect();
        let test_total_squares = (0..answers)
            .map(|k| {
                let y = || test_rows.iter().map(|&r| targets[r * answers + k]);
                let mean = y().sum::<f64>() / test_rows.len() as f64;
                y().map(|v| (v - mean).powi(2)).sum()
            })
            .collect();
        let mut data = Self {
            inputs,
            targets,
            features,
            outputs: answers,
            train_rows,
            test_rows,
            scales,
            test_total_squares,
            least_squares_r2: f64::NAN,
        };
        data.least_squares_r2 = LeastSquares::fit(&data).r2(&data);
        Ok(data)
    }

    /// The standardised features of row `r`.
    pub fn input(&self, r: usize) -> &[f32] {
        &self.inputs[r * self.features..(r + 1) * self.features]
    }

    /// The targets of row `r`, in their own units.
    pub fn target(&self, r: usize) -> &[f64] {
        &self.targets[r * self.outputs..(r + 1) * self.outputs]
    }

    /// The targets of row `r` scaled into `0..1` by the training rows, as the port takes them.
    pub fn scaled_target(&self, r: usize) -> impl Iterator<Item = f32> + '_ {
        self.target(r)
            .iter()
            .zip(&self.scales)
            .map(|(y, s)| ((y - s.low) / s.span) as f32)
    }

    /// A prediction in the targets' own units from the brain's answer `a` to target `k`.
    pub fn unscale(&self, k: usize, a: f64) -> f64 {
        self.scales[k].low + a * self.scales[k].span
    }

    /// Test R² (averaged over the targets) of the test rows' squared errors `errors`, per
    /// target.
    pub fn r2(&self, errors: &[f64]) -> f64 {
        let each = errors
            .iter()
            .zip(&self.test_total_squares)
            .map(|(e, t)| 1.0 - e / t.max(f64::MIN_POSITIVE));
        each.sum::<f64>() / self.outputs.max(1) as f64
    }
}

/// Reads `spec.file` and checks it as [`RegressData::load`] would, building nothing (the
/// scene's check at load): the file, its columns against the port, the split's sizes.
pub fn check(spec: &RegressSpec, features: usize, answers: usize) -> Result<(), InvalidParam> {
    let (table, _) = read_checked(spec, features, answers)?;
    test_rows_of(table.len(), spec.test_fraction).map(|_| ())
}

/// The table and its feature columns, checked against a port of `features` in and `answers`
/// out.
fn read_checked(
    spec: &RegressSpec,
    features: usize,
    answers: usize,
) -> Result<(Numbers, Vec<usize>), InvalidParam> {
    let table = read_numbers(&spec.file).map_err(|e| InvalidParam::new("file", e.to_string()))?;
    let columns = check_columns(spec, &table, features, answers)?;
    Ok((table, columns))
}

/// How many of `rows` rows the test set holds; an error naming `test_fraction` when it leaves
/// no training or no test row.
fn test_rows_of(rows: usize, test_fraction: f64) -> Result<usize, InvalidParam> {
    let test = held_out(rows, test_fraction).min(rows);
    InvalidParam::check(test > 0 && test < rows, "test_fraction", || {
        format!(
            "leaves {} training and {test} test rows of {rows}",
            rows - test
        )
    })?;
    Ok(test)
}

/// The feature columns, checked: every named column in the table, as many features and targets
/// as the port takes, no column both.
fn check_columns(
    spec: &RegressSpec,
    table: &Numbers,
    features: usize,
    answers: usize,
) -> Result<Vec<usize>, InvalidParam> {
    let file = spec.file.display();
    let columns = spec.feature_columns(table.columns);
    for (field, list) in [("features", &columns), ("targets", &spec.targets)] {
        if let Some(c) = list.iter().find(|&&c| c >= table.columns) {
            return Err(InvalidParam::new(
                field,
                format!(
                    "column {c}, but {file} has {} columns (0 to {})",
                    table.columns,
                    table.columns - 1
                ),
            ));
        }
    }
    InvalidParam::check(columns.len() == features, "features", || {
        format!(
            "{} columns of {file}, but the brain's examples port takes {features}",
            columns.len()
        )
    })?;
    InvalidParam::check(spec.targets.len() == answers, "targets", || {
        format!(
            "{} columns, but the brain's examples port answers {answers}",
            spec.targets.len()
        )
    })?;
    let both = columns.iter().find(|c| spec.targets.contains(c));
    InvalidParam::check(both.is_none(), "features", || {
        format!(
            "column {} is also a target",
            both.copied().unwrap_or_default()
        )
    })?;
    Ok(columns)
}
