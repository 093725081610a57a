//! The data a classification task holds: training rows, the validation rows held out of
//! them, and the test set.

use std::path::Path;

use bevy::prelude::*;
use neurarium_sim::prelude::InvalidParam;
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use crate::classify::idx::{LabelledImages, load_pair};
use crate::classify::spec::{ClassifySpec, IdxPair};
use crate::classify::table_source::load_table;
use crate::table::standardise::Standardisation;

/// The loaded data of a classification task. Not saved in checkpoints: the scene's files are
/// read again.
#[derive(Component, Debug, Clone)]
pub struct ClassifyData {
    /// The training file.
    pub train: LabelledImages,
    /// Rows of `train` learnt from.
    pub train_rows: Vec<usize>,
    /// Rows of `train` held out for validation.
    pub validation_rows: Vec<usize>,
    /// The test file.
    pub test: LabelledImages,
    /// Classes: the brain's answers per example.
    pub classes: usize,
    /// A table's training means and sds (`None` for IDX images).
    pub standardisation: Option<Standardisation>,
}

/// Reads a pair, the error naming `field` and the file.
pub fn read_pair(pair: &IdxPair, field: &str) -> Result<LabelledImages, InvalidParam> {
    load_pair(&pair.images, &pair.labels).map_err(|e| InvalidParam::new(field, e.to_string()))
}

/// Checks that `data`'s images have `features` pixels and its labels are below `classes`.
pub fn check_shape(
    data: &LabelledImages,
    images: &Path,
    field: &str,
    features: usize,
    classes: usize,
) -> Result<(), InvalidParam> {
    InvalidParam::check(data.pixels_per_image() == features, field, || {
        let what = if data.rows == 1 {
            format!("rows of {} features", data.cols)
        } else {
            format!(
                "images of {}×{} = {} pixels",
                data.rows,
                data.cols,
                data.pixels_per_image()
            )
        };
        format!(
            "{}: {what}, but the brain's examples port takes {features}",
            images.display()
        )
    })?;
    let bad = data.labels.iter().find(|&&l| usize::from(l) >= classes);
    InvalidParam::check(bad.is_none(), field, || {
        format!(
            "{}: label {} but the brain answers {classes} classes",
            images.display(),
            bad.copied().unwrap_or_default()
        )
    })
}

impl ClassifyData {
    /// Loads the spec's files (or table, split by `run_seed` unless it has its own seed) for
    /// a brain of `features` inputs and `classes` outputs, and holds out the validation rows.
    pub fn load(
        spec: &ClassifySpec,
        features: usize,
        classes: usize,
        run_seed: u64,
    ) -> Result<Self, InvalidParam> {
        let (train, test, standardisation, field) = match &spec.table {
            None => {
                let train = read_pair(&spec.train, "train")?;
                check_shape(&train, &spec.train.images, "train", features, classes)?;
                let test = read_pair(&spec.test, "test")?;
                check_shape(&test, &spec.test.images, "test", features, classes)?;
                (train, test, None, "train")
            }
            Some(source) => {
                let split = load_table(source, run_seed)?;
                let path = &source.file;
                check_shape(&split.train, path, "table.file", features, classes)?;
                check_shape(&split.test, path, "table.file", features, classes)?;
                (
                    split.train,
                    split.test,
                    Some(split.standardisation),
                    "table",
                )
            }
        };
        let mut rows: Vec<usize> = (0..train.len()).collect();
        rows.shuffle(&mut ChaCha8Rng::seed_from_u64(spec.split_seed));
        let held = (spec.validation * train.len() as f32).round() as usize;
        let train_rows = rows.split_off(held);
        InvalidParam::check(!train_rows.is_empty(), field, || {
            format!(
                "no training rows are left after holding out {} for validation",
                held
            )
        })?;
        Ok(Self {
            train,
            train_rows,
            validation_rows: rows,
            test,
            classes,
            standardisation,
        })
    }

    /// The pixels of image `i` of `images`.
    pub fn image(images: &LabelledImages, i: usize) -> &[f32] {
        let n = images.pixels_per_image();
        &images.pixels[i * n..(i + 1) * n]
    }
}
