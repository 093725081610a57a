//! # neurarium_energy — energy-based networks trained by equilibrium propagation
//!
//! | module | what |
//! |---|---|
//! | [`brain`] | the network kind `Energy` in scenes: an entity with an examples port; relax, learn, answer and record as systems of the simulation step; its checkpoint section and columns |
//! | [`net`] | a layered network's parameters: weights between neighbouring layers, biases |
//! | [`energy`] | the Hopfield energy `E`, the cost `C`, `F = E + βC`, with their gradients |
//! | [`relax`] | relaxation: projected gradient descent on `F`, clamped layers computed once |
//! | [`eqprop`] | free and nudged phases, the local contrastive gradient estimate |
//! | [`backprop`] | the control: the same network feed-forward, trained by backpropagation |
//! | [`optim`] | SGD, momentum, Adam; L2 weight decay; per-layer rates |
//! | [`replay`] | learning in tasks without forgetting: dreams of the old classes interleaved with the new |
//! | [`schedule`] | learning-rate schedules by epoch |
//! | [`regularize`] | input noise, dropout |
//! | [`sleep`] | sleep: contrastive Hebbian steps that teach the network to dream its data |
//! | [`surprise`] | surprise-gated learning: the energy jump of the nudge weighs each sample's update |
//! | [`trace`] | one example relaxed step by step, its energy after each step (the window's plot, the drawing pad) |
//! | [`train`] | a trainer: epochs of shuffled mini-batches, accuracy |
//! | [`data`] | labelled samples, one-hot targets, validation splits |
//! | [`dream`] | dreams: the output clamped to a class, the input relaxes to what the network expects |
//! | [`dense`] | the matrix operations on top of faer's GEMM |
//!
//! Matrices are [`faer`]'s: its GEMM dispatches at run time to AVX2 or AVX-512 kernels and
//! has a safe API (the workspace forbids `unsafe`).

pub mod backprop;
pub mod brain;
pub mod data;
pub mod dense;
pub mod dream;
pub mod energy;
pub mod eqprop;
pub mod error;
pub mod grads;
pub mod net;
pub mod optim;
pub mod regularize;
pub mod rehearsal;
pub mod relax;
pub mod replay;
pub mod schedule;
pub mod sleep;
pub mod surprise;
pub mod trace;
pub mod train;

/// What users of the crate usually need.
pub mod prelude {
    pub use crate::brain::network::EnergyBrain;
    pub use crate::brain::plugin::EnergyPlugin;
    pub use crate::brain::spec::EnergyNetSpec;
    pub use crate::data::Samples;
    pub use crate::eqprop::{EqProp, EqPropSettings, Nudging};
    pub use crate::error::EnergyError;
    pub use crate::net::LayeredNet;
    pub use crate::optim::OptimizerKind;
    pub use crate::schedule::Schedule;
    pub use crate::train::{EpochStats, Learner, Trainer, TrainingSpec};
}
