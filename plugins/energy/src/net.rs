//! A layered network: units in layers `0..=L` (layer 0 the input, layer `L` the output),
//! weights only between neighbouring layers, a bias on every unit.
//!
//! `weights[l]` is `sizes[l] × sizes[l+1]` (dimensionless couplings), `biases[l]` has
//! `sizes[l]` entries. The same parameters serve the energy network
//! ([`crate::energy`], symmetric couplings) and the feed-forward control trained by
//! backpropagation ([`crate::backprop`]). Weights start Glorot-uniform,
//! `U(±√(6 / (n_l + n_{l+1})))`, biases at zero; weights between two hidden layers at
//! [`HIDDEN_TO_HIDDEN_GAIN`] times that bound.
//!
//! Why the smaller start between hidden layers: two free layers coupled by `W` form a loop
//! whose linearised relaxation grows along `W`'s largest singular value, about
//! `bound/√3 · (√n_l + √n_{l+1})`: 2.0 for a Glorot 500 × 500 block. Above 1 the loop runs
//! away to a saturated pattern that no input changes (every hidden unit at 0 or 1, the same
//! answer for every digit), and EqProp cannot leave it: both phases sit in the same corner.
//! 784-500-500-10 started there on four of four tuning seeds; at 0.4 × Glorot (≈ 0.8) both
//! seeds tried (5 and 6) learnt from the first epoch. Clamped layers (the input) and the output
//! are not in such a loop with a hidden layer in the same way (one side is clamped or small).

use faer::Mat;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::error::EnergyError;

/// The factor on the Glorot bound for weights between two hidden layers (see the module docs).
pub const HIDDEN_TO_HIDDEN_GAIN: f32 = 0.4;

/// The parameters of a layered network.
#[derive(Debug, Clone, PartialEq)]
pub struct LayeredNet {
    /// Units per layer, input first.
    pub sizes: Vec<usize>,
    /// `weights[l]`: `sizes[l] × sizes[l+1]`.
    pub weights: Vec<Mat<f32>>,
    /// `biases[l]`: one per unit of layer `l` (the input's stay zero while it is clamped).
    pub biases: Vec<Vec<f32>>,
}

impl LayeredNet {
    /// A network of `sizes` (input, hidden layers, output) with Glorot-uniform weights drawn
    /// from `rng`. At least an input and an output layer, none empty.
    pub fn new(sizes: &[usize], rng: &mut ChaCha8Rng) -> Result<Self, EnergyError> {
        if sizes.len() < 2 || sizes.contains(&0) {
            return Err(EnergyError::Shape(format!(
                "a network needs an input and an output layer, none empty; got layer sizes {sizes:?}"
            )));
        }
        let hidden = |l: usize| l > 0 && l + 1 < sizes.len();
        let weights = sizes
            .windows(2)
            .enumerate()
            .map(|(l, pair)| {
                let gain = if hidden(l) && hidden(l + 1) {
                    HIDDEN_TO_HIDDEN_GAIN
                } else {
                    1.0
                };
                let bound = gain * (6.0 / (pair[0] + pair[1]) as f32).sqrt();
                Mat::from_fn(pair[0], pair[1], |_, _| rng.random_range(-bound..bound))
            })
            .collect();
        let biases = sizes.iter().map(|&n| vec![0.0; n]).collect();
        Ok(Self {
            sizes: sizes.to_vec(),
            weights,
            biases,
        })
    }

    /// Index of the output layer, `L`.
    pub fn output_layer(&self) -> usize {
        self.sizes.len() - 1
    }

    /// Units of the input layer.
    pub fn inputs(&self) -> usize {
        self.sizes[0]
    }

    /// Units of the output layer.
    pub fn outputs(&self) -> usize {
        self.sizes[self.output_layer()]
    }

    /// The parameters as plain data, for checkpoints.
    pub fn to_saved(&self) -> SavedNet {
        SavedNet::of(&self.sizes, &self.weights, &self.biases)
    }

    /// Parameters back from a checkpoint; the shapes are checked.
    pub fn from_saved(saved: &SavedNet) -> Result<Self, EnergyError> {
        let layers = saved.sizes.len();
        if layers < 2 || saved.weights.len() != layers - 1 || saved.biases.len() != layers {
            return Err(EnergyError::Shape(format!(
                "saved network of layer sizes {:?} has {} weight matrices and {} bias vectors",
                saved.sizes,
                saved.weights.len(),
                saved.biases.len()
            )));
        }
        let mut weights = Vec::with_capacity(layers - 1);
        for (l, flat) in saved.weights.iter().enumerate() {
            let (rows, cols) = (saved.sizes[l], saved.sizes[l + 1]);
            if flat.len() != rows * cols {
                return Err(EnergyError::Shape(format!(
                    "saved weights {l} hold {} values, expected {rows} × {cols}",
                    flat.len()
                )));
            }
            weights.push(Mat::from_fn(rows, cols, |i, j| flat[j * rows + i]));
        }
        for (l, b) in saved.biases.iter().enumerate() {
            if b.len() != saved.sizes[l] {
                return Err(EnergyError::Shape(format!(
                    "saved biases {l} hold {} values, expected {}",
                    b.len(),
                    saved.sizes[l]
                )));
            }
        }
        Ok(Self {
            sizes: saved.sizes.clone(),
            weights,
            biases: saved.biases.clone(),
        })
    }
}

impl SavedNet {
    /// Weight matrices and biases of a network of `sizes` as plain data.
    pub fn of(sizes: &[usize], weights: &[Mat<f32>], biases: &[Vec<f32>]) -> Self {
        Self {
            sizes: sizes.to_vec(),
            weights: weights
                .iter()
                .map(|w| {
                    (0..w.ncols())
                        .flat_map(|j| w.col_as_slice(j).to_vec())
                        .collect()
                })
                .collect(),
            biases: biases.to_vec(),
        }
    }
}

/// A network's parameters (or anything shaped like them) as plain data (weights column-major).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedNet {
    /// Units per layer.
    pub sizes: Vec<usize>,
    /// Each weight matrix, column-major.
    pub weights: Vec<Vec<f32>>,
    /// Each layer's biases.
    pub biases: Vec<Vec<f32>>,
}
