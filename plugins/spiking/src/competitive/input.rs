//! An image as Poisson spike trains, drawn event by event.
//!
//! Pixel `i` of intensity `x_i ∈ [0, 1]` fires as a Poisson process of rate `r_i = x_i · R_max`
//! (Hz). Rather than a random draw per pixel per step, the merged train of all pixels is drawn:
//! a Poisson process of rate `Σ r_i`, whose gaps are exponential, each event given to pixel `i`
//! with probability `r_i / Σ r_i` (an alias table, O(1) per event). The two are the same
//! process; the cost is per spike, not per pixel and step. MNIST at 63.75 Hz: about 3 input
//! spikes per 0.5 ms step among 784 pixels.

use rand::Rng;
use rand_distr::weighted::WeightedAliasIndex;
use rand_distr::{Distribution, Exp1};

/// One image's input spikes, step by step.
#[derive(Debug)]
pub struct PoissonImage {
    /// Which pixel each event belongs to; `None` for an all-dark image.
    pixels: Option<WeightedAliasIndex<f32>>,
    /// Σ x_i (pixels' intensities summed).
    total_intensity: f64,
    /// Merged rate Σ r_i, events per ms.
    rate_per_ms: f64,
    /// Time of the next event since the showing started, ms.
    next_ms: f64,
}

impl PoissonImage {
    /// The image `intensities` (each in 0..1; negative values count as 0), not yet shown.
    pub fn new(intensities: &[f32]) -> Self {
        let weights: Vec<f32> = intensities.iter().map(|x| x.max(0.0)).collect();
        let total_intensity: f64 = weights.iter().map(|&x| f64::from(x)).sum();
        let pixels = (total_intensity > 0.0)
            .then(|| WeightedAliasIndex::new(weights).ok())
            .flatten();
        Self {
            pixels,
            total_intensity,
            rate_per_ms: 0.0,
            next_ms: f64::INFINITY,
        }
    }

    /// Starts a showing with a pixel of intensity 1 firing at `max_rate_hz`.
    pub fn start(&mut self, max_rate_hz: f64, rng: &mut impl Rng) {
        self.rate_per_ms = self.total_intensity * max_rate_hz / 1000.0;
        self.next_ms = f64::INFINITY;
        if self.pixels.is_some() && self.rate_per_ms > 0.0 {
            self.next_ms = self.gap(rng);
        }
    }

    fn gap(&self, rng: &mut impl Rng) -> f64 {
        let unit: f64 = Exp1.sample(rng);
        unit / self.rate_per_ms
    }

    /// The pixels that fire before `until_ms` (since the showing started) and after the last
    /// call, into `fired` (cleared first; a pixel can appear twice).
    pub fn fire_until(&mut self, until_ms: f64, rng: &mut impl Rng, fired: &mut Vec<u32>) {
        fired.clear();
        let Some(pixels) = &self.pixels else {
            return;
        };
        while self.next_ms < until_ms {
            fired.push(pixels.sample(rng) as u32);
            self.next_ms += self.gap(rng);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn each_pixel_fires_at_its_rate() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut image = PoissonImage::new(&[1.0, 0.25, 0.0, 0.5]);
        image.start(100.0, &mut rng);
        let mut counts = [0u32; 4];
        let mut fired = Vec::new();
        let seconds = 200.0;
        for step in 1..=(seconds * 2000.0) as usize {
            image.fire_until(step as f64 * 0.5, &mut rng, &mut fired);
            for &i in &fired {
                counts[i as usize] += 1;
            }
        }
        let rates: Vec<f64> = counts.iter().map(|&c| f64::from(c) / seconds).collect();
        for (rate, expected) in rates.iter().zip([100.0, 25.0, 0.0, 50.0]) {
            assert!(
                (rate - expected).abs() <= 0.05 * expected + 1e-9,
                "{rates:?}"
            );
        }
    }

    #[test]
    fn a_dark_image_never_fires() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut image = PoissonImage::new(&[0.0; 5]);
        image.start(100.0, &mut rng);
        let mut fired = vec![7];
        image.fire_until(1e6, &mut rng, &mut fired);
        assert!(fired.is_empty());
    }
}
