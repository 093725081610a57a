//! Structural plasticity: a network that grows and shrinks while it runs.
//!
//! | module | what | rule |
//! |---|---|---|
//! | [`spec`] | what a scene writes: `growth` on a region and on a projection | |
//! | [`neurons`] | alive neurons, neurogenesis and apoptosis | born when the period's rate `r > birth_above_hz`; dies when silent `≥ die_after_silent_ms` |
//! | [`rewiring`] | synaptogenesis, pruning, wiring of newborns and the dead | new synapses between co-active pairs; pruned when `\|w\| < prune_below` |
//! | [`systems`] | the `Spike`, `Grow` and `Record` systems | |
//! | [`attach`] | what spawning adds | |
//!
//! **Indices are for life.** A growing region holds all `size` neurons (its cap) from the start
//! and flags which are alive; a projection's CSR arrays are rebuilt only at a structural change
//! ([`crate::synapses::restructure`]), with eligibility carried to the same synapse. So every
//! index a scene or a panel uses (readout pools, encoders, probes, `--trace REGION:NEURON`, the
//! raster, the weight map) keeps naming the same neuron as the network grows and shrinks.
//!
//! **Structure is learnt**: with learning off (`--eval`, `--learning-off`, the untrained
//! control) no neuron is born or dies and no synapse is made or pruned.
//!
//! **Checkpoints** hold the alive flags, the activity, the rewiring state and the synapses as
//! they are; a checkpoint whose growth does not match the scene's (a region that grows in one
//! and not the other) is refused, as is one with other region sizes.
//!
//! **Cost**: a scene with growth steps one step at a time (a structural change may come at any
//! step); between checks, each step pays one pass over the fired neurons.

pub mod attach;
pub mod neurons;
pub mod rewiring;
pub mod spec;
pub mod systems;
