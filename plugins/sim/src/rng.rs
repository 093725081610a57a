//! The seeded random number generator.
//!
//! [`SimRng`] is ChaCha8 seeded from the scene's seed. It is used while a scene is built
//! (connectivity, initial weights) and by systems that need randomness without a stream of
//! their own. Systems that draw every step (Poisson inputs, noise) keep their own stream,
//! derived with [`SimRng::fork`], so adding a region does not change another region's draws.
//! Its whole state is saved in checkpoints.

use bevy::prelude::*;
use rand::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// The run's random number generator.
#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimRng(pub ChaCha8Rng);

impl SimRng {
    /// A generator seeded with `seed`.
    pub fn seeded(seed: u64) -> Self {
        Self(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A new independent generator for one consumer, drawn from this one.
    pub fn fork(&mut self) -> ChaCha8Rng {
        ChaCha8Rng::seed_from_u64(self.0.next_u64())
    }

    /// The generator of the run's seed on its own `stream`, without drawing from this one:
    /// the same draws whatever else the scene builds before it (a lesion's neurons are the
    /// same in every configuration of a sweep).
    pub fn stream(&self, stream: u64) -> ChaCha8Rng {
        let mut rng = ChaCha8Rng::from_seed(self.0.get_seed());
        rng.set_stream(stream);
        rng
    }
}

impl Default for SimRng {
    fn default() -> Self {
        Self::seeded(0)
    }
}
