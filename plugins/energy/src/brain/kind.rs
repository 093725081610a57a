//! The `Energy` network kind: its section checked, its port declared, its entity spawned.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::Rng;

use crate::brain::network::EnergyBrain;
use crate::brain::spec::EnergyNetSpec;
use crate::brain::systems;
use crate::error::EnergyError;
use crate::train::Trainer;

/// Layered networks trained by equilibrium propagation (or backprop, the control).
pub struct EnergyNetwork;

/// An energy error as a parameter error: a setting's own field below `training`.
fn invalid(error: EnergyError) -> InvalidParam {
    match error {
        EnergyError::Setting { field, message } => {
            InvalidParam::new(&format!("training.{field}"), message)
        }
        other => InvalidParam::new("layers", other.to_string()),
    }
}

impl NetworkKind for EnergyNetwork {
    const NAME: &'static str = "Energy";
    type Spec = EnergyNetSpec;

    fn validate(spec: &EnergyNetSpec) -> Result<(), InvalidParam> {
        InvalidParam::check(!spec.port.is_empty(), "port", || {
            "must name the examples port".to_owned()
        })?;
        InvalidParam::check((3..=5).contains(&spec.layers.len()), "layers", || {
            format!(
                "needs an input layer, 1 to 3 hidden layers and an output layer (3 to 5 sizes), got {}",
                spec.layers.len()
            )
        })?;
        let empty = spec.layers.iter().position(|&n| n == 0);
        InvalidParam::check(empty.is_none(), "layers", || {
            format!("layer {} has no units", empty.unwrap_or_default())
        })?;
        spec.training.check(&spec.layers).map_err(invalid)
    }

    fn ports(spec: &EnergyNetSpec) -> Vec<PortDecl> {
        vec![PortDecl {
            name: spec.port.clone(),
            direction: PortDirection::Examples,
            width: spec.layers[0],
            choices: None,
            answers: spec.layers[spec.layers.len() - 1],
            what: "Energy network examples".to_owned(),
        }]
    }

    fn spawn(world: &mut World, spec: &EnergyNetSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let seed: u64 = world.resource_mut::<SimRng>().0.random();
        let trainer = Trainer::new(&spec.layers, spec.training.clone(), seed).map_err(invalid)?;
        let outputs = spec.layers[spec.layers.len() - 1];
        world.spawn((
            SceneEntity,
            Name::new(format!("energy network '{}'", spec.port)),
            EnergyBrain::new(&spec.port, trainer),
            ExamplePort::new(&spec.port, spec.layers[0], outputs, spec.training.batch),
        ));
        systems::schedule(world);
        Ok(())
    }

    fn freeze(world: &mut World) {
        for mut brain in world.query::<&mut EnergyBrain>().iter_mut(world) {
            brain.learning = false;
        }
    }
}
