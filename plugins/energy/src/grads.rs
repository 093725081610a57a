//! Gradients of a loss with respect to a [`LayeredNet`]'s parameters, same shapes.

use faer::Mat;

use crate::error::EnergyError;
use crate::net::{LayeredNet, SavedNet};

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

    /// As plain data, for checkpoints (an optimiser's moments are shaped like gradients).
    pub fn to_saved(&self, sizes: &[usize]) -> SavedNet {
        SavedNet::of(sizes, &self.weights, &self.biases)
    }

    /// Back from plain data; the shapes are checked against `sizes`.
    pub fn from_saved(saved: &SavedNet, sizes: &[usize]) -> Result<Self, EnergyError> {
        if saved.sizes != sizes {
            return Err(EnergyError::Shape(format!(
                "saved moments of layer sizes {:?} for a network of {sizes:?}",
                saved.sizes
            )));
        }
        let net = LayeredNet::from_saved(saved)?;
        Ok(Self {
            weights: net.weights,
            biases: net.biases,
        })
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
