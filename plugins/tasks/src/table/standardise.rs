//! Standardised features: `z = (x − mean) / sd`, the mean and the (population) standard
//! deviation of each feature taken over the training rows only, so nothing of the test rows
//! leaks into what a brain sees. A feature constant over the training rows keeps `sd = 1`.

use serde::{Deserialize, Serialize};

use crate::table::csv::Table;

/// Each feature's mean and standard deviation over a table's training rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Standardisation {
    /// Mean of each feature.
    pub mean: Vec<f64>,
    /// Standard deviation of each feature (1 where it is 0).
    pub sd: Vec<f64>,
}

impl Standardisation {
    /// The means and standard deviations over `rows` of `table`.
    pub fn fit(table: &Table, rows: &[usize]) -> Self {
        Self::fit_by(table.features, rows, |r, f| f64::from(table.row(r)[f]))
    }

    /// The means and standard deviations of `features` features over `rows`, `value(row,
    /// feature)` giving each value.
    pub fn fit_by(features: usize, rows: &[usize], value: impl Fn(usize, usize) -> f64) -> Self {
        let n = rows.len().max(1) as f64;
        let mut mean = vec![0.0; features];
        for &r in rows {
            for (f, m) in mean.iter_mut().enumerate() {
                *m += value(r, f) / n;
            }
        }
        let mut variance = vec![0.0; features];
        for &r in rows {
            for (f, (v, m)) in variance.iter_mut().zip(&mean).enumerate() {
                *v += (value(r, f) - m).powi(2) / n;
            }
        }
        let sd = variance
            .into_iter()
            .map(|v| if v > 0.0 { v.sqrt() } else { 1.0 })
            .collect();
        Self { mean, sd }
    }

    /// The z-score of value `x` of feature `feature`.
    pub fn z(&self, feature: usize, x: f64) -> f64 {
        (x - self.mean[feature]) / self.sd[feature]
    }

    /// The z-scores of `row`.
    pub fn apply<'a>(&'a self, row: &'a [f32]) -> impl Iterator<Item = f64> + 'a {
        row.iter()
            .enumerate()
            .map(|(f, &x)| self.z(f, f64::from(x)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn training_rows_alone_set_the_scale() {
        let table = Table {
            features: 2,
            values: vec![1.0, 5.0, 3.0, 5.0, 100.0, -7.0],
            labels: vec![0, 1, 0],
            classes: 2,
            class_names: None,
        };
        let s = Standardisation::fit(&table, &[0, 1]);
        assert_eq!(s.mean, vec![2.0, 5.0]);
        assert_eq!(s.sd, vec![1.0, 1.0], "a constant feature keeps sd 1");
        let z: Vec<f64> = s.apply(table.row(2)).collect();
        assert_eq!(z, vec![98.0, -12.0]);
    }
}
