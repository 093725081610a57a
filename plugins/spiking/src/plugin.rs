//! [`SpikingPlugin`]: the spiking systems in their sets, and the `spiking` checkpoint section.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::block::{
    advance_poisson_sources, advance_regions, decay_dopamine_block, propagate_block, record_block,
};
use crate::checkpoint::SpikingStateAppExt;
use crate::coba::CobaNeurons;
use crate::decoder::{Readout, ReadoutKind, decode_membrane, decode_spikes, record_winners};
use crate::delay::DelayRing;
use crate::dopamine::{Dopamine, DopamineChannels, decay_dopamine, decay_dopamine_channels};
use crate::dynamics::{NeuronDynamics, fire, integrate, record_mean_potential};
use crate::encoder::{Encoder, fire_encoders};
use crate::hodgkin_huxley::HodgkinHuxleyNeurons;
use crate::homeostasis::{ScalingState, scale_synapses};
use crate::izhikevich::IzhikevichNeurons;
use crate::learning_rate::LearningRate;
use crate::lif::LifNeurons;
use crate::monitor::{StateProbe, probe_state, record_spikes};
use crate::poisson::PoissonSource;
use crate::poisson::fire_poisson;
use crate::poisson_input::PoissonInput;
use crate::projection::{ProjectionLink, Synapses, propagate_spikes};
use crate::record::record_region_rates;
use crate::region::{Region, Spikes};
use crate::spec::{NeuronModel, ProjectionSpec, RegionSpec};
use crate::stdp::{IncomingSynapses, Plastic, Plasticity, learn_stdp, modulate_weights};
use crate::stp::ShortTermState;

/// Adds the spiking systems to [`SimStep`]. Needs [`SimPlugin`].
///
/// For each neuron model `M` in use ([`LifNeurons`], [`CobaNeurons`], [`IzhikevichNeurons`],
/// [`HodgkinHuxleyNeurons`]; see [`schedule_model`]): `Integrate`:
/// [`integrate::<M>`](integrate) (delivery and integration); `Spike`: [`fire::<M>`](fire); `Act`:
/// [`decode_membrane::<M>`](decode_membrane); `Record`:
/// [`record_mean_potential::<M>`](record_mean_potential), [`probe_state::<M>`](probe_state).
/// In `Spike`: [`fire_poisson`] → [`fire_encoders`] → [`record_spikes`] →
/// [`propagate_spikes`]; in `Act`: [`decode_spikes`] first; in `Learn`:
/// [`learn_stdp`]; in `Modulate`: [`decay_dopamine`] → [`decay_dopamine_channels`] →
/// [`modulate_weights`]; in `Grow`: [`scale_synapses`]; in `Record`: [`record_region_rates`]
/// and [`record_winners`] first. Resources: [`Dopamine`] (checkpoint section `dopamine`) and [`DopamineChannels`]
/// (section `dopamine channels`), [`LearningRate`] (section `learning rate`).
///
/// Models, Poisson sources and the shared systems above have block counterparts in
/// [`SimBlock`] ([`crate::block`]); encoders, readouts, probes, plasticity and homeostasis do
/// not, so a scene that uses them is stepped one step at a time.
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
            .save_region_state::<Encoder>("encoder")
            .save_region_state::<PoissonInput>("poisson input")
            .save_region_state::<Readout>("readout")
            .save_projection_state::<Synapses>("synapses")
            .save_projection_state::<Plastic>("plasticity")
            .save_projection_state::<ShortTermState>("short-term plasticity")
            .save_projection_state::<ScalingState>("homeostasis");
        add_model::<LifNeurons>(app, "lif");
        add_model::<CobaNeurons>(app, "coba");
        add_model::<IzhikevichNeurons>(app, "izhikevich");
        add_model::<HodgkinHuxleyNeurons>(app, "hodgkin-huxley");
        app.add_step_systems_with_block(
            (
                (record_spikes, propagate_spikes)
                    .chain()
                    .after(ModelSystems::Fire)
                    .in_set(SimSet::Spike),
                decay_dopamine.in_set(SimSet::Modulate),
                record_region_rates
                    .before(ModelSystems::Record)
                    .in_set(SimSet::Record),
            ),
            (
                (record_block, propagate_block)
                    .chain()
                    .in_set(SimSet::Spike),
                decay_dopamine_block.in_set(SimSet::Modulate),
            ),
        )
        .init_resource::<Dopamine>()
        .checkpoint_resource::<Dopamine>("dopamine")
        .init_resource::<DopamineChannels>()
        .checkpoint_resource::<DopamineChannels>("dopamine channels")
        .init_resource::<LearningRate>()
        .checkpoint_resource::<LearningRate>("learning rate")
        .configure_sets(SimStep, ModelSystems::Fire.in_set(SimSet::Spike))
        .configure_sets(SimStep, ModelSystems::Record.in_set(SimSet::Record))
        .configure_sets(SimStep, ModelSystems::Act.in_set(SimSet::Act))
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
    /// Every model's metrics and probes.
    Record,
    /// Every model's membrane readouts.
    Act,
}

/// Registers neuron model `M`: its state goes into checkpoints under `name`; its systems are
/// scheduled when a region of it is first spawned ([`schedule_model`]).
pub fn add_model<M: NeuronDynamics>(app: &mut App, name: &'static str) {
    app.save_region_state::<M>(name);
}

/// Schedules the systems of neuron model `M` (once), and those of its optional parts the
/// region `spec` uses: state probes and the membrane readout.
pub fn schedule_model<M: NeuronDynamics>(world: &mut World, spec: &RegionSpec) {
    schedule_once_with_block(
        world,
        std::any::type_name::<M>(),
        (
            integrate::<M>.in_set(SimSet::Integrate),
            fire::<M>.in_set(ModelSystems::Fire),
            record_mean_potential::<M>.in_set(ModelSystems::Record),
        ),
        advance_regions::<M>.in_set(SimSet::Integrate),
    );
    if !spec.probes.is_empty() {
        schedule_probes::<M>(world);
    }
    if spec.readout == ReadoutKind::Membrane {
        schedule_once(
            world,
            std::any::type_name::<(M, Readout)>(),
            decode_membrane::<M>.in_set(ModelSystems::Act),
        );
    }
}

/// Schedules the state-probe systems of every neuron model, for a panel that adds a
/// [`StateProbe`] to a region at run time (call it outside a run of [`SimStep`]).
pub fn schedule_all_probes(world: &mut World) {
    schedule_probes::<LifNeurons>(world);
    schedule_probes::<CobaNeurons>(world);
    schedule_probes::<IzhikevichNeurons>(world);
    schedule_probes::<HodgkinHuxleyNeurons>(world);
}

fn schedule_probes<M: NeuronDynamics>(world: &mut World) {
    schedule_once(
        world,
        std::any::type_name::<(M, StateProbe)>(),
        probe_state::<M>.in_set(ModelSystems::Record),
    );
}

/// Schedules the systems of the optional features `regions` and `projections` use (once
/// each): spike sources, background input, readouts, plasticity, homeostasis.
pub fn schedule_features(
    world: &mut World,
    regions: &[RegionSpec],
    projections: &[ProjectionSpec],
) {
    if regions
        .iter()
        .any(|r| matches!(r.model, NeuronModel::Poisson(_)))
    {
        schedule_once_with_block(
            world,
            "poisson sources",
            fire_poisson
                .after(ModelSystems::Fire)
                .before(record_spikes)
                .in_set(SimSet::Spike),
            advance_poisson_sources
                .before(record_block)
                .in_set(SimSet::Spike),
        );
    }
    if regions
        .iter()
        .any(|r| matches!(r.model, NeuronModel::Encoder(_)))
    {
        schedule_once(
            world,
            "encoders",
            fire_encoders
                .after(ModelSystems::Fire)
                .before(record_spikes)
                .in_set(SimSet::Spike),
        );
    }
    if regions.iter().any(|r| r.readout != ReadoutKind::None) {
        schedule_once(
            world,
            "readouts",
            (
                decode_spikes.before(ModelSystems::Act).in_set(SimSet::Act),
                record_winners
                    .before(ModelSystems::Record)
                    .in_set(SimSet::Record),
            ),
        );
    }
    if projections.iter().any(|p| p.plasticity != Plasticity::None) {
        schedule_once(
            world,
            "plasticity",
            (
                learn_stdp.in_set(SimSet::Learn),
                (decay_dopamine_channels, modulate_weights)
                    .chain()
                    .after(decay_dopamine)
                    .in_set(SimSet::Modulate),
            ),
        );
    }
    if projections.iter().any(|p| p.homeostasis.is_some()) {
        schedule_once(world, "homeostasis", scale_synapses.in_set(SimSet::Grow));
    }
}
