//! A CSV table as the classification task's data: `table: Some((file: "assets/data/iris.csv"))`
//! instead of the IDX pair.
//!
//! The table (numeric features, the class last: [`crate::table::csv`]) is split by class into
//! training and test rows ([`stratified_split`]), drawn from `split_seed` or else from the run's
//! random stream, so ten seeds are ten splits. Each feature is
//! standardised, `z = (x − mean) / sd` with the training rows' mean and sd
//! ([`Standardisation`]), and an example's values are its `z`s. Validation rows are then held
//! out of the training rows as for an IDX pair.

use std::path::PathBuf;

use neurarium_sim::prelude::InvalidParam;
use serde::{Deserialize, Serialize};

use crate::classify::idx::LabelledImages;
use crate::table::csv::{Table, read_table};
use crate::table::split::stratified_split;
use crate::table::standardise::Standardisation;

/// A CSV table to classify, as a scene gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TableSource {
    /// The table: numeric features with the class index (or name) last, gzip and header
    /// optional; relative to the working directory.
    pub file: PathBuf,
    /// Fraction of each class held out as the test set, in `(0, 1)`.
    pub test_fraction: f64,
    /// Seed of the split; `None`: the run's seed.
    pub split_seed: Option<u64>,
}

impl Default for TableSource {
    fn default() -> Self {
        Self {
            file: PathBuf::from("assets/data/iris.csv"),
            test_fraction: 0.2,
            split_seed: None,
        }
    }
}

/// A table's rows as one-row "images" of standardised features.
#[derive(Debug, Clone)]
pub struct TableSplit {
    /// The training rows.
    pub train: LabelledImages,
    /// The test rows.
    pub test: LabelledImages,
    /// The training rows' means and sds, for any other file scored later.
    pub standardisation: Standardisation,
}

/// Reads `source.file`, the error naming the field `field` and the file's line.
pub fn read_source(source: &TableSource, field: &str) -> Result<Table, InvalidParam> {
    read_table(&source.file).map_err(|e| InvalidParam::new(field, e.to_string()))
}

/// Checks the test fraction is in `(0, 1)`.
fn check_fraction(source: &TableSource) -> Result<(), InvalidParam> {
    InvalidParam::check(
        source.test_fraction > 0.0 && source.test_fraction < 1.0,
        "table.test_fraction",
        || {
            format!(
                "must be between 0 and 1 (exclusive), got {}",
                source.test_fraction
            )
        },
    )
}

/// Checks a table source against the brain's examples port (`features` values in, `classes`
/// answers): its fraction, its file, the width of its rows and its classes.
pub fn check_table(
    source: &TableSource,
    features: usize,
    classes: usize,
) -> Result<(), InvalidParam> {
    check_fraction(source)?;
    let table = read_source(source, "table.file")?;
    let file = source.file.display();
    InvalidParam::check(table.features == features, "table.file", || {
        format!(
            "{file}: rows of {} features, but the brain's examples port takes {features}",
            table.features
        )
    })?;
    InvalidParam::check(table.classes <= classes, "table.file", || {
        format!(
            "{file}: {} classes, but the brain answers {classes}",
            table.classes
        )
    })
}

/// `rows` of `table` standardised by `standardisation`, as one-row images.
pub fn as_images(
    table: &Table,
    rows: &[usize],
    standardisation: &Standardisation,
    field: &str,
) -> Result<LabelledImages, InvalidParam> {
    let mut pixels = Vec::with_capacity(rows.len() * table.features);
    let mut labels = Vec::with_capacity(rows.len());
    for &r in rows {
        pixels.extend(standardisation.apply(table.row(r)).map(|z| z as f32));
        let label = u8::try_from(table.labels[r]).map_err(|_| {
            InvalidParam::new(
                field,
                format!(
                    "class {} in a table of more than 256 classes",
                    table.labels[r]
                ),
            )
        })?;
        labels.push(label);
    }
    Ok(LabelledImages {
        rows: 1,
        cols: table.features,
        pixels,
        labels,
    })
}

/// The table split and standardised; `run_seed` draws the split when the source has none.
pub fn load_table(source: &TableSource, run_seed: u64) -> Result<TableSplit, InvalidParam> {
    check_fraction(source)?;
    let table = read_source(source, "table.file")?;
    let split = stratified_split(
        &table.labels,
        table.classes,
        source.test_fraction,
        source.split_seed.unwrap_or(run_seed),
    );
    InvalidParam::check(
        !split.test.is_empty() && !split.train.is_empty(),
        "table.test_fraction",
        || {
            format!(
                "{}: {} rows leave no training or no test rows at {}",
                source.file.display(),
                table.len(),
                source.test_fraction
            )
        },
    )?;
    let standardisation = Standardisation::fit(&table, &split.train);
    Ok(TableSplit {
        train: as_images(&table, &split.train, &standardisation, "table.file")?,
        test: as_images(&table, &split.test, &standardisation, "table.file")?,
        standardisation,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iris_splits_by_seed_and_standardises_on_training_rows_only() {
        let source = TableSource {
            // Read when the test runs, not when it is compiled: a test binary reused from a
            // build at another checkout's path must still find this checkout's data.
            file: PathBuf::from(
                std::env::var_os("CARGO_MANIFEST_DIR")
                    .expect("cargo sets CARGO_MANIFEST_DIR when it runs a test"),
            )
            .join("../../assets/data/iris.csv"),
            ..TableSource::default()
        };
        let a = load_table(&source, 1).unwrap();
        assert_eq!((a.train.len(), a.test.len(), a.train.cols), (120, 30, 4));
        for f in 0..4 {
            let mean: f32 = (0..120).map(|i| a.train.pixels[i * 4 + f]).sum::<f32>() / 120.0;
            assert!(mean.abs() < 1e-5, "feature {f}: training mean {mean}");
        }
        let b = load_table(&source, 2).unwrap();
        assert_ne!(a.test.pixels, b.test.pixels, "another seed, another split");
        let pinned = TableSource {
            split_seed: Some(1),
            ..source
        };
        assert_eq!(load_table(&pinned, 2).unwrap().test.pixels, a.test.pixels);
    }

    #[test]
    fn a_bad_fraction_or_file_names_its_field() {
        let bad = TableSource {
            test_fraction: 1.0,
            ..TableSource::default()
        };
        assert_eq!(
            load_table(&bad, 1).unwrap_err().field,
            "table.test_fraction"
        );
        let missing = TableSource {
            file: PathBuf::from("no/such.csv"),
            ..TableSource::default()
        };
        let error = load_table(&missing, 1).unwrap_err();
        assert!(
            error.field == "table.file" && error.message.contains("no/such.csv"),
            "{error}"
        );
    }
}
