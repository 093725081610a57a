//! The regression task's systems in the simulation step.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::seq::SliceRandom;

use crate::classify::classifier::BrainPort;
use crate::classify::epoch::Split;
use crate::regress::columns::{LEAST_SQUARES_R2, TEST_R2, TEST_RMSE, TRAIN_RMSE};
use crate::regress::data::RegressData;
use crate::regress::regressor::Regressor;

/// `Sense`: the epoch's next batch into the brain's examples port.
pub fn show_batch(
    mut tasks: Query<(&mut Regressor, &RegressData, &BrainPort)>,
    mut ports: Query<&mut ExamplePort>,
) {
    for (mut task, data, brain) in &mut tasks {
        let Ok(mut port) = ports.get_mut(brain.0) else {
            continue;
        };
        let sizes = [task.plan.order.len(), 0, data.test_rows.len()];
        let (train_batch, eval_batch) = (task.train_batch, task.eval_batch);
        let Some((split, range)) = task.plan.next_batch(sizes, train_batch, eval_batch) else {
            port.clear();
            continue;
        };
        let rows = match split {
            Split::Train => &task.plan.order[range],
            _ => &data.test_rows[range],
        };
        port.show_values(
            rows.iter().map(|&r| data.input(r)),
            rows.iter().flat_map(|&r| data.scaled_target(r)),
            split == Split::Train,
        );
        task.shown_rows = rows.to_vec();
    }
}

/// `Act` (`Control`): the brain's answers to the batch, mapped back to the targets' units and
/// scored.
pub fn score_answers(
    mut tasks: Query<(&mut Regressor, &RegressData, &BrainPort)>,
    ports: Query<&ExamplePort>,
) {
    for (mut task, data, brain) in &mut tasks {
        let (Ok(port), Some((split, _))) = (ports.get(brain.0), task.plan.shown.take()) else {
            continue;
        };
        if !port.ready {
            continue;
        }
        let rows = std::mem::take(&mut task.shown_rows);
        for (i, &r) in rows.iter().enumerate() {
            let predicted: Vec<f64> = port
                .output(i)
                .iter()
                .enumerate()
                .map(|(k, &a)| data.unscale(k, f64::from(a)))
                .collect();
            task.score(split, &predicted, data.target(r));
        }
    }
}

/// `Reward` (`Score`): the epoch's last batch ends the episode (the epoch).
pub fn end_epoch(tasks: Query<&Regressor>, mut episodes: ResMut<Episodes>) {
    if tasks.iter().any(|task| task.plan.last_batch) {
        episodes.request_end();
    }
}

/// `Record` (`Task`): the epoch's scores so far, and the baseline's.
pub fn record(tasks: Query<(&Regressor, &RegressData)>, mut metrics: ResMut<Metrics>) {
    for (task, data) in &tasks {
        let scores = task.scores(data);
        metrics.set(&TRAIN_RMSE, scores.train_rmse);
        metrics.set(&TEST_RMSE, scores.test_rmse);
        metrics.set(&TEST_R2, scores.test_r2);
        metrics.set(&LEAST_SQUARES_R2, data.least_squares_r2);
    }
}

/// `Record` (`EpisodeEnd`): the epoch goes into the history; the next one starts with the
/// training rows shuffled anew.
pub fn next_epoch(mut tasks: Query<(&mut Regressor, &RegressData)>, mut rng: ResMut<SimRng>) {
    for (mut task, data) in &mut tasks {
        let scores = task.scores(data);
        task.history.push(scores);
        let order = new_order(&task.splits, data, &mut rng);
        task.start_epoch(order, data.outputs);
    }
}

/// The training rows in a new random order (kept as they are when the epoch does not train).
pub fn new_order(splits: &[Split], data: &RegressData, rng: &mut SimRng) -> Vec<usize> {
    let mut order = data.train_rows.clone();
    if splits.contains(&Split::Train) {
        order.shuffle(&mut rng.0);
    } else {
        order.clear();
    }
    order
}
