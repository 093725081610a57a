//! Entity helpers shared by the crates that spawn parts of a scene.

use bevy::ecs::query::QueryFilter;
use bevy::prelude::*;

/// Despawns every entity that matches the query filter `F` (`With<Wall>`, …).
pub fn despawn_all<F: QueryFilter>(world: &mut World) {
    let entities: Vec<Entity> = world.query_filtered::<Entity, F>().iter(world).collect();
    for entity in entities {
        world.despawn(entity);
    }
}
