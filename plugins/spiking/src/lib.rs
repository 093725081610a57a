//! # neurarium_spiking — spiking networks
//!
//! | folder | what |
//! |---|---|
//! | [`models`] | neuron models (LIF, COBA, Izhikevich, Hodgkin–Huxley), declared in one place with the spike sources |
//! | [`competitive`] | Diehl & Cook's unsupervised STDP layer, its own network kind (`Competitive`) |
//! | [`coding`] | spike sources: Poisson, encoders (a brain's input ports); readouts (its output ports) |
//! | [`synapses`] | projections as CSR arrays, delays and receptors, short-term plasticity, background Poisson input |
//! | [`plasticity`] | learning rules (STDP, R-STDP, BCM) declared in one place; dopamine; homeostatic scaling |
//! | [`growth`] | structural plasticity: neurogenesis, apoptosis, synaptogenesis, pruning |
//! | [`lesion`] | a share of a region's neurons removed whenever learning is off (after training) |
//! | [`monitors`] | rasters, population rates, state probes; the network's metrics columns |
//! | [`decay`] | exponential decay of state variables, flushed to 0 below the normal range of `f32` or a floor |
//! | [`network`] | the scene's network spec, its checks, spawning, the network kind, checkpoints, block stepping |
//!
//! A **region** (population) is an entity with a [`Region`](network::region::Region) name and
//! size, a neuron model component (or a spike source), its
//! [`Spikes`](network::region::Spikes) of the current step, its incoming
//! [`DelayRing`](synapses::delay::DelayRing), monitors, and optionally state probes, a readout
//! and background input. Neurons are rows in column vectors, never entities. A **projection**
//! is an entity with a [`ProjectionLink`](synapses::projection::ProjectionLink) (source and
//! target regions, delay) and its synapses as CSR arrays in
//! [`Synapses`](synapses::projection::Synapses), with optional plasticity state.
//!
//! One step, in the sets of `neurarium_sim` (systems of features a scene does not use are not
//! scheduled; [`plugin::SpikingSystems`] orders those of different models):
//! - `Sense`: tasks write the input ports of encoder regions;
//! - `Integrate`: background input and this step's synaptic input are delivered, membrane
//!   potentials advance by `dt`; non-finite values are faults;
//! - `Spike`: thresholds, Poisson draws and encoders decide who fires; spikes are recorded and
//!   queued on every outgoing projection `delay` steps ahead, scaled by short-term efficacy;
//! - `Learn`: the learning rule of every plastic projection, times the global learning rate;
//! - `Modulate`: dopamine decays and turns eligibility into weight changes;
//! - `Grow`: homeostatic synaptic scaling, then structural plasticity on its own cadence;
//! - `Act` (`ActSet::Decode`): readouts decode spikes into the output ports;
//! - `Reward` (`RewardSet::Teach`): the task's rewards become dopamine;
//! - `Record` (`RecordSet::Readouts`, `RecordSet::Network`): winners, rates, potentials and
//!   probes go into the metrics row.
//!
//! Where a scene uses only models, Poisson sources, background input and static or
//! short-term-plastic synapses, quiet steps (no metrics row, no episode end) run in blocks as
//! long as the shortest delay, one system call per block and stage ([`network::block`]).
//!
//! Units: time in ms, potentials in mV, currents in nA, resistances in MΩ (MΩ · nA = mV),
//! conductances in nS, capacitances in pF, rates in Hz. Synaptic weights are in the unit of
//! the target's input: mV (jumps of the potential) for LIF, nS for conductance-based LIF.

pub mod coding;
pub mod competitive;
pub mod decay;
pub mod error;
pub mod growth;
pub mod lesion;
pub mod models;
pub mod monitors;
pub mod network;
pub mod plasticity;
pub mod plugin;
pub mod synapses;

/// The types a scene, a test or a panel usually needs.
pub mod prelude {
    pub use crate::coding::decoder::{Readout, ReadoutKind};
    pub use crate::coding::encoder::{Encoder, EncoderParams, EncodingKind};
    pub use crate::coding::poisson::{PoissonParams, PoissonSource};
    pub use crate::competitive::brain::CompetitiveBrain;
    pub use crate::competitive::params::CompetitiveParams;
    pub use crate::error::SpikingError;
    pub use crate::growth::neurons::GrowingRegion;
    pub use crate::growth::rewiring::Rewiring;
    pub use crate::growth::spec::{NeuronGrowth, SynapseGrowth};
    pub use crate::models::coba::{CobaNeurons, CobaParams};
    pub use crate::models::dynamic_threshold::DynamicThresholdParams;
    pub use crate::models::dynamics::NeuronDynamics;
    pub use crate::models::hodgkin_huxley::{HodgkinHuxleyNeurons, HodgkinHuxleyParams};
    pub use crate::models::izhikevich::{IzhikevichNeurons, IzhikevichParams, IzhikevichPattern};
    pub use crate::models::lif::{LifNeurons, LifParams};
    pub use crate::models::{NeuronModel, schedule_all_probes};
    pub use crate::monitors::monitor::{PopulationRate, SpikeRaster, StateProbe};
    pub use crate::network::kind::SpikingNetwork;
    pub use crate::network::region::{Region, Spikes};
    pub use crate::network::spawn::spawn_network;
    pub use crate::network::spec::{ProjectionSpec, RegionSpec, SpikingNetworkSpec};
    pub use crate::plasticity::Plasticity;
    pub use crate::plasticity::bcm::BcmParams;
    pub use crate::plasticity::critic::{Critic, CriticParams};
    pub use crate::plasticity::dopamine::{Dopamine, DopamineChannels};
    pub use crate::plasticity::homeostasis::{ScalingState, SynapticScaling};
    pub use crate::plasticity::state::{Plastic, freeze_all};
    pub use crate::plasticity::stdp::{
        NEGLIGIBLE_DOPAMINE, RewardStdpParams, StdpParams, StdpRule,
    };
    pub use crate::plugin::SpikingPlugin;
    pub use crate::synapses::delay::Receptor;
    pub use crate::synapses::poisson_input::{PoissonInput, PoissonInputParams};
    pub use crate::synapses::projection::{
        Connectivity, Layout, ProjectionLink, Synapses, WeightInit,
    };
    pub use crate::synapses::stp::{ShortTermPlasticity, ShortTermState, StpParams};
}
