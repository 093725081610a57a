//! The CartPole world in the app: the bodies, the state they are in, the episode so far, and
//! who pushes.

use bevy::prelude::*;
use neurarium_energy::error::EnergyError;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::active_inference::{ActiveInference, SavedAgent};
use crate::body::CartPoleBody;
use crate::gym::CartPoleState;
use crate::qlearning::QLearner;
use crate::replay::Replay;
use crate::spec::{CartPoleController, CartPoleSpec};

/// What a checkpoint keeps of the world (the bodies are put back in `state`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedCartPole {
    /// The state.
    pub state: CartPoleState,
    /// Steps this episode.
    pub steps: u32,
    /// Whether the pole fell this episode.
    pub fallen: bool,
    /// The starts' and the random controller's stream.
    pub rng: ChaCha8Rng,
    /// The bodies, bit for bit ([`CartPoleBody::snapshot`]).
    pub bodies: Vec<f32>,
    /// The Q-learner's table and episodes, if the controller is one.
    pub learner: Option<QLearner>,
    /// The active-inference agent, if the controller is one.
    pub agent: Option<SavedAgent>,
}

/// A cart pole in the world.
#[derive(Component)]
pub struct CartPoleWorld {
    /// The bodies.
    pub body: CartPoleBody,
    /// Their state after the last step.
    pub state: CartPoleState,
    /// Control steps this episode.
    pub steps: u32,
    /// Whether the pole fell (or the cart left the rail) this episode.
    pub fallen: bool,
    /// The push of this step, once made.
    pub pushed: Option<bool>,
    /// The last push this episode (a brain pushes once a window, not every step).
    pub last_push: Option<bool>,
    /// Who pushes.
    pub controller: CartPoleController,
    /// Start values are uniform in `±start_spread`.
    pub start_spread: f64,
    /// The starts' and the random controller's stream.
    pub rng: ChaCha8Rng,
    /// An action file being replayed (`--actions`), and the states it led through.
    pub replay: Option<Replay>,
    /// The Q-learner, when the controller is `QLearning`.
    pub learner: Option<QLearner>,
    /// The active-inference agent, when the controller is `ActiveInference`.
    pub agent: Option<ActiveInference>,
    /// Whether a learning controller learns and explores (off: `--eval`, learning off).
    pub learning: bool,
}

impl CartPoleWorld {
    /// A world as `spec` sets it, its first start drawn from `seed`.
    pub fn new(
        spec: &CartPoleSpec,
        seed: u64,
        replay: Option<Replay>,
    ) -> Result<Self, EnergyError> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let agent = match &spec.controller {
            CartPoleController::ActiveInference(agent) => {
                Some(ActiveInference::new(agent, rng.random())?)
            }
            _ => None,
        };
        let state = random_start(&mut rng, spec.start_spread);
        let mut world = Self {
            body: CartPoleBody::new(spec.params, spec.substeps, state),
            state,
            steps: 0,
            fallen: false,
            pushed: None,
            last_push: None,
            controller: spec.controller.clone(),
            start_spread: spec.start_spread,
            rng,
            replay,
            learner: match spec.controller {
                CartPoleController::QLearning(q) => Some(QLearner::new(q)),
                _ => None,
            },
            agent,
            learning: spec.learning,
        };
        if let Some(replay) = &mut world.replay {
            replay.record(None, state);
        }
        Ok(world)
    }

    /// Whether the episode is over: the pole fell, the step limit, or the replay's end.
    pub fn done(&self) -> bool {
        match &self.replay {
            Some(replay) => replay.finished(),
            None => self.fallen || self.steps >= self.body.params().max_steps,
        }
    }

    /// One control step: the push `given` from outside (by hand, or a brain's choice) if any,
    /// else the controller's (or the replay's), the physics, the new state; an error if the
    /// world model's relaxation failed.
    pub fn step(&mut self, given: Option<bool>) -> Result<(), EnergyError> {
        let params = *self.body.params();
        let push_right = match (&mut self.replay, &mut self.learner, &mut self.agent) {
            (Some(replay), _, _) => replay.next_action().unwrap_or(false),
            (None, _, agent) if given.is_some() => {
                let push = given.unwrap_or(false);
                if let Some(agent) = agent {
                    agent.pushed_by_hand(&self.state, push);
                }
                push
            }
            (None, Some(learner), _) => learner.choose(&self.state, self.learning, &mut self.rng),
            (None, None, Some(agent)) => agent.decide(&self.state, &params, &mut self.rng)?,
            (None, None, None) => match self.controller {
                CartPoleController::Fixed(right) => right,
                _ => self.rng.random_bool(0.5),
            },
        };
        self.body.step(push_right);
        self.state = self.body.state();
        self.steps += 1;
        self.fallen |= self.body.params().fallen(&self.state);
        if let (Some(learner), true) = (&mut self.learner, self.learning) {
            learner.learn(&self.state, self.fallen);
        }
        if let Some(agent) = &mut self.agent {
            agent.observe(&self.state, self.learning, &mut self.rng)?;
        }
        self.pushed = Some(push_right);
        self.last_push = Some(push_right);
        if let Some(replay) = &mut self.replay {
            replay.record(Some(push_right), self.state);
        }
        Ok(())
    }

    /// A new episode from a new random start.
    pub fn restart(&mut self) {
        if let Some(learner) = &mut self.learner {
            learner.end_episode();
        }
        if let Some(agent) = &mut self.agent {
            agent.restart();
        }
        self.state = random_start(&mut self.rng, self.start_spread);
        self.body.set_state(self.state);
        self.steps = 0;
        self.fallen = false;
        self.pushed = None;
        self.last_push = None;
    }

    /// What a checkpoint keeps.
    pub fn to_saved(&self) -> SavedCartPole {
        SavedCartPole {
            state: self.state,
            steps: self.steps,
            fallen: self.fallen,
            rng: self.rng.clone(),
            bodies: self.body.snapshot(),
            learner: self.learner.clone(),
            agent: self.agent.as_ref().map(ActiveInference::to_saved),
        }
    }

    /// Puts a saved world back; an error if the saved network does not fit.
    pub fn restore(&mut self, saved: SavedCartPole) -> Result<(), EnergyError> {
        self.state = saved.state;
        if !self.body.restore_snapshot(&saved.bodies) {
            self.body.set_state(saved.state);
        }
        self.steps = saved.steps;
        self.fallen = saved.fallen;
        self.rng = saved.rng;
        if saved.learner.is_some() {
            self.learner = saved.learner;
        }
        if let (Some(agent), Some(saved)) = (&mut self.agent, saved.agent) {
            agent.restore(saved)?;
        }
        Ok(())
    }
}

/// A start with every value uniform in `±spread`, as Gymnasium's reset draws it.
fn random_start(rng: &mut ChaCha8Rng, spread: f64) -> CartPoleState {
    let mut draw = || {
        if spread > 0.0 {
            rng.random_range(-spread..spread)
        } else {
            0.0
        }
    };
    CartPoleState {
        x: draw(),
        x_dot: draw(),
        theta: draw(),
        theta_dot: draw(),
    }
}
