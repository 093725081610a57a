//! Coding: how values become spikes and spikes become values.
//!
//! | module | what | equations |
//! |---|---|---|
//! | [`source`] | [`SourceParams`](source::SourceParams), the interface of spike sources | |
//! | [`poisson`] | independent Poisson sources, optionally a pacemaker's rhythm | `p = rate · dt` per step |
//! | [`rhythm`] | a pacemaker's rhythm with phase jitter | `r = r₀(1 + m sin φ)`, `dφ = 2πf dt + σ dW` |
//! | [`encoder`] | input ports: rate, latency and population codes | `p_i = clamp(x_i)·r_max·dt`; first spike at `(1 − x)(W − 1)`; `r_max·exp(−(x − μ)²/2σ²)` |
//! | [`decoder`] | output ports: spike counts, winner-take-all pools, potentials, filtered spike trains | `τ ds/dt = −s`, `s += 1` at a spike |
//!
//! Encoders are a brain's input ports and readouts its output ports
//! ([`neurarium_sim::protocol::ports`]): the only way a task reaches a spiking network.

pub mod decoder;
pub mod encoder;
pub mod poisson;
pub mod rhythm;
pub mod source;
