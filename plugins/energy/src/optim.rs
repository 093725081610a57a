//! Optimisers: how a gradient becomes a parameter change.
//!
//! With learning rate `η` (per layer, times the schedule's factor), gradient `g` and L2
//! weight decay `λ` (weights only, `g ← g + λ w`):
//!
//! ```text
//! Sgd:       θ ← θ − η g
//! Momentum:  v ← μ v + g;                       θ ← θ − η v
//! Adam:      m ← β₁ m + (1−β₁) g;  v ← β₂ v + (1−β₂) g²;
//!            θ ← θ − η m̂ / (√v̂ + ϵ),  m̂ = m / (1−β₁ᵗ),  v̂ = v / (1−β₂ᵗ)
//! ```
//!
//! A layer's rate applies to the weights into it from below and to its biases
//! (`rates[l]` for `W_l` and `b_{l+1}`).

use serde::{Deserialize, Serialize};

use crate::error::EnergyError;
use crate::grads::Grads;
use crate::net::{LayeredNet, SavedNet};

/// Which optimiser, as a scene gives it.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum OptimizerKind {
    /// Plain stochastic gradient descent.
    #[default]
    Sgd,
    /// Heavy-ball momentum `μ` (0 to 1).
    Momentum(f32),
    /// Adam (Kingma & Ba 2015).
    Adam {
        /// Decay of the first moment, β₁.
        beta1: f32,
        /// Decay of the second moment, β₂.
        beta2: f32,
        /// ϵ in the denominator.
        epsilon: f32,
    },
}

impl OptimizerKind {
    /// Adam with its usual constants (0.9, 0.999, 1e-8).
    pub const ADAM: Self = Self::Adam {
        beta1: 0.9,
        beta2: 0.999,
        epsilon: 1e-8,
    };

    /// Checks the constants; the error names the field.
    pub fn check(&self) -> Result<(), EnergyError> {
        let in_unit = |field, x: f32| {
            if (0.0..1.0).contains(&x) {
                Ok(())
            } else {
                Err(EnergyError::Setting {
                    field,
                    message: format!("must be in [0, 1), got {x}"),
                })
            }
        };
        match *self {
            Self::Sgd => Ok(()),
            Self::Momentum(mu) => in_unit("Momentum", mu),
            Self::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                in_unit("beta1", beta1)?;
                in_unit("beta2", beta2)?;
                if epsilon > 0.0 {
                    Ok(())
                } else {
                    Err(EnergyError::Setting {
                        field: "epsilon",
                        message: format!("must be positive, got {epsilon}"),
                    })
                }
            }
        }
    }
}

/// An optimiser with its state (moments), shaped like the network.
#[derive(Debug, Clone)]
pub struct Optimizer {
    /// Which one.
    pub kind: OptimizerKind,
    /// L2 weight decay `λ` on the weights.
    pub weight_decay: f32,
    first: Grads,
    second: Grads,
    steps: u32,
}

/// An optimiser's state as plain data, for checkpoints.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedOptimizer {
    /// First moments (momentum's velocity, Adam's m).
    pub first: SavedNet,
    /// Second moments (Adam's v).
    pub second: SavedNet,
    /// Steps taken (Adam's bias correction).
    pub steps: u32,
}

impl Optimizer {
    /// Its state as plain data.
    pub fn to_saved(&self, sizes: &[usize]) -> SavedOptimizer {
        SavedOptimizer {
            first: self.first.to_saved(sizes),
            second: self.second.to_saved(sizes),
            steps: self.steps,
        }
    }

    /// An optimiser of `kind` and `weight_decay` with a saved state for a network of `sizes`.
    pub fn from_saved(
        kind: OptimizerKind,
        weight_decay: f32,
        saved: &SavedOptimizer,
        sizes: &[usize],
    ) -> Result<Self, EnergyError> {
        Ok(Self {
            kind,
            weight_decay,
            first: Grads::from_saved(&saved.first, sizes)?,
            second: Grads::from_saved(&saved.second, sizes)?,
            steps: saved.steps,
        })
    }

    /// A fresh optimiser for `net`.
    pub fn new(kind: OptimizerKind, weight_decay: f32, net: &LayeredNet) -> Self {
        Self {
            kind,
            weight_decay,
            first: Grads::zeros_like(net),
            second: Grads::zeros_like(net),
            steps: 0,
        }
    }

    /// Updates `net` by `grads` with rate `rates[l] · factor` for the parameters into layer
    /// `l + 1`.
    pub fn step(&mut self, net: &mut LayeredNet, grads: &Grads, rates: &[f32], factor: f32) {
        self.steps += 1;
        let t = self.steps as i32;
        // One loop per rule, the rule chosen once: the inner loops stay branch-free and
        // vectorise.
        match self.kind {
            OptimizerKind::Sgd => self.apply(net, grads, rates, factor, |g, _, _| g),
            OptimizerKind::Momentum(mu) => self.apply(net, grads, rates, factor, |g, m, _| {
                *m = mu * *m + g;
                *m
            }),
            OptimizerKind::Adam {
                beta1,
                beta2,
                epsilon,
            } => {
                let (correct1, correct2) = (1.0 - beta1.powi(t), 1.0 - beta2.powi(t));
                self.apply(net, grads, rates, factor, |g, m, v| {
                    *m = beta1 * *m + (1.0 - beta1) * g;
                    *v = beta2 * *v + (1.0 - beta2) * g * g;
                    (*m / correct1) / ((*v / correct2).sqrt() + epsilon)
                })
            }
        }
    }

    /// `θ ← θ − η · direction(g + λθ, m, v)` for every weight (`λ` 0 for biases).
    fn apply(
        &mut self,
        net: &mut LayeredNet,
        grads: &Grads,
        rates: &[f32],
        factor: f32,
        direction: impl Fn(f32, &mut f32, &mut f32) -> f32,
    ) {
        let decay = self.weight_decay;
        for (l, rate) in rates.iter().enumerate().take(net.weights.len()) {
            let eta = rate * factor;
            let (w, g) = (&mut net.weights[l], &grads.weights[l]);
            let (m, v) = (&mut self.first.weights[l], &mut self.second.weights[l]);
            for j in 0..w.ncols() {
                let (w, g) = (w.col_as_slice_mut(j), g.col_as_slice(j));
                let (m, v) = (m.col_as_slice_mut(j), v.col_as_slice_mut(j));
                for (((w, &g), m), v) in w.iter_mut().zip(g).zip(m).zip(v) {
                    *w -= eta * direction(g + decay * *w, m, v);
                }
            }
            let (b, g) = (&mut net.biases[l + 1], &grads.biases[l + 1]);
            let (m, v) = (
                &mut self.first.biases[l + 1],
                &mut self.second.biases[l + 1],
            );
            for (((b, &g), m), v) in b.iter_mut().zip(g).zip(m.iter_mut()).zip(v.iter_mut()) {
                *b -= eta * direction(g, m, v);
            }
        }
    }
}
