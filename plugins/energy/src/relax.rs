//! Relaxation: the states descend the energy until they settle (an equilibrium).
//!
//! Each step moves every free layer at once (from the same old states) along its force and
//! back into the hard sigmoid's range (projected gradient descent with step `ε`):
//!
//! ```text
//! s_l ← clamp(s_l + ε (−∂F/∂s_l), 0, 1)
//!     = clamp((1 − ε) s_l + ε (W_{l−1}ᵀ s_{l−1} + W_l s_{l+1} + b_l [+ β (y − s_L)]), 0, 1)
//! ```
//!
//! (states `units × batch`, a column per sample). Clamped layers (the input while
//! classifying; the output while dreaming) do not move, so what they send a free neighbour is
//! the same at every step: [`Relaxer::relax`] computes it once per call, and a nudged phase
//! after its free phase reuses the input's product (`Phase::same_input`), so for MNIST the
//! 500 × 784 product that dominates the work is done once per batch. Each step then adds only
//! the free neighbours' products. A state that is not finite stops the relaxation with the
//! phase, layer, step, sample and unit named ([`EnergyError::Diverged`]).

use faer::Mat;

use crate::dense::{add_to_columns, first_non_finite, gemm, zip_in_place};
use crate::error::EnergyError;
use crate::net::LayeredNet;

/// The output's pull towards a target during a nudged phase: `β (y − s_L)`.
#[derive(Debug, Clone, Copy)]
pub struct Nudge<'a> {
    /// The target `y`, `outputs × batch`, in `0..1`.
    pub target: &'a Mat<f32>,
    /// Nudging strength β (signed).
    pub beta: f32,
}

/// One relaxation: which layers are clamped, the nudge, how many steps of which size.
#[derive(Debug, Clone, Copy)]
pub struct Phase<'a> {
    /// `clamped[l]`: layer `l` keeps its states.
    pub clamped: &'a [bool],
    /// The output's pull towards a target, in a nudged phase.
    pub nudge: Option<Nudge<'a>>,
    /// Steps.
    pub steps: usize,
    /// Step size `ε`.
    pub step_size: f32,
    /// Its name in a divergence error (`free`, `nudged`).
    pub name: &'static str,
    /// Per layer, a 0/1 mask (`units × batch`) multiplied into the states after every step:
    /// dropped units held at 0.
    pub masks: Option<&'a [Mat<f32>]>,
    /// The clamped input is the one of the previous call (a nudged phase after its free
    /// phase): its product `W_0ᵀ s_0` is reused, so it is computed once per batch.
    pub same_input: bool,
}

/// Relaxes batches of states, reusing its buffers from call to call.
#[derive(Debug)]
pub struct Relaxer {
    /// What the clamped neighbours and the bias send each layer: fixed during one call.
    fixed_drive: Vec<Mat<f32>>,
    /// Each layer's total drive at the current step.
    drive: Vec<Mat<f32>>,
    /// `W_0ᵀ s_0` while the input is clamped (empty otherwise): kept for the energy.
    input_product: Mat<f32>,
}

impl Default for Relaxer {
    fn default() -> Self {
        Self {
            fixed_drive: Vec::new(),
            drive: Vec::new(),
            input_product: Mat::zeros(0, 0),
        }
    }
}

impl Relaxer {
    /// Relaxes `states` (every layer, `states[0]` the input) through `phase`.
    pub fn relax(
        &mut self,
        net: &LayeredNet,
        states: &mut [Mat<f32>],
        phase: &Phase<'_>,
    ) -> Result<(), EnergyError> {
        let Phase {
            clamped,
            nudge,
            steps,
            step_size,
            name,
            masks,
            same_input,
        } = *phase;
        let layers = states.len();
        let batch = states[0].ncols();
        self.fixed_drive.resize_with(layers, || Mat::zeros(0, 0));
        self.drive.resize_with(layers, || Mat::zeros(0, 0));
        let n1 = net.sizes[1];
        let reusable = same_input && self.input_product.shape() == (n1, batch);
        if clamped[0] && !reusable {
            if self.input_product.shape() != (n1, batch) {
                self.input_product = Mat::zeros(n1, batch);
            }
            from_below(&mut self.input_product, false, net, 1, states);
        } else if !clamped[0] {
            self.input_product = Mat::zeros(0, 0);
        }
        for l in 0..layers {
            if clamped[l] {
                continue;
            }
            let fixed = &mut self.fixed_drive[l];
            if fixed.shape() != (net.sizes[l], batch) {
                *fixed = Mat::zeros(net.sizes[l], batch);
                self.drive[l] = Mat::zeros(net.sizes[l], batch);
            }
            fixed.fill(0.0);
            add_to_columns(fixed, &net.biases[l]);
            if l == 1 && clamped[0] {
                zip_in_place(fixed, &self.input_product, |f, p| f + p);
            } else if l > 0 && clamped[l - 1] {
                from_below(fixed, true, net, l, states);
            }
            if l + 1 < layers && clamped[l + 1] {
                from_above(fixed, true, net, l, states);
            }
        }
        let output = layers - 1;
        let keep = 1.0 - step_size;
        for step in 1..=steps {
            // What the free neighbours send, from the states before this step (every free
            // layer moves at once). The fixed drive is added in the update pass below.
            for l in 0..layers {
                if clamped[l] {
                    continue;
                }
                let below = l > 0 && !clamped[l - 1];
                let above = l + 1 < layers && !clamped[l + 1];
                let drive = &mut self.drive[l];
                if below {
                    from_below(drive, false, net, l, states);
                }
                if above {
                    from_above(drive, below, net, l, states);
                }
                if !below && !above {
                    drive.fill(0.0);
                }
            }
            for l in 0..layers {
                if clamped[l] {
                    continue;
                }
                let (drive, fixed) = (&self.drive[l], &self.fixed_drive[l]);
                let pull = nudge.filter(|_| l == output);
                let mut finite = true;
                let s = &mut states[l];
                for j in 0..s.ncols() {
                    let (d, f) = (drive.col_as_slice(j), fixed.col_as_slice(j));
                    let column = s.col_as_slice_mut(j);
                    match pull {
                        Some(Nudge { target, beta }) => {
                            let y = target.col_as_slice(j);
                            for (((s, &d), &f), &y) in column.iter_mut().zip(d).zip(f).zip(y) {
                                *s = (keep * *s + step_size * (d + f + beta * (y - *s)))
                                    .clamp(0.0, 1.0);
                                finite &= s.is_finite();
                            }
                        }
                        None => {
                            for ((s, &d), &f) in column.iter_mut().zip(d).zip(f) {
                                *s = (keep * *s + step_size * (d + f)).clamp(0.0, 1.0);
                                finite &= s.is_finite();
                            }
                        }
                    }
                }
                if let Some(masks) = masks {
                    zip_in_place(s, &masks[l], |s, m| s * m);
                }
                if !finite && let Some((unit, sample)) = first_non_finite(s) {
                    return Err(EnergyError::Diverged {
                        phase: name,
                        layer: l,
                        step,
                        sample,
                        unit,
                        value: s[(unit, sample)],
                    });
                }
            }
        }
        Ok(())
    }

    /// `W_0ᵀ s_0` of the last relaxation, if its input was clamped: what the input sends the
    /// first layer, for [`crate::energy::energy`] without the large product again.
    pub fn input_product(&self) -> Option<&Mat<f32>> {
        (self.input_product.nrows() > 0).then_some(&self.input_product)
    }
}

/// `dst (+)= W_{l−1}ᵀ s_{l−1}`: what layer `l − 1` sends layer `l`.
fn from_below(
    dst: &mut Mat<f32>,
    accumulate: bool,
    net: &LayeredNet,
    l: usize,
    states: &[Mat<f32>],
) {
    gemm(
        dst,
        accumulate,
        net.weights[l - 1].transpose(),
        states[l - 1].as_ref(),
        1.0,
    );
}

/// `dst (+)= W_l s_{l+1}`: what layer `l + 1` sends layer `l`.
fn from_above(
    dst: &mut Mat<f32>,
    accumulate: bool,
    net: &LayeredNet,
    l: usize,
    states: &[Mat<f32>],
) {
    gemm(
        dst,
        accumulate,
        net.weights[l].as_ref(),
        states[l + 1].as_ref(),
        1.0,
    );
}
