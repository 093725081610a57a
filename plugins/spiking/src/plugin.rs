//! [`SpikingPlugin`]: the spiking network kind, its systems' places in the step, its state in
//! checkpoints and its metrics columns.

use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;
use neurarium_sim::checkpoint::keep_scene_state;
use neurarium_sim::prelude::*;

use crate::coding::decoder::WINNER;
use crate::competitive::plugin::CompetitivePlugin;
use crate::growth::neurons::{GrowingRegion, RecentActivity};
use crate::growth::rewiring::Rewiring;
use crate::models::{NeuronModel, register_states};
use crate::monitors::monitor::record_spikes;
use crate::monitors::record::record_region_rates;
use crate::monitors::{MEAN_V_MV, MODULATOR_LEVEL, NEURONS, RATE_HZ, SYNAPSES, V_MV};
use crate::network::block::{decay_dopamine_block, propagate_block, record_block};
use crate::network::checkpoint::SpikingStateAppExt;
use crate::network::kind::SpikingNetwork;
use crate::network::region::{Region, Spikes};
use crate::plasticity::critic::Critic;
use crate::plasticity::dopamine::{Dopamine, DopamineChannels, decay_dopamine};
use crate::plasticity::homeostasis::ScalingState;
use crate::plasticity::modulators::ModulatorLevels;
use crate::plasticity::state::{IncomingSynapses, Plastic};
use crate::synapses::delay::DelayRing;
use crate::synapses::poisson_input::PoissonInput;
use crate::synapses::projection::{ProjectionLink, Synapses, propagate_spikes};
use crate::synapses::stp::ShortTermState;

/// The spiking network kind ([`SpikingNetwork`]), and the competitive layer's
/// ([`CompetitivePlugin`]). Needs [`SimPlugin`].
///
/// Systems every scene has (they cost nothing without regions): in `Spike`, after every
/// model and source has fired, [`record_spikes`] → [`propagate_spikes`]; in `Modulate`
/// [`decay_dopamine`]; in `Record` ([`RecordSet::Network`]) [`record_region_rates`]; each with
/// its block counterpart. The systems of each neuron model, spike source, readout, learning
/// rule and homeostasis are added by the scene that uses them ([`crate::models`],
/// [`crate::coding`], [`crate::plasticity`]) in their [`SpikingSystems`] place.
///
/// Resources: [`Dopamine`] (checkpoint section `dopamine`) and [`DopamineChannels`] (section
/// `dopamine channels`); section `spiking` holds every region's and projection's state.
pub struct SpikingPlugin;

impl Plugin for SpikingPlugin {
    fn build(&self, app: &mut App) {
        // Registered up front so checkpoints can query them before any system ran.
        let world = app.world_mut();
        world.register_component::<Region>();
        world.register_component::<ProjectionLink>();
        world.register_component::<IncomingSynapses>();
        register_states(app);
        app.save_region_state::<Spikes>("spikes")
            .save_region_state::<DelayRing>("delay ring")
            .save_region_state::<InputPort>("input port")
            .save_region_state::<PoissonInput>("poisson input")
            .save_region_state::<crate::coding::decoder::Readout>("readout")
            .save_region_state::<OutputPort>("output port")
            .save_projection_state::<Synapses>("synapses")
            .save_projection_state::<Plastic>("plasticity")
            .save_projection_state::<ShortTermState>("short-term plasticity")
            .save_projection_state::<ScalingState>("homeostasis")
            .save_region_structure::<GrowingRegion>("growth")
            .save_region_state::<RecentActivity>("activity")
            .save_projection_structure::<Rewiring>("rewiring");
        configure_stages(app);
        let last = NeuronModel::NAMES.len() - 1;
        app.add_step_systems_with_block(
            (
                (record_spikes, propagate_spikes)
                    .chain()
                    .after(SpikingSystems::Fire(last))
                    .in_set(SimSet::Spike),
                decay_dopamine.in_set(SimSet::Modulate),
                record_region_rates
                    .before(SpikingSystems::Record(0))
                    .in_set(RecordSet::Network),
            ),
            (
                (record_block, propagate_block)
                    .chain()
                    .after(SpikingSystems::Fire(last))
                    .in_set(SimSet::Spike),
                decay_dopamine_block.in_set(SimSet::Modulate),
            ),
        )
        .scene_resource::<Dopamine>()
        .checkpoint_resource::<Dopamine>("dopamine")
        .scene_resource::<Critic>()
        .register_optional_checkpoint_section(
            crate::plasticity::critic::SECTION,
            crate::plasticity::critic::save,
            crate::plasticity::critic::load,
            keep_scene_state,
        )
        .scene_resource::<ModulatorLevels>()
        .optional_checkpoint_resource::<ModulatorLevels>("modulators")
        .scene_resource::<DopamineChannels>()
        .checkpoint_resource::<DopamineChannels>("dopamine channels")
        .register_checkpoint_section(
            crate::network::checkpoint::SECTION,
            crate::network::checkpoint::save,
            crate::network::checkpoint::load,
        )
        .declare_metrics(
            &[],
            &[
                RATE_HZ,
                MEAN_V_MV,
                V_MV,
                WINNER,
                MODULATOR_LEVEL,
                NEURONS,
                SYNAPSES,
            ],
        )
        .register_network::<SpikingNetwork>()
        .add_plugins(CompetitivePlugin);
    }
}

/// The places of the spiking systems in the step. Each stage is indexed by the position of a
/// model or source in [`NeuronModel::NAMES`], and the indices of a stage run in order, so the
/// systems of different models never meet in an undefined order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpikingSystems {
    /// `Integrate`: delivery and integration of model `k` (block: its whole block).
    Integrate(usize),
    /// `Spike`: threshold and reset of model `k`, or the draws of source `k`.
    Fire(usize),
    /// `Act` (`ActSet::Decode`, after the spike-count readouts): membrane readouts of model `k`.
    Decode(usize),
    /// `Record` (`RecordSet::Network`, after the rates): mean potentials of model `k`.
    Record(usize),
    /// `Record` (after every mean potential): state probes of model `k`.
    Probe(usize),
}

/// Puts every stage's indices in order inside their set, in both step schedules.
fn configure_stages(app: &mut App) {
    let n = NeuronModel::NAMES.len();
    for schedule in [SimStep.intern(), SimBlock.intern()] {
        for k in 0..n {
            app.configure_sets(
                schedule,
                (
                    SpikingSystems::Integrate(k).in_set(SimSet::Integrate),
                    SpikingSystems::Fire(k).in_set(SimSet::Spike),
                    SpikingSystems::Decode(k).in_set(ActSet::Decode),
                    SpikingSystems::Record(k).in_set(RecordSet::Network),
                    SpikingSystems::Probe(k).in_set(RecordSet::Network),
                ),
            );
            if k > 0 {
                app.configure_sets(
                    schedule,
                    (
                        SpikingSystems::Integrate(k - 1).before(SpikingSystems::Integrate(k)),
                        SpikingSystems::Fire(k - 1).before(SpikingSystems::Fire(k)),
                        SpikingSystems::Decode(k - 1).before(SpikingSystems::Decode(k)),
                        SpikingSystems::Record(k - 1).before(SpikingSystems::Record(k)),
                        SpikingSystems::Probe(k - 1).before(SpikingSystems::Probe(k)),
                    ),
                );
            }
        }
        app.configure_sets(
            schedule,
            SpikingSystems::Record(n - 1).before(SpikingSystems::Probe(0)),
        );
    }
}
