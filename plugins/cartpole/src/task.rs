//! CartPole as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(CartPole((…)))` ([`CartPoleSpec`]).
//! - Unit of training: the episode; outcome: its length (`cartpole/length`, the return),
//!   success when it lasted to the step limit.
//! - `--actions FILE` ([`ActionReplay`]): one episode replaying the file, its states written to
//!   a CSV table.
//! - Best checkpoint: the highest 20-episode mean length. Controls: the untrained brain, random
//!   pushes, one push always, tabular Q-learning.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use neurarium_tasks::episodic::best::best_mean_return;
use rand::RngCore;

use crate::brain::{CartPoleBrain, sense_box};
use crate::columns;
use crate::qlearning::QLearningSpec;
use crate::replay::{ActionReplay, Replay};
use crate::spec::{CartPoleController, CartPoleSpec};
use crate::systems::{push, record, remember_episode, restart, score};
use crate::world::CartPoleWorld;

/// CartPole-v1 in avian2d's dynamics.
pub struct CartPoleTask;

impl Task for CartPoleTask {
    const NAME: &'static str = "CartPole";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = CartPoleSpec;

    fn validate(spec: &CartPoleSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        let p = &spec.params;
        for (field, value) in [
            ("params.gravity", p.gravity),
            ("params.cart_mass", p.cart_mass),
            ("params.pole_mass", p.pole_mass),
            ("params.half_length", p.half_length),
            ("params.tau", p.tau),
            ("params.x_limit", p.x_limit),
            ("params.theta_limit", p.theta_limit),
        ] {
            InvalidParam::check(value > 0.0 && value.is_finite(), field, || {
                format!("must be a positive number, got {value}")
            })?;
        }
        InvalidParam::check(spec.substeps >= 1, "substeps", || {
            "must be at least 1".to_owned()
        })?;
        InvalidParam::check(spec.start_spread >= 0.0, "start_spread", || {
            format!("must not be negative, got {}", spec.start_spread)
        })?;
        match &spec.controller {
            CartPoleController::QLearning(q) => q
                .state_bins()
                .check()
                .map_err(|e| e.within("controller.QLearning")),
            CartPoleController::Brain(brain) => {
                brain.check(ports).map_err(|e| e.within("controller.Brain"))
            }
            _ => Ok(()),
        }
    }

    fn spawn(world: &mut World, spec: &CartPoleSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let seed = world.resource_mut::<SimRng>().0.next_u64();
        let replay = world.get_resource::<ActionReplay>().map(Replay::new);
        let brain = match &spec.controller {
            CartPoleController::Brain(brain) => Some(CartPoleBrain::resolve(world, brain)?),
            _ => None,
        };
        let mut cart = world.spawn((
            SceneEntity,
            Name::new("cart pole"),
            CartPoleWorld::new(spec, seed, replay)
                .map_err(|e| InvalidParam::new("controller", e.to_string()))?,
        ));
        if let Some(brain) = brain {
            cart.insert(brain);
        }
        schedule_once(
            world,
            "cartpole",
            (
                sense_box.in_set(SimSet::Sense),
                push.in_set(ActSet::Control),
                score.in_set(RewardSet::Score),
                record.in_set(RecordSet::Task),
                (remember_episode, restart)
                    .chain()
                    .run_if(episode_ends)
                    .in_set(RecordSet::EpisodeEnd),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::LENGTH,
            success: Some(|row| row.get(&columns::SURVIVED) == Some(1.0)),
            success_means: "lasted 500 steps",
        }
    }

    /// Learning off already freezes the brains; a learning controller stops learning and
    /// exploring too, and acts greedily (the evaluation episodes).
    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        let mut worlds = world.query::<&mut CartPoleWorld>();
        for mut cart in worlds.iter_mut(world) {
            cart.learning = false;
        }
        Ok(Some(
            "episodes from random starts, learning and exploring off".to_owned(),
        ))
    }

    /// The untrained controller (learning off), random pushes, one push always, and the
    /// model-free baseline (tabular Q-learning with its classic settings, learning from the same
    /// episodes), in the controller's place.
    fn controls() -> Vec<Control<CartPoleSpec>> {
        vec![
            Control {
                edit: Some(|spec| spec.learning = false),
                ..Control::UNTRAINED
            },
            Control {
                name: "random",
                description: "each push left or right with equal chance",
                learning_off: false,
                trains: false,
                edit: Some(|spec| spec.controller = CartPoleController::Random),
            },
            Control {
                name: "fixed right",
                description: "always a push right",
                learning_off: false,
                trains: false,
                edit: Some(|spec| spec.controller = CartPoleController::Fixed(true)),
            },
            Control {
                name: "q-learning",
                description: "tabular Q-learning on a discretised state (the classic recipe), from the same episodes",
                learning_off: false,
                trains: true,
                edit: Some(|spec| {
                    spec.controller = CartPoleController::QLearning(QLearningSpec::default());
                }),
            },
        ]
    }

    fn best(rows: &UnitRows) -> Option<BestScore> {
        best_mean_return(rows, &columns::LENGTH, None)
    }
}
