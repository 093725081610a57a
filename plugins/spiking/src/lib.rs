//! # neurarium_spiking — spiking regions and projections
//!
//! A **region** (population) is an entity with a [`Region`](region::Region) name and size, a
//! neuron model component ([`LifNeurons`](lif::LifNeurons),
//! [`CobaNeurons`](coba::CobaNeurons), [`IzhikevichNeurons`](izhikevich::IzhikevichNeurons),
//! [`HodgkinHuxleyNeurons`](hodgkin_huxley::HodgkinHuxleyNeurons), or a spike source:
//! [`PoissonSource`](poisson::PoissonSource) or [`Encoder`](encoder::Encoder)), its
//! [`Spikes`](region::Spikes) of the current step, its incoming [`DelayRing`](delay::DelayRing),
//! the [`SpikeRaster`](monitor::SpikeRaster) and [`PopulationRate`](monitor::PopulationRate)
//! monitors, and optionally [`StateProbe`](monitor::StateProbe)s, a [`Readout`](decoder::Readout)
//! and [`PoissonInput`](poisson_input::PoissonInput) background drive. Neurons are rows in
//! column vectors, never entities. A scene describes the network with the types of [`spec`];
//! [`check`] validates it as a whole and [`spawn`] builds it.
//!
//! A **projection** is an entity with a [`ProjectionLink`](projection::ProjectionLink) (source
//! and target regions, delay) and its synapses as CSR arrays in
//! [`Synapses`](projection::Synapses); optionally short-term plasticity state
//! ([`stp`]), long-term plasticity state ([`stdp`], [`bcm`]) and homeostatic scaling state
//! ([`homeostasis`]).
//!
//! One step, in the sets of `neurarium_sim` (systems of features a scene does not use are not
//! scheduled, [`plugin::schedule_features`]):
//! - `Sense`: tasks set encoder values;
//! - `Deliver` + `Integrate` (one system per model): background Poisson input is added to
//!   this step's ring slot ([`poisson_input`]), the slot becomes each region's synaptic input and membrane potentials advance by `dt` ([`lif`], [`coba`],
//!   [`izhikevich`], [`hodgkin_huxley`]; thresholds may move, [`dynamic_threshold`]); every
//!   model implements [`NeuronDynamics`](dynamics::NeuronDynamics); non-finite values are
//!   faults;
//! - `Spike`: thresholds, Poisson draws and encoders ([`encoder`]) decide who fires; spikes
//!   are recorded and queued
//!   on every outgoing projection `delay` steps ahead, scaled by short-term efficacy
//!   ([`stp`]);
//! - `Learn`: STDP traces and weight (or eligibility) changes ([`stdp`]), or BCM ([`bcm`]),
//!   weight changes times the global [`LearningRate`](learning_rate::LearningRate) factor;
//! - `Modulate`: dopamine (global and named channels) decays and turns eligibility into
//!   weight changes ([`dopamine`]);
//! - `Grow`: homeostatic synaptic scaling ([`homeostasis`]);
//! - `Act`: readouts decode spike counts, winner-take-all pools, potentials ([`decoder`]);
//! - `Record`: firing rates, mean potentials, probes and winners go into the metrics row.
//!
//! Where a scene uses only models, Poisson sources, background input and static or
//! short-term-plastic synapses, quiet steps (no metrics row, no episode end) run in blocks as
//! long as the shortest delay, one system call per block and stage ([`block`]).
//!
//! Units: time in ms, potentials in mV, currents in nA, resistances in MΩ (MΩ · nA = mV),
//! conductances in nS, capacitances in pF, rates in Hz. Synaptic weights are in the unit of
//! the target's input: mV (jumps of the potential) for LIF, nS for conductance-based LIF.

pub mod bcm;
pub mod block;
pub mod check;
pub mod checkpoint;
pub mod coba;
pub mod decoder;
pub mod delay;
pub mod dopamine;
pub mod dynamic_threshold;
pub mod dynamics;
pub mod encoder;
pub mod error;
pub mod hodgkin_huxley;
pub mod homeostasis;
pub mod izhikevich;
pub mod learning_rate;
pub mod lif;
pub mod monitor;
pub mod plugin;
pub mod poisson;
pub mod poisson_input;
pub mod projection;
pub mod record;
pub mod region;
pub mod spawn;
pub mod spec;
pub mod stdp;
pub mod stp;
pub mod threshold;

/// The types a scene or a panel usually needs.
pub mod prelude {
    pub use crate::bcm::BcmParams;
    pub use crate::coba::{CobaNeurons, CobaParams};
    pub use crate::decoder::{Readout, ReadoutKind};
    pub use crate::delay::Receptor;
    pub use crate::dopamine::{Dopamine, DopamineChannels};
    pub use crate::dynamic_threshold::DynamicThresholdParams;
    pub use crate::dynamics::NeuronDynamics;
    pub use crate::encoder::{Encoder, EncoderParams, EncodingKind};
    pub use crate::error::SpikingError;
    pub use crate::hodgkin_huxley::{HodgkinHuxleyNeurons, HodgkinHuxleyParams};
    pub use crate::homeostasis::{ScalingState, SynapticScaling};
    pub use crate::izhikevich::{IzhikevichNeurons, IzhikevichParams, IzhikevichPattern};
    pub use crate::learning_rate::LearningRate;
    pub use crate::lif::{LifNeurons, LifParams};
    pub use crate::monitor::{PopulationRate, SpikeRaster, StateProbe};
    pub use crate::plugin::SpikingPlugin;
    pub use crate::poisson::{PoissonParams, PoissonSource};
    pub use crate::poisson_input::{PoissonInput, PoissonInputParams};
    pub use crate::projection::{Connectivity, Layout, ProjectionLink, Synapses, WeightInit};
    pub use crate::region::{Region, Spikes};
    pub use crate::spawn::{despawn_network, spawn_network};
    pub use crate::spec::{NeuronModel, ProjectionSpec, RegionSpec};
    pub use crate::stdp::{Plastic, Plasticity, RewardStdpParams, StdpParams, StdpRule};
    pub use crate::stp::{ShortTermPlasticity, ShortTermState, StpParams};
}
