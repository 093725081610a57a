//! Synapses: how spikes travel from one region to another.
//!
//! | module | what | equations |
//! |---|---|---|
//! | [`projection`] | CSR synapses, connectivity rules, initial weights, delivery of a step's spikes | Gaussian: `p = p₀·exp(−d²/2σ²)` |
//! | [`delay`] | the per-region ring of future input, one slot per step of delay; receptors | |
//! | [`stp`] | Tsodyks–Markram short-term depression and facilitation | a spike delivers `w·u·x/U`, then `x ← x − u·x`, `u ← u + U(1 − u)` |
//! | [`poisson_input`] | background input from many Poisson synapses | `k ~ Poisson(n·r·dt)` per neuron and step |
//! | [`restructure`] | removing and adding synapses in the CSR arrays (structural plasticity), per-synapse state carried along | |

pub mod delay;
pub mod poisson_input;
pub mod projection;
pub mod restructure;
pub mod stp;
