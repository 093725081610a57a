//! The energy network's systems in the simulation step (see the module table in
//! [`crate::brain`]).

use bevy::prelude::*;
use faer::Mat;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;

use crate::brain::columns::{COST, ENERGY, SKIPPED, UPDATES};
use crate::brain::network::EnergyBrain;
use crate::error::EnergyError;
use crate::train::BatchOutcome;

/// Adds the systems, once per scene.
pub fn schedule(world: &mut World) {
    schedule_once(
        world,
        "energy networks",
        (
            relax.in_set(SimSet::Integrate),
            learn.in_set(SimSet::Learn),
            answer.in_set(ActSet::Decode),
            record.in_set(RecordSet::OtherNetworks),
            next_epoch
                .run_if(|e: Res<Episodes>| e.ends_this_step())
                .in_set(RecordSet::EpisodeEnd),
        ),
    );
}

/// Reports a diverged relaxation (or any trainer error) as the run's fault.
fn report(fault: &mut SimFault, brain: &EnergyBrain, step: u64, error: EnergyError) {
    fault.report(Fault {
        region: format!("energy network '{}'", brain.name),
        step,
        what: error.to_string(),
    });
}

/// `values` given example after example (`height` each, `count` examples) as a `height ×
/// count` matrix, a column per example.
fn columns(values: &[f32], height: usize, count: usize) -> Mat<f32> {
    Mat::from_fn(height, count, |i, j| values[j * height + i])
}

/// `Integrate`: the free phase of this step's batch. A training batch with learning on gets
/// the training regularisers first and is kept for `learn`.
pub fn relax(
    mut brains: Query<(&mut EnergyBrain, &ExamplePort)>,
    clock: Res<SimClock>,
    rate: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
) {
    for (mut brain, port) in &mut brains {
        brain.relaxed = None;
        brain.answer = None;
        if port.count == 0 || fault.is_some() {
            continue;
        }
        let training = port.learn && brain.learning && rate.effective() > 0.0;
        let input = columns(&port.inputs, port.features, port.count);
        let relaxed = if port.labels.is_empty() {
            // Regression: the port's targets, already scaled into 0..1 by the task.
            let target = columns(&port.targets, port.answers, port.count);
            brain.trainer.relax_regression(input, target, training)
        } else {
            brain.trainer.relax_batch(input, &port.labels, training)
        };
        match relaxed {
            Ok(relaxed) => {
                brain.answer = Some(relaxed.output().clone());
                brain.relaxed = training.then_some(relaxed);
            }
            Err(error) => report(&mut fault, &brain, clock.step, error),
        }
    }
}

/// `Learn`: the nudged phase(s) and update of the training batch `relax` kept, scaled by the
/// global learning rate.
pub fn learn(
    mut brains: Query<&mut EnergyBrain>,
    clock: Res<SimClock>,
    rate: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
) {
    for mut brain in &mut brains {
        let scale = rate.effective() as f32;
        let Some(relaxed) = brain.relaxed.take() else {
            continue;
        };
        let count = relaxed.target.ncols();
        match brain.trainer.learn(relaxed, scale) {
            Ok(outcome) => {
                brain.since_row.add(&outcome);
                brain.samples_since_row += count;
            }
            Err(error) => report(&mut fault, &brain, clock.step, error),
        }
    }
}

/// `Act` (`Decode`): the free equilibrium's outputs into the port.
pub fn answer(mut brains: Query<(&mut EnergyBrain, &mut ExamplePort)>) {
    for (mut brain, mut port) in &mut brains {
        let Some(output) = brain.answer.take() else {
            port.ready = false;
            continue;
        };
        port.outputs.clear();
        for j in 0..output.ncols() {
            port.outputs
                .extend((0..output.nrows()).map(|i| output[(i, j)]));
        }
        port.ready = true;
    }
}

/// `Record` (`Network`): the training batches' means since the previous row.
pub fn record(mut brains: Query<&mut EnergyBrain>, mut metrics: ResMut<Metrics>) {
    if !metrics.row_open() {
        return;
    }
    for mut brain in &mut brains {
        let sums = brain.since_row;
        let n = brain.samples_since_row.max(1) as f64;
        let key = brain.name.clone();
        metrics.set_in(&ENERGY, &key, sums.energy / n);
        metrics.set_in(&COST, &key, sums.cost / n);
        metrics.set_in(&UPDATES, &key, sums.updates as f64);
        metrics.set_in(&SKIPPED, &key, sums.skipped as f64 / n);
        brain.since_row = BatchOutcome::default();
        brain.samples_since_row = 0;
    }
}

/// `Record` (`EpisodeEnd`): an epoch is over; the rate schedule moves on.
pub fn next_epoch(mut brains: Query<&mut EnergyBrain>) {
    for mut brain in &mut brains {
        if brain.learning {
            brain.trainer.epoch += 1;
        }
    }
}
