//! Brunel (2000) network, model A: 10,000 LIF neurons, 10 million synapses, external Poisson
//! drive (`scenes/brunel.ron`). Reports the build time, the memory per synapse (the CSR
//! arrays' heap bytes over the synapse count), the real-time factor and synaptic events per
//! second, run headless through the same app as `--no-render`.
//!
//! ```sh
//! cargo bench --no-default-features --bench brunel            # 1 s simulated
//! NEURARIUM_BENCH_SECONDS=3 cargo bench --no-default-features --bench brunel
//! ```

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod common;

use std::time::Instant;

use neurarium_spiking::prelude::Synapses;

fn main() {
    let seconds: f64 = std::env::var("NEURARIUM_BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    let started = Instant::now();
    let mut app = common::load("brunel.ron", |_| {});
    let build_seconds = started.elapsed().as_secs_f64();
    let (bytes, synapses) = {
        let world = app.world_mut();
        let mut query = world.query::<&Synapses>();
        query.iter(world).fold((0usize, 0usize), |(b, n), s| {
            (b + s.heap_bytes(), n + s.len())
        })
    };
    let dt_ms = app
        .world()
        .resource::<neurarium_sim::prelude::SimClock>()
        .dt_ms;
    let m = common::run(&mut app, (seconds * 1000.0 / dt_ms).round() as u64);
    println!(
        "Brunel model A, {} neurons, {synapses} synapses, {seconds} s simulated (dt {dt_ms} ms)",
        m.neurons
    );
    println!(
        "memory: {:.2} bytes per synapse ({:.1} MB of synapse arrays); built in {build_seconds:.2} s",
        bytes as f64 / synapses as f64,
        bytes as f64 / 1e6
    );
    println!(
        "neurarium: {:.3} s wall ({:.0} steps/s), real-time factor {:.3}, {:.3e} synaptic events/s, mean rate {:.2} Hz",
        m.wall_seconds,
        m.steps_per_second(),
        seconds / m.wall_seconds,
        m.events / m.wall_seconds,
        m.rate_hz()
    );
}
