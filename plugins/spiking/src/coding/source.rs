//! The interface of spike sources: regions without a membrane whose spikes are drawn, not
//! integrated ([`poisson`](crate::coding::poisson), [`encoder`](crate::coding::encoder)).
//! They are declared beside the neuron models ([`crate::models`]), one line each.

use bevy::ecs::world::EntityWorldMut;
use bevy::prelude::*;
use neurarium_sim::protocol::ports::PortDecl;
use rand_chacha::ChaCha8Rng;
use serde::{Serialize, de::DeserializeOwned};

use crate::error::InvalidParam;
use crate::network::spec::RegionSpec;

/// A spike source's parameters, as a scene gives them, and how they build the source.
pub trait SourceParams:
    Clone + PartialEq + std::fmt::Debug + Serialize + DeserializeOwned + Send + Sync + 'static
{
    /// The source's state component.
    type Source: Component + Clone + Serialize + DeserializeOwned;
    /// Name of the state in checkpoints.
    const STATE: &'static str;
    /// A short description for panels ("Poisson 15 Hz").
    fn label(&self) -> String;
    /// Checks every value for a region of `size` neurons; the error names the field.
    fn validate(&self, size: u32) -> Result<(), InvalidParam>;
    /// Inserts the source's state (and any port it offers) into the region `spec`, drawing
    /// from `rng`, the region's own stream.
    fn spawn(&self, region: &mut EntityWorldMut, spec: &RegionSpec, rng: ChaCha8Rng);
    /// Schedules the source's systems (once per scene).
    fn schedule(world: &mut World);
    /// The ports a region of this source offers a task.
    fn ports(&self, _spec: &RegionSpec) -> Vec<PortDecl> {
        Vec::new()
    }
}
