//! Pavlovian conditioning as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(Pavlov((…)))` ([`PavlovSpec`]); its ports are checked.
//! - Unit of training: the trial (an episode); outcome: whether the brain responded to the
//!   tone, success the same.
//! - `--eval`: tone-alone trials with learning off, no rewards: the response probability.
//! - Controls: the untrained brain (the response before learning), and `unpaired` (food
//!   `unpaired_offset_ms` after the tone, far outside the eligibility of the tone's synapses;
//!   trained on the same trials, then evaluated).

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::conditioning::Conditioning;
use super::spec::PavlovSpec;
use super::systems::{PavlovPorts, count_response, next_trial, present, record, reward};

/// Pavlovian conditioning.
pub struct PavlovTask;

impl Task for PavlovTask {
    const NAME: &'static str = "Pavlov";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = PavlovSpec;

    fn validate(spec: &PavlovSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate(ports)
    }

    fn spawn(world: &mut World, spec: &PavlovSpec, dt_ms: f64) -> Result<(), InvalidParam> {
        let ports = PavlovPorts {
            cs: require_input(world, "cs", &spec.cs)?,
            us: require_input(world, "us", &spec.us)?,
            response: require_output(world, "response", &spec.response)?,
        };
        world.spawn((
            SceneEntity,
            Name::new("conditioning"),
            Conditioning::new(spec, dt_ms),
            ports,
        ));
        schedule_once(
            world,
            "pavlov",
            (
                present.in_set(SimSet::Sense),
                count_response.in_set(ActSet::Control),
                reward.in_set(RewardSet::Score),
                record.in_set(RecordSet::Task),
                next_trial
                    .run_if(episode_ends)
                    .in_set(RecordSet::EpisodeEnd),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::RESPONDED,
            success: Some(|row| row.get(&columns::RESPONDED) == Some(1.0)),
            success_means: "responded to the tone",
        }
    }

    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        for mut run in world.query::<&mut Conditioning>().iter_mut(world) {
            run.evaluating = true;
        }
        Ok(Some(
            "tone-alone trials, learning off, no rewards".to_owned(),
        ))
    }

    fn controls() -> Vec<Control<PavlovSpec>> {
        vec![
            Control::UNTRAINED,
            Control {
                name: "unpaired",
                description: "food far after the tone (unpaired_offset_ms), trained on the same trials",
                learning_off: false,
                trains: true,
                edit: Some(|spec| spec.paired = false),
            },
        ]
    }
}
