//! Dreams: the output clamped to a class, the input set free, the network relaxes and the input
//! layer shows what it "expects" for that class.
//!
//! The same relaxation as everywhere ([`crate::relax`]), with the clamps swapped: the output
//! layer held at the one-hot code of the class, every other layer (the input included) free.
//! The input then settles where `−∂E/∂s_0 = −s_0 + s_1 W_0ᵀ + b_0` vanishes (inside `0..1`):
//! each pixel the sum of the hidden units' weights onto it, weighted by how active the dream
//! makes them. Starting from noise (`start_noise`) gives different dreams of one class.

use faer::Mat;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::data::one_hot;
use crate::error::EnergyError;
use crate::net::LayeredNet;
use crate::relax::{Phase, Relaxer};

/// How to dream.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DreamSettings {
    /// Relaxation steps.
    pub steps: usize,
    /// Step size `ε`.
    pub step_size: f32,
    /// The input starts uniform in `0..start_noise` (0: all zeros, one dream per class).
    pub start_noise: f32,
    /// Scale each dream so its brightest pixel is 1, like the inputs the network learnt from
    /// (a dream is often a faint version of its class).
    pub full_contrast: bool,
}

impl Default for DreamSettings {
    fn default() -> Self {
        Self {
            steps: 100,
            step_size: 0.5,
            start_noise: 0.0,
            full_contrast: false,
        }
    }
}

/// One dream per entry of `classes` (`inputs × classes.len()`), each column an input image,
/// started from zeros or from noise (`settings.start_noise`).
pub fn dream(
    net: &LayeredNet,
    classes: &[usize],
    settings: &DreamSettings,
    rng: &mut ChaCha8Rng,
) -> Result<Mat<f32>, EnergyError> {
    let start = Mat::from_fn(net.inputs(), classes.len(), |_, _| {
        if settings.start_noise > 0.0 {
            rng.random_range(0.0..settings.start_noise)
        } else {
            0.0
        }
    });
    dream_from(net, start, classes, settings)
}

/// Dreams of `classes` whose input starts from the columns of `start` (`inputs ×
/// classes.len()`): a real image drifts towards what the network expects of the class.
pub fn dream_from(
    net: &LayeredNet,
    start: Mat<f32>,
    classes: &[usize],
    settings: &DreamSettings,
) -> Result<Mat<f32>, EnergyError> {
    let mut dreams = dream_states(net, start, classes, settings)?.swap_remove(0);
    if settings.full_contrast {
        for j in 0..dreams.ncols() {
            let column = dreams.col_as_slice_mut(j);
            let brightest = column.iter().copied().fold(0.0f32, f32::max);
            if brightest > 0.0 {
                column.iter_mut().for_each(|x| *x /= brightest);
            }
        }
    }
    Ok(dreams)
}

/// Every layer's states at the end of the dreams of `classes` started from `start`: the
/// input dreamt (`states[0]`), and the hidden layers as the clamped output holds them.
pub fn dream_states(
    net: &LayeredNet,
    start: Mat<f32>,
    classes: &[usize],
    settings: &DreamSettings,
) -> Result<Vec<Mat<f32>>, EnergyError> {
    let outputs = net.outputs();
    if let Some(bad) = classes.iter().find(|&&c| c >= outputs) {
        return Err(EnergyError::Shape(format!(
            "cannot dream class {bad}: the network has {outputs} outputs"
        )));
    }
    let batch = classes.len();
    if start.shape() != (net.inputs(), batch) {
        return Err(EnergyError::Shape(format!(
            "dream starts of shape {:?}, expected {} inputs × {batch} dreams",
            start.shape(),
            net.inputs()
        )));
    }
    let mut states: Vec<Mat<f32>> = net.sizes.iter().map(|&n| Mat::zeros(n, batch)).collect();
    states[0] = start;
    let output = net.output_layer();
    states[output] = one_hot(outputs, classes);
    let clamped: Vec<bool> = (0..net.sizes.len()).map(|l| l == output).collect();
    let phase = Phase {
        clamped: &clamped,
        nudge: None,
        steps: settings.steps,
        step_size: settings.step_size,
        name: "dream",
        masks: None,
        same_input: false,
    };
    Relaxer::default().relax(net, &mut states, &phase)?;
    Ok(states)
}
