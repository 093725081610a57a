//! Pattern completion and consolidation as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(Recall((…)))` ([`RecallSpec`]); its ports are checked.
//! - Unit: the session (an episode): store, sleep, recall; outcome: the mean overlap of the
//!   pattern cues, success when it reaches [`RECALLED`].
//! - `--eval`: learning off throughout, so nothing new is stored: what the network recalls of
//!   patterns it never learnt.
//! - Controls: the untrained network (learning off); `no replay` (the same sleep time, the
//!   sleep port not driven); `replay without plasticity` (driven, learning off in sleep);
//!   `sleep without storing` (the patterns shown but not learnt, then sleep as usual: what
//!   sleep makes of nothing); `no sleep` (recall straight after storing).

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::session::RecallSession;
use super::spec::RecallSpec;
use super::systems::{RecallPorts, next_session, observe, present, record, write_columns};

/// The overlap at which a session counts as recalled.
pub const RECALLED: f64 = 0.5;

/// Storing patterns and recalling them from half.
pub struct RecallTask;

impl Task for RecallTask {
    const NAME: &'static str = "Recall";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = RecallSpec;

    fn validate(spec: &RecallSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate(ports)
    }

    fn spawn(world: &mut World, spec: &RecallSpec, dt_ms: f64) -> Result<(), InvalidParam> {
        let cue = require_input(world, "cue", &spec.cue)?;
        let neurons = world
            .get::<InputPort>(cue)
            .map_or(0, |port| port.values.len());
        let ports = RecallPorts {
            cue,
            recall: require_output(world, "recall", &spec.recall)?,
            sleep: match &spec.sleep {
                Some(name) => Some(require_input(world, "sleep", name)?),
                None => None,
            },
        };
        let rng = world.resource_mut::<SimRng>().fork();
        world.spawn((
            SceneEntity,
            Name::new("recall"),
            RecallSession::new(spec, neurons, dt_ms, rng),
            ports,
        ));
        schedule_once(
            world,
            "recall",
            (
                present.in_set(SimSet::Sense),
                observe.in_set(ActSet::Control),
                (record, next_session.run_if(episode_ends), write_columns)
                    .chain()
                    .in_set(RecordSet::Task),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::OVERLAP,
            success: Some(|row| row.get(&columns::OVERLAP).is_some_and(|o| o >= RECALLED)),
            success_means: "the pattern cues' mean overlap reached 0.5",
        }
    }

    fn controls() -> Vec<Control<RecallSpec>> {
        let trained = |name, description, edit: fn(&mut RecallSpec)| Control {
            name,
            description,
            learning_off: false,
            trains: true,
            edit: Some(edit),
        };
        vec![
            Control::UNTRAINED,
            trained(
                "no replay",
                "the same sleep time with the sleep port not driven",
                |spec| spec.replay = false,
            ),
            trained(
                "replay without plasticity",
                "the sleep port driven, learning off in sleep",
                |spec| spec.sleep_learning = 0.0,
            ),
            trained(
                "sleep without storing",
                "the patterns shown but not learnt, then sleep as usual",
                |spec| spec.store_learning = 0.0,
            ),
            trained("no sleep", "recall straight after storing", |spec| {
                spec.sleep_ms = 0.0
            }),
        ]
    }
}
