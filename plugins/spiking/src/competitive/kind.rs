//! The `Competitive` network kind: its section checked, its port declared, its entity spawned.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::Rng;

use crate::competitive::brain::CompetitiveBrain;
use crate::competitive::layer::CompetitiveLayer;
use crate::competitive::params::CompetitiveParams;
use crate::competitive::systems;

/// Diehl & Cook's competitive layer, learning without labels.
pub struct CompetitiveNetwork;

impl NetworkKind for CompetitiveNetwork {
    const NAME: &'static str = "Competitive";
    type Spec = CompetitiveParams;

    fn validate(spec: &CompetitiveParams) -> Result<(), InvalidParam> {
        spec.validate()
    }

    fn ports(spec: &CompetitiveParams) -> Vec<PortDecl> {
        vec![PortDecl {
            name: spec.port.clone(),
            direction: PortDirection::Examples,
            width: spec.inputs,
            choices: None,
            answers: spec.classes,
            what: "competitive layer examples".to_owned(),
        }]
    }

    fn spawn(world: &mut World, spec: &CompetitiveParams, _dt_ms: f64) -> Result<(), InvalidParam> {
        let seed: u64 = world.resource_mut::<SimRng>().0.random();
        let layer = CompetitiveLayer::new(spec.clone(), seed);
        world.spawn((
            SceneEntity,
            Name::new(format!("competitive layer '{}'", spec.port)),
            CompetitiveBrain::new(&spec.port, layer, spec.classes),
            ExamplePort::new(&spec.port, spec.inputs, spec.classes, spec.batch),
        ));
        systems::schedule(world);
        Ok(())
    }

    fn freeze(world: &mut World) {
        for mut brain in world.query::<&mut CompetitiveBrain>().iter_mut(world) {
            brain.learning = false;
        }
    }
}
