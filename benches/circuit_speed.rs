//! How fast does a resistor network learn? Learning steps per second (the free solve, the
//! clamped twin from the free factor, every edge's update; the continuous coupled-learning
//! rule) on square lattices from 17 to about 100,000 edges, one core; then the two twins solved
//! with a dense matrix, a dense Cholesky each (a dense path could also share one factorisation,
//! which would halve its time: read the ratio as up to twice too kind to sparse), where that
//! still fits in time; and a random graph of 1,000 edges, whose fill-in is far worse than a
//! lattice's.
//!
//! ```sh
//! cargo bench --no-default-features --bench circuit_speed
//! ```

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

use std::time::Instant;

use neurarium_circuits::circuit::{Circuit, Terminals};
use neurarium_circuits::coupled::{CoupledNetwork, Learning, Rule};
use neurarium_circuits::dense::dense_voltages;

/// Ground at a corner, 4 inputs and 3 outputs spread over the nodes.
fn terminals(nodes: u32) -> Terminals {
    let at = |f: f64| ((f64::from(nodes - 1) * f).round() as u32).clamp(1, nodes - 1);
    Terminals {
        ground: 0,
        inputs: vec![at(0.1), at(0.3), at(0.5), at(0.7)],
        outputs: vec![at(0.2), at(0.6), at(0.9)],
    }
}

fn network(circuit: Circuit) -> CoupledNetwork {
    let terminals = terminals(circuit.nodes);
    let learning = Learning {
        rule: Rule::Continuous {
            rate: 0.01,
            min_siemens: 1e-4,
            max_siemens: 1e-3,
        },
        nudge: 0.5,
        update_probability: 1.0,
        relaxation: None,
    };
    CoupledNetwork::new(circuit, terminals, learning, 1).unwrap()
}

/// Learning steps per second over at least `seconds`.
fn steps_per_second(net: &mut CoupledNetwork, seconds: f64) -> f64 {
    let inputs = [1.0, -0.5, 0.3, 0.8];
    let targets = [0.2, -0.1, 0.4];
    let start = Instant::now();
    let mut steps = 0u64;
    while start.elapsed().as_secs_f64() < seconds {
        for _ in 0..10 {
            net.learn(&inputs, &targets).unwrap();
        }
        steps += 10;
    }
    steps as f64 / start.elapsed().as_secs_f64()
}

/// Dense learning steps per second: two dense solves per step (the edge update is the same
/// and costs nothing beside them), over at least `seconds` or 2 steps.
fn dense_steps_per_second(circuit: &Circuit, seconds: f64) -> f64 {
    let t = terminals(circuit.nodes);
    let k = vec![5e-4; circuit.edges.len()];
    let free = t.free_held();
    let clamped = t.clamped_held();
    let free_v = [0.0, 1.0, -0.5, 0.3, 0.8];
    let clamped_v = [0.0, 1.0, -0.5, 0.3, 0.8, 0.2, -0.1, 0.4];
    let start = Instant::now();
    let mut steps = 0u64;
    while steps < 2 || start.elapsed().as_secs_f64() < seconds {
        std::hint::black_box(dense_voltages(circuit, &k, &free, &free_v).unwrap());
        std::hint::black_box(dense_voltages(circuit, &k, &clamped, &clamped_v).unwrap());
        steps += 1;
    }
    steps as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    println!("edges    nodes   sparse steps/s   dense steps/s   sparse/dense");
    for side in [3u32, 8, 16, 23, 50, 71, 160, 224] {
        let rows = if side == 3 { 4 } else { side };
        let circuit = Circuit::lattice(side, rows);
        let (edges, nodes) = (circuit.edges.len(), circuit.nodes);
        let sparse = steps_per_second(&mut network(circuit.clone()), 1.0);
        // A dense solve of n unknowns costs n³/3 flops: stop where a step takes seconds.
        let dense = (nodes <= 2_600).then(|| dense_steps_per_second(&circuit, 1.0));
        match dense {
            Some(d) => println!(
                "{edges:>6} {nodes:>8} {sparse:>16.0} {d:>15.1} {:>14.1}",
                sparse / d
            ),
            None => println!(
                "{edges:>6} {nodes:>8} {sparse:>16.0} {:>15} {:>14}",
                "-", "-"
            ),
        }
    }
    let random = Circuit::random(250, 1_000, 1);
    let sparse = steps_per_second(&mut network(random.clone()), 1.0);
    let dense = dense_steps_per_second(&random, 1.0);
    println!(
        "random graph, 1,000 edges, 250 nodes: sparse {sparse:.0} steps/s, dense {dense:.0} steps/s, ratio {:.1}",
        sparse / dense
    );
}
