//! The control: the same layered network run feed-forward and trained by backpropagation.
//!
//! ```text
//! z_{l+1} = W_lᵀ a_l + b_{l+1},   a_{l+1} = ρ(z_{l+1}) = clamp(z_{l+1}, 0, 1),   a_0 = x
//! L = ½ |y − a_L|²                                   (the cost C of the energy network)
//! δ_L = a_L − y,   δ_l = (W_l δ_{l+1}) ⊙ ρ'(z_l),   ρ'(z) = 1 on 0 < z < 1, else 0
//! ∂L/∂W_l = a_l δ_{l+1}ᵀ,   ∂L/∂b_l = δ_l                 (batch means)
//! ```
//!
//! The output's error passes back ungated: exactly the gradient while the outputs are inside
//! `0..1`, a straight-through estimate where one is saturated. With the gate, an output pushed
//! below 0 by the many zero targets of one-hot labels never gets a gradient again (a dead
//! class: 3 of 4 classes learnt in this crate's tests); EqProp's nudge moves a saturated
//! output too, so the control would otherwise be handicapped.
//!
//! Same parameters ([`LayeredNet`]), same cost, same optimisers: the difference between the
//! two is only how the gradient is found (and that the energy network's hidden states settle
//! under feedback from above).

use faer::Mat;

use crate::dense::{add_row_sums, add_to_columns, gemm, map_in_place, zip_in_place};
use crate::grads::Grads;
use crate::net::LayeredNet;

/// Every layer's activation `a_l` for `input` (`inputs × batch`), input first.
pub fn forward(net: &LayeredNet, input: &Mat<f32>) -> Vec<Mat<f32>> {
    let mut activations = vec![input.clone()];
    for (l, w) in net.weights.iter().enumerate() {
        let mut z = Mat::zeros(w.ncols(), input.ncols());
        gemm(&mut z, false, w.transpose(), activations[l].as_ref(), 1.0);
        add_to_columns(&mut z, &net.biases[l + 1]);
        map_in_place(&mut z, |z| z.clamp(0.0, 1.0));
        activations.push(z);
    }
    activations
}

/// The gradients of the batch-mean cost on `(input, target)`, and the activations.
pub fn gradients(net: &LayeredNet, input: &Mat<f32>, target: &Mat<f32>) -> (Grads, Vec<Mat<f32>>) {
    let activations = forward(net, input);
    let batch = input.ncols() as f32;
    let mut grads = Grads::zeros_like(net);
    let output = net.output_layer();
    // ρ'(z) read from a = ρ(z): 1 strictly inside (0, 1); a saturated unit passes nothing back.
    let gate = |d: f32, a: f32| if a > 0.0 && a < 1.0 { d } else { 0.0 };
    let mut delta = &activations[output] - target;
    for l in (0..output).rev() {
        gemm(
            &mut grads.weights[l],
            false,
            activations[l].as_ref(),
            delta.transpose(),
            1.0 / batch,
        );
        add_row_sums(&mut grads.biases[l + 1], &delta, 1.0 / batch);
        if l > 0 {
            let mut below = Mat::zeros(net.sizes[l], input.ncols());
            gemm(
                &mut below,
                false,
                net.weights[l].as_ref(),
                delta.as_ref(),
                1.0,
            );
            zip_in_place(&mut below, &activations[l], gate);
            delta = below;
        }
    }
    (grads, activations)
}
