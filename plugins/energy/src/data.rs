//! Labelled samples for classification: inputs scaled into `0..1`, stored sample after sample;
//! and [`UnitRange`], how a regression target is scaled into the units' range.
//!
//! Each sample's features are contiguous (row-major), so gathering a shuffled mini-batch reads
//! whole runs of memory, one per sample, instead of striding through every feature column.

use faer::Mat;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::EnergyError;

/// A data set: `features` values per sample, `labels[i]` the class of sample `i`.
#[derive(Debug, Clone, PartialEq)]
pub struct Samples {
    values: Vec<f32>,
    features: usize,
    /// Class of each sample, below `classes`.
    pub labels: Vec<usize>,
    /// Number of classes.
    pub classes: usize,
}

impl Samples {
    /// Samples from a flat row-major buffer of `features` values per sample; one label each,
    /// below `classes`.
    pub fn from_rows(
        values: Vec<f32>,
        features: usize,
        labels: Vec<usize>,
        classes: usize,
    ) -> Result<Self, EnergyError> {
        if features == 0 || values.len() != labels.len() * features {
            return Err(EnergyError::Shape(format!(
                "{} values are not {} samples of {features} features",
                values.len(),
                labels.len()
            )));
        }
        if let Some(bad) = labels.iter().find(|&&l| l >= classes) {
            return Err(EnergyError::Shape(format!(
                "label {bad} is not below the {classes} classes"
            )));
        }
        Ok(Self {
            values,
            features,
            labels,
            classes,
        })
    }

    /// Samples from the columns of `inputs` (`features × samples`, as states are).
    pub fn from_columns(
        inputs: &Mat<f32>,
        labels: Vec<usize>,
        classes: usize,
    ) -> Result<Self, EnergyError> {
        let values = (0..inputs.ncols())
            .flat_map(|j| inputs.col_as_slice(j).iter().copied())
            .collect();
        Self::from_rows(values, inputs.nrows(), labels, classes)
    }

    /// Number of samples.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// Values per sample.
    pub fn features(&self) -> usize {
        self.features
    }

    /// The features of sample `i`.
    pub fn sample(&self, i: usize) -> &[f32] {
        &self.values[i * self.features..(i + 1) * self.features]
    }

    /// The samples at `rows` as a `features × rows.len()` matrix (a mini-batch, a column
    /// per sample).
    pub fn batch(&self, rows: &[usize]) -> Mat<f32> {
        let mut batch = Mat::zeros(self.features, rows.len());
        for (j, &r) in rows.iter().enumerate() {
            batch.col_as_slice_mut(j).copy_from_slice(self.sample(r));
        }
        batch
    }

    /// The labels of the samples at `rows`, in that order.
    pub fn labels_of(&self, rows: &[usize]) -> Vec<usize> {
        rows.iter().map(|&r| self.labels[r]).collect()
    }

    /// The samples at `rows`, in that order.
    pub fn select(&self, rows: &[usize]) -> Self {
        Self {
            values: rows
                .iter()
                .flat_map(|&r| self.sample(r).iter().copied())
                .collect(),
            features: self.features,
            labels: self.labels_of(rows),
            classes: self.classes,
        }
    }

    /// The samples whose label is in `classes_kept`.
    pub fn with_labels(&self, classes_kept: &[usize]) -> Self {
        let rows: Vec<usize> = (0..self.len())
            .filter(|&i| classes_kept.contains(&self.labels[i]))
            .collect();
        self.select(&rows)
    }

    /// These samples followed by `other`'s (same features and classes).
    pub fn concat(&self, other: &Samples) -> Result<Self, EnergyError> {
        if self.features != other.features || self.classes != other.classes {
            return Err(EnergyError::Shape(format!(
                "cannot join samples of {} features / {} classes with {} features / {} classes",
                self.features, self.classes, other.features, other.classes
            )));
        }
        Ok(Self {
            values: [&self.values[..], &other.values[..]].concat(),
            features: self.features,
            labels: [&self.labels[..], &other.labels[..]].concat(),
            classes: self.classes,
        })
    }

    /// Splits off the last `fraction` of a seeded shuffle as a validation set:
    /// `(train, validation)`.
    pub fn split(&self, fraction: f32, rng: &mut ChaCha8Rng) -> (Self, Self) {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.shuffle(rng);
        let held = ((self.len() as f32) * fraction).round() as usize;
        let (train, validation) = order.split_at(self.len() - held);
        (self.select(train), self.select(validation))
    }
}

/// One-hot codes of `labels` (`classes × labels.len()`, a column per label): 1 in the label's
/// row, 0 elsewhere. Classification targets, and the clamped output of a dream.
pub fn one_hot(classes: usize, labels: &[usize]) -> Mat<f32> {
    Mat::from_fn(classes, labels.len(), |i, j| {
        if labels[j] == i { 1.0 } else { 0.0 }
    })
}

/// A quantity's range `low..high`, mapped onto the units' range `0..1`: what a regression
/// target (a cart's position, a pole's angle) becomes before it is a network's target, and
/// how an output is read back. Values outside the range are clamped to it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct UnitRange {
    /// The value that maps to 0.
    pub low: f32,
    /// The value that maps to 1.
    pub high: f32,
}

impl UnitRange {
    /// `(x − low) / (high − low)`, clamped to `0..1`.
    pub fn to_unit(&self, x: f32) -> f32 {
        ((x - self.low) / (self.high - self.low)).clamp(0.0, 1.0)
    }

    /// `low + s (high − low)`: a unit's state read back as the quantity.
    pub fn from_unit(&self, s: f32) -> f32 {
        self.low + s * (self.high - self.low)
    }
}
