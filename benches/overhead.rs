//! Per-step cost of the Bevy schedule: the default scene with every region cut to one neuron
//! (the same systems run, on almost nothing) against the full default scene, both headless
//! through the same app as `--no-render`. The difference is what the network itself costs;
//! the ratio says how much of a small network's step is schedule overhead. Each is measured
//! stepping one step per schedule run and in blocks of quiet steps
//! ([`neurarium_sim::block`]; the default scene's shortest delay allows 5 steps per block).
//!
//! ```sh
//! cargo bench --no-default-features --bench overhead
//! ```

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod common;

use neurarium_spiking::prelude::Connectivity;

fn per_step_us(scene: &str, shrink: bool, blocks: bool, steps: u64) -> (f64, u32) {
    let mut app = common::load(scene, |scene| {
        if shrink {
            scene.regions.iter_mut().for_each(|r| r.size = 1);
            for p in &mut scene.projections {
                if let Connectivity::FixedInDegree(k) = &mut p.connectivity {
                    *k = 1;
                }
            }
        }
    });
    app.world_mut()
        .resource_mut::<neurarium_sim::prelude::BlockStepping>()
        .enabled = blocks;
    common::run(&mut app, steps / 10); // warm-up
    let before = app
        .world()
        .resource::<neurarium_sim::prelude::SimClock>()
        .step;
    let m = common::run(&mut app, before + steps);
    (m.wall_seconds * 1e6 / (m.steps - before) as f64, m.neurons)
}

fn main() {
    let steps = 200_000;
    for blocks in [false, true] {
        let (empty, _) = per_step_us("small_network.ron", true, blocks, steps);
        let (full, neurons) = per_step_us("small_network.ron", false, blocks, steps);
        let how = if blocks {
            "in blocks of quiet steps"
        } else {
            "one step per schedule run"
        };
        println!("{how}:");
        println!(
            "  schedule only (same scene, one neuron per region): {empty:.3} µs per step ({:.0} steps/s)",
            1e6 / empty
        );
        println!(
            "  default scene ({neurons} neurons): {full:.3} µs per step ({:.0} steps/s)",
            1e6 / full
        );
        println!(
            "  schedule overhead: {:.0}% of a default-scene step",
            100.0 * empty / full
        );
    }
}
