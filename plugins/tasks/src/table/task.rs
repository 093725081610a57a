//! Classification of a table's rows by reward as a [`Task`].
//!
//! - Section: `task: Some(Table((…)))` ([`TableTaskSpec`]); the table is read and checked (a
//!   malformed one is refused with its file, line and column) and the brain's ports checked
//!   against it.
//! - Unit of training: the episode, one row shown until the brain answers; outcome: the answer
//!   right (`table/right`), scored by the pass's accuracy so far (`table/pass_accuracy`: after
//!   `--eval` over the test rows, their accuracy); an epoch is a training pass (rewarded) and a test pass (not).
//! - `--eval`: the test rows in order, again and again (run as many episodes as there are test
//!   rows); `--eval-data FILE` the rows of another table with as many features and classes.
//! - Controls: the untrained brain.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::RngCore;

use super::columns;
use super::presenter::{Presenter, TableData};
use super::spec::TableTaskSpec;
use super::split::stratified_split;
use super::systems::{TableLink, next_row, record, reward_answer, show_row, take_answer};
use crate::episodic::rate_schedule::{set_learning_rate_by_episode, start_learning_rate_schedule};
use crate::table::csv::read_table;

/// The table task.
pub struct TableTask;

impl Task for TableTask {
    const NAME: &'static str = "Table";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = TableTaskSpec;

    fn validate(spec: &TableTaskSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate(ports)
    }

    fn spawn(world: &mut World, spec: &TableTaskSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let table = spec.read()?;
        let link = TableLink {
            features: require_input(world, "brain.features", &spec.brain.features)?,
            classes: require_output(world, "brain.classes", &spec.brain.classes)?,
            rewards: spec.reward,
        };
        let (split_seed, order_seed) = {
            let mut rng = world.resource_mut::<SimRng>();
            (rng.0.next_u64(), rng.0.next_u64())
        };
        let mut split = stratified_split(
            &table.labels,
            table.classes,
            spec.test_fraction,
            spec.split_seed.unwrap_or(split_seed),
        );
        if let Some(per_class) = spec.train_per_class {
            split.keep_per_class(&table.labels, per_class as usize);
        }
        let classes = table.classes;
        let data = TableData::new(table, &split.train);
        let mut presenter = Presenter::new(split, classes, order_seed);
        if let Some(sequence) = &spec.sequence {
            presenter = presenter.in_sequence(sequence, &data.table.labels);
        }
        let entity = world.spawn((SceneEntity, link, data, presenter)).id();
        start_learning_rate_schedule(world, entity, spec.learning_rate);
        schedule_once(
            world,
            "table",
            (
                show_row.in_set(SimSet::Sense),
                take_answer.in_set(ActSet::Control),
                reward_answer.in_set(RewardSet::Score),
                record.in_set(RecordSet::Task),
                (next_row, set_learning_rate_by_episode)
                    .chain()
                    .run_if(episode_ends)
                    .in_set(RecordSet::EpisodeEnd),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::PASS_ACCURACY,
            success: Some(|row| row.get(&columns::RIGHT) == Some(1.0)),
            success_means: "answered right",
        }
    }

    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        let files = EvalData::files(world);
        let other = match files.as_slice() {
            [] => None,
            [file] => Some(
                read_table(file).map_err(|e| InvalidParam::new("--eval-data", e.to_string()))?,
            ),
            _ => {
                return Err(InvalidParam::new(
                    "--eval-data",
                    format!("takes one table (CSV), got {} files", files.len()),
                ));
            }
        };
        let mut described = None;
        for (mut presenter, mut data) in world
            .query::<(&mut Presenter, &mut TableData)>()
            .iter_mut(world)
        {
            let rows = match &other {
                Some(table) => {
                    let (f, c) = (data.table.features, data.table.classes);
                    InvalidParam::check(
                        table.features == f && table.classes <= c,
                        "--eval-data",
                        || {
                            format!(
                                "{}: {} features and {} classes, but the brain learnt {f} features and {c} classes",
                                files[0].display(),
                                table.features,
                                table.classes
                            )
                        },
                    )?;
                    data.table = table.clone();
                    (0..table.len()).collect()
                }
                None => match &presenter.sequence {
                    // What is retained of the first task: its test rows only.
                    Some(rows) => presenter
                        .split
                        .test
                        .iter()
                        .copied()
                        .filter(|&r| rows.sequence.first.contains(&data.table.labels[r]))
                        .collect(),
                    None => presenter.split.test.clone(),
                },
            };
            described = Some(format!(
                "answering the {} rows of {} in order, learning off (run {} episodes)",
                rows.len(),
                other
                    .as_ref()
                    .map_or("the test set".to_owned(), |_| files[0]
                        .display()
                        .to_string()),
                rows.len()
            ));
            presenter.test_only(rows);
        }
        Ok(described)
    }
}
