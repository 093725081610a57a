//! The energy of a layered continuous Hopfield network and the cost that nudges it.
//!
//! ```text
//! E(s) = ½ Σ_l |s_l|² − Σ_l s_lᵀ W_l s_{l+1} − Σ_l b_l · s_l
//! C(s) = ½ |y − s_L|²                  (the target y scaled into 0..1)
//! F(s) = E(s) + β C(s)
//! ```
//!
//! `s_l` are the states of layer `l` (dimensionless), kept in the hard sigmoid's range
//! `0 ≤ s ≤ 1`, where `ρ(s) = clamp(s, 0, 1)` equals `s`; this is Scellier & Bengio's (2017)
//! energy with `ρ(s)` written as `s`. Its gradient, the force on each layer:
//!
//! ```text
//! −∂F/∂s_l = −s_l + W_{l−1}ᵀ s_{l−1} + W_l s_{l+1} + b_l   (− β (s_L − y) on the output)
//! ∂F/∂W_l  = −s_l s_{l+1}ᵀ        ∂F/∂b_l = −s_l          (summed over the batch)
//! ```
//!
//! States are `units × batch` matrices (a column per sample); the energies here are per
//! sample.

use faer::Mat;

use crate::dense::{column_dots, gemm};
use crate::net::LayeredNet;

/// `E(s)` for each sample of a batch, every layer's state given (`states[0]` the input).
/// `input_product`, if known, is `W_0ᵀ s_0` ([`crate::relax::Relaxer::input_product`]), which
/// saves the largest product.
pub fn energy(net: &LayeredNet, states: &[Mat<f32>], input_product: Option<&Mat<f32>>) -> Vec<f32> {
    let batch = states[0].ncols();
    let mut e = vec![0.0; batch];
    for (l, s) in states.iter().enumerate() {
        for (j, e) in e.iter_mut().enumerate() {
            let column = s.col_as_slice(j);
            let square: f32 = column.iter().map(|x| x * x).sum();
            let bias: f32 = column.iter().zip(&net.biases[l]).map(|(x, b)| x * b).sum();
            *e += 0.5 * square - bias;
        }
    }
    for (l, w) in net.weights.iter().enumerate() {
        let computed;
        let up = match input_product {
            Some(product) if l == 0 => product,
            _ => {
                let mut up = Mat::zeros(w.ncols(), batch);
                gemm(&mut up, false, w.transpose(), states[l].as_ref(), 1.0);
                computed = up;
                &computed
            }
        };
        for (e, coupling) in e.iter_mut().zip(column_dots(up, &states[l + 1])) {
            *e -= coupling;
        }
    }
    e
}

/// `C(s) = ½ |y − s_L|²` for each sample (column).
pub fn cost(output: &Mat<f32>, target: &Mat<f32>) -> Vec<f32> {
    (0..output.ncols())
        .map(|j| {
            output
                .col_as_slice(j)
                .iter()
                .zip(target.col_as_slice(j))
                .map(|(o, y)| 0.5 * (y - o) * (y - o))
                .sum()
        })
        .collect()
}

/// The batch mean of a per-sample value.
pub fn mean(values: &[f32]) -> f32 {
    if values.is_empty() {
        0.0
    } else {
        values.iter().sum::<f32>() / values.len() as f32
    }
}
