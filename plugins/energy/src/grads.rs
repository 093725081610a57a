//! Gradients of a loss with respect to a [`LayeredNet`]'s parameters, same shapes.

use faer::Mat;

use crate::net::LayeredNet;

/// `∂L/∂W_l` and `∂L/∂b_l` for every layer (batch means).
#[derive(Debug, Clone, PartialEq)]
pub struct Grads {
    /// Same shapes as the network's weights.
    pub weights: Vec<Mat<f32>>,
    /// Same shapes as the network's biases.
    pub biases: Vec<Vec<f32>>,
}

impl Grads {
    /// Zeros shaped like `net`.
    pub fn zeros_like(net: &LayeredNet) -> Self {
        Self {
            weights: net
                .weights
                .iter()
                .map(|w| Mat::zeros(w.nrows(), w.ncols()))
                .collect(),
            biases: net.biases.iter().map(|b| vec![0.0; b.len()]).collect(),
        }
    }

    /// Every entry, weights first (layer by layer, column-major), then biases.
    pub fn flatten(&self) -> Vec<f32> {
        let mut out = Vec::new();
        for w in &self.weights {
            for j in 0..w.ncols() {
                out.extend_from_slice(w.col_as_slice(j));
            }
        }
        for b in &self.biases {
            out.extend_from_slice(b);
        }
        out
    }
}
