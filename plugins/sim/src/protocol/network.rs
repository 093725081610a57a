//! The network-kind protocol: spiking networks, energy networks, circuits, or a lookup table.
//!
//! A network kind is a type implementing [`NetworkKind`], registered with one line in a plugin
//! ([`KindsAppExt::register_network`](crate::protocol::registry::KindsAppExt::register_network)).
//! A scene lists other kinds' networks in `networks: [Name((…)), …]`; the spiking network keeps
//! its historical place at the top level (`regions`, `projections`) and goes through the same
//! protocol. Tasks reach any kind only through the ports it declares
//! ([`crate::protocol::ports`]) and the rewards it takes ([`crate::protocol::rewards`]).
//!
//! Like a task, a kind marks what it spawns `SceneEntity`, schedules its systems scene-scoped,
//! and registers its checkpoint section and metrics columns from its plugin.

use bevy::prelude::*;

use crate::param::InvalidParam;
use crate::protocol::ports::PortDecl;
use crate::protocol::section::SectionSpec;

/// A kind of brain. See the module docs.
pub trait NetworkKind: Send + Sync + 'static {
    /// Its name in scenes (`networks: [Lookup((…))]`) and messages.
    const NAME: &'static str;
    /// Its scene section.
    type Spec: SectionSpec;

    /// Checks the section on its own; the error names the field below the section.
    fn validate(spec: &Self::Spec) -> Result<(), InvalidParam>;

    /// The ports a network of this section will offer.
    fn ports(spec: &Self::Spec) -> Vec<PortDecl>;

    /// Builds the network into `world` (simulation step `dt_ms`): entities marked
    /// `SceneEntity`, the ports it declared, its scene-scoped systems.
    fn spawn(world: &mut World, spec: &Self::Spec, dt_ms: f64) -> Result<(), InvalidParam>;

    /// Learning off: every network of this kind keeps its weights from now on.
    fn freeze(world: &mut World);
}
