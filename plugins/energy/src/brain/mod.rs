//! The energy network as a brain in a scene: a network kind beside the spiking one.
//!
//! `networks: [Energy((port: "digits", layers: [784, 500, 10], training: (…)))]` spawns one
//! entity holding an [`EnergyBrain`](network::EnergyBrain) (a [`Trainer`](crate::train::Trainer)
//! and what the window shows of its last batch) and an
//! [`ExamplePort`](neurarium_sim::prelude::ExamplePort) named `port`, through which a task
//! shows it batches of labelled examples. Each simulation step that carries a batch:
//!
//! | set | system | what |
//! |---|---|---|
//! | `Integrate` | [`relax`](systems::relax) | the free phase: the batch relaxes to its equilibrium (EqProp) or passes forward (backprop) |
//! | `Learn` | [`learn`](systems::learn) | a training batch, learning on: the nudged phase(s) toward the targets and the update |
//! | `Act` (`Decode`) | [`answer`](systems::answer) | the free equilibrium's outputs go back through the port |
//! | `Record` (`OtherNetworks`) | [`record`](systems::record) | the columns of [`columns`] |
//! | `Record` (`EpisodeEnd`) | [`next_epoch`](systems::next_epoch) | the rate schedule moves to the next epoch |
//!
//! A relaxation that diverges stops the run ([`SimFault`](neurarium_sim::prelude::SimFault))
//! with the network, phase, layer, step and sample named. The trainer (parameters, optimiser
//! moments, random stream, epoch) is saved in the checkpoint section `energy networks`, so a
//! resumed run goes on bit for bit.

pub mod checkpoint;
pub mod columns;
pub mod kind;
pub mod network;
pub mod plugin;
pub mod spec;
pub mod systems;
