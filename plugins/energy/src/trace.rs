//! One example relaxed step by step, with its energy after every step: what the window plots
//! ("energy during relaxation") and what the drawing pad answers with.
//!
//! The free phase of [`crate::eqprop::EqProp::free_phase`] run one step at a time: the input
//! clamped, every other layer from zero, `T = free_steps` steps of size `ε`; after each, the
//! Hopfield energy `E = ½Σs² − Σ sᵢWᵢⱼsⱼ − Σ bᵢsᵢ` of the state. Stepping one at a time
//! changes nothing (each step depends only on the states before it), so the final states are
//! the free equilibrium the network classifies with.

use faer::Mat;

use crate::energy::energy;
use crate::eqprop::{EqPropSettings, initial_states, input_clamped};
use crate::error::EnergyError;
use crate::net::LayeredNet;
use crate::relax::{Phase, Relaxer};
use crate::train::Learner;

/// A traced relaxation of one example.
#[derive(Debug, Clone, PartialEq)]
pub struct Traced {
    /// Every layer's states at the end (the last is the output).
    pub states: Vec<Vec<f32>>,
    /// `E` before the first step, then after each step: `free_steps + 1` values.
    pub energy: Vec<f32>,
}

impl Traced {
    /// The output layer's states.
    pub fn output(&self) -> &[f32] {
        &self.states[self.states.len() - 1]
    }
}

/// One example as a column, if it has as many values as the network has inputs.
fn example_column(net: &LayeredNet, input: &[f32]) -> Result<Mat<f32>, EnergyError> {
    if input.len() != net.inputs() {
        return Err(EnergyError::Shape(format!(
            "an example of {} values for a network of {} inputs",
            input.len(),
            net.inputs()
        )));
    }
    Ok(Mat::from_fn(input.len(), 1, |i, _| input[i]))
}

/// Relaxes `input` (one example, `inputs` values) with the free phase of `settings`,
/// recording the energy after every step.
pub fn relax_traced(
    net: &LayeredNet,
    input: &[f32],
    settings: &EqPropSettings,
) -> Result<Traced, EnergyError> {
    let column = example_column(net, input)?;
    let mut states = initial_states(net, &column);
    let clamped = input_clamped(net);
    let mut relaxer = Relaxer::default();
    let mut trace = vec![energy(net, &states, None)[0]];
    for step in 0..settings.free_steps {
        let phase = Phase {
            clamped: &clamped,
            nudge: None,
            steps: 1,
            step_size: settings.step_size,
            name: "free",
            masks: None,
            same_input: step > 0,
        };
        relaxer.relax(net, &mut states, &phase)?;
        trace.push(energy(net, &states, relaxer.input_product())[0]);
    }
    Ok(Traced {
        states: states
            .iter()
            .map(|s| (0..s.nrows()).map(|i| s[(i, 0)]).collect())
            .collect(),
        energy: trace,
    })
}

/// The network's answer to one example as its `learner` computes it: the traced free phase
/// (EqProp), or the forward pass (backprop: no energy, `energy` empty).
pub fn trace_answer(
    net: &LayeredNet,
    learner: &Learner,
    input: &[f32],
) -> Result<Traced, EnergyError> {
    match learner {
        Learner::EqProp(settings) => relax_traced(net, input, settings),
        Learner::Backprop => {
            let column = example_column(net, input)?;
            let activations = crate::backprop::forward(net, &column);
            Ok(Traced {
                states: activations
                    .iter()
                    .map(|s| (0..s.nrows()).map(|i| s[(i, 0)]).collect())
                    .collect(),
                energy: Vec::new(),
            })
        }
    }
}
