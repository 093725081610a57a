//! Equilibrium propagation (Scellier & Bengio 2017): the gradient of the cost at the free
//! equilibrium, from two relaxations and local products.
//!
//! Free phase: the input clamped, the states relax for `T` steps to `s⁰`, a minimum of `E`.
//! Nudged phase: from `s⁰`, `K` more steps on `F = E + βC` pull the output towards the target,
//! to `s^β`. Then, for every parameter θ,
//!
//! ```text
//! ∂C(s⁰)/∂θ ≈ (∂F/∂θ(s^β) − ∂F/∂θ(s⁰)) / β                (one-sided; exact as β → 0)
//! ∂C(s⁰)/∂θ ≈ (∂F/∂θ(s^{+β}) − ∂F/∂θ(s^{−β})) / (2β)      (symmetric, Laborieux et al. 2021)
//! with ∂F/∂W_l = −s_l s_{l+1}ᵀ,  ∂F/∂b_l = −s_l
//! ```
//!
//! so a weight changes by the difference of its two neurons' products between the phases, a
//! local rule. One-sided nudging with a random sign of β each batch cancels the first-order
//! bias of the estimate on average; symmetric nudging cancels it in every batch at the price
//! of a second nudged phase. Gradients are batch means.

use std::borrow::Cow;

use faer::Mat;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::dense::{add_row_sums, gemm};
use crate::energy::energy;
use crate::error::EnergyError;
use crate::grads::Grads;
use crate::net::LayeredNet;
use crate::relax::{Nudge, Phase, Relaxer};
use crate::surprise::SurpriseGate;

/// How the nudged phase pulls the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Nudging {
    /// Always towards the target (`+β`).
    Positive,
    /// `+β` or `−β`, a coin flip per batch.
    #[default]
    RandomSign,
    /// Both `+β` and `−β` from the free equilibrium; the estimate is centred.
    Symmetric,
}

/// The relaxation and nudging settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EqPropSettings {
    /// Free-phase relaxation steps `T`.
    pub free_steps: usize,
    /// Nudged-phase steps `K`.
    pub nudge_steps: usize,
    /// Relaxation step size `ε`, `0 < ε ≤ 1`.
    pub step_size: f32,
    /// Nudging strength `β > 0`.
    pub beta: f32,
    /// Sign of the nudge.
    pub nudging: Nudging,
}

impl Default for EqPropSettings {
    /// Scellier & Bengio's settings for 784-500-10: `T = 20`, `K = 4`, `ε = 0.5`, `β = 0.5`,
    /// random sign.
    fn default() -> Self {
        Self {
            free_steps: 20,
            nudge_steps: 4,
            step_size: 0.5,
            beta: 0.5,
            nudging: Nudging::RandomSign,
        }
    }
}

impl EqPropSettings {
    /// Checks the ranges; the error names the field.
    pub fn check(&self) -> Result<(), EnergyError> {
        let bad = |field, message: &str| {
            Err(EnergyError::Setting {
                field,
                message: message.to_owned(),
            })
        };
        if self.free_steps == 0 {
            return bad("free_steps", "must be at least 1");
        }
        if self.nudge_steps == 0 {
            return bad("nudge_steps", "must be at least 1");
        }
        if !(self.step_size > 0.0 && self.step_size <= 1.0) {
            return bad("step_size", "must be in (0, 1]");
        }
        if !(self.beta > 0.0 && self.beta.is_finite()) {
            return bad("beta", "must be positive");
        }
        Ok(())
    }
}

/// The phases of one batch: the free equilibrium, the nudged state(s), and what they tell.
/// The gradient estimate follows from them ([`Phases::gradients`], [`Phases::descend`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Phases {
    /// Every layer at the free equilibrium (`free[L]` is the prediction).
    pub free: Vec<Mat<f32>>,
    /// Every layer at the end of the (first) nudged phase.
    pub nudged: Vec<Mat<f32>>,
    /// Symmetric nudging: every layer after the `−β` phase.
    pub opposite: Option<Vec<Mat<f32>>>,
    /// The signed β of the first nudged phase.
    pub beta: f32,
    /// The energy `E` of each sample at the free equilibrium.
    pub free_energy: Vec<f32>,
    /// The energy jump of each sample during the (first) nudge, `E(s^β) − E(s⁰)`: how far the
    /// target pulled the network from its own answer. Measured for the surprise gate (empty
    /// without one).
    pub energy_jump: Vec<f32>,
    /// The weight each sample's update gets from the surprise gate (all 1 without a gate).
    pub sample_weights: Vec<f32>,
    clamped: Vec<bool>,
}

impl Phases {
    /// The prediction: the output at the free equilibrium, `outputs × batch`.
    pub fn free_output(&self) -> &Mat<f32> {
        &self.free[self.free.len() - 1]
    }

    /// The two states contrasted and the divisor: `(s^β, s⁰, β)` or `(s^{+β}, s^{−β}, 2β)`.
    fn contrasted(&self) -> (&[Mat<f32>], &[Mat<f32>], f32) {
        match &self.opposite {
            Some(opposite) => (&self.nudged, opposite, 2.0 * self.beta),
            None => (&self.nudged, &self.free, self.beta),
        }
    }

    /// Sample weights if some differ from 1.
    fn weights(&self) -> Option<&[f32]> {
        self.sample_weights
            .iter()
            .any(|&w| w != 1.0)
            .then_some(&self.sample_weights[..])
    }

    /// The gradient estimate, batch means:
    /// `∂C/∂W_l ≈ −(a_l G a_{l+1}ᵀ − b_l G b_{l+1}ᵀ) / (scale · batch)`, `G` the samples' weights.
    pub fn gradients(&self, net: &LayeredNet) -> Grads {
        let mut grads = Grads::zeros_like(net);
        let ones = vec![1.0; net.weights.len()];
        self.contrast_into(&mut grads.weights, &mut grads.biases, &ones, false);
        grads
    }

    /// Plain gradient descent straight into the parameters, `θ ← θ − rates[l] · factor · ∂C/∂θ`:
    /// the products accumulate into the weights, with no gradient buffer and no second pass.
    pub fn descend(&self, net: &mut LayeredNet, rates: &[f32], factor: f32) {
        let steps: Vec<f32> = rates.iter().map(|r| -r * factor).collect();
        self.contrast_into(&mut net.weights, &mut net.biases, &steps, true);
    }

    /// `out_l (+)= alpha_l · ∂C/∂θ_l` for every layer.
    fn contrast_into(
        &self,
        weights: &mut [Mat<f32>],
        biases: &mut [Vec<f32>],
        alpha: &[f32],
        accumulate: bool,
    ) {
        let (a, b, scale) = self.contrasted();
        let sample_weights = self.weights();
        let batch = a[0].ncols() as f32;
        let base = -1.0 / (scale * batch);
        for (l, w) in weights.iter_mut().enumerate() {
            let factor = alpha[l] * base;
            if self.clamped[l] {
                // The clamped layer is the same in both: one product of the difference.
                let diff = &a[l + 1] - &b[l + 1];
                let diff = weigh_columns(&diff, sample_weights);
                gemm(w, accumulate, a[l].as_ref(), diff.transpose(), factor);
            } else {
                let above_a = weigh_columns(&a[l + 1], sample_weights);
                let above_b = weigh_columns(&b[l + 1], sample_weights);
                gemm(w, accumulate, a[l].as_ref(), above_a.transpose(), factor);
                gemm(w, true, b[l].as_ref(), above_b.transpose(), -factor);
            }
        }
        for l in 1..biases.len() {
            let factor = alpha[l - 1] * base;
            if !accumulate {
                biases[l].fill(0.0);
            }
            add_row_sums(
                &mut biases[l],
                &weigh_columns(&a[l], sample_weights),
                factor,
            );
            add_row_sums(
                &mut biases[l],
                &weigh_columns(&b[l], sample_weights),
                -factor,
            );
        }
    }
}

/// Runs the phases on a batch. Reuses its buffers.
#[derive(Debug, Default)]
pub struct EqProp {
    relaxer: Relaxer,
}

impl EqProp {
    /// The free equilibrium of `input` (`inputs × batch`): every layer's states.
    pub fn free_phase(
        &mut self,
        net: &LayeredNet,
        input: &Mat<f32>,
        settings: &EqPropSettings,
        dropout: Option<&[Mat<f32>]>,
    ) -> Result<Vec<Mat<f32>>, EnergyError> {
        let mut states = initial_states(net, input);
        let clamped = input_clamped(net);
        let phase = Phase {
            clamped: &clamped,
            nudge: None,
            steps: settings.free_steps,
            step_size: settings.step_size,
            name: "free",
            masks: dropout,
            same_input: false,
        };
        self.relaxer.relax(net, &mut states, &phase)?;
        Ok(states)
    }

    /// The free and nudged phases on `(input, target)` (both `… × batch`, the target in
    /// `0..1`). `dropout`, if given, holds a 0/1 mask per layer that silences units for this
    /// batch; `gate`, if given, weighs each sample's update by its surprise.
    #[allow(clippy::too_many_arguments)]
    pub fn phases(
        &mut self,
        net: &LayeredNet,
        input: &Mat<f32>,
        target: &Mat<f32>,
        settings: &EqPropSettings,
        rng: &mut ChaCha8Rng,
        dropout: Option<&[Mat<f32>]>,
        gate: Option<&mut SurpriseGate>,
    ) -> Result<Phases, EnergyError> {
        let free = self.free_phase(net, input, settings, dropout)?;
        self.nudge(net, free, target, settings, rng, dropout, gate)
    }

    /// The energy `E` of each sample of `states`, the free equilibrium [`Self::free_phase`]
    /// just found (its clamped input's product is reused).
    pub fn free_energy(&self, net: &LayeredNet, states: &[Mat<f32>]) -> Vec<f32> {
        energy(net, states, self.relaxer.input_product())
    }

    /// The nudged phase(s) from `free`, the free equilibrium this `EqProp` found last (with
    /// [`Self::free_phase`], on the same input: its clamped input's product is reused), toward
    /// `target`. The arguments are those of [`Self::phases`].
    #[allow(clippy::too_many_arguments)]
    pub fn nudge(
        &mut self,
        net: &LayeredNet,
        free: Vec<Mat<f32>>,
        target: &Mat<f32>,
        settings: &EqPropSettings,
        rng: &mut ChaCha8Rng,
        dropout: Option<&[Mat<f32>]>,
        gate: Option<&mut SurpriseGate>,
    ) -> Result<Phases, EnergyError> {
        let free_energy = energy(net, &free, self.relaxer.input_product());
        let clamped = input_clamped(net);
        let beta = match settings.nudging {
            Nudging::Positive | Nudging::Symmetric => settings.beta,
            Nudging::RandomSign if rng.random::<bool>() => settings.beta,
            Nudging::RandomSign => -settings.beta,
        };
        let nudged_by = |beta, name| Phase {
            clamped: &clamped,
            nudge: Some(Nudge { target, beta }),
            steps: settings.nudge_steps,
            step_size: settings.step_size,
            name,
            masks: dropout,
            same_input: true,
        };
        let mut nudged = free.clone();
        self.relaxer
            .relax(net, &mut nudged, &nudged_by(beta, "nudged"))?;
        // The jump is what the surprise gate reads; without a gate it is not computed.
        let (energy_jump, sample_weights) = match gate {
            Some(gate) => {
                let nudged_energy = energy(net, &nudged, self.relaxer.input_product());
                let jump: Vec<f32> = nudged_energy
                    .iter()
                    .zip(&free_energy)
                    .map(|(n, f)| n - f)
                    .collect();
                let weights = gate.weights(&jump);
                (jump, weights)
            }
            None => (Vec::new(), vec![1.0; free_energy.len()]),
        };
        let opposite = if settings.nudging == Nudging::Symmetric {
            let mut opposite = free.clone();
            self.relaxer
                .relax(net, &mut opposite, &nudged_by(-beta, "nudged (−β)"))?;
            Some(opposite)
        } else {
            None
        };
        Ok(Phases {
            free,
            nudged,
            opposite,
            beta,
            free_energy,
            energy_jump,
            sample_weights,
            clamped,
        })
    }
}

/// States to start a relaxation from: the input given (`inputs × batch`), every other layer
/// at zero.
pub fn initial_states(net: &LayeredNet, input: &Mat<f32>) -> Vec<Mat<f32>> {
    let batch = input.ncols();
    std::iter::once(input.clone())
        .chain(net.sizes[1..].iter().map(|&n| Mat::zeros(n, batch)))
        .collect()
}

/// The input layer clamped, every other layer free.
pub fn input_clamped(net: &LayeredNet) -> Vec<bool> {
    (0..net.sizes.len()).map(|l| l == 0).collect()
}

/// `m` with each column times its sample's weight; `m` itself without weights.
fn weigh_columns<'a>(m: &'a Mat<f32>, weights: Option<&[f32]>) -> Cow<'a, Mat<f32>> {
    match weights {
        Some(w) => Cow::Owned(Mat::from_fn(m.nrows(), m.ncols(), |i, j| w[j] * m[(i, j)])),
        None => Cow::Borrowed(m),
    }
}
