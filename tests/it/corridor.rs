//! An example task, written for the tests to prove the task protocol: an agent walks a corridor
//! of `length` cells towards the goal in its last cell. Everything it is lives in this file;
//! [`CorridorPlugin`] is its one registration line.
//!
//! Each step the agent's cell goes to the brain's input port `brain.position` (one value, the
//! cell index) in `Sense`; when the output port `brain.moves` renews its choice, the agent
//! steps left (choice 0) or right (choice 1), costing 0.1; reaching the goal earns 1 and ends
//! the episode, as does running out of `max_moves`. `--eval` starts every episode from cell 0.

use bevy::prelude::*;
use neurarium_sim::checkpoint::{CheckpointError, decode, encode};
use neurarium_sim::prelude::*;
use neurarium_tasks::episodic::best::best_mean_return;
use serde::{Deserialize, Serialize};

/// The corridor, as a scene gives it: `task: Some(Corridor((length: 8)))`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CorridorSpec {
    /// Cells, at least 2; the goal is the last.
    pub length: u32,
    /// The cell every episode starts in.
    pub start: u32,
    /// Moves after which an episode ends without the goal.
    pub max_moves: u32,
    /// The brain's ports: `(position, moves)`.
    pub brain: (String, String),
}

impl Default for CorridorSpec {
    fn default() -> Self {
        Self {
            length: 8,
            start: 2,
            max_moves: 20,
            brain: ("position".to_owned(), "moves".to_owned()),
        }
    }
}

/// Where the agent is. Saved in the `corridor` checkpoint section.
#[derive(Component, Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Walker {
    cell: u32,
    moves: u32,
    episode_return: f64,
    reached: bool,
    stepped: bool,
    start: u32,
    length: u32,
    max_moves: u32,
}

/// The walker's ports, found at spawn.
#[derive(Component, Debug, Clone, Copy)]
struct Ports {
    position: Entity,
    moves: Entity,
}

const CELL: Column = Column {
    name: "corridor/cell",
    unit: "1",
    description: "the agent's cell",
};
const MOVES: Column = Column {
    name: "corridor/moves",
    unit: "1",
    description: "moves this episode",
};
const RETURN: Column = Column {
    name: "corridor/return",
    unit: "",
    description: "sum of the rewards this episode",
};
const REACHED: Column = Column {
    name: "corridor/reached",
    unit: "1",
    description: "1 once the agent reached the goal this episode",
};

/// The corridor task.
pub struct Corridor;

impl Task for Corridor {
    const NAME: &'static str = "Corridor";
    const UNIT: TrainingUnit = TrainingUnit::Episode;
    const COLUMNS: &'static [Column] = &[CELL, MOVES, RETURN, REACHED];
    type Spec = CorridorSpec;

    fn validate(spec: &CorridorSpec, ports: &BrainPorts) -> Result<(), InvalidParam> {
        InvalidParam::check(spec.length >= 2, "length", || {
            format!("must be at least 2, got {}", spec.length)
        })?;
        InvalidParam::check(spec.start < spec.length, "start", || {
            format!("must be a cell of the corridor (0 to {})", spec.length - 1)
        })?;
        let position = ports
            .input(&spec.brain.0)
            .map_err(|message| InvalidParam::new("brain", message))?;
        InvalidParam::check(position.width == 1, "brain", || {
            format!("input port '{}' must take one value", spec.brain.0)
        })?;
        let moves = ports
            .output(&spec.brain.1)
            .map_err(|message| InvalidParam::new("brain", message))?;
        InvalidParam::check(moves.choices == Some(2), "brain", || {
            format!("output port '{}' must choose left or right", spec.brain.1)
        })
    }

    fn spawn(world: &mut World, spec: &CorridorSpec, _dt_ms: f64) -> Result<(), InvalidParam> {
        let missing = |name: &str| InvalidParam::new("brain", format!("no port '{name}'"));
        let ports = Ports {
            position: find_input(world, &spec.brain.0).ok_or_else(|| missing(&spec.brain.0))?,
            moves: find_output(world, &spec.brain.1).ok_or_else(|| missing(&spec.brain.1))?,
        };
        world.spawn((
            SceneEntity,
            ports,
            Walker {
                cell: spec.start,
                moves: 0,
                episode_return: 0.0,
                reached: false,
                stepped: false,
                start: spec.start,
                length: spec.length,
                max_moves: spec.max_moves,
            },
        ));
        schedule_once(
            world,
            "corridor",
            (
                sense.in_set(SimSet::Sense),
                walk.in_set(ActSet::Control),
                score.in_set(RewardSet::Score),
                record.in_set(RecordSet::Task),
                restart
                    .run_if(|e: Res<Episodes>| e.ends_this_step())
                    .in_set(RecordSet::EpisodeEnd),
            ),
        );
        Ok(())
    }

    fn outcome() -> Outcome {
        Outcome {
            score: RETURN,
            success: Some(|row| row.get(&REACHED) == Some(1.0)),
            success_means: "reached the goal",
        }
    }

    fn evaluate(world: &mut World) -> Result<Option<String>, InvalidParam> {
        refuse_eval_data(world, Self::NAME)?;
        for mut walker in world.query::<&mut Walker>().iter_mut(world) {
            walker.start = 0;
            walker.cell = 0;
        }
        Ok(Some("every episode from cell 0".to_owned()))
    }

    fn best(rows: &UnitRows) -> Option<BestScore> {
        best_mean_return(rows, &RETURN, None)
    }
}

/// `Sense`: the agent's cell into the position port.
fn sense(walkers: Query<(&Walker, &Ports)>, mut inputs: Query<&mut InputPort>) {
    for (walker, ports) in &walkers {
        if let Ok(mut port) = inputs.get_mut(ports.position) {
            port.values[0] = walker.cell as f32;
        }
    }
}

/// `Act`: a step where the moves port chose one.
fn walk(mut walkers: Query<(&mut Walker, &Ports)>, outputs: Query<&OutputPort>) {
    for (mut walker, ports) in &mut walkers {
        walker.stepped = false;
        let Ok(port) = outputs.get(ports.moves) else {
            continue;
        };
        if let (true, Some(choice), false) = (port.ready, port.choice, walker.reached) {
            walker.cell = match choice {
                0 => walker.cell.saturating_sub(1),
                _ => (walker.cell + 1).min(walker.length - 1),
            };
            walker.moves += 1;
            walker.reached = walker.cell == walker.length - 1;
            walker.stepped = true;
        }
    }
}

/// `Reward`: −0.1 a move, +1 at the goal, to the brains; the goal or the last move ends the
/// episode.
fn score(
    mut walkers: Query<&mut Walker>,
    mut rewards: ResMut<Rewards>,
    mut episodes: ResMut<Episodes>,
) {
    for mut walker in &mut walkers {
        if !walker.stepped {
            continue;
        }
        let reward = if walker.reached { 1.0 } else { -0.1 };
        walker.episode_return += f64::from(reward);
        rewards.send(reward);
        if walker.reached || walker.moves >= walker.max_moves {
            episodes.request_end();
        }
    }
}

/// `Record`: the corridor's columns.
fn record(walkers: Query<&Walker>, mut metrics: ResMut<Metrics>) {
    for walker in &walkers {
        metrics.set(&CELL, f64::from(walker.cell));
        metrics.set(&MOVES, f64::from(walker.moves));
        metrics.set(&RETURN, walker.episode_return);
        metrics.set(&REACHED, f64::from(u8::from(walker.reached)));
    }
}

/// `Record` (episode end): back to the start.
fn restart(mut walkers: Query<&mut Walker>) {
    for mut walker in &mut walkers {
        walker.cell = walker.start;
        walker.moves = 0;
        walker.episode_return = 0.0;
        walker.reached = false;
    }
}

fn save(world: &World) -> Result<Vec<u8>, CheckpointError> {
    let walker = world
        .try_query::<&Walker>()
        .and_then(|mut walkers| walkers.iter(world).next().cloned());
    encode("corridor", &walker)
}

fn load(world: &mut World, bytes: &[u8]) -> Result<(), CheckpointError> {
    let saved: Option<Walker> = decode("corridor", bytes)?;
    if let (Some(saved), Some(mut walker)) =
        (saved, world.query::<&mut Walker>().iter_mut(world).next())
    {
        *walker = saved;
    }
    Ok(())
}

/// The corridor's one registration line: `app.add_plugins(CorridorPlugin)`.
pub struct CorridorPlugin;

impl Plugin for CorridorPlugin {
    fn build(&self, app: &mut App) {
        app.register_task::<Corridor>()
            .register_checkpoint_section("corridor", save, load);
        app.world_mut().register_component::<Walker>();
    }
}
