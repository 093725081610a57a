//! [`TasksPlugin`]: the task worlds' systems and checkpoint sections.

use bevy::prelude::*;
use neurarium_sim::prelude::*;

use neurarium_spiking::decoder::decode_spikes;
use neurarium_spiking::prelude::LearningRate;

use crate::car::brain::{reward_to_dopamine, sense_rays, steer_by_motor_pools};
use crate::car::curriculum::advance_curriculum;
use crate::car::history::{CarHistory, remember_episodes};
use crate::car::manual::{ManualDrive, drive_manually};
use crate::car::rate_schedule::set_learning_rate;
use crate::car::systems::{
    apply_fixed_controllers, drive_cars, episode_ends, record_cars, restart_cars, reward_cars,
};

/// The task worlds. Add it after `SimPlugin` (and after the plugins whose checkpoint sections
/// should be restored first). A scene's task is spawned by
/// [`spawn_task`](crate::car::spawn::spawn_task).
///
/// Systems in [`SimStep`], added when a car is first spawned ([`schedule_car_systems`]):
/// `Act` fixed controllers and manual drive ([`ManualDrive`]), `Physics` the car, `Reward`
/// its reward and episode end, `Record` its metrics and, on an episode's last step only
/// ([`episode_ends`]), the episode's outcome ([`CarHistory`]), the curriculum
/// ([`advance_curriculum`]), the learning rate for the next episode ([`set_learning_rate`])
/// and the reset ([`restart_cars`]).
/// Checkpoint section: `car`.
pub struct TasksPlugin;

impl Plugin for TasksPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<CarHistory>()
            .init_resource::<LearningRate>()
            .init_resource::<ManualDrive>()
            .register_checkpoint_section(
                crate::car::checkpoint::SECTION,
                crate::car::checkpoint::save,
                crate::car::checkpoint::load,
            );
    }
}

/// Adds the systems that let a spiking brain drive the car (once; see
/// [`crate::car::brain`]).
pub fn schedule_brain_systems(world: &mut World) {
    schedule_once(
        world,
        "car brain",
        (
            sense_rays.in_set(SimSet::Sense),
            steer_by_motor_pools
                .after(decode_spikes)
                .after(apply_fixed_controllers)
                .before(drive_manually)
                .in_set(SimSet::Act),
            reward_to_dopamine.after(reward_cars).in_set(SimSet::Reward),
        ),
    );
}

/// Adds the car's systems to [`SimStep`] (once; see [`schedule_once`]).
pub fn schedule_car_systems(world: &mut World) {
    schedule_once(
        world,
        "car",
        (
            (apply_fixed_controllers, drive_manually)
                .chain()
                .in_set(SimSet::Act),
            drive_cars.in_set(SimSet::Physics),
            reward_cars.in_set(SimSet::Reward),
            (
                record_cars,
                (
                    remember_episodes,
                    advance_curriculum,
                    set_learning_rate,
                    restart_cars,
                )
                    .chain()
                    .run_if(episode_ends),
            )
                .chain()
                .in_set(SimSet::Record),
        ),
    );
}
