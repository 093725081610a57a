//! EqProp (or its backprop control) on the shipped MNIST sample: trains a network for some
//! epochs and prints, per epoch, the accuracy on the training digits, on a validation split
//! carved from the training file, and on the 1,804 test digits, with seconds per epoch.
//!
//! ```sh
//! cargo bench --no-default-features --bench eqprop_mnist -- [--epochs N] [--seed S] [--sizes 784,500,10] [--spec 'RON TrainingSpec']
//! ```
//! Tune on the validation column; the test column is for reporting.
//!
//! With `--dreams FILE.png`, after training the network dreams each digit (output clamped,
//! input free) and a backprop control trained on the same digits labels the ten dreams; the
//! dreams are written as one image strip.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;

use std::path::Path;

use digits::{arg, samples};
use std::time::Instant;

use neurarium_energy::prelude::*;
use rand::SeedableRng;

fn main() {
    let epochs: u32 = arg("--epochs").map_or(5, |e| e.parse().unwrap());
    let seed: u64 = arg("--seed").map_or(1, |s| s.parse().unwrap());
    let sizes: Vec<usize> = arg("--sizes").map_or(vec![784, 500, 10], |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let spec: TrainingSpec =
        arg("--spec").map_or_else(TrainingSpec::default, |s| ron::from_str(&s).unwrap());
    let all = samples("train");
    let test = samples("test");
    let mut split_rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let (train, validation) = all.split(0.1, &mut split_rng);
    println!(
        "sizes {sizes:?}, seed {seed}, {} train / {} validation / {} test digits",
        train.len(),
        validation.len(),
        test.len()
    );
    println!("spec {}", ron::to_string(&spec).unwrap());
    let mut trainer = Trainer::new(&sizes, spec, seed).unwrap();
    println!("epoch  train%  val%   test%  cost    energy   jump     updates skipped% s/epoch");
    for epoch in 1..=epochs {
        let start = Instant::now();
        let stats = trainer.train_epoch(&train).unwrap();
        let seconds = start.elapsed().as_secs_f64();
        let val = trainer.accuracy(&validation).unwrap();
        let tst = trainer.accuracy(&test).unwrap();
        println!(
            "{epoch:5}  {:6.2}  {:5.2}  {:5.2}  {:.4}  {:7.3}  {:.5}  {:7}  {:7.1}  {seconds:.2}",
            100.0 * stats.train_accuracy,
            100.0 * val,
            100.0 * tst,
            stats.cost,
            stats.energy,
            stats.energy_jump,
            stats.updates,
            100.0 * stats.skipped
        );
    }
    if let Some(path) = arg("--dreams") {
        judge_dreams(&mut trainer, &train, &test, seed, Path::new(&path));
    }
}

/// Dreams the ten digits, labels them with a backprop control and writes them side by side.
fn judge_dreams(trainer: &mut Trainer, train: &Samples, test: &Samples, seed: u64, path: &Path) {
    use neurarium_energy::dream::{DreamSettings, dream};
    let classes: Vec<usize> = (0..10).collect();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let dreams = dream(&trainer.net, &classes, &DreamSettings::default(), &mut rng).unwrap();
    let control_spec = TrainingSpec {
        learner: Learner::Backprop,
        optimizer: OptimizerKind::ADAM,
        rates: vec![0.001, 0.001],
        ..TrainingSpec::default()
    };
    let mut control = Trainer::new(&[784, 500, 10], control_spec, seed + 1000).unwrap();
    for _ in 0..10 {
        control.train_epoch(train).unwrap();
    }
    let control_accuracy = control.accuracy(test).unwrap();
    let labels = neurarium_energy::dense::argmax_columns(&control.predict(&dreams).unwrap());
    let right = labels.iter().enumerate().filter(|&(c, &l)| c == l).count();
    println!(
        "dreams: the backprop control ({:.2}% on the test digits) labels them {labels:?}: {right} of 10 as the clamped digit",
        100.0 * control_accuracy
    );
    // Each dream shown with its own contrast: its brightest pixel white.
    let mut strip = image::GrayImage::new(28 * 10, 28);
    for c in 0..10 {
        let brightest = (0..784).map(|p| dreams[(p, c)]).fold(1e-6f32, f32::max);
        for p in 0..784 {
            let value = (dreams[(p, c)] / brightest * 255.0).round() as u8;
            strip.put_pixel(
                (c * 28 + p % 28) as u32,
                (p / 28) as u32,
                image::Luma([value]),
            );
        }
    }
    let big = image::imageops::resize(
        &strip,
        28 * 10 * 4,
        28 * 4,
        image::imageops::FilterType::Nearest,
    );
    big.save(path).unwrap();
    println!("dreams written to {}", path.display());
}
