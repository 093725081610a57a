//! The resistor network as a brain in a scene: a network kind beside the spiking and energy
//! ones.
//!
//! `networks: [Circuit((port: "iris", features: 4, answers: 3, shape: (…), learning: (…)))]`
//! spawns one entity holding a [`CircuitBrain`](network::CircuitBrain) (a random resistor
//! network and its free and clamped twins, [`crate::classify::classifier_network`]) and an
//! [`ExamplePort`](neurarium_sim::prelude::ExamplePort) named `port`, through which a task shows
//! it batches of examples. An example's standardised features `z` are held at the inputs as
//! `±volts_per_sd · z` plus a `±volts_per_sd` bias ([`crate::classify::input_voltages`]); its
//! answer is the free twin's output voltages (a class: the highest; regression: `(V − low_v) /
//! (high_v − low_v)`). A training example then takes one learning step
//! ([`crate::coupled`]) toward its targets (a class: the hinge or fixed targets of
//! [`crate::classify::targets`]; regression: `low_v + t (high_v − low_v)`).
//!
//! | set | system | what |
//! |---|---|---|
//! | `Integrate` | [`run_batch`](systems::run_batch) | each example: the free solve, then (training, learning on) the clamped solve and every edge's update |
//! | `Act` (`Decode`) | [`answer`](systems::answer) | the answers go back through the port |
//! | `Record` (`OtherNetworks`) | [`record`](systems::record) | the columns of [`columns`] |
//! | `Record` (`EpisodeEnd`) | [`next_epoch`](systems::next_epoch) | the next epoch; the damage due at it |
//!
//! Learning stops after `learn_epochs` epochs, and whenever the global learning rate is 0;
//! with `anneal` each edge's chance of a step falls over the learning phase
//! ([`crate::schedule`]). `damage: [(epoch: 100, fraction: 0.25, relearn_epochs: 10)]` cuts
//! random edges at the start of epoch 100 until a quarter of all edges are cut
//! ([`crate::damage`]), answers that epoch without learning, and learns again (a new phase)
//! for epochs 101–110; a cut that would leave an input or
//! output without a path to ground is not made and fails the network instead: it answers
//! nothing (`NaN`), which the task scores as wrong. A solve that fails stops the run
//! ([`SimFault`](neurarium_sim::prelude::SimFault)) naming the network, step and example. The
//! state (conductances, steps, cut edges, random streams, epoch) is saved in the checkpoint
//! section `resistor networks`, so a resumed run goes on bit for bit.

pub mod board_session;
pub mod checkpoint;
pub mod columns;
pub mod kind;
pub mod network;
pub mod plugin;
pub mod spec;
pub mod systems;
