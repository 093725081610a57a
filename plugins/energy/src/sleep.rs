//! Sleep: teaching the network to dream its data (a generative phase, wake–sleep style).
//!
//! EqProp trains the output to answer the input; nothing asks the input layer, when the
//! output is clamped to a class and the input set free, to settle on something like that
//! class's data. A sleep step does, by contrastive Hebbian learning on the energy:
//!
//! - **wake**: input clamped to the data `x`, output clamped to its class `y`, the hidden
//!   layers relaxed: states `s^w`;
//! - **dream**: output clamped to `y`, every other layer (the input too) relaxed from zero:
//!   states `s^d`;
//! - `ΔW_l = η (⟨s^w_l s^w_{l+1}ᵀ⟩ − ⟨s^d_l s^d_{l+1}ᵀ⟩)`, `Δb_l = η (⟨s^w_l⟩ − ⟨s^d_l⟩)`
//!   (batch means): the energy of the data's states falls, that of the dream's rises, until
//!   dreams and data meet (`∂E/∂W_l = −s_l s_{l+1}ᵀ`).

use faer::Mat;

use crate::data::one_hot;
use crate::dense::{add_row_sums, gemm};
use crate::dream::{DreamSettings, dream_states};
use crate::error::EnergyError;
use crate::net::LayeredNet;
use crate::relax::{Phase, Relaxer};

/// One sleep step on `input` (`inputs × batch`) with its `labels`, rate `rate`.
pub fn sleep_step(
    net: &mut LayeredNet,
    input: &Mat<f32>,
    labels: &[usize],
    settings: &DreamSettings,
    rate: f32,
) -> Result<(), EnergyError> {
    let batch = input.ncols();
    let output = net.output_layer();
    let target = one_hot(net.outputs(), labels);
    let mut wake: Vec<Mat<f32>> = net.sizes.iter().map(|&n| Mat::zeros(n, batch)).collect();
    wake[0] = input.clone();
    wake[output] = target;
    let clamped: Vec<bool> = (0..net.sizes.len())
        .map(|l| l == 0 || l == output)
        .collect();
    let phase = Phase {
        clamped: &clamped,
        nudge: None,
        steps: settings.steps,
        step_size: settings.step_size,
        name: "wake",
        masks: None,
        same_input: false,
    };
    Relaxer::default().relax(net, &mut wake, &phase)?;
    let start = Mat::zeros(net.inputs(), batch);
    let dream = dream_states(net, start, labels, settings)?;
    let scale = rate / batch as f32;
    for l in 0..net.weights.len() {
        gemm(
            &mut net.weights[l],
            true,
            wake[l].as_ref(),
            wake[l + 1].transpose(),
            scale,
        );
        gemm(
            &mut net.weights[l],
            true,
            dream[l].as_ref(),
            dream[l + 1].transpose(),
            -scale,
        );
    }
    for l in 0..net.biases.len() {
        add_row_sums(&mut net.biases[l], &wake[l], scale);
        add_row_sums(&mut net.biases[l], &dream[l], -scale);
    }
    Ok(())
}
