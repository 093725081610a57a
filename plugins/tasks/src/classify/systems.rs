//! The classification task's systems in the simulation step.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::seq::SliceRandom;

use crate::classify::classifier::{BrainPort, Classifier};
use crate::classify::columns::{TEST_ACCURACY, TRAIN_ACCURACY, VALIDATION_ACCURACY};
use crate::classify::data::ClassifyData;
use crate::classify::epoch::{EpochPlan, Split};

/// `Sense`: the epoch's next batch into the brain's examples port.
pub fn show_batch(
    mut tasks: Query<(&mut Classifier, &ClassifyData, &BrainPort)>,
    mut ports: Query<&mut ExamplePort>,
) {
    for (mut task, data, brain) in &mut tasks {
        let Ok(mut port) = ports.get_mut(brain.0) else {
            continue;
        };
        let sizes = [
            task.plan.order.len(),
            data.validation_rows.len(),
            data.test.len(),
        ];
        let (train_batch, eval_batch) = (task.train_batch, task.eval_batch);
        let Some((split, range)) = task.plan.next_batch(sizes, train_batch, eval_batch) else {
            port.clear();
            continue;
        };
        let (images, rows): (_, Vec<usize>) = match split {
            Split::Train => (&data.train, task.plan.order[range].to_vec()),
            Split::Validation => (&data.train, data.validation_rows[range].to_vec()),
            Split::Test => (&data.test, range.collect()),
        };
        let labels: Vec<usize> = rows
            .iter()
            .map(|&i| usize::from(images.labels[i]))
            .collect();
        port.show_classes(
            rows.iter().map(|&i| ClassifyData::image(images, i)),
            &labels,
            split == Split::Train,
        );
    }
}

/// `Act` (`Control`): the brain's answers to the batch, scored.
pub fn score_answers(mut tasks: Query<(&mut Classifier, &BrainPort)>, ports: Query<&ExamplePort>) {
    for (mut task, brain) in &mut tasks {
        let (Ok(port), Some((split, _))) = (ports.get(brain.0), task.plan.shown.take()) else {
            continue;
        };
        if !port.ready {
            continue;
        }
        let predicted: Vec<usize> = (0..port.count).map(|i| port.predicted(i)).collect();
        task.plan.score(split, &port.labels, &predicted);
    }
}

/// `Reward` (`Score`): the epoch's last batch ends the episode (the epoch).
pub fn end_epoch(tasks: Query<&Classifier>, mut episodes: ResMut<Episodes>) {
    if tasks.iter().any(|task| task.plan.last_batch) {
        episodes.request_end();
    }
}

/// `Record` (`Task`): the epoch's accuracies so far; a split this epoch has not scored yet
/// shows the last epoch's figure.
pub fn record(tasks: Query<&Classifier>, mut metrics: ResMut<Metrics>) {
    for task in &tasks {
        let scores = task.plan.scores().or(task.history.last());
        metrics.set(&TRAIN_ACCURACY, scores.train);
        metrics.set(&VALIDATION_ACCURACY, scores.validation);
        metrics.set(&TEST_ACCURACY, scores.test);
    }
}

/// `Record` (`EpisodeEnd`): the epoch goes into the history; the next one starts with the
/// training rows shuffled anew.
pub fn next_epoch(mut tasks: Query<(&mut Classifier, &ClassifyData)>, mut rng: ResMut<SimRng>) {
    for (mut task, data) in &mut tasks {
        let scores = task.plan.scores();
        task.history.push(scores);
        task.last_confusion = task.plan.confusion.clone();
        let plan = new_plan(&task.splits, data, &mut rng);
        task.plan = plan;
    }
}

/// A fresh epoch over `splits`, the training rows in a new random order.
pub fn new_plan(splits: &[Split], data: &ClassifyData, rng: &mut SimRng) -> EpochPlan {
    let mut order = data.train_rows.clone();
    if splits.contains(&Split::Train) {
        order.shuffle(&mut rng.0);
    }
    EpochPlan::new(order, splits.to_vec(), data.classes)
}
