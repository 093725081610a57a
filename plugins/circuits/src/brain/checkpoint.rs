//! The checkpoint section `resistor networks`: every network's conductances, potentiometer
//! steps, cut edges, random streams and progress, by port name. The wiring is the scene's.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use rand_chacha::ChaCha8Rng;

use crate::brain::network::{CircuitBrain, CircuitProgress};
use crate::coupled::SavedCoupled;

/// One network as saved.
type SavedBrain = (String, SavedCoupled, CircuitProgress, ChaCha8Rng);

/// The section's name.
pub const SECTION: &str = "resistor networks";

/// Saves every resistor network.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let saved: Vec<SavedBrain> = world
        .try_query::<&CircuitBrain>()
        .map(|mut brains| {
            brains
                .iter(world)
                .map(|b| {
                    (
                        b.name.clone(),
                        b.net.to_saved(),
                        b.progress.clone(),
                        b.cut_rng.clone(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    encode(SECTION, &saved)
}

/// Restores each saved network into the one of the same port name; a network the checkpoint
/// lacks, or of another wiring, is refused with its name.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Vec<SavedBrain> = decode(SECTION, bytes)?;
    for mut brain in world.query::<&mut CircuitBrain>().iter_mut(world) {
        let Some((_, net, progress, cut_rng)) = saved.iter().find(|(n, ..)| *n == brain.name)
        else {
            return Err(CheckpointError::section(
                SECTION,
                format!("the checkpoint has no resistor network '{}'", brain.name),
            ));
        };
        brain.net.restore(net.clone()).map_err(|e| {
            CheckpointError::section(SECTION, format!("resistor network '{}': {e}", brain.name))
        })?;
        brain.progress = progress.clone();
        brain.cut_rng = cut_rng.clone();
        let steps = brain.net.steps.clone();
        if let Some(board) = brain.board.as_ref() {
            board.link.set_steps(steps);
        }
    }
    Ok(())
}

/// A checkpoint without the section (written before resistor networks existed): accepted for
/// a scene without them, refused for one with.
pub fn absent(world: &mut World) -> Result<(), CheckpointError> {
    match world.query::<&CircuitBrain>().iter(world).next() {
        None => Ok(()),
        Some(brain) => Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has no resistor networks, and the scene has '{}'",
                brain.name
            ),
        )),
    }
}
