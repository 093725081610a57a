//! The checkpoint section `competitive layers`: every competitive layer's weights, thresholds,
//! neuron state, random stream and labels, by port name.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use serde::{Deserialize, Serialize};

use crate::competitive::brain::{CompetitiveBrain, Shown};
use crate::competitive::labels::Labelling;
use crate::competitive::layer::CompetitiveLayer;
use crate::competitive::params::CompetitiveParams;

/// The section's name.
pub const SECTION: &str = "competitive layers";

/// One layer as saved.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct SavedBrain {
    name: String,
    layer: CompetitiveLayer,
    labelling: Labelling,
    labels_stale: bool,
    labels_used: bool,
    since_row: Shown,
    epochs: u32,
}

/// Saves every competitive layer.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let saved: Vec<SavedBrain> = world
        .try_query::<&CompetitiveBrain>()
        .map(|mut brains| {
            brains
                .iter(world)
                .map(|brain| SavedBrain {
                    name: brain.name.clone(),
                    layer: brain.layer.clone(),
                    labelling: brain.labelling.clone(),
                    labels_stale: brain.labels_stale,
                    labels_used: brain.labels_used,
                    since_row: brain.since_row,
                    epochs: brain.epochs,
                })
                .collect()
        })
        .unwrap_or_default();
    encode(SECTION, &saved)
}

/// Restores each saved layer into the layer of the same port name; one the checkpoint lacks,
/// or of other sizes, is refused with its name.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Vec<SavedBrain> = decode(SECTION, bytes)?;
    for mut brain in world.query::<&mut CompetitiveBrain>().iter_mut(world) {
        let Some(saved) = saved.iter().find(|s| s.name == brain.name) else {
            return Err(CheckpointError::section(
                SECTION,
                format!("the checkpoint has no competitive layer '{}'", brain.name),
            ));
        };
        // The app loads a checkpoint only into the scene it was made with; this guards the
        // section on its own (another layer of the same name).
        let sizes = |p: &CompetitiveParams| (p.inputs, p.excitatory, p.classes);
        if sizes(&saved.layer.params) != sizes(&brain.layer.params) {
            return Err(CheckpointError::section(
                SECTION,
                format!(
                    "competitive layer '{}' has (inputs, excitatory, classes) {:?} in the checkpoint and {:?} in the scene",
                    brain.name,
                    sizes(&saved.layer.params),
                    sizes(&brain.layer.params)
                ),
            ));
        }
        brain.layer = saved.layer.clone();
        brain.labelling = saved.labelling.clone();
        brain.labels_stale = saved.labels_stale;
        brain.labels_used = saved.labels_used;
        brain.since_row = saved.since_row;
        brain.epochs = saved.epochs;
    }
    Ok(())
}

/// A checkpoint without the section (written before competitive layers existed): accepted for
/// a scene without one, refused for one with (its layer would start untrained and unlabelled).
pub fn absent(world: &mut World) -> Result<(), CheckpointError> {
    match world.query::<&CompetitiveBrain>().iter(world).next() {
        None => Ok(()),
        Some(brain) => Err(CheckpointError::section(
            SECTION,
            format!(
                "the checkpoint has no competitive layers, and the scene has '{}'",
                brain.name
            ),
        )),
    }
}
