//! The `table` checkpoint section: the presenter (split, pass, order, position, accuracies,
//! random stream); the table is read again from the scene's file. Optional: checkpoints
//! written before the table task existed lack it.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};

use super::presenter::{Presenter, TableData};

/// The section's name in checkpoint files.
pub const SECTION: &str = "table";

/// Encodes the presenter, if there is one.
pub fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let presenter = world
        .try_query::<&Presenter>()
        .and_then(|mut q| q.iter(world).next().cloned());
    encode(SECTION, &presenter)
}

/// Restores the presenter saved by [`save`], and the feature scaling of its training rows.
pub fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<Presenter> = decode(SECTION, bytes)?;
    if let (Some(saved), Some((mut presenter, mut data))) = (
        saved,
        world
            .query::<(&mut Presenter, &mut TableData)>()
            .iter_mut(world)
            .next(),
    ) {
        *data = TableData::new(data.table.clone(), &saved.split.train);
        *presenter = saved;
    }
    Ok(())
}
