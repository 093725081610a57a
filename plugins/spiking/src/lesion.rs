//! Lesions: a share of a region's neurons removed after training.
//!
//! A region with `lesion: s` (0 ≤ s < 1) loses `round(s · size)` of its neurons, drawn at
//! random from the run's seed on a stream of the region's own (the same neurons in every
//! configuration of a sweep, whatever else it changes; a larger share removes a smaller
//! share's neurons and more), whenever learning is off: evaluating
//! a trained brain (`--eval`), `--evaluate`, `--learning-off` and the untrained control. A
//! removed neuron's spikes are dropped in `Spike` as soon as it fires, before they are sent,
//! counted or read out, so it is silent to the network and the task; it still integrates its
//! input. While the brain learns, nothing is removed.

use bevy::prelude::*;
use neurarium_sim::prelude::{LearningRate, SimRng, SimSet, schedule_once};
use rand::seq::SliceRandom;

use crate::network::region::Spikes;
use crate::plugin::SpikingSystems;

/// Streams of [`SimRng::stream`] used by lesions start here (one per region index).
const LESION_STREAM: u64 = 0x1e51_0000;

/// The neurons a region loses when learning is off.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct Lesion {
    /// Whether each neuron is removed.
    pub removed: Vec<bool>,
}

impl Lesion {
    /// `round(share · size)` of `size` neurons, drawn from the run's seed for region `index`.
    pub fn draw(rng: &SimRng, index: u32, size: u32, share: f64) -> Self {
        let mut stream = rng.stream(LESION_STREAM + u64::from(index));
        let count = ((share * f64::from(size)).round() as usize).min(size as usize);
        let mut order: Vec<usize> = (0..size as usize).collect();
        order.shuffle(&mut stream);
        let mut removed = vec![false; size as usize];
        for &i in &order[..count] {
            removed[i] = true;
        }
        Self { removed }
    }

    /// Drops the removed neurons from `fired`.
    pub fn drop_spikes(&self, fired: &mut Vec<u32>) {
        fired.retain(|&i| !self.removed[i as usize]);
    }
}

/// `Spike` (after every model fired): with learning off, the removed neurons' spikes are
/// dropped.
pub fn drop_lesioned_spikes(
    learning_rate: Res<LearningRate>,
    mut regions: Query<(&Lesion, &mut Spikes)>,
) {
    if !learning_rate.learning_off {
        return;
    }
    for (lesion, mut spikes) in &mut regions {
        lesion.drop_spikes(&mut spikes.fired);
    }
}

/// Gives region `entity` (index `index`, `size` neurons) its lesion if `share > 0`, and
/// schedules the system once.
pub fn attach_lesion(world: &mut World, entity: Entity, index: u32, size: u32, share: f64) {
    if share <= 0.0 {
        return;
    }
    let lesion = Lesion::draw(world.resource::<SimRng>(), index, size, share);
    world.entity_mut(entity).insert(lesion);
    let last = crate::models::NeuronModel::NAMES.len() - 1;
    schedule_once(
        world,
        "lesions",
        drop_lesioned_spikes
            .after(SpikingSystems::Fire(last))
            .before(crate::monitors::monitor::record_spikes)
            .before(crate::growth::systems::note_activity)
            .in_set(SimSet::Spike),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_share_is_removed_and_the_same_neurons_whatever_was_drawn_before() {
        let mut rng = SimRng::seeded(3);
        let lesion = Lesion::draw(&rng, 2, 100, 0.3);
        assert_eq!(lesion.removed.iter().filter(|&&r| r).count(), 30);
        let _ = rng.fork();
        assert_eq!(Lesion::draw(&rng, 2, 100, 0.3), lesion);
        assert_ne!(Lesion::draw(&rng, 3, 100, 0.3), lesion);
        let larger = Lesion::draw(&rng, 2, 100, 0.5);
        assert!(
            lesion
                .removed
                .iter()
                .zip(&larger.removed)
                .all(|(&a, &b)| !a || b)
        );
        let mut fired: Vec<u32> = (0..100).collect();
        lesion.drop_spikes(&mut fired);
        assert_eq!(fired.len(), 70);
        assert!(fired.iter().all(|&i| !lesion.removed[i as usize]));
    }
}
