//! The checkpoint section `energy networks`: every energy network's trainer and its sums since
//! the last metrics row, by port name.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};

use crate::brain::network::EnergyBrain;
use crate::train::{BatchOutcome, SavedTrainer, Trainer};

/// One network as saved: its port name, its trainer, and its sums since the last metrics row.
type SavedBrain = (String, SavedTrainer, BatchOutcome, usize);

/// The section's name.
pub const SECTION: &str = "energy networks";

/// Saves every energy network's trainer.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let saved: Vec<SavedBrain> = world
        .try_query::<&EnergyBrain>()
        .map(|mut brains| {
            brains
                .iter(world)
                .map(|brain| {
                    (
                        brain.name.clone(),
                        brain.trainer.to_saved(),
                        brain.since_row,
                        brain.samples_since_row,
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    encode(SECTION, &saved)
}

/// Restores each saved trainer into the network of the same port name; a network the
/// checkpoint lacks, or of other layer sizes, is refused with its name.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Vec<SavedBrain> = decode(SECTION, bytes)?;
    for mut brain in world.query::<&mut EnergyBrain>().iter_mut(world) {
        let Some((_, trainer, since_row, samples)) =
            saved.iter().find(|(name, ..)| *name == brain.name)
        else {
            return Err(CheckpointError::section(
                SECTION,
                format!("the checkpoint has no energy network '{}'", brain.name),
            ));
        };
        if trainer.net.sizes != brain.trainer.net.sizes {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "energy network '{}' has layers {:?} in the checkpoint and {:?} in the scene",
                    brain.name, trainer.net.sizes, brain.trainer.net.sizes
                ),
            ));
        }
        brain.trainer = Trainer::from_saved(trainer.clone())
            .map_err(|e| CheckpointError::section(SECTION, e))?;
        brain.since_row = *since_row;
        brain.samples_since_row = *samples;
    }
    Ok(())
}

/// A checkpoint without the section (written before energy networks existed): accepted for a
/// scene without energy networks, refused for one with.
pub fn absent(world: &mut World) -> Result<(), CheckpointError> {
    match world.query::<&EnergyBrain>().iter(world).next() {
        None => Ok(()),
        Some(brain) => Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has no energy networks, and the scene has '{}'",
                brain.name
            ),
        )),
    }
}
