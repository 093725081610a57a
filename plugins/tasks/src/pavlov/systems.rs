//! The conditioning task's systems in the simulation step.
//!
//! - `Sense` ([`present`]): the tone's and food's ports, 1 while on;
//! - `Act` ([`count_response`], `ActSet::Control`): the response port's spikes in the window;
//! - `Reward` ([`reward`], `RewardSet::Score`): as food comes, `reward`; at its omission
//!   (extinction), 0; the trial's end ends the episode;
//! - `Record` ([`record`], then at a trial's end [`next_trial`]).

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::columns;
use super::conditioning::Conditioning;
use crate::episodic::history::{EpisodeHistory, EpisodeOutcome};

/// The ports, found at spawn.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PavlovPorts {
    /// The tone's input port.
    pub cs: Entity,
    /// Food's input port.
    pub us: Entity,
    /// The response's output port.
    pub response: Entity,
}

/// `Sense`: the tone and food, every value 1 while on.
pub fn present(runs: Query<(&Conditioning, &PavlovPorts)>, mut inputs: Query<&mut InputPort>) {
    for (run, ports) in &runs {
        for (port, on) in [(ports.cs, run.tone_on()), (ports.us, run.food_on())] {
            if let Ok(mut port) = inputs.get_mut(port) {
                let value = if on { 1.0 } else { 0.0 };
                port.values.iter_mut().for_each(|v| *v = value);
            }
        }
    }
}

/// `Act`: the response port's spikes this step, while in the window.
pub fn count_response(
    mut runs: Query<(&mut Conditioning, &PavlovPorts)>,
    outputs: Query<&OutputPort>,
) {
    for (mut run, ports) in &mut runs {
        if let (true, Ok(port)) = (run.in_window(), outputs.get(ports.response))
            && port.ready
        {
            run.spikes += port.values.iter().sum::<f32>() as u32;
        }
    }
}

/// `Reward`: food's reward as it comes, 0 at its omission (none in evaluation); the trial's
/// last step ends the episode.
pub fn reward(
    runs: Query<&Conditioning>,
    mut rewards: ResMut<Rewards>,
    mut episodes: ResMut<Episodes>,
) {
    for run in &runs {
        if run.food_due() && !run.evaluating && run.phase() < 2 {
            rewards.send(if run.fed() { run.reward } else { 0.0 });
        }
        if run.last_step() {
            episodes.request_end();
        }
    }
}

/// `Record`: the trial's columns; the step advances.
pub fn record(mut runs: Query<&mut Conditioning>, mut metrics: ResMut<Metrics>) {
    for mut run in &mut runs {
        metrics.set(&columns::RESPONDED, f64::from(u8::from(run.responded())));
        metrics.set(&columns::RESPONSE_SPIKES, f64::from(run.spikes));
        metrics.set(&columns::PHASE, f64::from(run.phase()));
        metrics.set(&columns::TRIAL, f64::from(run.trial));
        run.step += 1;
    }
}

/// `Record` (a trial's end): its outcome joins the run's history (the window's learning
/// panel), then the next trial.
pub fn next_trial(
    learning_rate: Res<LearningRate>,
    mut history: ResMut<EpisodeHistory>,
    mut runs: Query<&mut Conditioning>,
) {
    for mut run in &mut runs {
        history.episodes.push(EpisodeOutcome {
            episode_return: f64::from(run.spikes),
            succeeded: run.responded(),
            phase: run.phase() as usize,
            learning_rate_scale: learning_rate.effective(),
        });
        run.next_trial();
    }
}
