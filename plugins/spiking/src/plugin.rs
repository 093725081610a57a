//! [`SpikingPlugin`]: the spiking systems in their sets, and the `spiking` checkpoint section.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::checkpoint::SpikingStateAppExt;
use crate::coba::CobaNeurons;
use crate::delay::DelayRing;
use crate::dopamine::{Dopamine, decay_dopamine};
use crate::dynamics::{NeuronDynamics, deliver, fire, integrate, record_mean_potential};
use crate::izhikevich::IzhikevichNeurons;
use crate::lif::LifNeurons;
use crate::monitor::record_spikes;
use crate::poisson::PoissonSource;
use crate::poisson::fire_poisson;
use crate::projection::{ProjectionLink, Synapses, propagate_spikes};
use crate::record::record_region_rates;
use crate::region::{Region, Spikes};
use crate::stdp::{IncomingSynapses, Plastic, learn_stdp, modulate_weights};

/// Adds the spiking systems to [`SimStep`]. Needs [`SimPlugin`].
///
/// For each neuron model `M` ([`LifNeurons`], [`CobaNeurons`], [`IzhikevichNeurons`]):
/// `Deliver`: [`deliver::<M>`](deliver); `Integrate`: [`integrate::<M>`](integrate);
/// `Spike`: [`fire::<M>`](fire); `Record`: [`record_mean_potential::<M>`](record_mean_potential).
/// Then, in `Spike`: [`fire_poisson`] → [`record_spikes`] → [`propagate_spikes`]; in `Learn`:
/// [`learn_stdp`]; in `Modulate`: [`decay_dopamine`] → [`modulate_weights`]; in `Record`:
/// [`record_region_rates`] first. Resource: [`Dopamine`] (checkpoint section `dopamine`).
pub struct SpikingPlugin;

impl Plugin for SpikingPlugin {
    fn build(&self, app: &mut App) {
        // Registered up front so checkpoints can query them before any system ran.
        let world = app.world_mut();
        world.register_component::<Region>();
        world.register_component::<ProjectionLink>();
        world.register_component::<IncomingSynapses>();
        app.save_region_state::<Spikes>("spikes")
            .save_region_state::<DelayRing>("delay ring")
            .save_region_state::<PoissonSource>("poisson")
            .save_projection_state::<Synapses>("synapses")
            .save_projection_state::<Plastic>("plasticity");
        add_model::<LifNeurons>(app, "lif");
        add_model::<CobaNeurons>(app, "coba");
        add_model::<IzhikevichNeurons>(app, "izhikevich");
        app.add_systems(
            SimStep,
            (
                (fire_poisson, record_spikes, propagate_spikes)
                    .chain()
                    .after(ModelSystems::Fire)
                    .in_set(SimSet::Spike),
                learn_stdp.in_set(SimSet::Learn),
                (decay_dopamine, modulate_weights)
                    .chain()
                    .in_set(SimSet::Modulate),
                record_region_rates
                    .before(ModelSystems::Record)
                    .in_set(SimSet::Record),
            ),
        )
        .init_resource::<Dopamine>()
        .checkpoint_resource::<Dopamine>("dopamine")
        .configure_sets(SimStep, ModelSystems::Fire.in_set(SimSet::Spike))
        .configure_sets(SimStep, ModelSystems::Record.in_set(SimSet::Record))
        .register_checkpoint_section(
            crate::checkpoint::SECTION,
            crate::checkpoint::save,
            crate::checkpoint::load,
        );
    }
}

/// Groups the per-model systems so the shared ones can be ordered around them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModelSystems {
    /// Every model's threshold and reset.
    Fire,
    /// Every model's metrics.
    Record,
}

/// Adds the systems of neuron model `M`.
pub fn add_model<M: NeuronDynamics>(app: &mut App, name: &'static str) {
    app.save_region_state::<M>(name);
    app.add_systems(
        SimStep,
        (
            deliver::<M>.in_set(SimSet::Deliver),
            integrate::<M>.in_set(SimSet::Integrate),
            fire::<M>.in_set(ModelSystems::Fire),
            record_mean_potential::<M>.in_set(ModelSystems::Record),
        ),
    );
}
