//! The car as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(Car((…)))` ([`CarTaskSpec`]); its brain link is checked against the
//!   brains' ports.
//! - Unit of training: the episode; outcome: the episode's return (`car/return`), success when
//!   the car finished without a crash.
//! - `--eval`: the curriculum's last track, from the start of an episode.
//! - Best checkpoint: the highest 20-episode mean return in the newest curriculum phase
//!   ([`crate::episodic::best`]).
//! - Controls: the untrained brain, and fixed steering left, straight and right.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use super::brain::{send_rewards, sense_rays, steer_by_motor_pools};
use super::columns;
use super::control::Controller;
use super::curriculum::{advance_curriculum, start_final_phase};
use super::manual::drive_manually;
use super::spawn::spawn_car_world;
use super::spec::CarTaskSpec;
use super::systems::{
    apply_fixed_controllers, drive_cars, record_cars, remember_episodes, restart_cars, reward_cars,
};
use crate::episodic::best::best_mean_return;
use crate::episodic::rate_schedule::set_learning_rate;

/// The car on its track.
pub struct CarTask;

/// A fixed-steering control: no brain, learning off.
const fn fixed(
    name: &'static str,
    description: &'static str,
    edit: fn(&mut CarTaskSpec),
) -> Control<CarTaskSpec> {
    Control {
        name,
        description,
        learning_off: true,
        trains: false,
        edit: Some(edit),
    }
}

impl Task for CarTask {
    const NAME: &'static str = "Car";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = CarTaskSpec;

    fn validate(spec: &CarTaskSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate()?;
        if let Some(brain) = &spec.brain {
            brain
                .check(ports, spec.sensors.angles_rad().len(), spec.controller)
                .map_err(|e| e.within("brain"))?;
        }
        Ok(())
    }

    fn spawn(world: &mut World, spec: &CarTaskSpec, dt_ms: f64) -> Result<(), InvalidParam> {
        spawn_car_world(world, spec, dt_ms).map(|_| ())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::RETURN,
            success: Some(|row| {
                row.get(&columns::FINISHED) == Some(1.0) && row.get(&columns::CRASHED) == Some(0.0)
            }),
            success_means: "finished without a crash",
        }
    }

    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        Ok(start_final_phase(world).map(|(phase, phases)| {
            format!(
                "driving the curriculum's last track (phase {} of {phases}) from the start",
                phase + 1
            )
        }))
    }

    fn best(rows: &UnitRows) -> Option<BestScore> {
        best_mean_return(rows, &columns::RETURN, Some(&columns::PHASE))
    }

    fn controls() -> Vec<Control<CarTaskSpec>> {
        vec![
            Control::UNTRAINED,
            fixed("fixed left", "no brain: always full left", |car| {
                car.brain = None;
                car.controller = Controller::Left;
            }),
            fixed("fixed straight", "no brain: always straight ahead", |car| {
                car.brain = None;
                car.controller = Controller::Straight;
            }),
            fixed("fixed right", "no brain: always full right", |car| {
                car.brain = None;
                car.controller = Controller::Right;
            }),
        ]
    }
}

/// Adds the car world's systems to the step (once per scene): `Act` fixed controllers and
/// manual drive, `Physics` the car, `Reward` its reward and episode end, `Record` its columns
/// and, on an episode's last step only ([`episode_ends`]), the episode's outcome, the
/// curriculum, the learning rate for the next episode and the reset.
pub fn schedule_car_systems(world: &mut World) {
    schedule_once(
        world,
        "car",
        (
            (apply_fixed_controllers, drive_manually)
                .chain()
                .in_set(ActSet::Control),
            drive_cars.in_set(SimSet::Physics),
            reward_cars.in_set(RewardSet::Score),
            record_cars.in_set(RecordSet::Task),
            (
                remember_episodes,
                advance_curriculum,
                set_learning_rate,
                restart_cars,
            )
                .chain()
                .run_if(episode_ends)
                .in_set(RecordSet::EpisodeEnd),
        ),
    );
}

/// Adds the systems through which a brain drives the car (once per scene; see
/// [`super::brain`]).
pub fn schedule_brain_systems(world: &mut World) {
    schedule_once(
        world,
        "car brain",
        (
            sense_rays.in_set(SimSet::Sense),
            steer_by_motor_pools
                .after(apply_fixed_controllers)
                .before(drive_manually)
                .in_set(ActSet::Control),
            send_rewards.after(reward_cars).in_set(RewardSet::Score),
        ),
    );
}
