//! Training-time regularisers: input noise and dropout.
//!
//! - Input noise: `x ← clamp(x + N(0, σ²), 0, 1)` per pixel, fresh every batch.
//! - Dropout: each hidden unit is silenced (held at 0 through every phase of the batch, so
//!   both phases see the same network) with probability `p`; evaluation uses every unit.
//! - Shifts: each input, read as a `width`-pixel-wide image, moves by a whole number of pixels
//!   `dx, dy` drawn uniformly from `−max..=max` (what slides out is lost, what comes in is 0),
//!   fresh every batch.

use faer::Mat;
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Normal};

use crate::dense::map_in_place;

/// Adds Gaussian noise of standard deviation `sigma` to `input`, kept in `0..1`.
pub fn add_input_noise(input: &mut Mat<f32>, sigma: f32, rng: &mut ChaCha8Rng) {
    if sigma <= 0.0 {
        return;
    }
    let Ok(normal) = Normal::new(0.0f32, sigma) else {
        return;
    };
    map_in_place(input, |x| (x + normal.sample(rng)).clamp(0.0, 1.0));
}

/// One 0/1 mask per layer (`units × batch`) for dropout probability `p` on the hidden layers;
/// the input and output layers are all ones.
pub fn dropout_masks(sizes: &[usize], batch: usize, p: f32, rng: &mut ChaCha8Rng) -> Vec<Mat<f32>> {
    let last = sizes.len() - 1;
    sizes
        .iter()
        .enumerate()
        .map(|(l, &n)| {
            Mat::from_fn(n, batch, |_, _| {
                if l == 0 || l == last || rng.random::<f32>() >= p {
                    1.0
                } else {
                    0.0
                }
            })
        })
        .collect()
}

/// Images shifted for augmentation, as a scene gives it.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shifts {
    /// Pixels per image row (28 for MNIST); the inputs are rows of pixels, top first.
    pub width: usize,
    /// Largest shift in each direction, pixels.
    pub max: usize,
}

/// Moves each column of `input` (an image `shifts.width` pixels wide, row after row) by a
/// random shift.
pub fn shift_images(input: &mut Mat<f32>, shifts: Shifts, rng: &mut ChaCha8Rng) {
    let width = shifts.width.max(1);
    let height = input.nrows() / width;
    let max = shifts.max as i64;
    let mut moved = vec![0.0f32; input.nrows()];
    for j in 0..input.ncols() {
        let dx = rng.random_range(-max..=max) as isize;
        let dy = rng.random_range(-max..=max) as isize;
        if dx == 0 && dy == 0 {
            continue;
        }
        let image = input.col_as_slice_mut(j);
        for (p, value) in moved.iter_mut().enumerate() {
            let (x, y) = ((p % width) as isize - dx, (p / width) as isize - dy);
            let inside = (0..width as isize).contains(&x) && (0..height as isize).contains(&y);
            *value = if inside {
                image[y as usize * width + x as usize]
            } else {
                0.0
            };
        }
        image.copy_from_slice(&moved);
    }
}
