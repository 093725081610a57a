//! The `Regress` task: a CSV table's rows shown to a brain's examples port, an epoch at a time.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::classify::classifier::{BrainPort, examples_port, schedule_epoch_task};
use crate::classify::epoch::Split;
use crate::regress::columns::{COLUMNS, TEST_R2};
use crate::regress::data::{RegressData, check};
use crate::regress::regressor::Regressor;
use crate::regress::spec::RegressSpec;
use crate::regress::systems::{
    end_epoch, new_order, next_epoch, record, score_answers, show_batch,
};

/// Regression of some columns of a CSV table on others.
pub struct RegressTask;

impl Task for RegressTask {
    const NAME: &'static str = "Regress";
    const UNIT: TrainingUnit = TrainingUnit::Epoch;
    const COLUMNS: &'static [Column] = &COLUMNS;
    type Spec = RegressSpec;

    fn validate(spec: &RegressSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        let port = ports
            .examples(&spec.brain)
            .map_err(|message| InvalidParam::new("brain", message))?;
        InvalidParam::check(
            spec.test_fraction > 0.0 && spec.test_fraction < 1.0,
            "test_fraction",
            || format!("must be in (0, 1), got {}", spec.test_fraction),
        )?;
        InvalidParam::check(spec.eval_batch > 0, "eval_batch", || {
            "must be at least 1".to_owned()
        })?;
        // The file and its columns, checked now so a bad table stops the scene at load.
        check(spec, port.width, port.answers)
    }

    fn spawn(world: &mut World, spec: &RegressSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let (port, features, answers, batch) = examples_port(world, &spec.brain)?;
        let run_seed = rand::RngCore::next_u64(&mut world.resource_mut::<SimRng>().0);
        let data = RegressData::load(spec, features, answers, spec.split_seed.unwrap_or(run_seed))?;
        info!(
            "regression of {}: {} training and {} test rows; least squares' test R² {:.4}",
            spec.file.display(),
            data.train_rows.len(),
            data.test_rows.len(),
            data.least_squares_r2
        );
        let splits = vec![Split::Train, Split::Test];
        let order = new_order(&splits, &data, &mut world.resource_mut::<SimRng>());
        let mut task = Regressor {
            plan: crate::classify::epoch::EpochPlan::new(Vec::new(), splits.clone(), 0),
            errors: [Vec::new(), Vec::new()],
            seen: [0, 0],
            history: Vec::new(),
            train_batch: batch.max(1),
            eval_batch: spec.eval_batch,
            splits,
            shown_rows: Vec::new(),
            tested: Vec::new(),
        };
        task.start_epoch(order, answers);
        world.spawn((
            SceneEntity,
            Name::new("regression task"),
            task,
            data,
            BrainPort(port),
        ));
        schedule_epoch_task(
            world,
            "regress",
            show_batch,
            score_answers,
            end_epoch,
            record,
            next_epoch,
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: TEST_R2,
            success: None,
            success_means: "",
        }
    }

    /// The test rows alone each epoch (learning is off); no other data files.
    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        let mut tasks = world.query::<(&mut Regressor, &RegressData)>();
        let mut described = None;
        for (mut task, data) in tasks.iter_mut(world) {
            task.splits = vec![Split::Test];
            task.history.clear();
            task.start_epoch(Vec::new(), data.outputs);
            described = Some(format!(
                "regressing the scene's {} test rows, learning off",
                data.test_rows.len()
            ));
        }
        Ok(described)
    }
}
