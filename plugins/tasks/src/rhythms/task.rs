//! The rhythms measurement as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(Rhythms((…)))` ([`RhythmsSpec`]); its port is checked.
//! - Unit: the analysis window (an episode); outcome: whether it was rhythmic, success the same.
//! - `--eval`: nothing changes (the brain does not learn).
//! - Controls: none of its own; the ablations (pacemaker off, inhibition cut) are the scene's
//!   fields, swept.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::recording::RateRecording;
use super::spec::RhythmsSpec;
use super::systems::{RatePort, analyse, sample, write_columns};

/// Rhythms in a region's rate.
pub struct RhythmsTask;

impl Task for RhythmsTask {
    const NAME: &'static str = "Rhythms";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = RhythmsSpec;

    fn validate(spec: &RhythmsSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate(ports)
    }

    fn spawn(world: &mut World, spec: &RhythmsSpec, dt_ms: f64) -> Result<(), InvalidParam> {
        let port = require_output(world, "rate", &spec.rate)?;
        let rng = world.resource_mut::<SimRng>().fork();
        world.spawn((
            SceneEntity,
            Name::new("rhythms"),
            RateRecording::new(spec, dt_ms, rng),
            RatePort(port),
        ));
        schedule_once(
            world,
            "rhythms",
            (
                sample.in_set(ActSet::Control),
                (analyse.run_if(episode_ends), write_columns)
                    .chain()
                    .in_set(RecordSet::Task),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::RHYTHMIC,
            success: Some(|row| row.get(&columns::RHYTHMIC) == Some(1.0)),
            success_means: "each band held a peak (and the coupling beat its surrogates)",
        }
    }

    fn controls() -> Vec<Control<RhythmsSpec>> {
        Vec::new()
    }
}
