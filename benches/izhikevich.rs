//! 1,000 Izhikevich neurons, 10% recurrent connectivity (about 100,000 synapses), STDP on
//! the excitatory synapses (`scenes/izhikevich_stdp.ron`): steps per second with plasticity
//! on and with it removed, run headless through the same app as `--no-render`.
//!
//! ```sh
//! cargo bench --no-default-features --bench izhikevich
//! ```
//! The reference Python (PyTorch) simulator of this model, measured on this kind of machine
//! (../shared/BENCHMARKS.md): 72 steps/s with plasticity, 309 frozen. It is not installable
//! here, so the ratio is to that documented figure, not to a run of the peer.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use neurarium_spiking::prelude::Plasticity;

const REFERENCE_PLASTIC: f64 = 72.0;
const REFERENCE_FROZEN: f64 = 309.0;

fn main() {
    let steps: u64 = std::env::var("NEURARIUM_BENCH_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let mut plastic = common::load("izhikevich_stdp.ron", |_| {});
    let on = common::run(&mut plastic, steps);
    let mut fixed = common::load("izhikevich_stdp.ron", |scene| {
        scene
            .projections
            .iter_mut()
            .for_each(|p| p.plasticity = Plasticity::None);
    });
    let off = common::run(&mut fixed, steps);
    println!(
        "Izhikevich, {} neurons, {} synapses, {steps} steps of 1 ms",
        on.neurons, on.synapses
    );
    for (label, m, reference) in [
        ("STDP on", &on, REFERENCE_PLASTIC),
        ("plasticity off", &off, REFERENCE_FROZEN),
    ] {
        println!(
            "{label}: {:.0} steps/s, mean rate {:.1} Hz, {:.3e} synaptic events/s; {:.0}x the reference simulator's {reference} steps/s",
            m.steps_per_second(),
            m.rate_hz(),
            m.events / m.wall_seconds,
            m.steps_per_second() / reference
        );
    }
}
