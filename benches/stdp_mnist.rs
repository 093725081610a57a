//! Diehl & Cook's unsupervised STDP network on the shipped MNIST sample, outside the app: for
//! each seed, train some passes over the training digits, label the neurons in a pass with
//! learning off, and score; the untrained control (the same seed's initial weights, labelled
//! and scored the same way) beside it. Prints per seed the wall time per training presentation
//! (a showing of 350 ms + 150 ms rest, repeats counted) and the accuracies by both readouts
//! (each neuron's strongest class, as Diehl & Cook; proportional votes), then the medians.
//!
//! ```sh
//! cargo bench --no-default-features --bench stdp_mnist -- [--neurons 400] [--passes 3]
//!     [--seeds 2,3] [--score validation|test] [--params 'RON CompetitiveParams'] [--no-control]
//! ```
//! `--score validation` (the default) holds out 10% of the training file, seeded, and scores it:
//! tune there. `--score test` trains on all 7,196 training digits and scores the 1,804 test
//! digits. Seeds run two at a time (one per core). Without `--params`, the settings of
//! `scenes/mnist_stdp.ron`.

#![allow(clippy::unwrap_used)] // benchmarks fail loudly on purpose

mod digits;
mod learning;

use std::sync::Arc;
use std::time::Instant;

use digits::{arg, images};
use learning::{median, two_at_a_time};
use neurarium_sim::protocol::examples::argmax;
use neurarium_spiking::competitive::labels::Labelling;
use neurarium_spiking::competitive::layer::CompetitiveLayer;
use neurarium_spiking::competitive::params::CompetitiveParams;
use neurarium_tasks::classify::idx::LabelledImages;
use rand::SeedableRng;
use rand::seq::SliceRandom;

/// Image `i` of `file`.
fn image(file: &LabelledImages, i: usize) -> &[f32] {
    let n = file.pixels_per_image();
    &file.pixels[i * n..(i + 1) * n]
}

/// The digits a seed trains on and scores.
struct Split {
    train_file: LabelledImages,
    train: Vec<usize>,
    scored_file: LabelledImages,
    scored: Vec<usize>,
}

impl Split {
    fn new(score: &str, seed: u64) -> Self {
        let train_file = images("train");
        let mut rows: Vec<usize> = (0..train_file.len()).collect();
        if score == "test" {
            let scored_file = images("test");
            let scored = (0..scored_file.len()).collect();
            return Self {
                train_file,
                train: rows,
                scored_file,
                scored,
            };
        }
        rows.shuffle(&mut rand_chacha::ChaCha8Rng::seed_from_u64(seed));
        let scored = rows.split_off(rows.len() - rows.len() / 10);
        Self {
            scored_file: train_file.clone(),
            train_file,
            train: rows,
            scored,
        }
    }
}

/// Accuracies by the two readouts.
#[derive(Debug, Clone, Copy)]
struct Scores {
    strongest: f64,
    proportion: f64,
}

/// Labels the neurons on the training digits with learning off, then scores.
fn label_and_score(layer: &mut CompetitiveLayer, split: &Split) -> Scores {
    let mut labelling = Labelling::new(layer.neurons(), layer.params.classes);
    for &i in &split.train {
        let response = layer.present(image(&split.train_file, i), 0.0);
        labelling.record(&response.counts, usize::from(split.train_file.labels[i]));
    }
    labelling.assign();
    let (mut strongest, mut proportion) = (0, 0);
    for &i in &split.scored {
        let response = layer.present(image(&split.scored_file, i), 0.0);
        let label = usize::from(split.scored_file.labels[i]);
        strongest += usize::from(argmax(&labelling.scores(&response.counts)) == Some(label));
        proportion +=
            usize::from(argmax(&labelling.proportion_scores(&response.counts)) == Some(label));
    }
    let n = split.scored.len() as f64;
    Scores {
        strongest: strongest as f64 / n,
        proportion: proportion as f64 / n,
    }
}

/// One seed's figures.
#[derive(Debug, Clone, Copy)]
struct SeedResult {
    seed: u64,
    trained: Scores,
    untrained: Option<Scores>,
    ms_per_presentation: f64,
    presentations: u64,
    training_s: f64,
}

fn one_seed(
    seed: u64,
    params: &CompetitiveParams,
    passes: usize,
    score: &str,
    control: bool,
) -> SeedResult {
    let split = Split::new(score, seed);
    let untrained = control.then(|| {
        let mut layer = CompetitiveLayer::new(params.clone(), seed);
        label_and_score(&mut layer, &split)
    });
    let mut layer = CompetitiveLayer::new(params.clone(), seed);
    let mut order = split.train.clone();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ 0x5eed);
    let start = Instant::now();
    for _ in 0..passes {
        order.shuffle(&mut rng);
        for &i in &order {
            layer.present(image(&split.train_file, i), 1.0);
        }
    }
    let training_s = start.elapsed().as_secs_f64();
    assert!(!layer.diverged());
    let presentations = layer.presentations;
    let trained = label_and_score(&mut layer, &split);
    SeedResult {
        seed,
        trained,
        untrained,
        ms_per_presentation: training_s * 1e3 / presentations.max(1) as f64,
        presentations,
        training_s,
    }
}

/// One figure of a seed's result.
type Figure = fn(&SeedResult) -> f64;

/// The scene's `Competitive` section.
fn scene_params() -> CompetitiveParams {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenes/mnist_stdp.ron");
    let text = std::fs::read_to_string(path).unwrap();
    let start = text.find("Competitive((").unwrap() + "Competitive(".len();
    let end = text[start..].find("\n        )),").unwrap() + start + 1;
    let section: String = text[start..end]
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    ron::from_str(&format!("{section})")).unwrap()
}

fn main() {
    let neurons: usize = arg("--neurons").map_or(400, |n| n.parse().unwrap());
    let passes: usize = arg("--passes").map_or(3, |n| n.parse().unwrap());
    let seeds: Vec<u64> = arg("--seeds").map_or(vec![1], |s| {
        s.split(',').map(|n| n.parse().unwrap()).collect()
    });
    let score = arg("--score").unwrap_or_else(|| "validation".to_owned());
    let control = !std::env::args().any(|a| a == "--no-control");
    let mut params: CompetitiveParams =
        arg("--params").map_or_else(scene_params, |s| ron::from_str(&s).unwrap());
    params.excitatory = neurons;
    params.validate().unwrap();
    println!(
        "{neurons} neurons, {passes} passes, seeds {seeds:?}, scored on {score}; inhibition {}, θ₊ {} mV",
        params.inhibit_excitatory, params.learning.theta_plus_mv
    );
    let shared = Arc::new((params, score));
    let results = two_at_a_time(&seeds, move |seed| {
        let (params, score) = &*shared;
        let result = one_seed(seed, params, passes, score, control);
        println!("{result:?}");
        result
    });
    println!(
        "| seed | trained (strongest class) | trained (proportion) | untrained (strongest / proportion) | ms per presentation | presentations | training s |"
    );
    println!("|---|---|---|---|---|---|---|");
    for r in &results {
        let untrained = r.untrained.map_or("–".to_owned(), |u| {
            format!("{:.1}% / {:.1}%", 100.0 * u.strongest, 100.0 * u.proportion)
        });
        println!(
            "| {} | {:.1}% | {:.1}% | {untrained} | {:.2} | {} | {:.0} |",
            r.seed,
            100.0 * r.trained.strongest,
            100.0 * r.trained.proportion,
            r.ms_per_presentation,
            r.presentations,
            r.training_s
        );
    }
    let pick = |f: fn(&SeedResult) -> f64| -> (f64, f64, f64) {
        let values: Vec<f64> = results.iter().map(f).collect();
        let low = values.iter().copied().fold(f64::INFINITY, f64::min);
        let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (median(values), low, high)
    };
    let mut figures: Vec<(&str, Figure)> = vec![
        ("trained, strongest class", |r| r.trained.strongest),
        ("trained, proportion", |r| r.trained.proportion),
    ];
    if control {
        figures.push(("untrained, strongest class", |r| {
            r.untrained.map_or(f64::NAN, |u| u.strongest)
        }));
        figures.push(("untrained, proportion", |r| {
            r.untrained.map_or(f64::NAN, |u| u.proportion)
        }));
    }
    for (what, f) in figures {
        let (m, low, high) = pick(f);
        println!(
            "median {what}: {:.1}% (from {:.1} to {:.1}%)",
            100.0 * m,
            100.0 * low,
            100.0 * high
        );
    }
    let (ms, low, high) = pick(|r| r.ms_per_presentation);
    println!(
        "median wall time per training presentation: {ms:.2} ms (from {low:.2} to {high:.2}); chance 10%"
    );
}
