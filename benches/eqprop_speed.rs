//! EqProp speed: 784-500-10, batch 20, T = 20, K = 4 on the 7,196 shipped training digits,
//! ours against PyTorch on the CPU, one thread, in the same run:
//! (a) PyTorch as a PyTorch user writes it (every relaxation step recomputes the clamped
//!     image's `x W₀`, as the peer behind BENCHMARKS.md does), and
//! (b) PyTorch with every algorithmic shortcut ours uses (`x W₀` once per batch, shared by
//!     the free and the nudged phase).
//! Prints seconds per epoch of each, the ratios, and the GFLOP/s of the work ours does (its
//! matrix products, counted below) against this machine's single-core SGEMM peak, measured
//! here with a 1024³ faer product.
//!
//! ```sh
//! cargo bench --no-default-features --bench eqprop_speed [-- --epochs N]
//! ```
//! The peer runs with the first of `$NEURARIUM_PYTHON`, `python3`,
//! `~/.cache/neurarium-peers/bin/python3` that imports torch (`pip install torch`).

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;
mod python;

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use digits::{arg, data_dir, samples};
use faer::Mat;
use neurarium_energy::dense::gemm;
use neurarium_energy::prelude::*;

const BATCH: usize = 20;

fn main() {
    let epochs: u32 = arg("--epochs").map_or(2, |e| e.parse().unwrap());
    let train = samples("train");
    let mut trainer = Trainer::new(&[784, 500, 10], TrainingSpec::default(), 1).unwrap();
    let mut seconds = Vec::new();
    for _ in 0..epochs {
        let start = Instant::now();
        trainer.train_epoch(&train).unwrap();
        seconds.push(start.elapsed().as_secs_f64());
    }
    let ours = median(&mut seconds);
    let flop = flop_per_epoch(train.len());
    let peak = sgemm_peak_gflops();
    println!(
        "EqProp 784-500-10, batch {BATCH}, T 20, K 4, {} digits, one thread",
        train.len()
    );
    println!(
        "neurarium: {ours:.3} s/epoch (median of {epochs}); {:.2} GFLOP of matrix products per epoch = {:.1} GFLOP/s, {:.0}% of this core's SGEMM peak ({peak:.1} GFLOP/s, 1024³ faer)",
        flop / 1e9,
        flop / ours / 1e9,
        100.0 * flop / ours / 1e9 / peak
    );
    match python::python_with("torch") {
        Some(python) => {
            for (mode, what) in [
                ("naive", "(a) as written by a PyTorch user"),
                ("shortcut", "(b) with our shortcuts"),
            ] {
                match torch_epoch(&python, mode, epochs) {
                    Ok(peer) => println!(
                        "pytorch {what}: {peer:.3} s/epoch; neurarium is {:.2}x faster",
                        peer / ours
                    ),
                    Err(why) => println!("pytorch {what}: failed ({why})"),
                }
            }
        }
        None => println!("pytorch: not run (no python with torch; pip install torch)"),
    }
}

/// The matrix-product FLOPs of one epoch of ours: per batch of `B`, `x W₀` once (2·B·784·500),
/// per relaxation step (T + K = 24) `s_o W₁ᵀ` and `s_h W₁` (2 · 2·B·500·10), the weight
/// gradients `x Δhᵀ` (2·784·B·500) and `h^β o^βᵀ − h⁰ o⁰ᵀ` (2 · 2·500·B·10), and the free
/// equilibrium's energy, `W₁ᵀ s_h` (2·B·500·10).
fn flop_per_epoch(samples: usize) -> f64 {
    let full_batches = (samples / BATCH) as f64;
    let rest = (samples % BATCH) as f64;
    let per_sample = 2.0 * 784.0 * 500.0
        + 24.0 * 2.0 * 2.0 * 500.0 * 10.0
        + 2.0 * 784.0 * 500.0
        + 2.0 * 2.0 * 500.0 * 10.0
        + 2.0 * 500.0 * 10.0;
    per_sample * (full_batches * BATCH as f64 + rest)
}

/// Single-thread SGEMM throughput of a 1024³ product, best of five.
fn sgemm_peak_gflops() -> f64 {
    let n = 1024;
    let a = Mat::from_fn(n, n, |i, j| ((i * 7 + j * 3) % 11) as f32 * 0.1);
    let b = Mat::from_fn(n, n, |i, j| ((i * 5 + j) % 13) as f32 * 0.1);
    let mut c = Mat::zeros(n, n);
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        gemm(&mut c, false, a.as_ref(), b.as_ref(), 1.0);
        best = best.min(start.elapsed().as_secs_f64());
    }
    2.0 * (n as f64).powi(3) / best / 1e9
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Median seconds per epoch of the PyTorch peer in `mode`.
fn torch_epoch(python: &str, mode: &str, epochs: u32) -> Result<f64, String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/eqprop_torch.py");
    let output = Command::new(python)
        .arg(&script)
        .arg(data_dir())
        .arg(epochs.to_string())
        .arg(mode)
        .env("OMP_NUM_THREADS", "1")
        .output()
        .map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let mut seconds: Vec<f64> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| line.split_whitespace().nth(3)?.parse().ok())
        .collect();
    if seconds.is_empty() {
        return Err("no epoch line".to_owned());
    }
    Ok(median(&mut seconds))
}
