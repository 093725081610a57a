//! The competitive layers' systems in the simulation step.
//!
//! | set | system | what |
//! |---|---|---|
//! | `Integrate` | [`present`] | the port's batch shown digit by digit and answered; a training batch learns as it is shown (online STDP), not in `Learn` |
//! | `Act` (`Decode`) | [`answer`] | the answers into the port |
//! | `Record` (`OtherNetworks`) | [`record`] | the columns of [`crate::competitive::columns`] |
//! | `Record` (`EpisodeEnd`) | [`next_epoch`] | counts the epoch toward `learning_epochs` (with learning on) |
//!
//! A layer whose potentials are no longer finite stops the run with its name.

use bevy::prelude::*;
use neurarium_sim::fault::Fault;
use neurarium_sim::prelude::*;

use crate::competitive::brain::{CompetitiveBrain, Shown};
use crate::competitive::columns::{LABELLED, PRESENTATIONS, SPIKES_PER_DIGIT, THETA};

/// Adds the systems, once per scene.
pub fn schedule(world: &mut World) {
    schedule_once(
        world,
        "competitive layers",
        (
            present.in_set(SimSet::Integrate),
            answer.in_set(ActSet::Decode),
            record.in_set(RecordSet::OtherNetworks),
            next_epoch
                .run_if(|e: Res<Episodes>| e.ends_this_step())
                .in_set(RecordSet::EpisodeEnd),
        ),
    );
}

/// `Integrate`: this step's batch, shown (and learnt from) and answered, scaled by the global
/// learning rate.
pub fn present(
    mut brains: Query<(&mut CompetitiveBrain, &ExamplePort)>,
    clock: Res<SimClock>,
    rate: Res<LearningRate>,
    mut fault: ResMut<SimFault>,
) {
    for (mut brain, port) in &mut brains {
        brain.answers = None;
        if port.count == 0 || fault.is_some() {
            continue;
        }
        brain.answer(port, rate.effective() as f32);
        if brain.layer.diverged() {
            fault.report(Fault {
                region: format!("competitive layer '{}'", brain.name),
                step: clock.step,
                what: "a membrane potential or conductance is no longer finite".to_owned(),
            });
        }
    }
}

/// `Act` (`Decode`): the answers into the port.
pub fn answer(mut brains: Query<(&mut CompetitiveBrain, &mut ExamplePort)>) {
    for (mut brain, mut port) in &mut brains {
        match brain.answers.take() {
            Some(answers) => {
                port.outputs = answers;
                port.ready = true;
            }
            None => port.ready = false,
        }
    }
}

/// `Record` (`OtherNetworks`): the digits since the previous row.
pub fn record(mut brains: Query<&mut CompetitiveBrain>, mut metrics: ResMut<Metrics>) {
    if !metrics.row_open() {
        return;
    }
    for mut brain in &mut brains {
        let shown = brain.since_row;
        let key = brain.name.clone();
        let theta = &brain.layer.theta;
        let mean_theta = theta.iter().map(|&t| f64::from(t)).sum::<f64>() / theta.len() as f64;
        metrics.set_in(&PRESENTATIONS, &key, shown.presentations as f64);
        metrics.set_in(
            &SPIKES_PER_DIGIT,
            &key,
            shown.spikes as f64 / shown.digits.max(1) as f64,
        );
        metrics.set_in(&THETA, &key, mean_theta);
        let labelled = brain.labelling.assigned.iter().flatten().count();
        metrics.set_in(&LABELLED, &key, labelled as f64);
        brain.since_row = Shown::default();
    }
}

/// `Record` (`EpisodeEnd`): an epoch is over; one with learning on counts toward
/// `learning_epochs`.
pub fn next_epoch(mut brains: Query<&mut CompetitiveBrain>) {
    for mut brain in &mut brains {
        if brain.learning {
            brain.epochs += 1;
        }
    }
}
