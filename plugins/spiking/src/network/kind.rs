//! The spiking network as a network kind ([`NetworkKind`]): the protocol through which the
//! scene loader checks, builds and freezes it, and tasks find its ports.
//!
//! Its section is the scene's top-level `regions` and `projections`. Its ports: every
//! `Encoder` region is an input port, every region with a `readout` an output port, each named
//! after the region.

use bevy::prelude::*;
use neurarium_sim::prelude::{InvalidParam, NetworkKind, PortDecl};

use crate::coding::decoder::Readout;
use crate::coding::source::SourceParams;
use crate::models::NeuronModel;
use crate::network::check::validate_network;
use crate::network::spawn::spawn_network;
use crate::network::spec::SpikingNetworkSpec;
use crate::plasticity::state::freeze_all;

/// The spiking network kind.
pub struct SpikingNetwork;

impl NetworkKind for SpikingNetwork {
    const NAME: &'static str = "Spiking";
    type Spec = SpikingNetworkSpec;

    fn validate(spec: &SpikingNetworkSpec) -> Result<(), InvalidParam> {
        validate_network(spec)
    }

    fn ports(spec: &SpikingNetworkSpec) -> Vec<PortDecl> {
        let mut ports = Vec::new();
        for region in &spec.regions {
            if let NeuronModel::Encoder(params) = &region.model {
                ports.extend(params.ports(region));
            }
            ports.extend(Readout::port_decl(
                &region.readout,
                &region.name,
                region.size,
            ));
        }
        ports
    }

    fn spawn(world: &mut World, spec: &SpikingNetworkSpec, dt_ms: f64) -> Result<(), InvalidParam> {
        spawn_network(world, &spec.regions, &spec.projections, dt_ms)
            .map(|_| ())
            .map_err(|e| InvalidParam::new("regions", e.to_string()))
    }

    fn freeze(world: &mut World) {
        freeze_all(world);
    }
}
