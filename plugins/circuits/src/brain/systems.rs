//! The resistor networks' systems in the simulation step (see the module table in
//! [`crate::brain`]).

use bevy::prelude::*;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;

use crate::brain::columns::{CUT, ERROR, MOVES};
use crate::brain::network::{CircuitBrain, ExampleError, Want};
use crate::damage::cut_so_far;

/// Adds the systems, once per scene.
pub fn schedule(world: &mut World) {
    schedule_once(
        world,
        "resistor networks",
        (
            run_batch.in_set(SimSet::Integrate),
            answer.in_set(ActSet::Decode),
            record.in_set(RecordSet::OtherNetworks),
            next_epoch
                .run_if(|e: Res<Episodes>| e.ends_this_step())
                .in_set(RecordSet::EpisodeEnd),
        ),
    );
}

/// `Integrate`: each example of this step's batch in turn: the free solve gives its answer;
/// a training example with learning on (and a global learning rate above 0) then takes a
/// learning step (the clamped solve, every edge updated) before the next example.
pub fn run_batch(
    mut brains: Query<(&mut CircuitBrain, &ExamplePort)>,
    clock: Res<SimClock>,
    rate: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
) {
    for (mut brain, port) in &mut brains {
        brain.answer = None;
        report_board_events(&mut brain);
        if port.count == 0 || fault.is_some() {
            continue;
        }
        let learn = port.learn && brain.learns_now() && rate.effective() > 0.0;
        let mut answers = Vec::with_capacity(port.count * port.answers);
        for i in 0..port.count {
            let features = &port.inputs[i * port.features..(i + 1) * port.features];
            let want = match port.labels.get(i) {
                Some(&class) => Want::Class(class),
                None => Want::Values(&port.targets[i * port.answers..(i + 1) * port.answers]),
            };
            match brain.example(features, want, learn) {
                Ok(out) => answers.extend(out),
                Err(ExampleError::Board(error)) => {
                    // The board is away: this batch is not answered (nor scored); the link
                    // goes on reconnecting, and the next batch asks again.
                    warn!("step {}: batch skipped: {error}", clock.step);
                    report_board_events(&mut brain);
                    answers.clear();
                    break;
                }
                Err(ExampleError::Circuit(error)) => {
                    fault.report(Fault {
                        region: format!("resistor network '{}'", brain.name),
                        step: clock.step,
                        what: format!("example {i} of the batch: {error}"),
                    });
                    break;
                }
            }
        }
        brain.answer = Some(answers);
    }
}

/// What happened on a board's link, into the log.
fn report_board_events(brain: &mut CircuitBrain) {
    let Some(board) = brain.board.as_mut() else {
        return;
    };
    for (trouble, line) in board.drain_events() {
        if trouble {
            warn!("{line}");
        } else {
            info!("{line}");
        }
    }
}

/// `Act` (`Decode`): the answers into the port.
pub fn answer(mut brains: Query<(&mut CircuitBrain, &mut ExamplePort)>) {
    for (mut brain, mut port) in &mut brains {
        match brain.answer.take() {
            Some(answers) if answers.len() == port.count * port.answers => {
                port.outputs = answers;
                port.ready = true;
            }
            _ => port.ready = false,
        }
    }
}

/// `Record` (`OtherNetworks`): the error and the moves since the previous row, the share cut.
pub fn record(mut brains: Query<&mut CircuitBrain>, mut metrics: ResMut<Metrics>) {
    if !metrics.row_open() {
        return;
    }
    for mut brain in &mut brains {
        let key = brain.name.clone();
        let p = &brain.progress;
        let error = if p.examples > 0 {
            p.error_sum / p.examples as f64
        } else {
            f64::NAN
        };
        metrics.set_in(&ERROR, &key, error);
        metrics.set_in(&MOVES, &key, (brain.net.moves - p.moves_at_row) as f64);
        metrics.set_in(&CUT, &key, cut_so_far(&brain.net));
        let moves = brain.net.moves;
        let progress = &mut brain.progress;
        progress.error_sum = 0.0;
        progress.examples = 0;
        progress.moves_at_row = moves;
    }
}

/// `Record` (`EpisodeEnd`): an epoch is over; the damage due at the next one is done.
pub fn next_epoch(mut brains: Query<&mut CircuitBrain>) {
    for mut brain in &mut brains {
        for done in brain.next_epoch() {
            info!("{done}");
        }
    }
}
