//! The `Classify` task: labelled images shown to a brain's examples port, an epoch at a time.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use crate::classify::classifier::{BrainPort, Classifier, examples_port, schedule_epoch_task};
use crate::classify::columns::{COLUMNS, TEST_ACCURACY, VALIDATION_ACCURACY};
use crate::classify::data::{ClassifyData, check_shape, read_pair};
use crate::classify::epoch::Split;
use crate::classify::idx::LabelledImages;
use crate::classify::spec::{ClassifySpec, IdxPair};
use crate::classify::systems::{
    end_epoch, new_plan, next_epoch, record, score_answers, show_batch,
};
use crate::classify::table_source::{TableSource, as_images, check_table, read_source};

/// Classification of labelled images (MNIST and any IDX pair) or of a CSV table's rows.
pub struct ClassifyTask;

impl Task for ClassifyTask {
    const NAME: &'static str = "Classify";
    const UNIT: TrainingUnit = TrainingUnit::Epoch;
    const COLUMNS: &'static [Column] = &COLUMNS;
    type Spec = ClassifySpec;

    fn validate(spec: &ClassifySpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        let port = ports
            .examples(&spec.brain)
            .map_err(|message| InvalidParam::new("brain", message))?;
        if let Some(source) = &spec.table {
            check_table(source, port.width, port.answers)?;
        }
        InvalidParam::check((0.0..1.0).contains(&spec.validation), "validation", || {
            format!("must be in [0, 1), got {}", spec.validation)
        })?;
        InvalidParam::check(spec.eval_batch > 0, "eval_batch", || {
            "must be at least 1".to_owned()
        })
    }

    fn spawn(world: &mut World, spec: &ClassifySpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let (port, features, classes, batch) = examples_port(world, &spec.brain)?;
        // A table's split is drawn from the run's seed (an IDX pair draws nothing here).
        let run_seed = match spec.table {
            Some(_) => rand::RngCore::next_u64(&mut world.resource_mut::<SimRng>().0),
            None => 0,
        };
        let data = ClassifyData::load(spec, features, classes, run_seed)?;
        let splits = Split::ALL.to_vec();
        let plan = new_plan(&splits, &data, &mut world.resource_mut::<SimRng>());
        world.spawn((
            SceneEntity,
            Name::new("classification task"),
            Classifier {
                plan,
                history: Vec::new(),
                last_confusion: Vec::new(),
                train_batch: batch.max(1),
                eval_batch: spec.eval_batch,
                splits,
            },
            data,
            BrainPort(port),
        ));
        schedule_epoch_task(
            world,
            "classify",
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
            score: TEST_ACCURACY,
            success: None,
            success_means: "",
        }
    }

    /// The test set alone each epoch (learning is off); with `--eval-data IMAGES LABELS` (or
    /// `--eval-data TABLE.csv` for a table), that file instead of the scene's test set.
    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        let files = EvalData::files(world);
        let mut tasks = world.query::<(&mut Classifier, &mut ClassifyData)>();
        let mut described = None;
        for (mut task, mut data) in tasks.iter_mut(world) {
            let mut what = "the scene's test set".to_owned();
            if let Some((test, named)) = eval_file(&files, &data)? {
                what = named;
                data.test = test;
            }
            task.splits = vec![Split::Test];
            // The evaluation's epochs are its own: the training's accuracies are not carried.
            task.history.clear();
            task.last_confusion.clear();
            task.plan = crate::classify::epoch::EpochPlan::new(
                Vec::new(),
                task.splits.clone(),
                data.classes,
            );
            described = Some(format!("classifying {what}, learning off"));
        }
        Ok(described)
    }

    /// The epoch of the highest validation accuracy.
    fn best(rows: &UnitRows) -> Option<BestScore> {
        let value = *rows.values(&VALIDATION_ACCURACY)?.last()?;
        value.is_finite().then_some(BestScore { rank: 0.0, value })
    }
}

/// The examples `--eval-data` names, checked against the brain, and how the log names them;
/// `None` without files. An IDX task takes an images file and its labels file; a table task
/// one CSV table, standardised by the training rows' means and sds.
fn eval_file(
    files: &[std::path::PathBuf],
    data: &ClassifyData,
) -> Result<Option<(LabelledImages, String)>, InvalidParam> {
    let features = data.train.pixels_per_image();
    let field = "--eval-data";
    match (files, &data.standardisation) {
        ([], _) => Ok(None),
        ([images, labels], None) => {
            let pair = IdxPair {
                images: images.clone(),
                labels: labels.clone(),
            };
            let test = read_pair(&pair, field)?;
            check_shape(&test, images, field, features, data.classes)?;
            let named = format!("{} ({} images)", images.display(), test.len());
            Ok(Some((test, named)))
        }
        ([file], Some(standardisation)) => {
            let source = TableSource {
                file: file.clone(),
                ..TableSource::default()
            };
            let table = read_source(&source, field)?;
            let rows: Vec<usize> = (0..table.len()).collect();
            let test = as_images(&table, &rows, standardisation, field)?;
            check_shape(&test, file, field, features, data.classes)?;
            let named = format!("{} ({} rows)", file.display(), test.len());
            Ok(Some((test, named)))
        }
        (_, None) => Err(InvalidParam::new(
            field,
            format!(
                "takes an IDX images file and its labels file, got {} files",
                files.len()
            ),
        )),
        (_, Some(_)) => Err(InvalidParam::new(
            field,
            format!("takes one CSV table, got {} files", files.len()),
        )),
    }
}
