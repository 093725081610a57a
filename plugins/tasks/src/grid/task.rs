//! The grid world as a [`Task`]: what the rest of the app knows of it.
//!
//! - Section: `task: Some(Grid((…)))` ([`GridTaskSpec`]); its brain's ports are checked.
//! - Unit of training: the episode; outcome: its return (`grid/return`), success when the
//!   agent reached the goal.
//! - `--eval`: one episode from every free cell, in row order (run as many episodes as there
//!   are free cells), to the map's goal even when the scene moves it; `grid/moves` against
//!   `grid/shortest` is the path's length against the shortest.
//! - Best checkpoint: the highest 20-episode mean return.
//! - Controls: the untrained brain.

use bevy::prelude::*;
use neurarium_sim::prelude::*;
use rand::RngCore;

use super::agent::Agent;
use super::columns;
use super::moved_goal::GoalSchedule;
use super::spec::GridTaskSpec;
use super::systems::{
    GridPorts, GridWorld, record, remember_episode, restart, score, sense_place, walk,
};
use crate::episodic::best::best_mean_return;
use crate::episodic::rate_schedule::{set_learning_rate_by_episode, start_learning_rate_schedule};

/// The grid world.
pub struct GridTask;

impl Task for GridTask {
    const NAME: &'static str = "Grid";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = columns::ALL;
    type Spec = GridTaskSpec;

    fn validate(spec: &GridTaskSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        spec.validate(ports)
    }

    fn spawn(world: &mut World, spec: &GridTaskSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let map = spec.parse_map()?;
        let ports = match &spec.brain {
            Some(brain) => Some(GridPorts {
                place: require_input(world, "brain.place", &brain.place)?,
                motor: require_output(world, "brain.motor", &brain.motor)?,
            }),
            None => None,
        };
        let seed = world.resource_mut::<SimRng>().0.next_u64();
        let agent = Agent::new(&map, spec.starts, spec.move_limit(&map), seed);
        let schedule = spec
            .moved_goal
            .map(|moved| GoalSchedule::new(&map, moved))
            .transpose()?;
        let grid = GridWorld {
            map,
            rewards: spec.reward,
            schedule,
            home_only: false,
        };
        let mut entity = world.spawn((SceneEntity, agent, grid));
        if let Some(ports) = ports {
            entity.insert(ports);
        }
        let entity = entity.id();
        start_learning_rate_schedule(world, entity, spec.learning_rate);
        schedule_once(
            world,
            "grid",
            (
                sense_place.in_set(SimSet::Sense),
                walk.in_set(ActSet::Control),
                score.in_set(RewardSet::Score),
                record.in_set(RecordSet::Task),
                (remember_episode, set_learning_rate_by_episode, restart)
                    .chain()
                    .run_if(episode_ends)
                    .in_set(RecordSet::EpisodeEnd),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: columns::RETURN,
            success: Some(|row| row.get(&columns::REACHED) == Some(1.0)),
            success_means: "reached the goal",
        }
    }

    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        let mut free = 0;
        for (mut agent, mut grid) in world
            .query::<(&mut Agent, &mut GridWorld)>()
            .iter_mut(world)
        {
            grid.keep_goal_home(&mut agent);
            agent.start_each_cell_in_order(&grid.map);
            free = grid.map.free_cells().len();
        }
        Ok(Some(format!(
            "one episode from each of the {free} free cells in row order (run {free} episodes)"
        )))
    }

    fn best(rows: &UnitRows) -> Option<BestScore> {
        best_mean_return(rows, &columns::RETURN, None)
    }
}
