//! The integration tests of neurarium_spiking: one test binary, a module per concept.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod coding;
mod common;
mod dynamics;
mod growth;
mod hodgkin_huxley;
mod izhikevich;
mod memory;
mod plasticity;
mod registry;
mod synapses;
mod thresholds;
