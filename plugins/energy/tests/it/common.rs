//! Small networks and data for the tests.

use faer::Mat;
use neurarium_energy::prelude::*;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A 4-5-3 network whose weights are small enough that every state settles strictly inside
/// `0..1` (biases 0.5), where the energy is smooth.
pub fn tiny_net(seed: u64) -> LayeredNet {
    tiny_net_of(&[4, 5, 3], seed)
}

/// [`tiny_net`] with layer sizes `sizes` (two hidden layers: `[4, 5, 5, 3]`).
pub fn tiny_net_of(sizes: &[usize], seed: u64) -> LayeredNet {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut net = LayeredNet::new(sizes, &mut rng).expect("valid sizes");
    for w in &mut net.weights {
        *w = Mat::from_fn(w.nrows(), w.ncols(), |_, _| rng.random_range(-0.3..0.3));
    }
    for b in net.biases.iter_mut().skip(1) {
        for x in b.iter_mut() {
            *x = rng.random_range(0.4..0.6);
        }
    }
    net
}

/// `rows × cols` uniform in `0.1..0.9` (states and inputs are `units × batch`).
pub fn random_matrix(rows: usize, cols: usize, seed: u64) -> Mat<f32> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Mat::from_fn(rows, cols, |_, _| rng.random_range(0.1..0.9))
}

/// Two Gaussian-ish blobs per class in `features` dimensions: a problem a small network
/// learns in a few epochs and an untrained one does not solve.
pub fn blobs(samples: usize, features: usize, classes: usize, seed: u64) -> Samples {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let centres: Vec<Vec<f32>> = (0..classes)
        .map(|_| (0..features).map(|_| rng.random_range(0.2..0.8)).collect())
        .collect();
    let labels: Vec<usize> = (0..samples).map(|i| i % classes).collect();
    let inputs = Mat::from_fn(features, samples, |i, j| {
        let noise: f32 = rng.random_range(-0.15..0.15);
        (centres[labels[j]][i] + noise).clamp(0.0, 1.0)
    });
    Samples::from_columns(&inputs, labels, classes).expect("consistent blobs")
}
