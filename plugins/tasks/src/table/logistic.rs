//! Multinomial logistic regression: the classical baseline a learning rule on a table is held
//! against (scikit-learn's `LogisticRegression()` with its defaults: L2 penalty, `C = 1`,
//! standardised features).
//!
//! Features are standardised with the training rows' mean and standard deviation. The model
//! `p(y = k | x) = softmax(W x + b)_k` minimises
//! `½‖W‖² + C Σᵢ −log p(yᵢ | xᵢ)` (the intercepts `b` not penalised), a convex objective,
//! by gradient descent with Nesterov momentum (step: one over a bound on the curvature) until the gradient's largest entry falls below
//! `1e-5` per row (or 5,000 iterations).

use crate::table::csv::Table;

/// A trained model: standardisation, then weights (`classes × features`) and intercepts.
#[derive(Debug, Clone, PartialEq)]
pub struct LogisticRegression {
    mean: Vec<f32>,
    scale: Vec<f32>,
    weights: Vec<f64>,
    intercepts: Vec<f64>,
    classes: usize,
}

impl LogisticRegression {
    /// Fits the rows `rows` of `table` with inverse regularisation strength `c`.
    pub fn fit(table: &Table, rows: &[usize], c: f64) -> Self {
        let (f, k) = (table.features, table.classes);
        let n = rows.len().max(1) as f32;
        let mut mean = vec![0.0f32; f];
        for &r in rows {
            mean.iter_mut()
                .zip(table.row(r))
                .for_each(|(m, x)| *m += x / n);
        }
        let mut scale = vec![0.0f32; f];
        for &r in rows {
            for ((s, x), m) in scale.iter_mut().zip(table.row(r)).zip(&mean) {
                *s += (x - m) * (x - m) / n;
            }
        }
        scale
            .iter_mut()
            .for_each(|s| *s = if *s > 0.0 { s.sqrt() } else { 1.0 });
        let mut model = Self {
            mean,
            scale,
            weights: vec![0.0; k * f],
            intercepts: vec![0.0; k],
            classes: k,
        };
        let xs: Vec<Vec<f64>> = rows
            .iter()
            .map(|&r| model.standardise(table.row(r)))
            .collect();
        let ys: Vec<usize> = rows.iter().map(|&r| table.labels[r]).collect();
        // The objective divided by C·n: mean log loss + ‖W‖² / (2 C n).
        let penalty = 1.0 / (c * rows.len().max(1) as f64);
        // 1 / a bound on the objective's curvature: the softmax's Hessian is at most
        // ½ mean ‖(x, 1)‖² (times the identity), the penalty adds its own.
        let mean_square = xs
            .iter()
            .map(|x| x.iter().map(|v| v * v).sum::<f64>() + 1.0)
            .sum::<f64>()
            / xs.len().max(1) as f64;
        let step = 1.0 / (penalty + 0.5 * mean_square);
        let mut velocity = vec![0.0; k * f + k];
        for _ in 0..5000 {
            let ahead: Vec<f64> = model
                .weights
                .iter()
                .chain(&model.intercepts)
                .zip(&velocity)
                .map(|(p, v)| p + 0.9 * v)
                .collect();
            let grad = gradient(&ahead, &xs, &ys, k, f, penalty);
            let largest = grad.iter().fold(0.0f64, |m, g| m.max(g.abs()));
            for ((v, g), p) in velocity
                .iter_mut()
                .zip(&grad)
                .zip(model.weights.iter_mut().chain(model.intercepts.iter_mut()))
            {
                *v = 0.9 * *v - step * g;
                *p += *v;
            }
            if largest < 1e-5 {
                break;
            }
        }
        model
    }

    fn standardise(&self, row: &[f32]) -> Vec<f64> {
        row.iter()
            .zip(&self.mean)
            .zip(&self.scale)
            .map(|((x, m), s)| f64::from((x - m) / s))
            .collect()
    }

    /// The most probable class of `row`.
    pub fn predict(&self, row: &[f32]) -> usize {
        let x = self.standardise(row);
        let f = x.len();
        let logits = logits(&self.weights, &self.intercepts, &x, self.classes, f);
        (0..self.classes)
            .max_by(|&a, &b| logits[a].total_cmp(&logits[b]))
            .unwrap_or(0)
    }

    /// The fraction of `rows` of `table` predicted right.
    pub fn accuracy(&self, table: &Table, rows: &[usize]) -> f64 {
        let right = rows
            .iter()
            .filter(|&&r| self.predict(table.row(r)) == table.labels[r])
            .count();
        right as f64 / rows.len().max(1) as f64
    }
}

fn logits(weights: &[f64], intercepts: &[f64], x: &[f64], k: usize, f: usize) -> Vec<f64> {
    (0..k)
        .map(|c| {
            intercepts[c]
                + weights[c * f..(c + 1) * f]
                    .iter()
                    .zip(x)
                    .map(|(w, v)| w * v)
                    .sum::<f64>()
        })
        .collect()
}

/// The gradient of the mean log loss plus `penalty/2 ‖W‖²` at `params` (weights, then
/// intercepts).
fn gradient(
    params: &[f64],
    xs: &[Vec<f64>],
    ys: &[usize],
    k: usize,
    f: usize,
    penalty: f64,
) -> Vec<f64> {
    let (weights, intercepts) = params.split_at(k * f);
    let mut grad = vec![0.0; k * f + k];
    let n = xs.len().max(1) as f64;
    for (x, &y) in xs.iter().zip(ys) {
        let z = logits(weights, intercepts, x, k, f);
        let top = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = z.iter().map(|v| (v - top).exp()).collect();
        let total: f64 = e.iter().sum();
        for c in 0..k {
            let d = (e[c] / total - f64::from(u8::from(c == y))) / n;
            for (g, v) in grad[c * f..(c + 1) * f].iter_mut().zip(x) {
                *g += d * v;
            }
            grad[k * f + c] += d;
        }
    }
    for (g, w) in grad.iter_mut().zip(weights) {
        *g += penalty * w;
    }
    grad
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::table::csv::parse_table;
    use std::path::Path;

    #[test]
    fn separates_two_clouds_and_is_regularised() {
        let mut text = String::new();
        for i in 0..40 {
            let t = f64::from(i) / 40.0;
            text.push_str(&format!("{},{},0\n", 1.0 + t, 2.0 - t));
            text.push_str(&format!("{},{},1\n", 3.0 + t, 2.5 + t));
        }
        let table = parse_table(&text, Path::new("t.csv")).unwrap();
        let rows: Vec<usize> = (0..table.len()).collect();
        let strong = LogisticRegression::fit(&table, &rows, 1.0);
        assert_eq!(strong.accuracy(&table, &rows), 1.0);
        let weak = LogisticRegression::fit(&table, &rows, 1e-4);
        let norm = |m: &LogisticRegression| m.weights.iter().map(|w| w * w).sum::<f64>();
        assert!(
            norm(&weak) < 0.01 * norm(&strong),
            "a small C shrinks the weights"
        );
    }
}
