//! The network as a whole: what a scene writes, how it is checked, built, saved and stepped
//! in blocks.
//!
//! | module | what |
//! |---|---|
//! | [`spec`] | the scene's regions and projections ([`SpikingNetworkSpec`](spec::SpikingNetworkSpec)) |
//! | [`check`] | cross-references checked before anything is spawned, errors naming the field |
//! | [`memory`] | the memory a network needs, refused before allocation when the machine lacks it |
//! | [`spawn`] | building the network's entities from the spec |
//! | [`region`] | a region: its name, size and the spikes of the step |
//! | [`kind`] | the spiking network as a [`NetworkKind`](neurarium_sim::prelude::NetworkKind): ports, spawn, learning off |
//! | [`checkpoint`] | the `spiking` checkpoint section: every region's and projection's state |
//! | [`block`] | block counterparts of the step systems: many quiet steps in one call |

pub mod block;
pub mod check;
pub mod checkpoint;
pub mod kind;
pub mod memory;
pub mod region;
pub mod spawn;
pub mod spec;
