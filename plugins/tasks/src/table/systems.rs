//! The table task's systems in the simulation step.
//!
//! - `Sense` ([`show_row`]): the shown row's scaled features into the features port;
//! - `Act` ([`take_answer`], `ActSet::Control`): when the class port makes its choice, the
//!   answer;
//! - `Reward` ([`reward_answer`], `RewardSet::Score`): a training row's answer is rewarded
//!   (nothing follows it: `Terminal`), and every answer ends the episode;
//! - `Record` ([`record`] in `RecordSet::Task`; at an episode's end [`next_row`]: the
//!   outcome into the run's history, then the next row).

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::presenter::{Pass, Presenter, TableData};
use super::spec::TableRewards;
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The brain's ports, found at spawn, and the rewards.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct TableLink {
    /// Features input port.
    pub features: Entity,
    /// Class output port.
    pub classes: Entity,
    /// The rewards.
    pub rewards: TableRewards,
}

/// `Sense`: the shown row's features, scaled, into the features port.
pub fn show_row(
    tasks: Query<(&Presenter, &TableData, &TableLink)>,
    mut inputs: Query<&mut InputPort>,
) {
    for (presenter, data, link) in &tasks {
        if let Ok(mut port) = inputs.get_mut(link.features) {
            data.scaled(presenter.row(), &mut port.values);
        }
    }
}

/// `Act`: the class port's choice, once per row.
pub fn take_answer(
    mut tasks: Query<(&mut Presenter, &TableData, &TableLink)>,
    outputs: Query<&OutputPort>,
) {
    for (mut presenter, data, link) in &mut tasks {
        let Ok(port) = outputs.get(link.classes) else {
            continue;
        };
        if port.ready && presenter.answer.is_none() {
            let label = data.table.labels[presenter.row()];
            presenter.answer(port.choice.map(|c| c as usize), label);
        }
    }
}

/// Whether the brain's answer to the row shown now is its class.
fn answered_right(presenter: &Presenter, data: &TableData) -> bool {
    presenter.answer.flatten() == Some(data.table.labels[presenter.row()])
}

/// The reward of the answer to the row shown now: for a training row only.
fn reward_of(presenter: &Presenter, data: &TableData, link: &TableLink) -> Option<f32> {
    (presenter.pass == Pass::Train).then(|| {
        if answered_right(presenter, data) {
            link.rewards.right
        } else {
            link.rewards.wrong
        }
    })
}

/// `Reward`: a training answer's reward to the brains; any answer ends the episode.
pub fn reward_answer(
    tasks: Query<(&Presenter, &TableData, &TableLink)>,
    mut rewards: ResMut<Rewards>,
    mut episodes: ResMut<Episodes>,
) {
    for (presenter, data, link) in &tasks {
        if presenter.answer.is_none() {
            continue;
        }
        if let Some(reward) = reward_of(presenter, data, link) {
            rewards.send_last(reward, Transition::Terminal);
        }
        episodes.request_end();
    }
}

/// `Record`: the table's columns.
pub fn record(tasks: Query<(&Presenter, &TableData)>, mut metrics: ResMut<Metrics>) {
    for (presenter, data) in &tasks {
        let label = data.table.labels[presenter.row()];
        let answer = presenter.answer.flatten();
        metrics.set(&columns::EPOCH, f64::from(presenter.epoch));
        metrics.set(
            &columns::TESTING,
            f64::from(u8::from(presenter.pass == Pass::Test)),
        );
        metrics.set(&columns::LABEL, label as f64);
        metrics.set(&columns::ANSWER, answer.map_or(-1.0, |a| a as f64));
        metrics.set(
            &columns::RIGHT,
            f64::from(u8::from(answered_right(presenter, data))),
        );
        metrics.set(
            &columns::PASS_ACCURACY,
            f64::from(presenter.right) / f64::from(presenter.shown.max(1)),
        );
        metrics.set(
            &columns::TRAIN_ACCURACY,
            presenter.train_accuracy.unwrap_or(f64::NAN),
        );
        metrics.set(
            &columns::TEST_ACCURACY,
            presenter.test_accuracy.unwrap_or(f64::NAN),
        );
        if presenter.sequence.is_some() {
            metrics.set(
                &columns::FIRST_ACCURACY,
                presenter.first_accuracy.unwrap_or(f64::NAN),
            );
            metrics.set(
                &columns::THEN_ACCURACY,
                presenter.then_accuracy.unwrap_or(f64::NAN),
            );
        }
    }
}

/// `Record` (an episode's end): its outcome joins the run's history (the window's learning
/// panel: the reward as the return, right as success), then the next row.
pub fn next_row(
    mut tasks: Query<(&mut Presenter, &TableData, &TableLink)>,
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
) {
    for (mut presenter, data, link) in &mut tasks {
        history.episodes.push(EpisodeOutcome {
            episode_return: f64::from(reward_of(&presenter, data, link).unwrap_or(0.0)),
            succeeded: answered_right(&presenter, data),
            phase: 0,
            learning_rate_scale: learning_rate.effective(),
        });
        presenter.advance();
    }
}
