//! Shared by the EqProp benchmarks: the shipped MNIST sample and command-line flags.

// Each benchmark is its own crate and uses a different part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use neurarium_energy::prelude::Samples;
use neurarium_tasks::classify::idx::{LabelledImages, load_pair};

/// `assets/data`, where the shipped sample lives.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/data")
}

/// The shipped sample's `kind` file pair as loaded (`train`: 7,196 digits, `test`: 1,804).
pub fn images(kind: &str) -> LabelledImages {
    let dir = data_dir();
    load_pair(
        &dir.join(format!("mnist9k-{kind}-images-idx3-ubyte.gz")),
        &dir.join(format!("mnist9k-{kind}-labels-idx1-ubyte.gz")),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

/// The shipped sample's `kind` file pair as energy-network samples.
pub fn samples(kind: &str) -> Samples {
    let digits = images(kind);
    let labels = digits.labels.iter().map(|&l| usize::from(l)).collect();
    Samples::from_rows(digits.pixels, 784, labels, 10).unwrap_or_else(|e| panic!("{e}"))
}

/// The value after flag `name` on the command line, if given.
pub fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}
