//! The baseline a regression brain is held against: ordinary least squares on the same
//! training rows, `ŷ = β₀ + Σ_f β_f z_f` for each target, `β` minimising `Σ (ŷ − y)²` over the
//! training rows (faer's QR least-squares solve).

use faer::Mat;
use faer::linalg::solvers::SolveLstsq;

use crate::regress::data::RegressData;

/// Least squares' coefficients, `(1 + features) × targets`: the intercept first.
#[derive(Debug, Clone)]
pub struct LeastSquares {
    coefficients: Mat<f64>,
}

impl LeastSquares {
    /// Fits the training rows of `data`.
    pub fn fit(data: &RegressData) -> Self {
        let rows = &data.train_rows;
        let design = Mat::from_fn(rows.len(), 1 + data.features, |i, j| {
            if j == 0 {
                1.0
            } else {
                f64::from(data.input(rows[i])[j - 1])
            }
        });
        let targets = Mat::from_fn(rows.len(), data.outputs, |i, k| data.target(rows[i])[k]);
        Self {
            coefficients: design.qr().solve_lstsq(&targets),
        }
    }

    /// The prediction of target `k` for standardised features `z`.
    pub fn predict(&self, z: &[f32], k: usize) -> f64 {
        let beta = self.coefficients.col(k);
        beta[0]
            + z.iter()
                .enumerate()
                .map(|(f, &x)| beta[f + 1] * f64::from(x))
                .sum::<f64>()
    }

    /// R² on the test rows of `data`.
    pub fn r2(&self, data: &RegressData) -> f64 {
        let errors: Vec<f64> = (0..data.outputs)
            .map(|k| {
                data.test_rows
                    .iter()
                    .map(|&r| (self.predict(data.input(r), k) - data.target(r)[k]).powi(2))
                    .sum()
            })
            .collect();
        data.r2(&errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regress::spec::RegressSpec;

    /// A table of `rows` rows: two features and `y = 3 + 2 x₀ − x₁ + noise · ε`.
    fn table(rows: usize, noise: f64) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let text: String = (0..rows)
            .map(|i| {
                let (x0, x1) = ((i % 7) as f64, (i * 3 % 11) as f64);
                let e = if i % 2 == 0 { noise } else { -noise };
                format!("{x0},{x1},{}\n", 3.0 + 2.0 * x0 - x1 + e)
            })
            .collect();
        std::fs::write(file.path(), format!("x0,x1,y\n{text}")).unwrap();
        file
    }

    fn load(file: &tempfile::NamedTempFile) -> RegressData {
        let spec = RegressSpec {
            file: file.path().to_owned(),
            features: None,
            targets: vec![2],
            ..RegressSpec::default()
        };
        RegressData::load(&spec, 2, 1, 5).unwrap()
    }

    #[test]
    fn an_exact_line_is_found_and_noise_lowers_r2() {
        let data = load(&table(50, 0.0));
        assert_eq!((data.train_rows.len(), data.test_rows.len()), (40, 10));
        let fit = LeastSquares::fit(&data);
        assert!((fit.r2(&data) - 1.0).abs() < 1e-9, "{}", fit.r2(&data));
        assert_eq!(data.least_squares_r2, fit.r2(&data));
        let noisy = load(&table(50, 3.0));
        assert!(noisy.least_squares_r2 < 0.95, "{}", noisy.least_squares_r2);
    }

    #[test]
    fn targets_scale_into_zero_to_one_by_the_training_rows_and_back() {
        let data = load(&table(50, 0.0));
        let scaled: Vec<f32> = data
            .train_rows
            .iter()
            .flat_map(|&r| data.scaled_target(r))
            .collect();
        let (low, high) = scaled
            .iter()
            .fold((f32::MAX, f32::MIN), |(l, h), &v| (l.min(v), h.max(v)));
        assert!(
            low.abs() < 1e-6 && (high - 1.0).abs() < 1e-6,
            "{low}..{high}"
        );
        let r = data.test_rows[0];
        let a = f64::from(data.scaled_target(r).next().unwrap());
        assert!((data.unscale(0, a) - data.target(r)[0]).abs() < 1e-5);
        // Standardised on the training rows: mean 0.
        let mean: f64 = data
            .train_rows
            .iter()
            .map(|&r| f64::from(data.input(r)[0]))
            .sum::<f64>()
            / 40.0;
        assert!(mean.abs() < 1e-6, "{mean}");
    }
}
