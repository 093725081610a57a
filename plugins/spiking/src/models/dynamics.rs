//! The interface every neuron model implements, and the generic systems that drive it.
//!
//! A model is a component holding the state of all neurons of a region as columns. Per step,
//! [`integrate`] (`Integrate`) first adds the step's background input to the region's
//! [`DelayRing`], if it has [`PoissonInput`], and delivers this step's synaptic input from the
//! ring (the `Sense` and `Deliver` work, done in the same system call to save schedule
//! dispatches per model and step), then advances the model by `dt` and reports non-finite state
//! as a fault; [`fire`] applies threshold and reset (`Spike`), and [`record_mean_potential`]
//! writes `mean_v_mv/<region>` into an open metrics row (`Record`).

use bevy::ecs::component::Mutable;
use bevy::prelude::*;
use neurarium_sim::fault::{Fault, SimFault};
use neurarium_sim::prelude::{LearningRate, Metrics, SimClock};

use crate::monitors::MEAN_V_MV;
use crate::network::region::{Region, Spikes};
use crate::plasticity::modulators::{Effect, Modulated};
use crate::synapses::delay::DelayRing;
use crate::synapses::poisson_input::PoissonInput;

/// A neuron model's state and dynamics.
pub trait NeuronDynamics:
    Component<Mutability = Mutable> + Clone + serde::Serialize + serde::de::DeserializeOwned
{
    /// Takes this step's synaptic input, per neuron: excitatory and inhibitory channels.
    /// Must leave both slices zeroed (use [`take_sum`](crate::synapses::delay::take_sum) or
    /// [`take_difference`](crate::synapses::delay::take_difference)).
    fn receive(&mut self, excitatory: &mut [f32], inhibitory: &mut [f32]);
    /// Advances every neuron by one step; returns the first neuron with non-finite state.
    fn integrate(&mut self) -> Option<usize>;
    /// [`receive`](Self::receive) then [`integrate`](Self::integrate). A model may override
    /// it with one pass over its columns instead of two; the result must be the same.
    fn receive_and_integrate(
        &mut self,
        excitatory: &mut [f32],
        inhibitory: &mut [f32],
    ) -> Option<usize> {
        self.receive(excitatory, inhibitory);
        self.integrate()
    }
    /// Applies threshold and reset; writes the indices of the neurons that fired.
    fn fire(&mut self, fired: &mut Vec<u32>);
    /// Membrane potentials, mV.
    fn potentials(&self) -> &[f32];
    /// Describes the state of `neuron` for a fault message.
    fn describe(&self, neuron: usize) -> String {
        format!(
            "neuron {neuron} membrane potential is {}",
            self.potentials()[neuron]
        )
    }
}

/// A region as [`integrate`] steps it: its name, neurons, input ring, background input and the
/// modulators acting on it.
type IntegratedRegion<'a, M> = (
    &'a Region,
    &'a mut M,
    &'a mut DelayRing,
    Option<&'a mut PoissonInput>,
    Option<&'a Modulated>,
);

/// `Integrate`: adds this step's background input ([`PoissonInput`]) if the region has one,
/// takes the synaptic input arriving this step, then advances the model; non-finite state
/// stops the run with a fault.
pub fn integrate<M: NeuronDynamics>(
    clock: Res<SimClock>,
    learning: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
    mut regions: Query<IntegratedRegion<M>>,
) {
    for (region, mut neurons, mut ring, input, modulated) in &mut regions {
        if let Some(mut input) = input {
            let noise = modulated.map_or(1.0, |m| m.factor(Effect::Noise));
            input.add_to_ring(&mut ring, clock.step, &learning, f64::from(noise));
        }
        integrate_region(clock.step, region, &mut *neurons, &mut ring, &mut fault);
    }
}

/// Takes the input of `step` from `region`'s delay ring and advances its `neurons` one step;
/// non-finite state is reported as a fault. Returns whether the state is still finite.
pub fn integrate_region<M: NeuronDynamics>(
    step: u64,
    region: &Region,
    neurons: &mut M,
    ring: &mut DelayRing,
    fault: &mut SimFault,
) -> bool {
    let mut bad = None;
    ring.drain(step, |excitatory, inhibitory| {
        bad = neurons.receive_and_integrate(excitatory, inhibitory);
    });
    if let Some(neuron) = bad {
        fault.report(Fault {
            region: region.name.clone(),
            step,
            what: neurons.describe(neuron),
        });
    }
    bad.is_none()
}

/// `Spike`: threshold and reset.
pub fn fire<M: NeuronDynamics>(mut regions: Query<(&mut M, &mut Spikes)>) {
    for (mut neurons, mut spikes) in &mut regions {
        neurons.fire(&mut spikes.fired);
    }
}

/// `Record`: mean membrane potential of each region with this model, mV.
pub fn record_mean_potential<M: NeuronDynamics>(
    mut metrics: ResMut<Metrics>,
    regions: Query<(&Region, &M)>,
) {
    if !metrics.row_open() {
        return;
    }
    let mut regions: Vec<_> = regions.iter().collect();
    regions.sort_by_key(|(region, _)| region.index);
    for (region, neurons) in regions {
        let v = neurons.potentials();
        let mean = v.iter().map(|&v| f64::from(v)).sum::<f64>() / v.len().max(1) as f64;
        metrics.set_in(&MEAN_V_MV, &region.name, mean);
    }
}
