//! # neurarium_spiking — spiking regions and projections
//!
//! A **region** (population) is an entity with a [`Region`](region::Region) name and size, a
//! neuron model component ([`LifNeurons`](lif::LifNeurons),
//! [`CobaNeurons`](coba::CobaNeurons), [`IzhikevichNeurons`](izhikevich::IzhikevichNeurons)
//! or [`PoissonSource`](poisson::PoissonSource)), its [`Spikes`](region::Spikes) of the current
//! step, its incoming [`DelayRing`](delay::DelayRing) and a [`SpikeRaster`](monitor::SpikeRaster)
//! monitor. Neurons are rows in column vectors, never entities.
//!
//! A **projection** is an entity with a [`ProjectionLink`](projection::ProjectionLink) (source
//! and target regions, delay) and its synapses as CSR arrays in
//! [`Synapses`](projection::Synapses).
//!
//! One step, in the sets of `neurarium_sim`:
//! - `Deliver`: the delay ring slot of this step becomes each region's synaptic input;
//! - `Integrate`: membrane potentials advance by `dt` ([`lif`], [`coba`], [`izhikevich`]);
//!   every model implements [`NeuronDynamics`](dynamics::NeuronDynamics); non-finite values
//!   are faults;
//! - `Spike`: thresholds and Poisson draws decide who fires; spikes are recorded and queued
//!   on every outgoing projection `delay` steps ahead;
//! - `Learn`: STDP traces and weight (or eligibility) changes ([`stdp`]);
//! - `Modulate`: dopamine decays and turns eligibility into weight changes ([`dopamine`]);
//! - `Record`: firing rates and mean potentials go into the metrics row.
//!
//! Units: time in ms, potentials in mV, currents in nA, resistances in MΩ (MΩ · nA = mV),
//! conductances in nS, capacitances in pF, rates in Hz. Synaptic weights are in the unit of
//! the target's input: mV (jumps of the potential) for LIF, nS for conductance-based LIF.

pub mod checkpoint;
pub mod coba;
pub mod delay;
pub mod dopamine;
pub mod dynamics;
pub mod error;
pub mod izhikevich;
pub mod lif;
pub mod monitor;
pub mod plugin;
pub mod poisson;
pub mod projection;
pub mod record;
pub mod region;
pub mod spawn;
pub mod stdp;
pub mod threshold;

/// The types a scene or a panel usually needs.
pub mod prelude {
    pub use crate::coba::{CobaNeurons, CobaParams};
    pub use crate::delay::Receptor;
    pub use crate::dopamine::Dopamine;
    pub use crate::dynamics::NeuronDynamics;
    pub use crate::error::SpikingError;
    pub use crate::izhikevich::{IzhikevichNeurons, IzhikevichParams, IzhikevichPattern};
    pub use crate::lif::{LifNeurons, LifParams};
    pub use crate::monitor::SpikeRaster;
    pub use crate::plugin::SpikingPlugin;
    pub use crate::poisson::{PoissonParams, PoissonSource};
    pub use crate::projection::{Connectivity, ProjectionLink, Synapses, WeightInit};
    pub use crate::region::{Region, Spikes};
    pub use crate::spawn::{
        NeuronModel, ProjectionSpec, RegionSpec, despawn_network, spawn_network,
    };
    pub use crate::stdp::{Plastic, Plasticity, RewardStdpParams, StdpParams, StdpRule};
}
