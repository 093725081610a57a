//! 1,000 Izhikevich neurons, 10% recurrent connectivity (about 100,000 synapses), STDP on
//! the excitatory synapses (`scenes/izhikevich_stdp.ron`): steps per second with plasticity
//! on and with it removed, run headless through the same app as `--no-render`; and with
//! structural plasticity on (issue 17), twice: with no check ever due (the cost a step pays
//! between checks) and with checks every 100 ms (apoptosis after 1 s silent on both regions,
//! up to 10 new excitatory synapses per check, pruning below 0.01 mV). Each figure is the
//! fastest of 3 runs.
//!
//! ```sh
//! cargo bench --no-default-features --bench izhikevich
//! ```
//! The reference Python (PyTorch) simulator of this model, measured on this kind of machine
//! (../shared/BENCHMARKS.md): 72 steps/s with plasticity, 309 frozen. It is not installable
//! here, so the ratio is to that documented figure, not to a run of the peer.

#![allow(clippy::unwrap_used)] // tests fail loudly on purpose

mod common;

use neurarium_scene::prelude::SceneFile;
use neurarium_spiking::growth::spec::{NeuronGrowth, SynapseGrowth};
use neurarium_spiking::prelude::Plasticity;

const REFERENCE_PLASTIC: f64 = 72.0;
const REFERENCE_FROZEN: f64 = 309.0;

/// Structural plasticity on every region and the excitatory projections, checked every
/// `every_ms`; every neuron alive at the start.
fn with_growth(scene: &mut SceneFile, every_ms: f64) {
    for region in &mut scene.regions {
        region.growth = Some(NeuronGrowth {
            alive_at_start: region.size,
            every_ms,
            die_after_silent_ms: Some(1000.0),
            ..NeuronGrowth::default()
        });
    }
    for projection in &mut scene.projections {
        if projection.from == "excitatory" {
            projection.growth = Some(SynapseGrowth {
                every_ms,
                new_per_check: 10,
                new_weight: 2.5,
                prune_below: Some(0.01),
                ..SynapseGrowth::default()
            });
        }
    }
}

fn main() {
    let steps: u64 = std::env::var("NEURARIUM_BENCH_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    // The fastest of 3 runs of each, so the growth figures compare like with like.
    let best = |edit: &dyn Fn(&mut SceneFile)| {
        (0..3)
            .map(|_| common::run(&mut common::load("izhikevich_stdp.ron", edit), steps))
            .max_by(|a, b| a.steps_per_second().total_cmp(&b.steps_per_second()))
            .unwrap()
    };
    let on = best(&|_| {});
    let off = best(&|scene| {
        scene
            .projections
            .iter_mut()
            .for_each(|p| p.plasticity = Plasticity::None);
    });
    let growth_idle = best(&|scene| with_growth(scene, 1e12));
    let growth_checked = best(&|scene| with_growth(scene, 100.0));
    println!(
        "Izhikevich, {} neurons, {} synapses, {steps} steps of 1 ms",
        on.neurons, on.synapses
    );
    for (label, m, reference) in [
        ("STDP on", &on, REFERENCE_PLASTIC),
        ("plasticity off", &off, REFERENCE_FROZEN),
        (
            "STDP and growth on, no check due",
            &growth_idle,
            REFERENCE_PLASTIC,
        ),
        (
            "STDP and growth on, checks every 100 ms",
            &growth_checked,
            REFERENCE_PLASTIC,
        ),
    ] {
        println!(
            "{label}: {:.0} steps/s, mean rate {:.1} Hz, {:.3e} synaptic events/s; {:.0}x the reference simulator's {reference} steps/s",
            m.steps_per_second(),
            m.rate_hz(),
            m.events / m.wall_seconds,
            m.steps_per_second() / reference
        );
    }
    for (label, m) in [
        ("no check due", &growth_idle),
        ("checks every 100 ms", &growth_checked),
    ] {
        println!(
            "growth cost, {label}: {:+.1}% time per step against STDP on without growth",
            100.0 * (on.steps_per_second() / m.steps_per_second() - 1.0)
        );
    }
}
