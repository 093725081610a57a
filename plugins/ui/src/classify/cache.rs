//! What the panel computes from the network, kept until the network (or the pad) changes:
//! the ten dreams (once per epoch), the traced relaxation of the digit on show (once per
//! step) and of the pad (once per stroke or step).

use bevy::prelude::*;
use neurarium_energy::dream::{DreamSettings, dream};
use neurarium_energy::prelude::EnergyBrain;
use neurarium_energy::trace::{Traced, trace_answer};
use rand::SeedableRng;

/// A value and the key it was computed for.
#[derive(Debug, Clone)]
struct Keyed<T> {
    key: (u64, u64),
    value: T,
}

/// Cached pictures of the network.
#[derive(Resource, Debug, Default)]
pub struct NetworkPictures {
    dreams: Option<Keyed<Vec<Vec<f32>>>>,
    shown: Option<Keyed<Option<Traced>>>,
    pad: Option<Keyed<Option<Traced>>>,
}

/// Returns the cached value for `key`, computing it first if the key changed.
fn cached<T>(slot: &mut Option<Keyed<T>>, key: (u64, u64), compute: impl FnOnce() -> T) -> &T {
    if slot.as_ref().is_none_or(|k| k.key != key) {
        *slot = Some(Keyed {
            key,
            value: compute(),
        });
    }
    &slot.as_ref().expect("just filled").value
}

impl NetworkPictures {
    /// One dream per class, each an input image (full contrast), for the network's epoch.
    pub fn dreams(&mut self, brain: &EnergyBrain, step: u64) -> &[Vec<f32>] {
        let net = &brain.trainer.net;
        // Recomputed each epoch, and at once for a network that has not finished one yet.
        let epoch = u64::from(brain.trainer.epoch);
        let key = (epoch, if epoch == 0 { step / 50 } else { 0 });
        let dreams: &Vec<Vec<f32>> = cached(&mut self.dreams, key, || {
            let classes: Vec<usize> = (0..net.outputs()).collect();
            let settings = DreamSettings {
                full_contrast: true,
                ..DreamSettings::default()
            };
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(0);
            dream(net, &classes, &settings, &mut rng)
                .map(|m| {
                    (0..m.ncols())
                        .map(|j| (0..m.nrows()).map(|i| m[(i, j)]).collect())
                        .collect()
                })
                .unwrap_or_default()
        });
        dreams
    }

    /// The traced answer to `input`, the digit on show at `step`.
    pub fn shown(&mut self, brain: &EnergyBrain, input: &[f32], step: u64) -> Option<&Traced> {
        let trainer = &brain.trainer;
        cached(&mut self.shown, (step, 0), || {
            trace_answer(&trainer.net, &trainer.spec.learner, input).ok()
        })
        .as_ref()
    }

    /// The traced answer to the pad's drawing (`version`) at `step`.
    pub fn pad(
        &mut self,
        brain: &EnergyBrain,
        pixels: &[f32],
        version: u64,
        step: u64,
    ) -> Option<&Traced> {
        let trainer = &brain.trainer;
        cached(&mut self.pad, (step, version), || {
            trace_answer(&trainer.net, &trainer.spec.learner, pixels).ok()
        })
        .as_ref()
    }
}
